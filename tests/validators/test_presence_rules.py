"""TRANSLATION_MISSING, ORIGINAL_MISSING, DOCTOR_NAME_MISSING, ITEMISED_INVOICE_MISSING,
PROOF_OF_PAYMENT_MISSING and REFERRAL_MISSING: each trigger and its near misses."""

import datetime as dt

import pytest

from claim_intake.model import DocType

from .factory import (
    DOCTOR,
    TREATED,
    claim_form,
    doc,
    found,
    invoice,
    ready_claim,
    receipt,
    replace,
    spanish_claim,
    translation_of,
)

# --- TRANSLATION_MISSING ---------------------------------------------------------


@pytest.mark.parametrize("doc_type", [DocType.invoice, DocType.medical_record, DocType.referral, DocType.other])
def test_untranslated_foreign_document_needs_translation(doc_type):
    docs = ready_claim() + [doc("bericht.pdf", doc_type, language="de", doctor_name=DOCTOR)]
    assert found(docs, "TRANSLATION_MISSING") == ["bericht.pdf"]


def test_foreign_invoice_without_translation():
    docs = [claim_form(), invoice("factura.pdf", language="es"), receipt()]
    assert found(docs, "TRANSLATION_MISSING") == ["factura.pdf"]


def test_translated_foreign_invoice_is_fine():
    assert found(spanish_claim(), "TRANSLATION_MISSING") == []


@pytest.mark.parametrize("language", ["no", "da", "sv", "en", None])
def test_accepted_or_unknown_language_needs_no_translation(language):
    docs = ready_claim() + [doc("journal.pdf", DocType.medical_record, language=language, doctor_name=DOCTOR)]
    assert found(docs, "TRANSLATION_MISSING") == []


def test_receipts_and_claim_forms_need_no_translation():
    docs = [doc("formular.pdf", DocType.claim_form, language="de"), invoice(),
            receipt("recibo.jpg", language="es"), receipt("ticket.jpg", language="fr")]
    assert found(docs, "TRANSLATION_MISSING") == []


def test_unreadable_foreign_document_is_not_asked_to_be_translated():
    docs = ready_claim() + [doc("bericht.pdf", DocType.medical_record, language="de", errors=["no text"])]
    assert found(docs, "TRANSLATION_MISSING") == []


def test_translation_linked_elsewhere_leaves_other_foreign_doc_untranslated():
    factura = invoice("factura.pdf", language="es")
    informe = doc("informe.pdf", DocType.medical_record, language="es", doctor_name="Dra. Carmen Ruiz",
                  treatment=dt.date(2026, 3, 1))
    docs = [factura, informe, translation_of(factura, "translation.pdf"), receipt()]
    assert found(docs, "TRANSLATION_MISSING") == ["informe.pdf"]


# --- ORIGINAL_MISSING ------------------------------------------------------------


def test_translation_without_original():
    factura = invoice("factura.pdf", language="es")
    docs = [claim_form(), translation_of(factura, "translation.pdf"), receipt()]
    assert found(docs, "ORIGINAL_MISSING") == ["translation.pdf"]


def test_translation_with_original_is_fine():
    assert found(spanish_claim(), "ORIGINAL_MISSING") == []


def test_every_invoice_a_copy():
    docs = replace(ready_claim(), "invoice.pdf", is_copy=True)
    assert found(docs, "ORIGINAL_MISSING") == ["invoice.pdf"]


def test_one_original_invoice_among_copies_is_enough():
    docs = ready_claim() + [invoice("invoice_copy.pdf", is_copy=True)]
    assert found(docs, "ORIGINAL_MISSING") == []


def test_every_receipt_a_copy_and_invoice_not_paid():
    docs = replace(ready_claim(), "receipt.jpg", is_copy=True)
    assert found(docs, "ORIGINAL_MISSING") == ["receipt.jpg"]


def test_receipt_copy_with_invoice_marked_paid_is_fine():
    docs = replace(replace(ready_claim(), "receipt.jpg", is_copy=True), "invoice.pdf", marked_paid=True)
    assert found(docs, "ORIGINAL_MISSING") == []


def test_receipt_copy_with_translated_invoice_marked_paid_is_fine():
    factura = invoice("factura.pdf", language="es")
    docs = [factura, translation_of(factura, "translation.pdf", marked_paid=True), receipt(is_copy=True)]
    assert found(docs, "ORIGINAL_MISSING") == []


