import datetime as dt
import json
import logging

import jsonschema
import pytest

from claim_intake import pipeline
from claim_intake.schema import claim_schema
from claim_intake.storage import LocalStorage, MinioStorage, storage_from_env
from flows.nightly import NIGHTLY_CRON, NIGHTLY_TIMEZONE, STATE_KEY, load_state, nightly_deployment, nightly_intake
from tests.conftest import INVOICE_ES, write_text_pdf
from tests.s3server import BACKENDS, s3_server, storage, storage_env, upload  # noqa: F401 (fixtures)

RECEIVED = dt.date(2026, 11, 20)
BROKEN = b"%PDF-1.7\n1 0 obj garbage"
RECEIPT = ["RECIBO", "Clínica Dermatológica Costa del Sol", "Fecha de pago: 12/03/2026",
           "Pagado                       205,00 €"]


def _pdf(tmp_path, name, lines) -> bytes:
    return write_text_pdf(tmp_path / name, [lines]).read_bytes()


@pytest.fixture(autouse=True)
def fresh_document_cache(tmp_path):
    """Document results are cached by content hash: each test starts with an empty cache."""
    from prefect.settings import PREFECT_LOCAL_STORAGE_PATH, temporary_settings

    with temporary_settings(updates={PREFECT_LOCAL_STORAGE_PATH: tmp_path / "prefect-cache"}):
        yield


@pytest.fixture
def batch(storage, tmp_path):
    """Three envelopes uploaded to intake: a readable one, one with a corrupt file, a second readable one."""
    invoice = _pdf(tmp_path, "factura.pdf", INVOICE_ES)
    files = {
        ("c1", "factura.pdf"): invoice,
        ("c2", "broken.pdf"): BROKEN,
        ("c2", "factura.pdf"): _pdf(tmp_path, "factura2.pdf", INVOICE_ES[:3]),
        ("c3", "renamed copy.pdf"): invoice,  # the same file in another envelope
    }
    for (claim_id, name), data in files.items():
        upload(storage, claim_id, name, data)
    return files


class Spy:
    """Counts downloads and document reads without changing what they do."""

    def __init__(self, monkeypatch):
        self.downloads: list[tuple[str, str]] = []
        self.reads: list[str] = []
        for cls in (LocalStorage, MinioStorage):
            original = cls.open_original

            def spy(store, claim_id, name, into=None, _original=original):
                self.downloads.append((claim_id, name))
                return _original(store, claim_id, name, into)

            monkeypatch.setattr(cls, "open_original", spy)
        real = pipeline.read_safely

        def read(path, name, *args, **kwargs):
            self.reads.append(name)
            return real(path, name, *args, **kwargs)

        monkeypatch.setattr(pipeline, "read_safely", read)


def _result(store, claim_id):
    return json.loads(store.read_result(claim_id))


@pytest.mark.parametrize("storage_env", BACKENDS, indirect=True)
def test_nightly_processes_once_keeps_originals_quarantines_and_rechecks_changed_claims(
        storage, batch, tmp_path, monkeypatch, caplog):
    spy = Spy(monkeypatch)
    caplog.set_level(logging.INFO)
    summary = nightly_intake(received=RECEIVED)
    assert summary == {"processed": ["c1", "c2", "c3"], "skipped": [], "failed": [], "quarantined": ["c2"]}

    schema = claim_schema()
    results = {cid: _result(storage, cid) for cid in storage.list_results()}
    assert sorted(results) == ["c1", "c2", "c3"]
    for data in results.values():
        jsonschema.validate(data, schema)
        assert data["received_date"] == RECEIVED.isoformat()
    assert [d["file"] for d in results["c1"]["documents"]] == ["factura.pdf"]
    assert results["c1"]["documents"][0]["text_source"] == "text_layer"
    assert results["c3"]["documents"][0]["file"] == "renamed copy.pdf"
    assert "UNREADABLE_DOCUMENT" in {f["code"] for f in results["c2"]["findings"]}
    broken_doc = next(d for d in results["c2"]["documents"] if d["file"] == "broken.pdf")

    # Originals are byte-identical to what arrived.
    for (claim_id, name), data in batch.items():
        assert storage.read_kept(claim_id, name) == data
    # Only the unreadable file is in quarantine, with the reason the record gives.
    [bad] = storage.list_quarantine()
    assert (bad.claim_id, bad.name) == ("c2", "broken.pdf")
    assert bad.reason == "; ".join(broken_doc["errors"]) and bad.reason
    # c1 and c3 hold the same content: read once, by content hash.
    assert sorted(spy.reads) == ["broken.pdf", "factura.pdf", "factura.pdf"]  # c1's and c2's, not c3's copy

    state = load_state(storage)
    assert state.last_run is not None and state.retry == []
    assert state.claims["c2"].files == storage.claim("c2").fingerprint

    # Logs name claims, hashes and codes: never document text.
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "claim c2" in logged
    for secret in ("María", "López", "205,00", "Dermatológica"):
        assert secret not in logged

    # A second run finds nothing new: no download, no read, records untouched.
    spy.downloads.clear(), spy.reads.clear()
    before = {cid: storage.read_result(cid) for cid in ("c1", "c2", "c3")}
    summary = nightly_intake(received=RECEIVED, rescan_all=True)
    assert summary["processed"] == [] and summary["skipped"] == ["c1", "c2", "c3"]
    assert spy.downloads == [] and spy.reads == []
    assert {cid: storage.read_result(cid) for cid in ("c1", "c2", "c3")} == before

    # A receipt added to c1: only c1 is checked again, with all its files.
    receipt = _pdf(tmp_path, "recibo.pdf", RECEIPT)
    upload(storage, "c1", "recibo.pdf", receipt)
    summary = nightly_intake(received=RECEIVED)
    assert summary["processed"] == ["c1"]
    assert sorted(spy.downloads) == [("c1", "factura.pdf"), ("c1", "recibo.pdf")]
    assert spy.reads == ["recibo.pdf"]  # factura.pdf comes from the content-hash cache
    assert [d["file"] for d in _result(storage, "c1")["documents"]] == ["factura.pdf", "recibo.pdf"]
    assert storage.read_result("c2") == before["c2"] and storage.read_result("c3") == before["c3"]
    assert storage.read_kept("c1", "recibo.pdf") == receipt
    assert len(storage.list_quarantine()) == 1


