"""UNREADABLE_DOCUMENT and LOW_CONFIDENCE."""

from claim_intake.model import DocType, ExtractedField, Severity

from validators.rules import LOW_CONFIDENCE_THRESHOLD, looks_like_a_name

from .factory import (
    DOCTOR,
    TREATED,
    check,
    doc,
    found,
    invoice,
    ready_claim,
    receipt,
    replace,
    spanish_claim,
    translation_of,
)


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


def test_low_confidence_on_a_value_nothing_bears_out():
    """The treatment date read on the invoice alone; the language with no translation."""
    for name in ("dates.treatment", "language"):
        docs = [with_field(invoice(), name, 0.3), receipt(payment=TREATED.replace(day=20))]
        findings = [f for f in check(docs).findings if f.code.value == "LOW_CONFIDENCE"]
        assert [(f.document, f.severity) for f in findings] == [("invoice.pdf", Severity.warning)], name


def test_a_shaky_treatment_date_read_the_same_on_another_document_is_settled():
    record = doc("journal.pdf", DocType.medical_record, doctor_name=DOCTOR, treatment=TREATED)
    assert found([with_field(invoice(), "dates.treatment", 0.3), receipt(), record], "LOW_CONFIDENCE") == []
    other_day = doc("journal.pdf", DocType.medical_record, doctor_name=DOCTOR, treatment=TREATED.replace(day=9))
    paid_later = receipt(payment=TREATED.replace(day=20))
    assert found([with_field(invoice(), "dates.treatment", 0.3), paid_later, other_day],
                 "LOW_CONFIDENCE") == ["invoice.pdf"]
    # the day the receipt was paid is the same day read again
    assert found([with_field(invoice(), "dates.treatment", 0.3), receipt(), other_day], "LOW_CONFIDENCE") == []


def test_a_shaky_treatment_date_before_the_bills_sure_invoice_date_is_settled():
    """Seed 231: a statement's dated item row, its column header garbled, read at 47%. The
    bill was issued five days later, read surely: the deadline runs from that date."""
    later = TREATED.replace(day=7)
    paid = receipt(payment=TREATED.replace(day=20))
    shaky = with_field(invoice(invoice=later), "dates.treatment", 0.47)
    assert found([with_field(shaky, "dates.invoice", 0.9), paid], "LOW_CONFIDENCE") == []
    # near misses: the invoice date shaky too; the same day (one date read for both roles)
    assert found([with_field(shaky, "dates.invoice", 0.4), paid], "LOW_CONFIDENCE") == ["invoice.pdf"]
    same_day = with_field(invoice(), "dates.treatment", 0.47)
    assert found([with_field(same_day, "dates.invoice", 0.9), paid], "LOW_CONFIDENCE") == ["invoice.pdf"]


def test_a_shaky_language_of_a_translated_document_is_settled():
    docs = spanish_claim()
    docs = [with_field(d, "language", 0.2) if d.file == "factura.pdf" else d for d in docs]
    assert found(docs, "LOW_CONFIDENCE") == []


def test_amounts_that_add_up_bear_each_other_out():
    for name in ("total", "line_items[0].amount", "line_items[1].amount"):
        assert found([with_field(invoice(), name, 0.2), receipt()], "LOW_CONFIDENCE") == [], name


def test_a_shaky_item_of_an_invoice_that_does_not_add_up_is_said():
    bill = with_field(invoice(items=("312.40", "137.00")), "line_items[1].amount", 0.2)
    result = check([bill, receipt()])
    assert {(f.code.value, f.document) for f in result.findings} == {
        ("AMOUNT_MISMATCH", "invoice.pdf"), ("LOW_CONFIDENCE", "invoice.pdf")}


def test_a_translation_reading_the_same_amounts_settles_them():
    factura = with_field(invoice("factura.pdf", language="es", items=("312.40", "137.00")),
                         "line_items[1].amount", 0.2)
    tr = translation_of(factura, "translation.pdf")
    assert found([factura, tr, receipt()], "LOW_CONFIDENCE") == []
    assert found([factura, translation_of(factura, "translation.pdf", items=["312.40", "136.00"]), receipt()],
                 "LOW_CONFIDENCE") == ["factura.pdf"]


def test_an_unitemised_total_is_settled_by_a_payment_of_that_amount_only():
    bill = with_field(invoice(items=()), "total", 0.2)
    assert found([bill, receipt()], "LOW_CONFIDENCE") == []
    assert found([bill, receipt(total="400.00", amount_paid="400.00")], "LOW_CONFIDENCE") == ["invoice.pdf"]


