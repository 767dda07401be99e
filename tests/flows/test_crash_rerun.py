"""Kill a batch in the middle (SIGKILL), run it again: one whole result per claim, no OCR repeated."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from claim_intake import pipeline
from flows.mailroom import run_mailroom
from tests.conftest import render_page, write_image_pdf
from tests.flows.test_mailroom import RECEIVED

CLAIMS = 16  # enough pages that reading outlasts Prefect's start-up, so the kill lands mid-batch


def _inbox(root: Path, invoice_lines) -> Path:
    box = root / "inbox"
    for n in range(CLAIMS):
        claim = box / f"c{n}"
        claim.mkdir(parents=True)
        write_image_pdf(claim / "scan.pdf", [render_page(invoice_lines + [f"Claim {n}"])])
    return box


def test_killed_batch_reruns_to_exactly_one_result_per_claim(tmp_path, invoice_lines, monkeypatch):
    box = _inbox(tmp_path, invoice_lines)
    out = tmp_path / "out"
    cache = out / ".cache"
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "claim_intake.cli", "process", str(box), "--out", str(out),
                             "--received", RECEIVED.isoformat(), "--workers", "1"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 180
    while time.time() < deadline and len(list(cache.glob("read-*"))) < 2:
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    read_before = len(list(cache.glob("read-*")))
    assert 2 <= read_before < CLAIMS, "the kill should land mid-batch"

    reads = []
    real = pipeline.read_safely
    monkeypatch.setattr(pipeline, "read_safely", lambda *a, **k: reads.append(a[1]) or real(*a, **k))
    run_mailroom(box, out, RECEIVED, workers=2)

    assert len(reads) == CLAIMS - read_before  # finished documents were not read again
    results = sorted(p.name for p in out.iterdir() if p.is_file())
    assert results == sorted([f"c{n}.json" for n in range(CLAIMS)] + ["triage.json"])  # no temp leftovers
    for n in range(CLAIMS):
        data = json.loads((out / f"c{n}.json").read_text())
        assert data["claim_id"] == f"c{n}" and data["documents"][0]["total"] == "205.00"
    # The duplicate index lists every claim once, in a stable order, whatever the kill left.
    index = json.loads((out / "_index" / "documents.json").read_text())
    assert sorted(index["claims"]) == sorted(f"c{n}" for n in range(CLAIMS))
    assert sorted(index["claims"].values()) == list(range(CLAIMS))
    assert sorted(e["claim_id"] for e in index["documents"]) == sorted(f"c{n}" for n in range(CLAIMS))
