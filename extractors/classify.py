"""What kind of document this is, from its titles and the vocabulary around them.

Titles ('Faktura', 'Arztbrief', 'Henvisning') decide, weighted by position: a title
at the top of page one, alone on its line, outweighs the same word in a sentence
further down. Weaker body words ('Due date', 'Diagnose', 'Kortnummer') tip the
balance when titles are missing or tie. Titles are looked for in every language,
since a clinic abroad may head a document in a language other than its body; the
document's own language gets a small bonus. A translation is always typed
`translation`, whatever it translates.
"""

from __future__ import annotations

import re
from functools import cache

from claim_intake.model import DocType, ExtractedField, ReadDocument
from extractors import evidence, langdata
from extractors.evidence import Hit, Phrase
from extractors.marks import detect_translation

TYPES = [t for t in DocType if t not in (DocType.other, DocType.translation)]
HINT_SUFFIX = "_hints"
HINT_WEIGHT = 0.25
HINT_CAP = 1.0
OWN_LANGUAGE_BONUS = 1.15
HEADING_BONUS = 1.5
MIN_SCORE = 0.8  # below: only passing mentions in running text
REPEAT_WEIGHT = 0.25
# A claim form is known by its printed title; a cover letter that asks for a refund is not one.
HEADING_ONLY = frozenset({DocType.claim_form.value})


def _vocabulary() -> dict[str, list[tuple[str, Phrase]]]:
    vocab: dict[str, list[tuple[str, Phrase]]] = {}
    for t in TYPES:
        vocab[t.value] = evidence.vocabulary("doctype", t.value)
        vocab[t.value + HINT_SUFFIX] = evidence.vocabulary("doctype", t.value + HINT_SUFFIX)
    return vocab


def classify(doc: ReadDocument, language: str | None) -> tuple[DocType, float]:
    doc_type, confidence, _ = classify_with_evidence(doc, language)
    return doc_type, confidence


def classify_with_evidence(doc: ReadDocument, language: str | None) -> tuple[DocType, float, ExtractedField]:
    """Like `classify`, plus the provenance of the decision (the deciding title line)."""
    is_translation, translation_field = detect_translation(doc)
    if is_translation and translation_field is not None:
        conf = translation_field.confidence
        return DocType.translation, conf, translation_field.model_copy(update={"name": "doc_type", "value": "translation"})

    vocab = _vocabulary()
    own = _own_language_phrases(language)
    hits = evidence.find_all(doc, {key: [ph for _, ph in pairs] for key, pairs in vocab.items()})
    hits += _split_titles(doc, vocab)
    enclosure_lines = _enclosure_lines(doc)
    hits = [h for h in hits if (h.ref.page, h.ref.index) not in enclosure_lines and not _other_word(h)
            and not _field_label(h) and not _priced(h)]

    titles: dict[str, list[float]] = {t.value: [] for t in TYPES}
    hints: dict[str, float] = {t.value: 0.0 for t in TYPES}
    best_hit: dict[str, tuple[float, Hit]] = {}
    for hit in hits:
        weight = evidence.position_weight(hit.ref) * hit.score
        if hit.phrase.tokens in own.get(hit.key, ()):
            weight *= OWN_LANGUAGE_BONUS
        if hit.key.endswith(HINT_SUFFIX):
            hints[hit.key.removesuffix(HINT_SUFFIX)] += HINT_WEIGHT * weight
            continue
        heading = hit.start == 0 and hit.coverage >= 0.5  # the line starts with the title and is mostly it
        if heading:
            weight *= HEADING_BONUS
        elif hit.key in HEADING_ONLY:
            hints[hit.key] += HINT_WEIGHT * weight
            continue
        titles[hit.key].append(weight)
        if hit.key not in best_hit or weight > best_hit[hit.key][0]:
            best_hit[hit.key] = (weight, hit)

    scores = {t: _title_score(titles[t]) + min(HINT_CAP, hints[t]) for t in titles}
    if _is_letter(doc):
        scores[DocType.claim_form.value] = 0.0  # a cover letter asking for a refund is not the form
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)
    top, second = ranked[0], ranked[1]
    if scores[top] < MIN_SCORE:
        conf = round(0.5 - scores[top] / 2, 3)
        return DocType.other, conf, ExtractedField(name="doc_type", value=DocType.other.value, confidence=conf)
    conf = round(min(1.0, scores[top] / 1.5) * scores[top] / (scores[top] + scores[second]), 3)
    if top in best_hit:
        field = best_hit[top][1].field("doc_type", top, conf)
    else:
        field = ExtractedField(name="doc_type", value=top, confidence=conf)
    return DocType(top), conf, field


SPLIT_TITLE_TOKENS = 3  # a short line: a heading OCR broke into pieces, not a sentence


