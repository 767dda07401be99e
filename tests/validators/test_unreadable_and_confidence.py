"""UNREADABLE_DOCUMENT and LOW_CONFIDENCE."""

from claim_intake.model import DocType, ExtractedField, Severity

from validators.rules import LOW_CONFIDENCE_THRESHOLD

from .factory import DOCTOR, check, doc, found, invoice, ready_claim, receipt, replace, spanish_claim


def test_document_with_errors_is_unreadable():
    docs = ready_claim() + [doc("photo.jpg", DocType.other, language=None, errors=["no text found"])]
    assert found(docs, "UNREADABLE_DOCUMENT") == ["photo.jpg"]


def test_readable_documents_are_not_reported():
    assert found(ready_claim(), "UNREADABLE_DOCUMENT") == []
    assert found(spanish_claim(), "UNREADABLE_DOCUMENT") == []


def with_field(d, name, confidence):
    fields = [f for f in d.fields if f.name != name]
    value = next((f.value for f in d.fields if f.name == name), "x")
    return d.model_copy(update={"fields": fields + [ExtractedField(name=name, value=value, confidence=confidence)]})


def test_clean_documents_never_get_low_confidence():
    assert found(ready_claim(), "LOW_CONFIDENCE") == []
    assert found(spanish_claim(), "LOW_CONFIDENCE") == []


def test_low_confidence_on_a_decisive_field():
    for name in ("total", "doctor_name", "dates.treatment", "language", "line_items[1].amount"):
        docs = [with_field(invoice(), name, 0.3), receipt()]
        findings = [f for f in check(docs).findings if f.code.value == "LOW_CONFIDENCE"]
        assert [(f.document, f.severity) for f in findings] == [("invoice.pdf", Severity.warning)], name


def test_at_threshold_is_fine():
    docs = [with_field(invoice(), "total", LOW_CONFIDENCE_THRESHOLD), receipt()]
    assert found(docs, "LOW_CONFIDENCE") == []


def test_low_confidence_on_other_fields_is_ignored():
    docs = [with_field(invoice(), "dates.invoice", 0.1), with_field(receipt(), "currency", 0.1)]
    assert found(docs, "LOW_CONFIDENCE") == []


def test_fields_no_rule_reads_on_that_document_are_ignored():
    receipt_language = with_field(receipt(language="es"), "language", 0.1)  # receipts need no translation
    referral_doctor = with_field(doc("henvisning.pdf", DocType.referral, language="no", doctor_name=DOCTOR),
                                 "doctor_name", 0.1)  # the referring GP does not count
    assert found([invoice(), receipt_language, referral_doctor], "LOW_CONFIDENCE") == []


def test_low_confidence_on_translation_and_medical_record():
    record = with_field(doc("journal.pdf", DocType.medical_record, doctor_name=DOCTOR), "doctor_name", 0.1)
    tr = with_field(doc("tr.pdf", DocType.translation, total="1.00"), "total", 0.1)
    assert found([invoice(), receipt(), record, tr], "LOW_CONFIDENCE") == ["journal.pdf", "tr.pdf"]


def test_only_emitted_when_the_field_exists():
    empty = ExtractedField(name="doctor_name", value=None, confidence=0.0)
    bill = invoice(doctor_name=None)
    docs = [bill.model_copy(update={"fields": bill.fields + [empty]}), receipt()]
    assert found(docs, "LOW_CONFIDENCE") == []


def test_claim_forms_and_unreadable_documents_get_no_low_confidence():
    form = with_field(doc("claim_form.pdf", DocType.claim_form, language="no"), "language", 0.1)
    broken = with_field(invoice("broken.pdf", errors=["ocr failed"]), "total", 0.1)
    assert found([form, invoice(), receipt(), broken], "LOW_CONFIDENCE") == []


def test_one_warning_per_document():
    d = with_field(with_field(invoice(), "total", 0.2), "doctor_name", 0.2)
    assert found([d, receipt()], "LOW_CONFIDENCE") == ["invoice.pdf"]


def test_low_confidence_alone_means_needs_review():
    docs = replace(ready_claim(), "invoice.pdf")
    docs = [with_field(d, "total", 0.2) if d.file == "invoice.pdf" else d for d in docs]
    assert check(docs).status.value == "needs_review"


def _unsure(docs):
    result = check(docs)
    return result.status.value, [(f.document, f.message) for f in result.findings if f.code.value == "LOW_CONFIDENCE"]


def test_an_invoice_whose_language_was_not_read_is_not_passed_silently():
    status, findings = _unsure(replace(ready_claim(), "invoice.pdf", language=None, language_accepted=False))
    assert status == "needs_review"
    assert [d for d, _ in findings] == ["invoice.pdf"] and "language" in findings[0][1]


def test_a_receipt_whose_language_was_not_read_needs_no_check():
    assert _unsure(replace(ready_claim(), "receipt.jpg", language=None)) == ("ready", [])


def test_an_itemised_invoice_without_a_read_total_says_the_sum_was_not_checked():
    status, findings = _unsure(replace(ready_claim(), "invoice.pdf", total=None))
    assert status == "needs_review"
    assert [d for d, _ in findings] == ["invoice.pdf"] and "total" in findings[0][1]


def test_no_date_to_run_the_deadline_from_is_said():
    docs = replace(ready_claim(), "invoice.pdf", dates=invoice().dates.model_copy(update={"treatment": None, "invoice": None}))
    status, findings = _unsure(docs)
    assert status == "needs_review" and [d for d, _ in findings] == [None] and "deadline" in findings[0][1]


def test_an_invoice_date_alone_is_enough_to_check_the_deadline():
    docs = replace(ready_claim(), "invoice.pdf", dates=invoice().dates.model_copy(update={"treatment": None}))
    assert _unsure(docs) == ("ready", [])
