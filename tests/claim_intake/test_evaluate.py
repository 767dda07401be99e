import datetime as dt
import json

from claim_intake.evaluate import score
from claim_intake.model import (
    ClaimResult,
    ClaimStatus,
    Dates,
    DocType,
    DocumentResult,
    Finding,
    FindingCode,
    LineItem,
)


def _write(path, data):
    path.write_text(json.dumps(data))


def _sample(tmp_path):
    claim = tmp_path / "c1"
    claim.mkdir()
    _write(claim / "claim.expected.json", {
        "claim_id": "c1", "received_date": "2026-11-20", "status": "incomplete",
        "findings": [{"code": "TRANSLATION_MISSING", "document": "inv.pdf"},
                     {"code": "PROOF_OF_PAYMENT_MISSING", "document": None}]})
    _write(claim / "inv.pdf.expected.json", {
        "file": "inv.pdf", "render": "scan_pdf", "doc_type": "invoice", "language": "es",
        "is_copy": False, "is_translation": False, "translation_of": None,
        "doctor_name": "María López García",
        "dates": {"treatment": "2026-03-12", "invoice": "2026-03-12", "payment": None},
        "currency": "EUR", "total": "205.00",
        "line_items": [{"description": "Consulta", "amount": "85.00"},
                       {"description": "Biopsia", "amount": "120.00"}]})
    _write(claim / "bad.pdf.expected.json", {"file": "bad.pdf", "render": "bad"})
    return tmp_path


def _result(**doc_changes):
    doc = DocumentResult(
        file="inv.pdf", sha256="x", pages=1, doc_type=DocType.invoice, language="es",
        doctor_name="Maria Lopez Garcia",
        dates=Dates(treatment=dt.date(2026, 3, 12), invoice=dt.date(2026, 3, 12)),
        currency="EUR", total="205.00",
        line_items=[LineItem(description="Consulta", amount="85.00"),
                    LineItem(description="x", amount="99.00")])
    doc = doc.model_copy(update=doc_changes)
    return ClaimResult(claim_id="c1", received_date=dt.date(2026, 11, 20), status=ClaimStatus.incomplete,
                       documents=[doc],
                       findings=[Finding(code=FindingCode.TRANSLATION_MISSING, document="inv.pdf", message="m"),
                                 Finding(code=FindingCode.AMOUNT_MISMATCH, document="inv.pdf", message="m")])


def test_fields_items_and_findings_are_scored(tmp_path):
    report = score(_sample(tmp_path), [_result()], seconds=2.0)
    assert report.documents == 1 and report.pages == 1 and report.pages_per_second == 0.5
    assert report.field("doc_type") == 1.0 and report.field("total") == 1.0
    # accents count for the exact doctor score, not the fuzzy one
    assert report.field("doctor_name") == 1.0  # normalize() folds accents: same name as printed
    assert report.field("dates.payment") == 1.0  # null expected, null found
    li = report.line_items
    assert (li.tp, li.fp, li.fn) == (1, 1, 1)
    assert report.findings["TRANSLATION_MISSING"].tp == 1
    assert report.findings["PROOF_OF_PAYMENT_MISSING"].fn == 1
    assert report.findings["AMOUNT_MISMATCH"].fp == 1
    assert report.claim_status.value == 1.0 and report.claim_exact_findings.value == 0.0


def test_wrong_values_are_misses(tmp_path):
    report = score(_sample(tmp_path), [_result(total="250.00", language="pt", doctor_name=None)])
    assert report.field("total") == 0.0 and report.field("language") == 0.0
    assert report.field("doctor_fuzzy") == 0.0
    assert any("inv.pdf: total" in m for m in report.misses)


def test_a_missing_claim_result_counts_against(tmp_path):
    report = score(_sample(tmp_path), [])
    assert report.claim_status.value == 0.0
