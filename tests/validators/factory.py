"""Build `DocumentResult`s the way extraction would, for validator tests.

`doc()` fills `fields` with a confident `ExtractedField` for every value it is given
(as a clean extraction would), so a test only spells out what it is about.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from claim_intake.model import ACCEPTED_LANGUAGES, Dates, DocType, DocumentResult, ExtractedField, LineItem

CLEAN_CONFIDENCE = 0.95
RECEIVED = dt.date(2026, 4, 10)
TREATED = dt.date(2026, 3, 2)

# Values that appear in documents and must never appear in a message.
DOCTOR = "Dr. Ingrid Solheim-Varga"
INVOICE_NO = "INV-2026-77413"
ITEMS = ("312.40", "137.60")
TOTAL = "450.00"


def doc(
    file: str,
    doc_type: DocType = DocType.invoice,
    *,
    language: str | None = "en",
    treatment: dt.date | None = None,
    invoice: dt.date | None = None,
    payment: dt.date | None = None,
    items: tuple[str, ...] | list[str] = (),
    confidence: float = CLEAN_CONFIDENCE,
    **values,
) -> DocumentResult:
    values.setdefault("is_translation", doc_type == DocType.translation)
    d = DocumentResult(
        file=file,
        sha256=hashlib.sha256(file.encode()).hexdigest(),
        pages=1,
        doc_type=doc_type,
        language=language,
        language_accepted=language in ACCEPTED_LANGUAGES,
        dates=Dates(treatment=treatment, invoice=invoice, payment=payment),
        line_items=[LineItem(description=f"service {i + 1}", amount=a) for i, a in enumerate(items)],
        **values,
    )
    return d.model_copy(update={"fields": values.get("fields", clean_fields(d, confidence))})


def clean_fields(d: DocumentResult, confidence: float) -> list[ExtractedField]:
    found = {
        "doctor_name": d.doctor_name,
        "total": d.total,
        "currency": d.currency,
        "language": d.language,
        "dates.treatment": d.dates.treatment and d.dates.treatment.isoformat(),
        "dates.invoice": d.dates.invoice and d.dates.invoice.isoformat(),
        **{f"line_items[{i}].amount": item.amount for i, item in enumerate(d.line_items)},
    }
    return [
        ExtractedField(name=name, value=value, page=1, source_text=value, confidence=confidence)
        for name, value in found.items()
        if value is not None
    ]


def invoice(file: str = "invoice.pdf", **over) -> DocumentResult:
    """An original, itemised English invoice, paid on the spot."""
    values = dict(
        doctor_name=DOCTOR,
        treatment=TREATED,
        invoice=TREATED,
        currency="EUR",
        total=TOTAL,
        items=ITEMS,
        invoice_number=INVOICE_NO,
    )
    values.update(over)
    return doc(file, DocType.invoice, **values)


def receipt(file: str = "receipt.jpg", **over) -> DocumentResult:
    values = dict(payment=TREATED, currency="EUR", total=TOTAL, amount_paid=TOTAL)
    values.update(over)
    return doc(file, DocType.receipt, **values)


def claim_form(file: str = "claim_form.pdf") -> DocumentResult:
    return doc(file, DocType.claim_form, language="no")


def translation_of(original: DocumentResult, file: str, **over) -> DocumentResult:
    """An English translation carrying the same content as `original`."""
    values = dict(
        doctor_name=original.doctor_name,
        treatment=original.dates.treatment,
        invoice=original.dates.invoice,
        payment=original.dates.payment,
        currency=original.currency,
        total=original.total,
        items=[i.amount for i in original.line_items],
        invoice_number=original.invoice_number,
        marked_paid=original.marked_paid,
        amount_paid=original.amount_paid,
        specialty=original.specialty,
    )
    values.update(over)
    return doc(file, DocType.translation, language="en", **values)


def ready_claim() -> list[DocumentResult]:
    """A complete claim that breaks no rule; tests change one thing at a time."""
    return [claim_form(), invoice(), receipt()]


def spanish_claim() -> list[DocumentResult]:
    """A complete claim whose invoice is in Spanish and comes with its translation."""
    factura = invoice("factura.pdf", language="es")
    return [claim_form(), factura, translation_of(factura, "translation.pdf"), receipt()]


def check(docs: list[DocumentResult], received: dt.date = RECEIVED):
    from validators import check_claim

    return check_claim("claim-1", received, docs)


def found(docs: list[DocumentResult], code: str, received: dt.date = RECEIVED) -> list[str | None]:
    """The documents a code was reported for (None for claim-wide findings)."""
    return [f.document for f in check(docs, received).findings if f.code.value == code]


def replace(docs: list[DocumentResult], file: str, **update) -> list[DocumentResult]:
    """The claim with one document changed."""
    return [d.model_copy(update=update) if d.file == file else d for d in docs]
