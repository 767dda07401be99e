"""Pair each translation with the original it translates, by content.

File names lie (claimants name scans `scan1.pdf`, `translation.pdf`, or swap them),
so a translation is matched on what both documents say: invoice number, dates,
total and currency, line-item amounts and the doctor's name. Each agreeing fact adds
evidence, each contradicting one takes it away; the best candidate above
`MATCH_THRESHOLD` wins, and each original is given to at most one translation.
"""

from __future__ import annotations

from collections import Counter

from rapidfuzz import fuzz

from claim_intake.model import DocType, DocumentResult

from .facts import (
    amount,
    has_text,
    in_unaccepted_language,
    is_translation,
    normalize_invoice_number,
    normalize_text,
    same_currency,
)

MATCH_THRESHOLD = 2.0  # evidence needed: e.g. two agreeing dates, or one total
NAME_MATCH_MIN = 85  # rapidfuzz token_set_ratio at which two doctor names agree

W_INVOICE_NUMBER = 3.0
W_TOTAL = 2.0
W_ITEMS = 2.0
W_DATE = 1.0
W_NAME = 2.0
# Not evidence, only a preference between equally good candidates: originals are
# usually the documents that needed translating.
LANGUAGE_PREFERENCE = 0.5


def link_translations(docs: list[DocumentResult]) -> list[DocumentResult]:
    """Copies of `docs` (same order) with `translation_of` set on every readable
    translation that matches an original, None on all other documents."""
    translations = [d for d in docs if is_translation(d) and d.readable]
    candidates = [
        d for d in docs if not is_translation(d) and d.readable and d.doc_type != DocType.claim_form
    ]
    scored = []
    for t in translations:
        for c in candidates:
            evidence = match_evidence(t, c)
            if evidence >= MATCH_THRESHOLD:
                preference = LANGUAGE_PREFERENCE if in_unaccepted_language(c) else 0.0
                scored.append((-(evidence + preference), t.file, c.file))
    links: dict[str, str] = {}
    taken: set[str] = set()
    for _, t_file, c_file in sorted(scored):
        if t_file not in links and c_file not in taken:
            links[t_file] = c_file
            taken.add(c_file)
    return [d.model_copy(update={"translation_of": links.get(d.file)}, deep=True) for d in docs]


def match_evidence(translation: DocumentResult, original: DocumentResult) -> float:
    """How strongly the two documents' contents say they are the same document."""
    return (
        _invoice_number(translation, original)
        + _dates(translation, original)
        + _total(translation, original)
        + _items(translation, original)
        + _doctor(translation, original)
    )


def _invoice_number(a: DocumentResult, b: DocumentResult) -> float:
    x, y = normalize_invoice_number(a.invoice_number), normalize_invoice_number(b.invoice_number)
    if not x or not y:
        return 0.0
    if x == y:
        return W_INVOICE_NUMBER
    # A translated label can leak into the number ("Nr 12" vs "No 12"): the digits decide.
    dx, dy = "".join(c for c in x if c.isdigit()), "".join(c for c in y if c.isdigit())
    if len(dx) >= 3 and dx == dy:
        return W_INVOICE_NUMBER * 0.8
    return -W_INVOICE_NUMBER


def _dates(a: DocumentResult, b: DocumentResult) -> float:
    score = 0.0
    for name in ("treatment", "invoice", "payment"):
        x, y = getattr(a.dates, name), getattr(b.dates, name)
        if x is not None and y is not None:
            score += W_DATE if x == y else -W_DATE
    return score


def _total(a: DocumentResult, b: DocumentResult) -> float:
    x, y = amount(a.total), amount(b.total)
    if x is None or y is None:
        return 0.0
    if x == y and same_currency(a.currency, b.currency):
        return W_TOTAL
    return -W_TOTAL


def _items(a: DocumentResult, b: DocumentResult) -> float:
    x = Counter(amount(i.amount) for i in a.line_items)
    y = Counter(amount(i.amount) for i in b.line_items)
    if not x or not y:
        return 0.0
    return W_ITEMS if x == y else -W_ITEMS / 2  # OCR may drop one row of a long table


def _doctor(a: DocumentResult, b: DocumentResult) -> float:
    """Agreement counts; disagreement does not, since a translator may transliterate
    a name (Greek) or drop a title."""
    if not (has_text(a.doctor_name) and has_text(b.doctor_name)):
        return 0.0
    ratio = fuzz.token_set_ratio(normalize_text(a.doctor_name), normalize_text(b.doctor_name))
    return W_NAME * ratio / 100 if ratio >= NAME_MATCH_MIN else 0.0