def test_card_slip_customer_copy_is_not_a_copy():
    # The extractor does not set is_copy for a card terminal's CUSTOMER COPY.
    docs = [claim_form(), invoice(), receipt("card_slip.jpg", is_copy=False)]
    assert found(docs, "ORIGINAL_MISSING") == []


# --- DOCTOR_NAME_MISSING ---------------------------------------------------------


def test_no_doctor_name_anywhere():
    docs = replace(ready_claim(), "invoice.pdf", doctor_name=None)
    assert found(docs, "DOCTOR_NAME_MISSING") == [None]


@pytest.mark.parametrize("doc_type", [DocType.medical_record, DocType.receipt, DocType.other])
def test_doctor_name_on_any_treatment_document_is_enough(doc_type):
    docs = replace(ready_claim(), "invoice.pdf", doctor_name=None) + [doc("x.pdf", doc_type, doctor_name=DOCTOR)]
    assert found(docs, "DOCTOR_NAME_MISSING") == []


def test_doctor_name_on_translation_is_enough():
    factura = invoice("factura.pdf", language="es", doctor_name=None)
    docs = [factura, translation_of(factura, "translation.pdf", doctor_name=DOCTOR), receipt()]
    assert found(docs, "DOCTOR_NAME_MISSING") == []


def test_referring_doctor_does_not_count():
    referral = doc("henvisning.pdf", DocType.referral, language="no", doctor_name="Dr. Fastlege")
    docs = replace(ready_claim(), "invoice.pdf", doctor_name=None) + [referral]
    assert found(docs, "DOCTOR_NAME_MISSING") == [None]


def test_referring_doctor_on_referral_translation_does_not_count():
    henvisning = doc("remision.pdf", DocType.referral, language="es", doctor_name="Dr. Fastlege",
                     treatment=dt.date(2026, 1, 5), invoice_number="REF-7781")
    docs = replace(ready_claim(), "invoice.pdf", doctor_name=None)
    docs += [henvisning, translation_of(henvisning, "remision_en.pdf")]
    assert found(docs, "DOCTOR_NAME_MISSING") == [None]


def test_unlinked_translation_typed_as_invoice_stands_in_for_it():
    tr = doc("translation.pdf", DocType.invoice, is_translation=True, marked_paid=True, items=("1.00",))
    assert found([tr], "PROOF_OF_PAYMENT_MISSING") == []
    assert found([tr], "ITEMISED_INVOICE_MISSING") == []
    assert found([tr], "ORIGINAL_MISSING") == ["translation.pdf"]


def test_doctor_name_on_unreadable_document_does_not_count():
    docs = replace(ready_claim(), "invoice.pdf", errors=["unreadable"])
    assert found(docs, "DOCTOR_NAME_MISSING") == [None]


def test_blank_doctor_name_does_not_count():
    docs = replace(ready_claim(), "invoice.pdf", doctor_name="  ")
    assert found(docs, "DOCTOR_NAME_MISSING") == [None]


# --- ITEMISED_INVOICE_MISSING ----------------------------------------------------


def test_invoice_with_only_a_total():
    docs = replace(ready_claim(), "invoice.pdf", line_items=[])
    assert found(docs, "ITEMISED_INVOICE_MISSING") == [None]


def test_no_invoice_at_all():
    docs = [claim_form(), receipt(doctor_name=DOCTOR)]
    assert found(docs, "ITEMISED_INVOICE_MISSING") == [None]


def test_itemised_receipt_is_not_an_itemised_invoice():
    docs = [claim_form(), receipt(doctor_name=DOCTOR, items=("450.00",))]
    assert found(docs, "ITEMISED_INVOICE_MISSING") == [None]


def test_translation_stands_in_for_its_invoice_items():
    factura = invoice("factura.pdf", language="es", items=())
    docs = [factura, translation_of(factura, "translation.pdf", items=("312.40", "137.60")), receipt()]
    assert found(docs, "ITEMISED_INVOICE_MISSING") == []


def test_translation_of_itemised_invoice_counts_via_original():
    factura = invoice("factura.pdf", language="es")
    docs = [factura, translation_of(factura, "translation.pdf", items=()), receipt()]
    assert found(docs, "ITEMISED_INVOICE_MISSING") == []


def test_translation_without_items_of_unitemised_invoice():
    factura = invoice("factura.pdf", language="es", items=())
    docs = [factura, translation_of(factura, "translation.pdf"), receipt()]
    assert found(docs, "ITEMISED_INVOICE_MISSING") == [None]


