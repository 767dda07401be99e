"""The benchmark machinery on a tiny set: every run happens and every figure is sane."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_runs_every_row_on_a_tiny_set(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_THREAD_LIMIT="1")
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--claims", "1", "--pages", "2",
                           "--work", str(tmp_path / "work"), "--out", str(out)],
                          env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(out.read_text())
    runs = {r["name"]: r for r in results["runs"]}
    assert set(runs) == {"empty batch", "tesseract alone", "pipeline scans", "pipeline scans, reads cached",
                         "ocrmypdf", "pipeline born-digital"}
    scans = results["set"]["scan_pages"]
    assert scans >= 2 and results["set"]["digital_pages"] >= 1
    for name in ("tesseract alone", "pipeline scans", "ocrmypdf"):
        r = runs[name]
        assert r["ok"] and r["pages"] == scans, name
        assert 0 < r["seconds"] < 600 and r["pages_per_s"] > 0 and r["cpu_seconds"] > 0, name
        assert 20 < r["peak_rss_mb"] < 4096, name
    assert runs["tesseract alone"]["words"] > 50  # it really read the pages
    assert runs["pipeline scans"]["documents_ocr"] == runs["pipeline scans"]["documents"] > 0
    assert runs["pipeline born-digital"]["documents_ocr"] == 0  # a text layer is never OCRed
    # the rerun serves every read from the cache, so its CPU is everything but reading
    assert runs["pipeline scans"]["reads"] == runs["pipeline scans"]["documents"]
    cached = runs["pipeline scans, reads cached"]
    assert cached["ok"] and cached["reads"] == 0 and cached["documents"] == runs["pipeline scans"]["documents"]
    assert "cache" in cached["what"]
    split = results["cpu_split"]
    assert split["everything_but_reading_s"] == round(cached["cpu_seconds"], 2)
    assert split["reading_s"] == round(runs["pipeline scans"]["cpu_seconds"] - cached["cpu_seconds"], 2)
    alone = runs["tesseract alone"]["cpu_seconds"]
    assert abs(split["ceiling_cpu_ratio"] - alone / (alone + cached["cpu_seconds"])) < 0.01
    assert 0 < split["ceiling_cpu_ratio"] < 1
    assert 0 < runs["pipeline scans"]["first_read_s"] < runs["pipeline scans"]["seconds"]
    assert 0 < runs["pipeline born-digital"]["reading_s"] < runs["pipeline born-digital"]["seconds"]
    assert set(results["ratios"]) == {"pipeline_over_tesseract", "pipeline_over_ocrmypdf"}
    assert all(v > 0 for v in results["ratios"].values())
    assert [g["pages"] for g in results["growth"]] == [2]
    figures = [t["figure"] for t in results["targets"]]
    assert len(figures) == 7 and all(isinstance(t["met"], bool) for t in results["targets"])
    # the printed table names every run and every target
    for name in list(runs) + ["Targets", "Growth"]:
        assert name.split()[0] in proc.stdout
    assert results["machine"]["load_start"] >= 0 and results["machine"]["cpus"] >= 1
