"""One read document to one `DocumentResult`: language, type, marks, doctor, dates, amounts.

Everything decided here keeps its provenance in `DocumentResult.fields`. Field
extractors that are not installed in this tree yet are skipped rather than failing
the whole document. `translation_of` stays None: linking a translation to its
original is a claim-level step.
"""

from __future__ import annotations

from decimal import Decimal

from claim_intake.model import (
    ACCEPTED_LANGUAGES,
    Dates,
    DocType,
    DocumentResult,
    ExtractedField,
    LineItem,
    ReadDocument,
)
from extractors.amounts import AmountsResult, extract_amounts
from extractors.classify import classify_with_evidence, received_lines, reference_lines
from extractors.dates import extract_dates
from extractors.doctor import extract_doctor
from extractors.language import detect_language
from extractors.marks import detect_copy, detect_specialty, detect_translation, translation_languages

CENT = Decimal("0.01")
# Kinds of document that carry no bill: numbers on them are not totals.
NO_AMOUNTS = frozenset({DocType.medical_record, DocType.referral})
SHAPE_TYPE_CONFIDENCE = 0.6  # typed by its amounts, not by a title: above LOW_CONFIDENCE's bar, below a title's
# the date printed is when it was written (a claim form: signed), never an invoice or payment date
LETTER_DATED = frozenset({DocType.referral, DocType.other, DocType.claim_form})
GOOD_OCR = 0.85  # mean word confidence of a clean scan
UNLABELLED_DATE_MAX_CONFIDENCE = 0.6  # dates.py gives role-less guesses at most 0.5


# A claim form or a cover letter is signed by the claimant: its names are no doctor's.
NO_TREATING_DOCTOR = frozenset({DocType.claim_form, DocType.other})


def decimal_text(value: Decimal | str | None) -> str | None:
    """Decimals travel as strings with two places: '1227.50'."""
    if value is None:
        return None
    return format(Decimal(value).quantize(CENT), "f")


def interpret(doc: ReadDocument) -> DocumentResult:
    reading = _reading_quality(doc)
    language, language_conf = detect_language(_language_text(doc))
    fields: list[ExtractedField] = [
        ExtractedField(name="language", value=language, page=_first_page(doc), confidence=round(language_conf * reading, 3))
    ]

    doc_type, _, type_field = classify_with_evidence(doc, language)
    shaped: AmountsResult | None = None  # the amounts read to type an untitled document
    if doc_type == DocType.other:
        doc_type, type_field, shaped = _type_by_shape(doc, language, type_field)
    fields.append(type_field.model_copy(update={"confidence": round(type_field.confidence * reading, 3)}))

    is_copy, copy_field = detect_copy(doc)
    fields.append(copy_field or ExtractedField(name="is_copy", value="false", confidence=_absence_confidence(doc)))
    is_translation, translation_field = detect_translation(doc)
    fields.append(
        translation_field
        or ExtractedField(name="is_translation", value="false", confidence=_absence_confidence(doc))
    )
    if doc_type == DocType.translation:
        is_translation = True
    if is_translation and language not in ACCEPTED_LANGUAGES:
        # a translation into Norwegian whose Finnish names outweigh its words: its heading's language
        heading = translation_languages(doc) & ACCEPTED_LANGUAGES
        if len(heading) == 1:
            language = next(iter(heading))
            fields[0] = fields[0].model_copy(update={"value": language})

    specialty, specialty_field = detect_specialty(doc, doc_type)
    if specialty_field is not None:
        fields.append(specialty_field)

    result = DocumentResult(
        file=doc.file,
        sha256=doc.sha256,
        pages=len(doc.pages),
        text_source=doc.text_source,
        ocr_confidence=doc.ocr_confidence,
        doc_type=doc_type,
        language=language,
        language_accepted=language in ACCEPTED_LANGUAGES,
        is_copy=is_copy,
        is_translation=is_translation,
        specialty=specialty,
        phash=doc.phash,
        warnings=list(doc.warnings),
        page_turns=[p.rotation for p in doc.pages] if any(p.rotation for p in doc.pages) else [],
    )

    doctor = extract_doctor(doc, language) if doc_type not in NO_TREATING_DOCTOR else None
    if doctor is not None:
        if doc_type == DocType.referral:
            # The doctor on a referral is the referring GP, never the treating one.
            fields.append(doctor.model_copy(update={"name": "referring_doctor"}))
        else:
            result.doctor_name = doctor.value
            fields.append(doctor)

    is_invoice = doc_type == DocType.invoice
    amounts = None
    if doc_type not in NO_AMOUNTS:
        amounts = shaped if shaped is not None and not is_invoice else \
            extract_amounts(doc, language, is_invoice, is_receipt=doc_type == DocType.receipt)
    # a bill's translation dates as its bill does: one date printed is both the visit's and the
    # bill's, a bare 'Dato:' heads it (its title garbled, 'aktur a' for FAKTURA, seed 247)
    translates_a_bill = doc_type == DocType.translation and amounts is not None \
        and (bool(amounts.line_items) or amounts.total is not None)
    dates, date_fields = extract_dates(doc, language, is_invoice=is_invoice or translates_a_bill)
    dates, date_fields = _dates_for_role(doc_type, dates, date_fields)
    result.dates = dates
    fields.extend(date_fields)

    if amounts is not None:
        _apply_amounts(result, amounts, fields)
        paid_on = next((f for f in date_fields if f.name == "dates.payment"), None)
        if (is_invoice or translates_a_bill) and not result.marked_paid and paid_on is not None:
            # an invoice that says when it was paid ('Zahlungseingang: 12.09.2026') is marked
            # paid, and so is its translation (it repeats the original's facts)
            result.marked_paid = True
            fields.append(paid_on.model_copy(update={"name": "marked_paid", "value": "true"}))

    result.fields = fields
    return result


