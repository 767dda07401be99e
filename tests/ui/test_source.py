"""The UI reads records and originals from a results folder or from the storage areas."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from claim_intake.cli import app as cli
from claim_intake.ui.app import create_app
from tests.ui.conftest import TODAY

from claim_intake.pipeline import load_results
from claim_intake.ui.source import FolderSource, StorageSource
from tests.s3server import BACKENDS, s3_server, storage, storage_env, upload  # noqa: F401 (fixtures)

both_backends = pytest.mark.parametrize("storage_env", BACKENDS, indirect=True)


def test_folder_source_reads_records_and_keeps_corrections_apart(fresh_out):
    out, inbox = fresh_out
    source = FolderSource(out, inbox)
    ids = source.claim_ids()
    assert "triage.json" not in ids and ids == sorted(r.claim_id for r in load_results(out))
    source.write_corrections("c013_no_gp", "[]\n")
    assert (out / "c013_no_gp.corrections.json").read_text() == "[]\n"
    assert source.claim_ids() == ids and len(source.results()) == len(ids)
    assert source.original("c013_no_gp", "faktura_10357.pdf") == inbox / "c013_no_gp" / "faktura_10357.pdf"
    assert source.original("c013_no_gp", "claim.expected.json") is None
    assert source.original("c013_no_gp", "../c032_da_gp/payment_da.pdf") is None
    assert source.original("../etc", "passwd") is None and source.result("../c013_no_gp") is None
    assert FolderSource(out).original("c013_no_gp", "faktura_10357.pdf") is None  # no inbox given
    (out / "c999_broken.json").write_text("{not json")
    assert "c999_broken" not in {r.claim_id for r in source.results()}  # a broken record is skipped, not fatal


@both_backends
def test_storage_source_reads_the_results_area_and_originals(storage, ui_data, tmp_path):
    out, inbox = ui_data
    for claim_id in ("c013_no_gp", "c032_da_gp"):
        storage.write_result(claim_id, (out / f"{claim_id}.json").read_text(encoding="utf-8"))
    original = inbox / "c013_no_gp" / "faktura_10357.pdf"
    storage.keep_original("c013_no_gp", "faktura_10357.pdf", original)
    upload(storage, "c032_da_gp", "payment_da.pdf", (inbox / "c032_da_gp" / "payment_da.pdf").read_bytes())
    source = StorageSource(storage, cache_dir=tmp_path / "cache")
    assert source.claim_ids() == ["c013_no_gp", "c032_da_gp"]
    assert [r.claim_id for r in source.results()] == ["c013_no_gp", "c032_da_gp"]
    kept = source.original("c013_no_gp", "faktura_10357.pdf")
    assert kept is not None and kept.read_bytes() == original.read_bytes()
    from_intake = source.original("c032_da_gp", "payment_da.pdf")  # not kept yet: read from intake
    assert from_intake is not None and from_intake.read_bytes() == (inbox / "c032_da_gp" / "payment_da.pdf").read_bytes()
    assert source.original("c032_da_gp", "missing.pdf") is None
    source.write_corrections("c013_no_gp", "[]\n")
    assert source.read_corrections("c013_no_gp") == "[]\n"
    assert source.read_corrections("c032_da_gp") is None
    assert source.claim_ids() == ["c013_no_gp", "c032_da_gp"]  # corrections are no claim record
    assert storage.read_result("c013_no_gp") == (out / "c013_no_gp.json").read_text(encoding="utf-8")
    client = TestClient(create_app(source, today=TODAY), base_url="http://127.0.0.1")
    rows = re.findall(r'class="claim-row" data-claim="([^"]+)"', client.get("/").text)
    assert rows == ["c032_da_gp", "c013_no_gp"]  # incomplete first
    image = client.get("/claim/c013_no_gp/doc/0/page/1.jpg")
    assert image.status_code == 200 and image.content[:3] == b"\xff\xd8\xff"


def test_ui_command_serves_the_folder_and_refuses_a_public_host_without_token(ui_data, monkeypatch):
    import uvicorn

    out, inbox = ui_data
    started = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.update(app=app, **kw))
    monkeypatch.delenv("CLAIM_INTAKE_UI_TOKEN", raising=False)
    run = CliRunner().invoke(cli, ["ui", str(out), "--inbox", str(inbox), "--port", "8799"])
    assert run.exit_code == 0, run.output
    assert started["host"] == "127.0.0.1" and started["port"] == 8799
    page = TestClient(started["app"], base_url="http://127.0.0.1").get("/claim/c013_no_gp")
    assert page.status_code == 200 and "page-img" in page.text
    started.clear()
    run = CliRunner().invoke(cli, ["ui", str(out), "--host", "0.0.0.0"])
    assert run.exit_code == 2 and not started and "CLAIM_INTAKE_UI_TOKEN" in run.output
    monkeypatch.setenv("CLAIM_INTAKE_UI_TOKEN", "t0ken")
    run = CliRunner().invoke(cli, ["ui", str(out), "--host", "0.0.0.0"])
    assert run.exit_code == 0 and started["host"] == "0.0.0.0"
    assert TestClient(started["app"], base_url="http://claims.example").get("/").status_code == 401


def test_queue_is_kept_between_requests_and_reads_only_changed_records(fresh_out):
    """Paging through the queue must not parse every record on every view: the second
    request parses nothing, a rewritten record is parsed again and moves in the queue,
    a new record joins it and a removed one leaves it."""
    import os

    from claim_intake.model import ClaimStatus
    from claim_intake.ui.app import QueueCache

    out, inbox = fresh_out
    source = FolderSource(out, inbox)
    parsed = []
    real = source.result

    def counting(claim_id):
        parsed.append(claim_id)
        return real(claim_id)

    source.result = counting
    queue = QueueCache(source)
    first = [r.entry.claim_id for r in queue.rows()]
    assert sorted(first) == source.claim_ids() and len(parsed) == len(first)
    parsed.clear()
    assert [r.entry.claim_id for r in queue.rows()] == first and parsed == []

    ready = next(r for r in queue.rows() if r.entry.status == ClaimStatus.ready).entry.claim_id
    record = out / f"{ready}.json"
    changed = real(ready).model_copy(update={"status": ClaimStatus.incomplete})
    record.write_text(changed.model_dump_json())
    st = record.stat()
    os.utime(record, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    rows = queue.rows()
    assert parsed == [ready]
    assert next(r for r in rows if r.entry.claim_id == ready).entry.status == ClaimStatus.incomplete
    assert [r.entry.status for r in rows] == sorted((r.entry.status for r in rows),
                                                    key=["incomplete", "needs_review", "ready"].index)
    (out / f"{first[0]}.json").unlink()
    assert first[0] not in [r.entry.claim_id for r in queue.rows()]


def test_claim_page_links_to_its_neighbours_in_queue_order(fresh_out):
    out, inbox = fresh_out
    client = TestClient(create_app(FolderSource(out, inbox), today=TODAY), base_url="http://127.0.0.1:8765")
    from claim_intake.ui.app import QueueCache

    order = [r.entry.claim_id for r in QueueCache(FolderSource(out, inbox)).rows()]
    html = client.get(f"/claim/{order[1]}").text
    assert f'/claim/{order[0]}"' in html and f'/claim/{order[2]}"' in html
