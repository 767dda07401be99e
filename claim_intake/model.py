"""The one typed domain model that passes between pipeline stages.

Reading produces `Page`s of `Line`s of `Word`s (text layer or OCR, same shape);
extraction turns a `ReadDocument` into a `DocumentResult` whose every value keeps
its `Provenance`; validation adds `Finding`s; a `ClaimResult` is the contract
written to `OUT/<claim_id>.json` (see `claim_intake/schema/claim.schema.json`).
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ACCEPTED_LANGUAGES = frozenset({"no", "da", "sv", "en"})
SUPPORTED_LANGUAGES = ("no", "da", "sv", "en", "es", "de", "fr", "pl", "it", "nl", "pt", "fi", "el")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BBox(_Model):
    """A box in page-relative coordinates (0..1, origin top-left), so text-layer
    points and OCR pixels at any DPI draw the same on the page image."""

    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def union(cls, boxes: list[BBox]) -> BBox:
        return cls(
            x0=min(b.x0 for b in boxes),
            y0=min(b.y0 for b in boxes),
            x1=max(b.x1 for b in boxes),
            y1=max(b.y1 for b in boxes),
        )

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


class Word(_Model):
    text: str
    box: BBox
    conf: float = Field(1.0, ge=0, le=1)


class Line(_Model):
    """A run of words read as one line; extractors work line by line, and use the
    words' boxes to read tables as rows and columns."""

    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> BBox:
        return BBox.union([w.box for w in self.words])

    @property
    def conf(self) -> float:
        return min((w.conf for w in self.words), default=0.0)


TextSource = Literal["text_layer", "ocr", "mixed"]


class Page(_Model):
    number: int = Field(ge=1)
    width: int = Field(description="pixels of the page image the boxes refer to")
    height: int
    source: Literal["text_layer", "ocr"]
    rotation: int = Field(0, description="degrees the page was turned to read upright")
    ocr_confidence: float | None = None
    ocr_languages: str | None = None
    lines: list[Line] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


class ReadDocument(_Model):
    """One input file after reading and OCR, before any interpretation."""

    file: str
    sha256: str
    pages: list[Page] = Field(default_factory=list)
    phash: str | None = Field(None, description="perceptual hash of the first page (16 hex digits)")
    warnings: list[str] = Field(default_factory=list, description="what was left out of the reading, no content")

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)

    @property
    def text_source(self) -> TextSource | None:
        sources = {p.source for p in self.pages}
        if not sources:
            return None
        return sources.pop() if len(sources) == 1 else "mixed"

    @property
    def ocr_confidence(self) -> float:
        confs = [p.ocr_confidence for p in self.pages if p.ocr_confidence is not None]
        ocr_pages = [p for p in self.pages if p.source == "ocr"]
        if not ocr_pages:
            return 1.0 if self.pages else 0.0
        return round(sum(confs) / len(confs), 4) if confs else 0.0


class ReadOutcome(_Model):
    """What reading a file gave: its pages, or why it could not be read.

    This is the expensive stage's output, cached by content hash; interpretation
    re-runs on it cheaply whenever extraction improves.
    """

    file: str
    sha256: str
    document: ReadDocument | None = None
    error: str | None = None


class DocType(str, Enum):
    invoice = "invoice"
    receipt = "receipt"
    medical_record = "medical_record"
    referral = "referral"
    translation = "translation"
    claim_form = "claim_form"
    other = "other"


class Provenance(_Model):
    page: int | None = Field(None, description="1-based page number")
    box: BBox | None = None
    source_text: str = ""
    confidence: float = Field(0.0, ge=0, le=1)


class ExtractedField(_Model):
    """Where a value came from: `name` is the record key it fills (`doctor_name`,
    `dates.treatment`, `total`, `line_items[2].amount` ...)."""

    name: str
    value: str | None
    page: int | None = None
    box: BBox | None = None
    source_text: str = ""
    confidence: float = Field(0.0, ge=0, le=1)

    @classmethod
    def of(cls, name: str, value: str | None, prov: Provenance) -> ExtractedField:
        return cls(name=name, value=value, **prov.model_dump())


class Dates(_Model):
    treatment: dt.date | None = None
    invoice: dt.date | None = None
    payment: dt.date | None = None


class LineItem(_Model):
    description: str
    amount: str = Field(description="decimal string, e.g. '450.00'")


