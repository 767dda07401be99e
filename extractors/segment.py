"""Where one file holds several documents: a claim packet scanned as one PDF.

A mailroom scanner often makes one file of a whole envelope: the invoice, its
translation, the receipt. Each is checked as its own document, so the file is cut where
a page opens another document: a page headed, near its top, by the title of another
kind of document (an invoice after a medical record, a receipt after an invoice), or by
a translation's heading where the pages before were the original, or the other way
about. A page that says it continues ('Page 2 of 2', a sum carried over) or that bears
no title of its own belongs to the document before it, so an invoice's second page of
items stays with its first. Pure: pages in, page ranges out; nothing here reads a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claim_intake.model import DocType, ReadDocument
from extractors import langdata
from extractors.labels import normalize
from extractors.lexicon import exact_hits
from extractors.amounts import extract_amounts
from extractors.classify import classify_with_evidence
from extractors.dates import extract_dates
from extractors.language import detect_language

HEADING_TOP = 0.3  # a title in the top 30% of a page heads that page
SALUTATION_TOP = 0.5  # a letter's 'Hei,' stands in the top half, under the addresses
SURE_RECEIPT = 0.9  # a page typed receipt this surely by its words, wherever they stand ('*** ASIAKKAAN KUITTI ***')
MIN_TYPE_CONFIDENCE = 0.5  # a page typed less surely than this opens nothing


@cache
def _page_of() -> re.Pattern:
    """'Side 2 av 3', 'Seite 2 von 2', 'Page 2/3' in any language (`[segment]` data)."""
    labels = {w for code in langdata.all_languages() for w in langdata.section(code, "segment").get("page", [])}
    ofs = {w for code in langdata.all_languages() for w in langdata.section(code, "segment").get("page_of", [])}
    alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    return re.compile(rf"(?<!\w)(?:{alt(labels)})\s*(\d{{1,2}})\s*(?:{alt(ofs)})\s*(\d{{1,2}})(?!\d)", re.IGNORECASE)


@dataclass(frozen=True)
class _PageKind:
    doc_type: DocType
    translation: bool
    headed: bool  # its type's title or a translation heading stands near its top
    letter: bool  # a letter's salutation opens a line in its top half ('Hei,', 'Dear Sir')
    continues: bool  # it says it is a later page ('2/3') or carries a sum over


def _one_page(doc: ReadDocument, index: int) -> ReadDocument:
    """Page `index` alone, numbered 1, so its heading is weighed as a first page's."""
    page = doc.pages[index].model_copy(update={"number": 1})
    return doc.model_copy(update={"pages": [page]})


def _continues(page_doc: ReadDocument) -> bool:
    """A later page of its document: 'Side 2 av 3', or a line opening with a sum carried over."""
    for line in page_doc.pages[0].lines:
        m = _page_of().search(line.text)
        if m and 1 < int(m.group(1)) <= int(m.group(2)):
            return True
        if any(h.start == 0 for h in exact_hits(normalize(line.text), "amounts", "carried")):
            return True
    return False


def _kind(doc: ReadDocument, index: int) -> _PageKind:
    page_doc = _one_page(doc, index)
    language, _ = detect_language(page_doc.text)
    doc_type, confidence, field = classify_with_evidence(page_doc, language)  # a translation's field is its heading
    translation = doc_type == DocType.translation
    headed = (confidence >= MIN_TYPE_CONFIDENCE and field.box is not None and field.box.y0 < HEADING_TOP
              and doc_type != DocType.other)
    if not headed and doc_type in (DocType.other, DocType.receipt, DocType.invoice):
        shaped = _by_shape(page_doc, language, doc_type == DocType.receipt and confidence >= SURE_RECEIPT)
        if shaped is not None:
            doc_type, headed = shaped, True
    return _PageKind(doc_type, translation, headed, _opens_a_letter(page_doc), _continues(page_doc))


def _opens_a_letter(page_doc: ReadDocument) -> bool:
    return any(line.box.y0 < SALUTATION_TOP
               and any(h.start == 0 for h in exact_hits(normalize(line.text), "segment", "salutations"))
               for line in page_doc.pages[0].lines)


def _by_shape(page_doc: ReadDocument, language: str | None, sure_receipt: bool) -> DocType | None:
    """An untitled page that still opens a document by its shape: a bill, with items, a
    total and an invoice number (a letter that bills); a card slip or a till receipt,
    with a sum paid and no items, and the day it was paid or a receipt's words (a bill's
    last page prints no payment date)."""
    amounts = extract_amounts(page_doc, language)
    if amounts.line_items:
        return DocType.invoice if amounts.total is not None and amounts.invoice_number else None
    if amounts.amount_paid is None:
        return None
    if sure_receipt:
        return DocType.receipt
    dates, _ = extract_dates(page_doc, language)
    return DocType.receipt if dates.payment is not None or (dates.invoice is None and dates.treatment is not None) else None


def document_starts(doc: ReadDocument) -> list[int]:
    """The indexes of the pages that open a document, the first page always among them."""
    if len(doc.pages) < 2:
        return [0] if doc.pages else []
    kinds = [_kind(doc, i) for i in range(len(doc.pages))]
    starts = [0]
    for i in range(1, len(kinds)):
        opening, k = kinds[starts[-1]], kinds[i]
        if k.continues:
            continue
        if k.letter and not opening.letter:
            starts.append(i)  # a cover letter after the documents it covers
        elif not k.headed:
            continue
        elif k.translation or k.translation != opening.translation or k.doc_type != opening.doc_type:
            starts.append(i)  # a translation headed anew translates another document
    return starts


def cut(doc: ReadDocument, start: int, end: int) -> ReadDocument:
    """Pages start..end-1 as a document of their own, numbered from 1."""
    pages = [p.model_copy(update={"number": n}) for n, p in enumerate(doc.pages[start:end], start=1)]
    return doc.model_copy(update={"pages": pages, "phash": doc.phash if start == 0 else None})
