"""Pair each translation with the original it translates, by content.

File names lie (claimants name scans `scan1.pdf`, `translation.pdf`, or swap them),
so a translation is matched on what both documents say: invoice number, dates,
total and currency, line-item amounts and the doctor's name. Each agreeing fact adds
evidence, each contradicting one takes it away; a candidate must reach
`MATCH_THRESHOLD` and agree on at least `MIN_COVERAGE` of what the translation says;
the best such candidate wins, and each original is given to at most one translation.
"""

from __future__ import annotations

import unicodedata

from collections import Counter

from rapidfuzz import fuzz

from claim_intake.model import DocType, DocumentResult, ExtractedField
from extractors.amounts import one_character_apart, zeros_misread
from extractors.langdata import to_latin

from .facts import (
    NEEDS_TRANSLATION,
    amount,
    has_text,
    in_unaccepted_language,
    is_translation,
    misread as _misread,
    misread_rows,
    normalize_invoice_number,
    normalize_text,
    same_currency,
)

RECORD_TYPES = frozenset({DocType.medical_record, DocType.referral})
MATCH_THRESHOLD = 2.0  # evidence needed: e.g. two agreeing dates, or one total
MIN_COVERAGE = 0.5  # share of the translation's own facts that must agree
NAME_MATCH_MIN = 85  # rapidfuzz token_set_ratio at which two doctor names agree
OTHER_PERSON_BELOW = 60  # under this, two names (in Latin letters) are two people
TRANSLITERATED_MATCH_MIN = 80  # the same, for a name and its transliteration into Latin letters

W_INVOICE_NUMBER = 3.0
MIN_NUMBER_CHARS = 3
MISREAD_NUMBER_CHARS = 6  # characters: a longer number one character off is a misreading, not another number
W_TOTAL = 2.0
W_ITEMS = 2.0
W_DATE = 1.0
W_NAME = 2.0
# Not evidence, only a preference between equally good candidates: originals are
# usually the documents that needed translating.
LANGUAGE_PREFERENCE = 0.5
# Also a preference only: a translation with no total or items is more likely the
# medical record than the invoice from the same doctor on the same day.
SHAPE_PREFERENCE = 0.1
# A preference too: a translation listing items more likely translates the invoice than
# the receipt that pays it (both carry the same number and total).
ITEMS_PREFERENCE = 0.3
# How sure an untyped original is an invoice once an invoice's translation is linked to it.
TYPED_BY_TRANSLATION = 0.6


def link_translations(docs: list[DocumentResult]) -> list[DocumentResult]:
    """Copies of `docs` (same order) with `translation_of` set on every readable
    translation that matches an original, None on all other documents. An untyped
    original (`other`) linked to an invoice's translation is typed an invoice."""
    translations = [d for d in docs if is_translation(d) and d.readable]
    candidates = [
        d for d in docs if not is_translation(d) and d.readable and d.doc_type != DocType.claim_form
    ]
    scored = []
    for t in translations:
        for c in candidates:
            if is_match(t, c):
                preference = LANGUAGE_PREFERENCE if in_unaccepted_language(c) else 0.0
                preference += SHAPE_PREFERENCE * _same_shape(t, c)
                preference += ITEMS_PREFERENCE if t.line_items and c.doc_type == DocType.invoice else 0.0
                scored.append((-(match_evidence(t, c) + preference), t.file, c.file))
    links: dict[str, str] = {}
    taken: set[str] = set()
    for _, t_file, c_file in sorted(scored):
        if t_file not in links and c_file not in taken:
            links[t_file] = c_file
            taken.add(c_file)
    _bills_not_their_receipts(translations, candidates, links, taken)
    _records_not_their_bills(translations, candidates, links, taken)
    _link_lone_records(translations, candidates, links, taken)
    _link_lone_foreign_document(translations, candidates, links, taken)
    linked = [d.model_copy(update={"translation_of": links.get(d.file)}, deep=True) for d in docs]
    by_file = {t.file: t for t in translations}
    invoices = {o for t, o in links.items() if _translates_an_invoice(by_file[t])}
    return [_typed_invoice(d) if d.file in invoices and d.doc_type == DocType.other else d for d in linked]


def _bills_not_their_receipts(translations: list[DocumentResult], candidates: list[DocumentResult],
                              links: dict[str, str], taken: set[str]) -> None:
    """A bill's translation that says nothing of a payment (not marked paid, no sum paid),
    matched to the receipt that carries the bill's number and total, translates the foreign
    invoice that also matches it and that nothing else translates: receipts need no
    translation, and a receipt's translation carries its payment."""
    by_file = {c.file: c for c in candidates}
    for t in translations:
        linked = by_file.get(links.get(t.file, ""))
        if linked is None or linked.doc_type != DocType.receipt or t.marked_paid or has_text(t.amount_paid):
            continue
        bills = [c for c in candidates if c.file not in taken and c.doc_type == DocType.invoice
                 and in_unaccepted_language(c) and is_match(t, c)]
        if len(bills) == 1:
            _move_link(t, linked, bills[0], links, taken)