class DocumentResult(_Model):
    file: str
    sha256: str
    pages: int = 0
    text_source: TextSource | None = None
    ocr_confidence: float = 0.0
    doc_type: DocType = DocType.other
    language: str | None = None
    language_accepted: bool = False
    is_copy: bool = False
    is_translation: bool = False
    translation_of: str | None = None
    doctor_name: str | None = None
    dates: Dates = Field(default_factory=Dates)
    currency: str | None = None
    total: str | None = None
    line_items: list[LineItem] = Field(default_factory=list)
    # Facts the checks rest on, beyond the headline fields.
    invoice_number: str | None = None
    marked_paid: bool = False
    amount_paid: str | None = None
    vat: str | None = None
    vat_included: bool | None = Field(
        None, description="the VAT is inside the total (true) or added on top of the items (false); null without VAT")
    adjustment: str | None = Field(
        None, description="discounts, roundings, deposits or balances printed beside the items, summed as printed "
        "(so the items may differ from the total by it)")
    specialty: str | None = None
    fields: list[ExtractedField] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)
    # Added for duplicate detection and hostile input (issue 6).
    phash: str | None = Field(None, description="perceptual hash of the first page image (16 hex digits), "
                              "to recognise a re-scan of the same paper")
    warnings: list[str] = Field(default_factory=list, description="what was read but left out "
                                "(JavaScript, attached files), without content")
    page_turns: list[int] = Field(default_factory=list, description="degrees clockwise each page was turned "
                                  "to read upright, page 1 first; empty when no page was turned")
    part_of: str | None = Field(None, description="the file this document was cut from, where one file held "
                                "several documents (a packet scanned as one PDF); `file` then names the part, "
                                "'packet.pdf (pages 2-3)'")
    first_page: int = Field(1, ge=1, description="the document's first page in its file (`part_of`)")

    @property
    def source_file(self) -> str:
        """The file as it arrived, which holds this document's pages."""
        return self.part_of or self.file

    def field(self, name: str) -> ExtractedField | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def readable(self) -> bool:
        return not self.errors


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class FindingCode(str, Enum):
    TRANSLATION_MISSING = "TRANSLATION_MISSING"
    ORIGINAL_MISSING = "ORIGINAL_MISSING"
    DOCTOR_NAME_MISSING = "DOCTOR_NAME_MISSING"
    ITEMISED_INVOICE_MISSING = "ITEMISED_INVOICE_MISSING"
    PROOF_OF_PAYMENT_MISSING = "PROOF_OF_PAYMENT_MISSING"
    DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED"
    AMOUNT_MISMATCH = "AMOUNT_MISMATCH"
    REFERRAL_MISSING = "REFERRAL_MISSING"
    UNREADABLE_DOCUMENT = "UNREADABLE_DOCUMENT"
    LOW_CONFIDENCE = "LOW_CONFIDENCE"
    DUPLICATE_DOCUMENT = "DUPLICATE_DOCUMENT"
    ACTIVE_CONTENT_IGNORED = "ACTIVE_CONTENT_IGNORED"


class DocumentRef(_Model):
    """Another document a finding points to, by ids only."""

    claim_id: str
    file: str


class Finding(_Model):
    code: FindingCode
    severity: Severity = Severity.error
    document: str | None = Field(None, description="file name inside the claim, or null")
    message: str = Field(description="English; never holds document text or personal data")
    message_no: str = ""
    related: DocumentRef | None = Field(None, description="the earlier document a DUPLICATE_DOCUMENT "
                                        "finding points to (this claim's id for one in the same claim)")


class ClaimStatus(str, Enum):
    ready = "ready"
    incomplete = "incomplete"
    needs_review = "needs_review"


class ClaimResult(_Model):
    claim_id: str
    received_date: dt.date
    status: ClaimStatus
    documents: list[DocumentResult] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return sorted({f.code.value for f in self.findings})


class TriageEntry(_Model):
    """One row of the caseworker queue: ids, status and codes, no personal data."""

    claim_id: str
    status: ClaimStatus
    codes: list[str]
    documents: int
    earliest_treatment: dt.date | None = None
    ask_claimant: list[str] = Field(default_factory=list, description="what the letter asks for")


class TriageQueue(_Model):
    claims: list[TriageEntry] = Field(default_factory=list)
