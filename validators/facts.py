"""Small readings of a `DocumentResult` that several rules share.

Kept in one place so every rule agrees on what "a translation", "an invoice" or
"an amount" means.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from claim_intake.model import ACCEPTED_LANGUAGES, DocType, DocumentResult
from extractors.amounts import cent_zero_misread, one_digit_apart

CENT = Decimal("0.01")
# The kinds of document that need a translation when foreign (receipts and claim forms do not).
NEEDS_TRANSLATION = frozenset({DocType.invoice, DocType.medical_record, DocType.referral, DocType.other})


def is_translation(doc: DocumentResult) -> bool:
    """The extractor flags translations either way; treat both as one."""
    return doc.is_translation or doc.doc_type == DocType.translation


def in_unaccepted_language(doc: DocumentResult) -> bool:
    """Known language outside no/da/sv/en; an unknown language proves nothing."""
    return doc.language is not None and doc.language not in ACCEPTED_LANGUAGES


def amount(value: str | None) -> Decimal | None:
    """The model's decimal strings as `Decimal`; anything unparsable is unknown."""
    if value is None:
        return None
    try:
        parsed = Decimal(value.strip().replace(" ", ""))
    except (InvalidOperation, AttributeError):
        return None
    return parsed if parsed.is_finite() else None


def misread(x: Decimal, y: Decimal) -> bool:
    """Two readings of one amount: a digit, or the decimal comma, misread, or the zeros of
    its cents read as 9, 8 or 6 ('157,66' for 157,00: a monospaced font's dotted zeros)."""
    return one_digit_apart(x, y) or x == y * 100 or y == x * 100 or cent_zero_misread(x, y) or cent_zero_misread(y, x)


def misread_rows(only_x: Counter, only_y: Counter, alike: Callable[[Decimal, Decimal], bool] = misread) -> int:
    """How many of one reading's amounts are, each paired once, an amount of the other
    reading `alike` them (one misreading of it, by default)."""
    left = list(only_y.elements())
    paired = 0
    for a in only_x.elements():
        match = next((b for b in left if a is not None and b is not None and alike(a, b)), None)
        if match is not None:
            left.remove(match)
            paired += 1
    return paired


def same_currency(a: str | None, b: str | None) -> bool:
    """An unread currency does not contradict a read one."""
    return a is None or b is None or a.strip().upper() == b.strip().upper()


def normalize_text(text: str) -> str:
    """Casefold and drop accents, so OCR and translation spellings compare."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def normalize_invoice_number(value: str | None) -> str:
    return "".join(c for c in normalize_text(value or "") if c.isalnum())


def has_text(value: str | None) -> bool:
    return bool(value and value.strip())


@dataclass(frozen=True)
class Claim:
    """One claim's documents after translation linking, as every rule sees it."""

    received: dt.date
    docs: tuple[DocumentResult, ...]

    @property
    def readable(self) -> list[DocumentResult]:
        """Presence checks run on these only: an unreadable file proves nothing."""
        return [d for d in self.docs if d.readable]

    def by_file(self, file: str | None) -> DocumentResult | None:
        return next((d for d in self.docs if d.file == file), None) if file else None

    def originals(self) -> list[DocumentResult]:
        return [d for d in self.readable if not is_translation(d)]

    def translations(self) -> list[DocumentResult]:
        return [d for d in self.readable if is_translation(d)]

    def of_type(self, doc_type: DocType) -> list[DocumentResult]:
        """Readable originals of one type (translations are never counted here)."""
        return [d for d in self.originals() if d.doc_type == doc_type]

    def translated_type(self, translation: DocumentResult) -> DocType | None:
        """The type of the original a translation stands in for, if it was linked."""
        original = self.by_file(translation.translation_of)
        return original.doc_type if original is not None else None

    def is_invoice_translation(self, translation: DocumentResult) -> bool:
        """Linked to an invoice, or typed as one by the extractor when unlinked."""
        linked = self.translated_type(translation)
        return linked == DocType.invoice or (linked is None and translation.doc_type == DocType.invoice)

    def invoices_and_their_translations(self) -> list[DocumentResult]:
        """Invoices, plus translations that stand in for one (linked to an invoice,
        or itemised themselves)."""
        return self.of_type(DocType.invoice) + [
            t for t in self.translations() if self.is_invoice_translation(t) or t.line_items
        ]