def _move_link(t: DocumentResult, old: DocumentResult, new: DocumentResult,
               links: dict[str, str], taken: set[str]) -> None:
    """Give translation `t` to `new` in place of `old`, which is free again for another."""
    taken.discard(old.file)
    links[t.file] = new.file
    taken.add(new.file)


def _records_not_their_bills(translations: list[DocumentResult], candidates: list[DocumentResult],
                             links: dict[str, str], taken: set[str]) -> None:
    """A translation read from its text layer that carries no invoice's facts (no number, total
    or items: as printed, it has none), matched to the invoice of the same doctor and day,
    translates the foreign record of that visit that nothing else translates, whose date OCR
    may have lost, where that record agrees on something and contradicts nothing (seed 253)."""
    by_file = {c.file: c for c in candidates}
    for t in translations:
        linked = by_file.get(links.get(t.file, ""))
        if linked is None or linked.doc_type != DocType.invoice or t.text_source != "text_layer" or _invoice_like(t):
            continue
        records = [c for c in candidates if c.file not in taken and c.doc_type in RECORD_TYPES
                   and in_unaccepted_language(c) and _uncontradicted(t, c) and any(p[0] > 0 for p in _parts(t, c))]
        if len(records) == 1:
            _move_link(t, linked, records[0], links, taken)


def _translates_an_invoice(t: DocumentResult) -> bool:
    """A translation that lists line items, or gives an invoice number and a total."""
    return bool(t.line_items) or (has_text(t.invoice_number) and has_text(t.total))


def _typed_invoice(d: DocumentResult) -> DocumentResult:
    """An original the extractor could not type (a dark photo, a cut-off title) is the
    invoice its translation shows it to be."""
    fields = [f for f in d.fields if f.name != "doc_type"]
    old = next((f.confidence for f in d.fields if f.name == "doc_type"), 0.0)
    typed = ExtractedField(name="doc_type", value=DocType.invoice.value, confidence=max(old, TYPED_BY_TRANSLATION))
    return d.model_copy(update={"doc_type": DocType.invoice, "fields": fields + [typed]})


def _link_lone_records(translations: list[DocumentResult], candidates: list[DocumentResult],
                       links: dict[str, str], taken: set[str]) -> None:
    """A record says little that can be compared: often only its visit date, when the
    doctor's name was not read. A translation without amounts still belongs to the one
    foreign record of that visit date that nothing else translates and nothing contradicts."""
    for t in translations:
        if t.file in links or t.dates.treatment is None or has_text(t.total) or t.line_items:
            continue
        lone = [c for c in candidates
                if c.file not in taken and c.doc_type in RECORD_TYPES and in_unaccepted_language(c)
                and c.dates.treatment == t.dates.treatment and _uncontradicted(t, c)]
        if len(lone) == 1:
            links[t.file] = lone[0].file
            taken.add(lone[0].file)


def _link_lone_foreign_document(translations: list[DocumentResult], candidates: list[DocumentResult],
                                links: dict[str, str], taken: set[str]) -> None:
    """What is left: translations nothing matched, and foreign documents needing a
    translation that nothing translates. A claimant who sends a translation sends its
    original; a translation is paired with the one left document of its kind (an
    invoice's translation with an invoice, a record's with a record; an untyped one
    may be either) when nothing they both read disagrees, a fact agrees or the original
    was read too poorly to compare anything (a dark photo), and no other translation
    left could be paired with that document."""
    loose = [t for t in translations if t.file not in links]
    left = [c for c in candidates if c.file not in taken and c.doc_type in NEEDS_TRANSLATION
            and in_unaccepted_language(c)]
    options = {t.file: [c.file for c in left if _could_be_its_original(t, c)] for t in loose}
    for t_file, files in options.items():
        if len(files) != 1:
            continue
        c_file = files[0]
        if sum(c_file in others for others in options.values()) == 1:
            links[t_file] = c_file
            taken.add(c_file)


def _could_be_its_original(t: DocumentResult, c: DocumentResult) -> bool:
    if not (_same_kind(t, c) and _uncontradicted(t, c)):
        return False
    return any(p[0] > 0 for p in _parts(t, c)) or not _says_anything(c)


def _invoice_like(d: DocumentResult) -> bool:
    return has_text(d.invoice_number) or has_text(d.total) or bool(d.line_items)


def _same_kind(t: DocumentResult, c: DocumentResult) -> bool:
    """A translation with an invoice's facts is not a record's, nor one without them an
    invoice's; an untyped original ('other') may be either."""
    if c.doc_type == DocType.other:
        return True
    return (c.doc_type == DocType.invoice) == _invoice_like(t)


