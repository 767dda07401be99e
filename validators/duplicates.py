"""DUPLICATE_DOCUMENT: the same bill sent twice, in this claim or an earlier one.

Paying one invoice twice is what a case handler most needs to catch. A document is a
duplicate of an earlier one when
  - it is the very same file (same SHA-256), or
  - it is the same bill: same kind (invoice or receipt), provider (doctor), date, total
    and currency, and either the same invoice number or, where one was not read, a first
    page that looks the same (pHash within `PHASH_MAX_DISTANCE` bits).
A look-alike first page alone never flags: invoices printed from one template look
alike. The same number, date and total from the same provider flags even when the pages
look different (a re-scan at another angle, a photo of the paper).

Only payment documents (invoices, receipts; not translations, whose facts are their
original's) are compared: a referral or medical record sent again with the next claim
is normal. The earlier claims come as a small list of `IndexedDocument`s (ids, hashes
and digests of the keys, never the values themselves), see `claim_intake/doc_index.py`.
Pure: no I/O.
"""

from __future__ import annotations

import hashlib

from pydantic import BaseModel

from claim_intake.model import DocType, DocumentRef, DocumentResult, Finding, FindingCode, Severity
from .facts import amount, is_translation, normalize_invoice_number, normalize_text
from .messages import finding

PAYMENT_TYPES = frozenset({DocType.invoice, DocType.receipt})
# Of 64 bits. Measured on rendered invoice pages (tests/extractors/test_fingerprint.py):
# a re-scan (shifted, rescaled, noisy, turned up to 3 degrees) is 4-6 apart, a page turned
# 90 degrees 32; another invoice printed from the same template 0, hence never alone.
PHASH_MAX_DISTANCE = 10


class IndexedDocument(BaseModel):
    """One payment document of a claim, as the duplicate check remembers it.

    `bill` and `number` are truncated SHA-256 digests of the keys (provider, date, total,
    currency; invoice number), so the index holds no names or amounts in clear; they are
    pseudonyms, not anonymous (a guessed amount and date can be tested), and the index
    lives beside the claim records for that reason."""

    claim_id: str
    file: str
    sha256: str
    phash: str | None = None
    bill: str | None = None
    number: str | None = None


def hamming(a: str, b: str) -> int:
    """Bits that differ between two hex pHashes (`extractors.fingerprint.phash`)."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def _bill_date(doc: DocumentResult) -> str | None:
    date = doc.dates.invoice or doc.dates.treatment or doc.dates.payment
    return date.isoformat() if date else None


def is_payment_document(doc: DocumentResult) -> bool:
    return doc.readable and doc.doc_type in PAYMENT_TYPES and not is_translation(doc)


def index_entry(claim_id: str, doc: DocumentResult) -> IndexedDocument | None:
    """The entry a payment document leaves in the index; None for other documents."""
    if not is_payment_document(doc):
        return None
    total, date = amount(doc.total), _bill_date(doc)
    bill = None
    if total is not None and date is not None:
        provider = normalize_text(doc.doctor_name or "")
        bill = _digest(doc.doc_type.value, provider, date, format(total, "f"), (doc.currency or "").upper())
    number = normalize_invoice_number(doc.invoice_number)
    same_file = doc.sha256 if doc.part_of is None else f"{doc.sha256}:{doc.first_page}"  # a part is its pages of the file
    return IndexedDocument(claim_id=claim_id, file=doc.file, sha256=same_file, phash=doc.phash, bill=bill,
                           number=_digest(number) if number else None)


def same_document(later: IndexedDocument, earlier: IndexedDocument) -> bool:
    """The rule in the module docstring, on two index entries."""
    if later.sha256 and later.sha256 == earlier.sha256:
        return True
    if later.bill is None or later.bill != earlier.bill:
        return False
    if later.number and earlier.number:
        return later.number == earlier.number
    return (later.phash is not None and earlier.phash is not None
            and hamming(later.phash, earlier.phash) <= PHASH_MAX_DISTANCE)


def duplicate_findings(claim_id: str, docs: list[DocumentResult],
                       earlier: list[IndexedDocument] = ()) -> list[Finding]:
    """One finding per document that repeats an earlier claim's or an earlier file of this
    claim (file-name order), pointing to the first such document by claim id and file.
    `earlier` must not hold this claim's own entries: a re-check is no duplicate of itself."""
    before = [e for e in earlier if e.claim_id != claim_id]
    seen: list[IndexedDocument] = []
    found: list[Finding] = []
    for doc in sorted(docs, key=lambda d: d.file):
        entry = index_entry(claim_id, doc)
        if entry is None:
            continue
        match = next((e for e in before if same_document(entry, e)), None)
        match = match or next((e for e in seen if same_document(entry, e)), None)
        seen.append(entry)
        if match is None:
            continue
        variant = ("same_file" if entry.sha256 == match.sha256 else "same_bill") + (
            "_same_claim" if match.claim_id == claim_id else "")
        f = finding(FindingCode.DUPLICATE_DOCUMENT, doc.file, variant, Severity.error,
                    values={"other_file": match.file, "other_claim": match.claim_id})
        found.append(f.model_copy(update={"related": DocumentRef(claim_id=match.claim_id, file=match.file)}))
    return found


def active_content_findings(docs: list[DocumentResult]) -> list[Finding]:
    """A warning where a PDF's JavaScript was not run or its attachments not opened: the
    visible pages were read as usual, and an attached file may be a missing document."""
    return [finding(FindingCode.ACTIVE_CONTENT_IGNORED, d.file, severity=Severity.warning)
            for d in docs if d.warnings]
