"""DEADLINE_EXCEEDED: 6 calendar months from each treatment date, or from the
invoice date when the patient was invoiced afterwards."""

import datetime as dt

from claim_intake.model import DocType

from .factory import DOCTOR, doc, found, invoice, receipt, translation_of

TREATED = dt.date(2026, 5, 20)


def claim(**invoice_over):
    values = dict(treatment=TREATED, invoice=TREATED)
    values.update(invoice_over)
    return [invoice(**values), receipt(payment=values["invoice"])]


def test_exactly_six_months_is_in_time():
    assert found(claim(), "DEADLINE_EXCEEDED", received=dt.date(2026, 11, 20)) == []


def test_six_months_and_one_day_is_late():
    assert found(claim(), "DEADLINE_EXCEEDED", received=dt.date(2026, 11, 21)) == ["invoice.pdf"]


def test_calendar_months_not_days():
    # 31 Aug + 6 months = 28 Feb (not 2 or 3 March as 182/183 days would give).
    docs = claim(treatment=dt.date(2025, 8, 31), invoice=dt.date(2025, 8, 31))
    assert found(docs, "DEADLINE_EXCEEDED", received=dt.date(2026, 2, 28)) == []
    assert found(docs, "DEADLINE_EXCEEDED", received=dt.date(2026, 3, 1)) == ["invoice.pdf"]


def test_invoiced_afterwards_runs_from_invoice_date():
    docs = claim(invoice=dt.date(2026, 7, 1))
    assert found(docs, "DEADLINE_EXCEEDED", received=dt.date(2026, 12, 15)) == []
    assert found(docs, "DEADLINE_EXCEEDED", received=dt.date(2027, 1, 2)) == ["invoice.pdf"]


def test_invoice_date_before_treatment_does_not_move_the_deadline():
    docs = claim(invoice=dt.date(2026, 5, 1))
    assert found(docs, "DEADLINE_EXCEEDED", received=dt.date(2026, 11, 21)) == ["invoice.pdf"]


def test_invoice_date_from_an_undated_invoice_applies_to_the_records_treatment():
    record = doc("journal.pdf", DocType.medical_record, doctor_name=DOCTOR, treatment=TREATED)
    bill = invoice(treatment=None, invoice=dt.date(2026, 8, 3))
    received = dt.date(2026, 12, 1)  # late from treatment, in time from invoice
    assert found([record, bill, receipt()], "DEADLINE_EXCEEDED", received=received) == []
    assert found([record, bill, receipt()], "DEADLINE_EXCEEDED", received=dt.date(2027, 2, 4)) == ["invoice.pdf"]


def test_medical_record_alone_carries_treatment_date():
    record = doc("journal.pdf", DocType.medical_record, doctor_name=DOCTOR, treatment=TREATED)
    bill = invoice(treatment=None, invoice=None)
    assert found([record, bill], "DEADLINE_EXCEEDED", received=dt.date(2026, 11, 21)) == ["journal.pdf"]


def test_each_treatment_date_checked():
    early = invoice("early.pdf", treatment=dt.date(2026, 1, 10), invoice=dt.date(2026, 1, 10))
    late = invoice("late.pdf", treatment=dt.date(2026, 5, 10), invoice=dt.date(2026, 5, 10))
    assert found([early, late], "DEADLINE_EXCEEDED", received=dt.date(2026, 8, 1)) == ["early.pdf"]


def test_translation_dates_count_and_original_invoice_is_reported():
    factura = invoice("factura.pdf", language="es", treatment=TREATED, invoice=TREATED)
    docs = [factura, translation_of(factura, "translation.pdf")]
    assert found(docs, "DEADLINE_EXCEEDED", received=dt.date(2026, 12, 1)) == ["factura.pdf"]


def test_a_translation_that_read_another_day_than_its_original_is_one_finding_on_the_original():
    """Seed 201: the photo read '1 1/03/2026' (1 March), its translation 11 March; both late.
    One bill, one finding, on the original."""
    factura = invoice("factura.jpg", language="it", treatment=dt.date(2026, 3, 1), invoice=dt.date(2026, 3, 11))
    tr = translation_of(factura, "translation.pdf", treatment=dt.date(2026, 3, 11), invoice=dt.date(2026, 3, 11))
    assert found([factura, tr], "DEADLINE_EXCEEDED", received=dt.date(2026, 11, 20)) == ["factura.jpg"]
    other = invoice("other.pdf", language="it", treatment=dt.date(2026, 3, 11), invoice=dt.date(2026, 3, 11))
    assert found([factura, other], "DEADLINE_EXCEEDED", received=dt.date(2026, 11, 20)) == ["factura.jpg", "other.pdf"]


def test_translation_alone_carries_the_date():
    factura = invoice("factura.pdf", language="es", treatment=None, invoice=None)
    docs = [factura, translation_of(factura, "translation.pdf", treatment=TREATED, invoice=TREATED)]
    assert found(docs, "DEADLINE_EXCEEDED", received=dt.date(2026, 12, 1)) == ["translation.pdf"]


def test_receipt_and_claim_form_dates_are_ignored():
    old_receipt = receipt(treatment=dt.date(2024, 1, 1), payment=dt.date(2024, 1, 1))
    form = doc("claim_form.pdf", DocType.claim_form, language="no", treatment=dt.date(2024, 1, 1))
    docs = [invoice(treatment=TREATED, invoice=TREATED), old_receipt, form]
    assert found(docs, "DEADLINE_EXCEEDED", received=dt.date(2026, 6, 1)) == []


def test_no_treatment_date_read_runs_from_the_invoice_date():
    # The deadline never starts after the first payment request, so past it the claim
    # is late whenever the visit was; the finding asks the caseworker to check.
    assert found(claim(treatment=None), "DEADLINE_EXCEEDED", received=dt.date(2030, 1, 1)) == ["invoice.pdf"]


def test_no_treatment_date_and_a_recent_invoice_is_in_time():
    assert found(claim(treatment=None), "DEADLINE_EXCEEDED", received=dt.date(2026, 11, 20)) == []


def test_unreadable_document_dates_are_ignored():
    docs = claim() + [invoice("old.pdf", treatment=dt.date(2020, 1, 1), errors=["torn"])]
    assert found(docs, "DEADLINE_EXCEEDED", received=dt.date(2026, 6, 1)) == []