def _says_anything(d: DocumentResult) -> bool:
    """Whether any fact the linking compares was read on the document."""
    return (_invoice_like(d) or has_text(d.doctor_name)
            or any((d.dates.treatment, d.dates.invoice, d.dates.payment)))


def _uncontradicted(t: DocumentResult, c: DocumentResult) -> bool:
    """No compared fact disagrees, and two read doctor names, in whatever script, are
    not plainly two people."""
    if any(part[0] < 0 for part in _parts(t, c)):
        return False
    if has_text(t.doctor_name) and has_text(c.doctor_name):
        return fuzz.token_set_ratio(to_latin(t.doctor_name), to_latin(c.doctor_name)) >= OTHER_PERSON_BELOW
    return True


def _same_shape(a: DocumentResult, b: DocumentResult) -> int:
    """How many of (invoice number, total, line items) both have or both lack."""

    def shape(d: DocumentResult) -> tuple[bool, bool, bool]:
        return has_text(d.invoice_number), has_text(d.total), bool(d.line_items)

    return sum(x == y for x, y in zip(shape(a), shape(b)))


def is_match(translation: DocumentResult, original: DocumentResult) -> bool:
    """Enough agreeing facts, most of what the translation says agrees, and more than
    one fact agrees unless it is the invoice number: a receipt sharing only the
    invoice's total is not the invoice. A translation listing items is an invoice's:
    the receipt that pays it (same number, same total) lists none and is not its original."""
    if _items_against_a_bare_receipt(translation, original):
        return False
    parts = _parts(translation, original)
    evidence, possible = sum(p[0] for p in parts), sum(p[1] for p in parts)
    agreeing = [p for p in parts if p[0] > 0]
    number_agrees = parts[0][0] > 0
    return (evidence >= MATCH_THRESHOLD and evidence >= MIN_COVERAGE * possible
            and (len(agreeing) >= 2 or number_agrees))


def _items_against_a_bare_receipt(t: DocumentResult, c: DocumentResult) -> bool:
    """Receipts need no translation; a translation with line items translates the invoice
    they come from, never a receipt on which none were read."""
    return c.doc_type == DocType.receipt and bool(t.line_items) and not c.line_items


def match_evidence(translation: DocumentResult, original: DocumentResult) -> float:
    """How strongly the two documents' contents say they are the same document."""
    return _compare(translation, original)[0]


def _compare(t: DocumentResult, o: DocumentResult) -> tuple[float, float]:
    """Evidence for the pair, and the most evidence the translation's facts could give."""
    parts = _parts(t, o)
    return sum(p[0] for p in parts), sum(p[1] for p in parts)


def _parts(t: DocumentResult, o: DocumentResult) -> list[tuple[float, float]]:
    return [_invoice_number(t, o), _dates(t, o), _total(t, o), _items(t, o), _doctor(t, o)]


def _possible(weight: float, in_translation: bool, in_original: bool) -> float:
    """What a fact of the translation could add. A fact the original was not read to
    have counts half: an unread value is no disagreement, but it is no agreement either."""
    if not in_translation:
        return 0.0
    return weight if in_original else weight / 2


def _comparable_number(value: str | None) -> str:
    """An invoice number worth comparing: one or two characters ('-7', '17') are a
    misread label or date, not a number that could tell two invoices apart."""
    number = normalize_invoice_number(value)
    return number if len(number) >= MIN_NUMBER_CHARS else ""


def _invoice_number(a: DocumentResult, b: DocumentResult) -> tuple[float, float]:
    x, y = _comparable_number(a.invoice_number), _comparable_number(b.invoice_number)
    possible = _possible(W_INVOICE_NUMBER, bool(x), bool(y))
    if not x or not y:
        return 0.0, possible
    if x == y:
        return W_INVOICE_NUMBER, possible
    # A translated label can leak into the number ("Nr 12" vs "No 12"): the digits decide.
    dx, dy = "".join(c for c in x if c.isdigit()), "".join(c for c in y if c.isdigit())
    if len(dx) >= 3 and dx == dy:
        return W_INVOICE_NUMBER * 0.8, possible
    if min(len(x), len(y)) >= MISREAD_NUMBER_CHARS and (one_character_apart(x, y) or x.startswith(y) or y.startswith(x)) \
            or min(len(dx), len(dy)) >= MISREAD_NUMBER_CHARS and one_character_apart(dx, dy) \
            or len(dx) >= MIN_NUMBER_CHARS and (zeros_misread(dx, dy) or zeros_misread(dy, dx)):
        # 'FV4775106' for 'FV477506' (a photo's speck read as a digit), or 'FA202609' for
        # 'FA202609-9860' (the number's end read apart from it): neither agreement
        # nor contradiction, weighed like an unread number (two invoices of one clinic
        # can be numbered one apart, so it is no agreement either); so is a number whose
        # digits are the other's with one read as a letter ('Żż026.4580' for 2026.4580, seed 217),
        # or with zeros read as 6, 8 or 9 ('THY-6686' for ΤΠΥ-6680, a font's dotted zeros, seed 251)
        return 0.0, W_INVOICE_NUMBER / 2
    return -W_INVOICE_NUMBER, possible