def _type_by_shape(doc: ReadDocument, language: str | None,
                   untyped: ExtractedField) -> tuple[DocType, ExtractedField, AmountsResult]:
    """A bill whose title the vocabulary lacks ('Privatliquidation') still has a bill's
    shape: a labelled total with items or an invoice number; a payment slip's shape is
    an amount paid without them, or a sum with a line naming the bill it pays or the payer
    it was received from. Typed so, the document is at least checked; the low
    confidence says the type was inferred."""
    amounts = extract_amounts(doc, language)
    if amounts.total is None:
        return DocType.other, untyped, amounts
    # 'In respect of: Invoice number ...', 'Gjelder: faktura ...'; 'Reçu de: <payer>' names
    # the bill it settles ('Pour: N° de facture ...') without a reference label
    pays_a_bill = bool(reference_lines(doc) or received_lines(doc))
    if amounts.line_items or (amounts.invoice_number and not pays_a_bill):
        doc_type = DocType.invoice
    elif amounts.amount_paid is not None or pays_a_bill:
        doc_type = DocType.receipt
    else:
        return DocType.other, untyped, amounts
    shaped = untyped.model_copy(update={"value": doc_type.value, "confidence": SHAPE_TYPE_CONFIDENCE})
    return doc_type, shaped, amounts


GARBLED_PAGE_CONF = 0.4  # a page read this poorly is noise, whatever letters it gave


def _language_text(doc: ReadDocument) -> str:
    """The text of the pages that read as print: a page of noise read as letters ('REE E
    Ai a EE ...', thousands of them) outweighs a clean page of Norwegian and reads as
    some other language. With no page read well, all of them (a Greek slip read in Latin
    letters is poor throughout, and still says which script it is)."""
    good = [p.text for p in doc.pages if p.ocr_confidence is None or p.ocr_confidence >= GARBLED_PAGE_CONF]
    return "\n\n".join(good) if good else doc.text


def _first_page(doc: ReadDocument) -> int | None:
    return doc.pages[0].number if doc.pages else None


def _reading_quality(doc: ReadDocument) -> float:
    """Poor OCR (a Greek slip read as Latin letters) makes every document-level
    decision less sure, however clear the misread text looks."""
    return min(1.0, doc.ocr_confidence / GOOD_OCR)


def _absence_confidence(doc: ReadDocument) -> float:
    """Not finding a stamp is as sure as the reading that did not find it."""
    return round(min(0.95, doc.ocr_confidence), 3)


def _dates_for_role(
    doc_type: DocType, dates: Dates, date_fields: list[ExtractedField]
) -> tuple[Dates, list[ExtractedField]]:
    """On a receipt, a lone unlabelled date is when it was paid; a referral or a letter
    is neither invoiced nor paid, so its own date is no invoice or payment date."""
    if doc_type in LETTER_DATED:
        kept = [f for f in date_fields if f.name == "dates.treatment"]
        return Dates(treatment=dates.treatment), kept
    if doc_type != DocType.receipt or dates.payment is not None:
        return dates, date_fields
    found = {v for v in (dates.treatment, dates.invoice) if v is not None}
    guesses = [f for f in date_fields if f.name in ("dates.treatment", "dates.invoice")]
    if len(found) != 1 or not guesses or any(f.confidence >= UNLABELLED_DATE_MAX_CONFIDENCE for f in guesses):
        return dates, date_fields
    moved = guesses[0].model_copy(update={"name": "dates.payment"})
    kept = [f for f in date_fields if f not in guesses]
    return Dates(payment=found.pop()), kept + [moved]


def _apply_amounts(result: DocumentResult, amounts: AmountsResult, fields: list[ExtractedField]) -> None:
    result.currency = amounts.currency
    result.total = decimal_text(amounts.total)
    result.line_items = [
        item if isinstance(item, LineItem) else LineItem(description=item.description, amount=decimal_text(item.amount))
        for item in amounts.line_items
    ]
    result.vat = decimal_text(amounts.vat)
    result.vat_included = amounts.vat_included if amounts.vat else None
    result.amount_paid = decimal_text(amounts.amount_paid)
    result.adjustment = decimal_text(amounts.adjustment)
    result.invoice_number = amounts.invoice_number
    result.marked_paid = bool(amounts.marked_paid)
    fields.extend(amounts.fields)