@pytest.mark.parametrize("storage_env", ["local"], indirect=True)
def test_a_failing_claim_is_retried_next_run_and_does_not_stop_the_others(storage, batch, monkeypatch):
    real = LocalStorage.keep_original

    def flaky(store, claim_id, name, path):
        if claim_id == "c3":
            raise PermissionError("disk says no")
        return real(store, claim_id, name, path)

    monkeypatch.setattr(LocalStorage, "keep_original", flaky)
    with pytest.raises(RuntimeError, match="c3"):
        nightly_intake(received=RECEIVED)
    assert storage.list_results() == ["c1", "c2"]
    assert load_state(storage).retry == ["c3"]

    monkeypatch.setattr(LocalStorage, "keep_original", real)
    # Nothing in intake changed since the last run: c3 is found through the retry list.
    summary = nightly_intake(received=RECEIVED)
    assert summary["processed"] == ["c3"] and summary["failed"] == []
    assert load_state(storage).retry == []


@pytest.mark.parametrize("storage_env", ["local"], indirect=True)
def test_received_date_defaults_to_the_day_the_first_file_arrived(storage, batch):
    nightly_intake()
    today_oslo = dt.datetime.now(dt.timezone.utc).astimezone(__import__("zoneinfo").ZoneInfo("Europe/Oslo")).date()
    assert _result(storage, "c1")["received_date"] == today_oslo.isoformat()
    assert json.loads(storage.read_internal(STATE_KEY))["claims"]["c1"]["status"] in {
        "ready", "incomplete", "needs_review"}


def test_deployment_runs_nightly_at_two_oslo_time():
    deployment = nightly_deployment()
    assert deployment.name == "nightly"
    assert deployment.entrypoint.endswith("flows/nightly.py:nightly_intake")
    [schedule] = deployment.schedules
    assert schedule.schedule.cron == NIGHTLY_CRON == "0 2 * * *"
    assert schedule.schedule.timezone == NIGHTLY_TIMEZONE == "Europe/Oslo"


def test_cli_serve_serves_the_nightly_deployment(monkeypatch):
    import prefect
    from typer.testing import CliRunner

    from claim_intake.cli import app

    served = []
    monkeypatch.setattr(prefect, "serve", lambda *deployments, **kwargs: served.append((deployments, kwargs)))
    result = CliRunner().invoke(app, ["serve", "--limit", "2"])
    assert result.exit_code == 0, result.output
    [(deployments, kwargs)] = served
    [deployment] = deployments
    assert deployment.name == "nightly" and kwargs == {"limit": 2}
    assert deployment.schedules[0].schedule.cron == "0 2 * * *"


@pytest.mark.parametrize("storage_env", ["local"], indirect=True)
def test_transient_storage_errors_are_retried_and_others_are_not(storage, batch, monkeypatch):
    import flows.nightly as nightly
    from claim_intake.storage import StorageError, TransientStorageError

    monkeypatch.setattr(nightly, "fetch_task", nightly.fetch_task.with_options(retry_delay_seconds=0))
    calls: dict[str, int] = {}
    real = LocalStorage.open_original

    def hiccup(store, claim_id, name, into=None):
        calls[claim_id] = calls.get(claim_id, 0) + 1
        if claim_id == "c1" and calls[claim_id] == 1:
            raise TransientStorageError("intake: storage unreachable")
        if claim_id == "c3":
            raise StorageError("intake: refused (AccessDenied)")
        return real(store, claim_id, name, into)

    monkeypatch.setattr(LocalStorage, "open_original", hiccup)
    with pytest.raises(RuntimeError, match="c3"):
        nightly_intake(received=RECEIVED)
    assert calls["c1"] == 2  # one hiccup, one retry
    assert calls["c3"] == 1  # a refusal is not retried
    assert storage.list_results() == ["c1", "c2"]


def test_documents_are_read_with_bounded_parallelism():
    import sys

    assert 1 <= nightly_intake.task_runner._max_workers < sys.maxsize  # Prefect's default is unbounded