def _dates(a: DocumentResult, b: DocumentResult) -> tuple[float, float]:
    """The same date agrees, another contradicts; one a digit off ('1 ago 2026' for 21 ago,
    the day's first digit lost in the label's colon, seed 216) is a misread digit: neither,
    and weighed like an unread date."""
    score = possible = 0.0
    for name in ("treatment", "invoice", "payment"):
        x, y = getattr(a.dates, name), getattr(b.dates, name)
        if x is None:
            continue
        if y is not None and x != y and one_character_apart(f"{x:%Y%m}{x.day}", f"{y:%Y%m}{y.day}"):
            possible += W_DATE / 2
            continue
        possible += _possible(W_DATE, True, y is not None)
        if y is not None:
            score += W_DATE if x == y else -W_DATE
    return score, possible


def _total(a: DocumentResult, b: DocumentResult) -> tuple[float, float]:
    """The same amount agrees; in two read currencies it agrees half (a translation keeps
    the currency, so '£' against '€' is a misread symbol). An amount one digit away
    ('560.90' against '560.00') is a misread digit: neither agreement nor contradiction,
    and weighed like an unread value."""
    x, y = amount(a.total), amount(b.total)
    possible = _possible(W_TOTAL, x is not None, y is not None)
    if x is None or y is None:
        return 0.0, possible
    if x == y:
        return (W_TOTAL if same_currency(a.currency, b.currency) else W_TOTAL / 2), possible
    if _misread(x, y):
        return 0.0, W_TOTAL / 2
    return -W_TOTAL, possible


def _items(a: DocumentResult, b: DocumentResult) -> tuple[float, float]:
    x = Counter(amount(i.amount) for i in a.line_items)
    y = Counter(amount(i.amount) for i in b.line_items)
    possible = _possible(W_ITEMS, bool(x), bool(y))
    if not x or not y:
        return 0.0, possible
    if x == y:
        return W_ITEMS, possible
    # OCR drops rows of a table (a photo's faint line, a row under a stamp): the rows one
    # side read, all found on the other, agree as far as they go (by the share they cover).
    common, rows = sum((x & y).values()), max(sum(x.values()), sum(y.values()))
    if x <= y or y <= x:
        return W_ITEMS * max(0.5, common / rows), possible
    # Every row the same or misread on one side (a digit, a rule read as a minus): the
    # rows of a one-item bill as much as a long one's; with three rows or more, one more
    # row may be off (a lost decimal comma). Neither agreement nor contradiction.
    explained = misread_rows(x - y, y - x, _misread_amount)
    if common + explained == rows or (rows >= 3 and common + explained >= rows - 1):
        return 0.0, W_ITEMS / 2
    return -W_ITEMS / 2, possible


def _misread_amount(a, b) -> bool:
    """The same, or a minus read in as well (a rule before the amount)."""
    a, b = abs(a), abs(b)
    return a == b or _misread(a, b)


def _scripts(text: str) -> frozenset[str]:
    """{'GREEK', 'LATIN' ...}: the scripts of the letters, from their Unicode names, so
    an OCR'd title in look-alike Latin letters ('Ap Σ. Παπαδάκη') still counts as Greek."""
    return frozenset(unicodedata.name(c, "").split(" ")[0] for c in text if c.isalpha())


def _doctor(a: DocumentResult, b: DocumentResult) -> tuple[float, float]:
    """Agreement counts; disagreement does not, since a translator may transliterate
    a name (Greek) or drop a title. Names in two scripts are compared in Latin
    letters; as transliterations vary, only their agreement counts."""
    if has_text(a.doctor_name) and has_text(b.doctor_name) and _scripts(a.doctor_name) != _scripts(b.doctor_name):
        ratio = fuzz.token_set_ratio(to_latin(a.doctor_name), to_latin(b.doctor_name))
        if ratio < TRANSLITERATED_MATCH_MIN:
            return 0.0, 0.0
        return W_NAME * ratio / 100, W_NAME
    possible = _possible(W_NAME, has_text(a.doctor_name), has_text(b.doctor_name))
    if not (has_text(a.doctor_name) and has_text(b.doctor_name)):
        return 0.0, possible
    ratio = fuzz.token_set_ratio(normalize_text(a.doctor_name), normalize_text(b.doctor_name))
    return (W_NAME * ratio / 100 if ratio >= NAME_MATCH_MIN else 0.0), possible