def _split_titles(doc: ReadDocument, vocab: dict[str, list[tuple[str, Phrase]]]) -> list[Hit]:
    """A one-word title OCR read in pieces ('HENVIS NING' for 'HENVISNING', letter-spaced
    or wide capitals): a short line whose pieces join into the title exactly."""
    words: dict[str, tuple[str, Phrase]] = {}
    for key, pairs in vocab.items():
        if key.endswith(HINT_SUFFIX):
            continue
        for _, ph in pairs:
            if len(ph.tokens) == 1 and not ph.prefix:
                words.setdefault(ph.tokens[0], (key, ph))
    hits = []
    for ref in evidence.lines(doc):
        n = len(ref.tokens)
        if 2 <= n <= SPLIT_TITLE_TOKENS and (found := words.get("".join(t.text for t in ref.tokens))):
            hits.append(Hit(found[0], found[1], ref, 0, n, 0.95))
    return hits


def _other_word(hit: Hit) -> bool:
    """A one-word title matched loosely by a word two or more letters shorter or longer
    is another word, not a misreading: 'Adresse' (an address label on any form) is no
    French 'Adressage' (a referral). OCR swaps letters; it drops several only where the
    page's edge cuts the word, and then what is left is a piece of the title
    ('andsbetaling' of 'Utlandsbetaling')."""
    if hit.score >= 1.0 or hit.phrase.prefix or len(hit.phrase.tokens) != 1 or hit.end - hit.start != 1:
        return False
    read, title = hit.ref.tokens[hit.start].text, hit.phrase.tokens[0]
    return abs(len(read) - len(title)) >= 2 and read not in title and title not in read


FIELD_LABEL_KEYS = ("treatment", "invoice", "payment", "ignore")  # the date labels of every language


@cache
def _field_labels() -> frozenset[tuple[str, ...]]:
    return frozenset(ph.tokens for key in FIELD_LABEL_KEYS for _, ph in evidence.vocabulary("dates", key))


def _field_label(hit: Hit) -> bool:
    """A title matched loosely by words that are, exactly as read, a field's label of
    some language: 'Data porady' (the Polish visit date's label on an invoice) is no
    'Karta porady' (a record's title) misread."""
    return hit.score < 1.0 and tuple(t.text for t in hit.ref.tokens[hit.start:hit.end]) in _field_labels()


# an amount with cents, OCR's space after the separator allowed ('50, 00'); not a date's day and month
_PRICE = re.compile(r"(?<![\d.,:/])\d{1,3}(?:[ .]\d{3})*[.,] ?\d{2}(?![\d.,:/])")


def _priced(hit: Hit) -> bool:
    """A title opening a line that a price ends is an item of an invoice, not the title of
    the document: 'Bilan sanguin 50,00' (blood tests; 'Bilan' heads a French report),
    'Certificat médical 25,00' (the fee for one). A body word ('Betalt 450,00') stands
    beside its amount, and a title after a label names what is summed ('Total factura')."""
    if hit.key.endswith(HINT_SUFFIX) or any(c.isalpha() for t in hit.ref.tokens[:hit.start] for c in t.text):
        return False
    after = hit.ref.tokens[hit.end - 1].word + 1 if hit.end > hit.start else len(hit.ref.line.words)
    return bool(_PRICE.search(" ".join(w.text for w in hit.ref.line.words[after:])))


def _enclosure_lines(doc: ReadDocument) -> set[tuple[int, int]]:
    """Lines that list what a letter encloses ('Vedlegg: faktura, kvittering') or what a
    payment pays ('Gjelder: faktura 4711', 'In respect of: Invoice ...'): the document
    types they name are other documents."""
    return _lines_opening_with(doc, ("enclosures", "references"))


def reference_lines(doc: ReadDocument) -> set[tuple[int, int]]:
    """(page, line index) of the lines opening with a payment's reference label
    ('Gjelder:', 'In respect of:', 'Verwendungszweck:'): the bill this document pays."""
    return _lines_opening_with(doc, ("references",))


def received_lines(doc: ReadDocument) -> set[tuple[int, int]]:
    """(page, line index) of the lines acknowledging money from the payer ('Reçu de:',
    'Received from', 'Erhalten von'): what a receipt says, and no bill does."""
    return _lines_opening_with(doc, ("received",))


def _lines_opening_with(doc: ReadDocument, keys: tuple[str, ...]) -> set[tuple[int, int]]:
    phrases = [ph for key in keys for _, ph in evidence.vocabulary("doctype", key)]
    return {(h.ref.page, h.ref.index) for h in evidence.find_all(doc, {"lines": phrases}, fuzzy=False)
            if h.start == 0}


def _is_letter(doc: ReadDocument) -> bool:
    """A line that opens with a salutation or closing ('Hei,', 'Med vennlig hilsen')."""
    phrases = [ph for _, ph in evidence.vocabulary("doctype", "letter")]
    return any(h.start == 0 and h.coverage >= 0.5
               for h in evidence.find_all(doc, {"letter": phrases}, fuzzy=False))


def _title_score(weights: list[float]) -> float:
    """The strongest title counts in full; repeats of a word in the body add a little
    ('Na rachunek ...' twice on a transfer slip does not make an invoice)."""
    if not weights:
        return 0.0
    top = max(weights)
    return top + REPEAT_WEIGHT * (sum(weights) - top)


def _own_language_phrases(language: str | None) -> dict[str, set[tuple[str, ...]]]:
    if language not in langdata.all_languages():
        return {}
    return {key: {evidence.phrase(raw).tokens for raw in raws} for key, raws in langdata.section(language, "doctype").items()}