def test_an_invoice_no_amount_was_read_from_is_not_called_unitemised():
    """A dark photo of the invoice: its doctor and dates read, no item and no total.
    Whether it is itemised is unknown, and the claim says so for review instead."""
    from .factory import check

    docs = replace(ready_claim(), "invoice.pdf", line_items=[], total=None)
    result = check(docs)
    assert [f.code.value for f in result.findings if f.code.value != "LOW_CONFIDENCE"] == []
    unsure = [(f.document, f.message) for f in result.findings if f.code.value == "LOW_CONFIDENCE"]
    assert [d for d, _ in unsure] == ["invoice.pdf"] and "itemised" in unsure[0][1]
    assert result.status.value == "needs_review"


def test_a_read_total_without_items_is_still_unitemised():
    docs = replace(ready_claim(), "invoice.pdf", line_items=[])
    assert found(docs, "ITEMISED_INVOICE_MISSING") == [None] and found(docs, "LOW_CONFIDENCE") == []


def test_one_unread_invoice_beside_a_read_unitemised_one_is_still_missing_items():
    docs = ready_claim() + [invoice("second.pdf", items=(), total=None, invoice_number="B-2")]
    docs = replace(docs, "invoice.pdf", line_items=[])
    assert found(docs, "ITEMISED_INVOICE_MISSING") == [None]


def test_unreadable_only_invoice_still_runs_presence_checks_on_readable_docs():
    docs = replace(ready_claim(), "invoice.pdf", errors=["ocr failed"])
    assert found(docs, "UNREADABLE_DOCUMENT") == ["invoice.pdf"]
    assert found(docs, "ITEMISED_INVOICE_MISSING") == [None]
    assert found(docs, "PROOF_OF_PAYMENT_MISSING") == []  # the readable receipt still counts


# --- PROOF_OF_PAYMENT_MISSING ----------------------------------------------------


def test_no_receipt_no_paid_mark_no_paid_amount():
    docs = [claim_form(), invoice()]
    assert found(docs, "PROOF_OF_PAYMENT_MISSING") == [None]


def test_invoice_marked_paid_is_proof():
    assert found([claim_form(), invoice(marked_paid=True)], "PROOF_OF_PAYMENT_MISSING") == []


def test_amount_paid_on_any_document_is_proof():
    statement = doc("statement.pdf", DocType.other, amount_paid="450.00")
    assert found([claim_form(), invoice(), statement], "PROOF_OF_PAYMENT_MISSING") == []


def test_translation_marked_paid_stands_in_for_invoice():
    factura = invoice("factura.pdf", language="es")
    docs = [factura, translation_of(factura, "translation.pdf", marked_paid=True)]
    assert found(docs, "PROOF_OF_PAYMENT_MISSING") == []


def test_receipt_without_amount_is_proof():
    assert found([invoice(), receipt(amount_paid=None)], "PROOF_OF_PAYMENT_MISSING") == []


def test_unreadable_receipt_is_no_proof():
    docs = replace(ready_claim(), "receipt.jpg", errors=["blurred"])
    assert found(docs, "PROOF_OF_PAYMENT_MISSING") == [None]


# --- REFERRAL_MISSING ------------------------------------------------------------


def norwegian_referral(**over):
    return doc("henvisning.pdf", DocType.referral, language=over.pop("language", "no"),
               doctor_name="Dr. Fastlege", **over)


def test_specialist_without_referral():
    docs = replace(ready_claim(), "invoice.pdf", specialty="cardiology")
    assert found(docs, "REFERRAL_MISSING") == [None]


def test_specialist_with_norwegian_referral_is_fine():
    docs = replace(ready_claim(), "invoice.pdf", specialty="cardiology") + [norwegian_referral()]
    assert found(docs, "REFERRAL_MISSING") == []


def test_danish_referral_does_not_count():
    docs = replace(ready_claim(), "invoice.pdf", specialty="cardiology") + [norwegian_referral(language="da")]
    assert found(docs, "REFERRAL_MISSING") == [None]


def test_unreadable_referral_does_not_count():
    docs = replace(ready_claim(), "invoice.pdf", specialty="cardiology") + [norwegian_referral(errors=["x"])]
    assert found(docs, "REFERRAL_MISSING") == [None]


def test_specialty_on_medical_record_or_translation_triggers():
    record = doc("journal.pdf", DocType.medical_record, doctor_name=DOCTOR, specialty="dermatology",
                 treatment=TREATED)
    assert found(ready_claim() + [record], "REFERRAL_MISSING") == [None]


def test_no_specialty_needs_no_referral():
    assert found(ready_claim(), "REFERRAL_MISSING") == []
