import datetime as dt
import hashlib
import json

import jsonschema
import pytest

from claim_intake import pipeline
from claim_intake.schema import claim_schema
from flows.mailroom import run_mailroom
from tests.conftest import render_page, write_image_pdf, write_text_pdf

RECEIVED = dt.date(2026, 11, 20)


@pytest.fixture
def inbox(tmp_path, invoice_lines):
    box = tmp_path / "inbox"
    (box / "c1").mkdir(parents=True)
    (box / "c2").mkdir()
    (box / "c3").mkdir()
    write_text_pdf(box / "c1" / "factura.pdf", [invoice_lines])
    write_image_pdf(box / "c1" / "scan.pdf", [render_page(invoice_lines)])
    (box / "c2" / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj garbage")
    (box / "c3" / "renamed copy.pdf").write_bytes((box / "c1" / "factura.pdf").read_bytes())
    return box


def _tree_digest(root):
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_mailroom_flow_end_to_end_then_rerun_from_cache(inbox, tmp_path, monkeypatch):
    out = tmp_path / "out"
    before = _tree_digest(inbox)
    ids = run_mailroom(inbox, out, RECEIVED, workers=2)
    assert sorted(ids) == ["c1", "c2", "c3"]
    assert _tree_digest(inbox) == before  # originals never changed or moved

    schema = claim_schema()
    results = {}
    for claim_id in ids:
        data = json.loads((out / f"{claim_id}.json").read_text())
        jsonschema.validate(data, schema)
        results[claim_id] = data
    assert [d["file"] for d in results["c1"]["documents"]] == ["factura.pdf", "scan.pdf"]
    assert results["c1"]["documents"][1]["text_source"] == "ocr"
    assert {f["code"] for f in results["c2"]["findings"]} >= {"UNREADABLE_DOCUMENT"}
    assert results["c3"]["documents"][0]["file"] == "renamed copy.pdf"
    triage = json.loads((out / "triage.json").read_text())
    assert sorted(e["claim_id"] for e in triage["claims"]) == ["c1", "c2", "c3"]

    # A re-run must not read or OCR any document again: content-hash cache.
    def must_not_run(*_a, **_k):
        raise AssertionError("document processed twice")

    monkeypatch.setattr(pipeline, "read_safely", must_not_run)
    rerun_out = tmp_path / "out"
    run_mailroom(inbox, rerun_out, RECEIVED, workers=2)
    again = json.loads((rerun_out / "c1.json").read_text())
    assert again["documents"] == results["c1"]["documents"]


def test_a_packet_scanned_as_one_file_gives_a_document_per_part(tmp_path):
    """The mailroom scans one envelope into one PDF: the claim record lists the invoice and
    the receipt in it, named by their pages, and the payment counts."""
    box = tmp_path / "inbox"
    (box / "c1").mkdir(parents=True)
    invoice = ["FAKTURA", "Oslo Legesenter AS", "Fakturanr: 4711", "Fakturadato: 12.09.2026",
               "Behandler: Dr. Kari Hansen", "Konsultasjon                 450,00", "Totalt                       450,00 NOK"]
    receipt = ["KVITTERING", "Oslo Legesenter AS", "Betalt 12.09.2026", "Beløp betalt: 450,00 NOK"]
    write_text_pdf(box / "c1" / "konvolutt.pdf", [invoice, receipt])
    before = _tree_digest(box)
    run_mailroom(box, tmp_path / "out", RECEIVED, workers=1)
    data = json.loads((tmp_path / "out" / "c1.json").read_text())
    jsonschema.validate(data, claim_schema())
    assert [(d["file"], d["part_of"], d["first_page"], d["doc_type"]) for d in data["documents"]] == [
        ("konvolutt.pdf (page 1)", "konvolutt.pdf", 1, "invoice"), ("konvolutt.pdf (page 2)", "konvolutt.pdf", 2, "receipt")]
    assert "PROOF_OF_PAYMENT_MISSING" not in {f["code"] for f in data["findings"]}
    assert _tree_digest(box) == before


def test_mailroom_flow_on_a_local_dask_cluster(tmp_path, invoice_lines):
    box = tmp_path / "inbox"
    for claim in ("d1", "d2"):
        (box / claim).mkdir(parents=True)
        write_text_pdf(box / claim / "factura.pdf", [invoice_lines + [claim]])
    out = tmp_path / "out"
    ids = run_mailroom(box, out, RECEIVED, workers=2, dask="local")
    assert sorted(ids) == ["d1", "d2"]
    for claim in ids:
        data = json.loads((out / f"{claim}.json").read_text())
        assert data["documents"][0]["total"] == "205.00"


def test_an_unexpected_error_on_one_document_does_not_stop_the_batch(tmp_path, invoice_lines, monkeypatch,
                                                                       caplog):
    """A bug met by one strange document: that document is unreadable (exit code 3), the
    others are processed, and the log names the error's type, not its text."""
    import extractors.interpret as interpret_module

    box = tmp_path / "inbox"
    for claim in ("e1", "e2"):
        (box / claim).mkdir(parents=True)
        write_text_pdf(box / claim / "factura.pdf", [invoice_lines + [claim]])
    real = interpret_module.interpret

    def flaky(doc):
        if "e1" in doc.text:
            raise ValueError("could not parse 'María López 205,00'")
        return real(doc)

    monkeypatch.setattr(interpret_module, "interpret", flaky)
    out = tmp_path / "out"
    assert sorted(run_mailroom(box, out, RECEIVED, workers=2)) == ["e1", "e2"]
    e1 = json.loads((out / "e1.json").read_text())
    assert e1["documents"][0]["errors"] == [
        "the document could not be processed (an error in claim-intake; see the run's log)"]
    assert "UNREADABLE_DOCUMENT" in {f["code"] for f in e1["findings"]}
    assert json.loads((out / "e2.json").read_text())["documents"][0]["total"] == "205.00"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "ValueError" in logged and "López" not in logged


def test_an_unexpected_error_in_one_claims_checks_does_not_stop_the_batch(tmp_path, invoice_lines, monkeypatch,
                                                                           caplog):
    """The checks of one claim raise: that claim is recorded with its documents as read and
    a needs_review finding, the other claims are checked as usual, the triage queue lists
    both, and the log carries the claim id and the error's type only."""
    import claim_intake.pipeline as pipeline_module

    box = tmp_path / "inbox"
    for claim in ("k1", "k2"):
        (box / claim).mkdir(parents=True)
        write_text_pdf(box / claim / "factura.pdf", [invoice_lines + [claim]])
    real = pipeline_module.check

    def flaky(claim_id, received, docs, earlier=None):
        if claim_id == "k1":
            raise KeyError("María López")
        return real(claim_id, received, docs, earlier)

    monkeypatch.setattr(pipeline_module, "check", flaky)
    out = tmp_path / "out"
    assert sorted(run_mailroom(box, out, RECEIVED, workers=2)) == ["k1", "k2"]
    k1 = json.loads((out / "k1.json").read_text())
    assert k1["status"] == "needs_review"
    assert [f["code"] for f in k1["findings"]] == ["LOW_CONFIDENCE"]
    assert k1["documents"][0]["total"] == "205.00"
    k2 = json.loads((out / "k2.json").read_text())
    assert "LOW_CONFIDENCE" not in {f["code"] for f in k2["findings"]}
    assert {c["claim_id"] for c in json.loads((out / "triage.json").read_text())["claims"]} == {"k1", "k2"}
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "KeyError" in logged and "López" not in logged