def test_amounts_of_a_translation_no_amount_check_reads_are_ignored():
    """With the original invoice read, the amounts are checked on it, not on its translation."""
    factura = invoice("factura.pdf", language="es")
    tr = with_field(translation_of(factura, "translation.pdf", total="45.00"), "total", 0.1)
    assert found([factura, tr, receipt()], "LOW_CONFIDENCE") == []


def test_a_shaky_name_is_still_a_name_but_a_shaky_scrap_is_not():
    record = doc("journal.pdf", DocType.medical_record, treatment=TREATED, doctor_name="Birgitte Poùúlsen")
    docs = [invoice(doctor_name=None), receipt(), with_field(record, "doctor_name", 0.2)]
    assert found(docs, "LOW_CONFIDENCE") == []
    scrap = doc("journal.pdf", DocType.medical_record, treatment=TREATED, doctor_name="Dr. P0ul5en")
    docs = [invoice(doctor_name=None), receipt(), with_field(scrap, "doctor_name", 0.2)]
    assert found(docs, "LOW_CONFIDENCE") == ["journal.pdf"]
    # ... unless another document names the doctor with confidence
    docs = [invoice(), receipt(), with_field(scrap, "doctor_name", 0.2)]
    assert found(docs, "LOW_CONFIDENCE") == []


def test_looks_like_a_name():
    assert looks_like_a_name("Dr. Ingrid Solheim-Varga") and looks_like_a_name("Σ. Παπαδάκη")
    assert looks_like_a_name("Sean O'Brien")
    assert looks_like_a_name("Dr. med. Hans Müller")
    for scrap in ("Tel 22", "J. K.", "Tiina", "Pe|er Berg", "ea ses", "Ea ses", None, ""):
        assert not looks_like_a_name(scrap), scrap


def test_at_threshold_is_fine():
    docs = [with_field(invoice(), "dates.treatment", LOW_CONFIDENCE_THRESHOLD), receipt()]
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
    """A translation standing in for an unreadable invoice; a record the only one dated."""
    record = with_field(doc("journal.pdf", DocType.medical_record, doctor_name=DOCTOR,
                            treatment=TREATED.replace(day=5)), "dates.treatment", 0.1)
    broken = invoice("factura.pdf", language="es", errors=["ocr failed"])
    tr = with_field(translation_of(invoice(), "tr.pdf", items=["312.40", "137.00"]), "line_items[1].amount", 0.1)
    assert found([broken, receipt(), record, tr], "LOW_CONFIDENCE") == ["journal.pdf", "tr.pdf"]


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
    d = with_field(with_field(invoice(), "language", 0.2), "dates.treatment", 0.2)
    assert found([d, receipt()], "LOW_CONFIDENCE") == ["invoice.pdf"]


def test_low_confidence_alone_means_needs_review():
    docs = replace(ready_claim(), "invoice.pdf")
    docs = [with_field(d, "language", 0.2) if d.file == "invoice.pdf" else d for d in docs]
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
    docs = replace(replace(ready_claim(), "invoice.pdf", total=None), "receipt.jpg", amount_paid=None)
    status, findings = _unsure(docs)
    assert status == "needs_review"
    assert [d for d, _ in findings] == ["invoice.pdf"] and "total" in findings[0][1]


def test_items_adding_up_to_what_was_paid_need_no_total():
    docs = replace(ready_claim(), "invoice.pdf", total=None)  # items 312.40 + 137.60, paid 450.00
    assert check(docs).status == "ready"
    short = replace(docs, "receipt.jpg", amount_paid="400.00")
    assert _unsure(short)[0] == "needs_review"
    other_currency = replace(docs, "receipt.jpg", currency="NOK")
    assert _unsure(other_currency)[0] == "needs_review"


def test_no_date_to_run_the_deadline_from_is_said():
    docs = replace(ready_claim(), "invoice.pdf", dates=invoice().dates.model_copy(update={"treatment": None, "invoice": None}))
    status, findings = _unsure(docs)
    assert status == "needs_review" and [d for d, _ in findings] == [None] and "deadline" in findings[0][1]


def test_an_invoice_date_alone_is_enough_to_check_the_deadline():
    docs = replace(ready_claim(), "invoice.pdf", dates=invoice().dates.model_copy(update={"treatment": None}))
    assert _unsure(docs) == ("ready", [])
