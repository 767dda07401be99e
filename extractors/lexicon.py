"""Fast label lookup over many languages' phrases at once.

The date, doctor and amount extractors need *every* label hit with its position (the label nearest a value
wins) and must stay fast on long documents. So: one index per
(section, key) over all 13 languages for exact hits, and the fuzzy matcher only
as a fallback, over the document language's phrases (with the same
scoring as `extractors.labels`, but never letting a short text align inside
a long phrase).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractors import langdata
from rapidfuzz import fuzz

from extractors.labels import normalize


GLUED_SECTIONS = ("amounts", "dates")  # labels, not names
_GLYPH_DIGIT = re.compile(r"(?<=[^\W\d_])[01]+(?=[^\W\d_])")


@dataclass(frozen=True)
class Hit:
    key: str
    phrase: str  # normalized phrase
    start: int  # offsets in the normalized text searched
    end: int
    score: float


@cache
def phrases(section: str, key: str, language: str | None = None) -> tuple[str, ...]:
    """Normalized phrases of one key, for one language or (None) all of them."""
    codes = langdata.all_languages() if language is None else (language,)
    out: list[str] = []
    for code in codes:
        try:
            values = langdata.section(code, section).get(key, [])
        except KeyError:
            continue
        for value in values:
            p = normalize(value)
            if p and p not in out:
                out.append(p)
    return tuple(out)


@cache
def _index(section: str, key: str) -> dict[str, tuple[str, ...]]:
    """Phrases by their first two characters: a line is scanned once, word start by word start."""
    index: dict[str, list[str]] = {}
    for p in phrases(section, key):
        index.setdefault(p[:2], []).append(p)
        glued = p.replace(" ", "")
        if section in GLUED_SECTIONS and glued != p and p.count(" ") <= 2 and len(glued) >= 4:
            index.setdefault(glued[:2], []).append(glued)  # OCR drops the space of a short label: 'Ialt', 'Totalamount'
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def exact_hits(norm_text: str, section: str, key: str) -> list[Hit]:
    """Every exact, word-bounded occurrence (overlaps included), longest first at each spot."""
    index = _index(section, key)
    if not index:
        return []
    hits: list[Hit] = []
    n = len(norm_text)
    for i, ch in enumerate(norm_text):
        if ch == " " or (i and norm_text[i - 1].isalnum() and ch.isalnum()):
            continue
        for p in index.get(norm_text[i : i + 2], ()):
            end = i + len(p)
            if norm_text.startswith(p, i) and (end >= n or not p[-1].isalnum() or not norm_text[end].isalnum()):
                hits.append(Hit(key, p, i, end, 1.0))
    return hits


def fuzzy_hit(norm_text: str, section: str, key: str, language: str | None, min_score: float = 0.88) -> Hit | None:
    """Best OCR-tolerant hit among the language's phrases (all languages if unknown)."""
    ps = phrases(section, key, language) if language else phrases(section, key)
    # phrases ending in a short word ('facture du', 'paid on') match anything fuzzily
    ps = tuple(p for p in ps if len(p) >= 6 and len(p.split()[-1]) >= 4)
    best = _fuzzy(norm_text, ps, key, min_score)
    if best is None:
        for variant in (_ocr_variant(norm_text), _l_read_as_i(norm_text), _lone_l_for_i(norm_text)):
            if variant == norm_text:
                continue
            if len(variant) == len(norm_text) and (exact := exact_hits(variant, section, key)):
                # the phrase itself once a known confusion is undone: surer than a fuzzy match,
                # and open to the phrases ending in a short word ('zahibar bis' for 'zahlbar bis')
                hit = max(exact, key=lambda h: (len(h.phrase), h.end))
                return Hit(hit.key, hit.phrase, hit.start, hit.end, 0.95)
            best = _fuzzy(variant, ps, key, min_score)
            if best:  # a repaired reading is never as sure as a clean one
                return Hit(best.key, best.phrase, best.start, best.end, min(best.score, 0.99) * 0.95)
        best = _in_other_script(norm_text, ps, key, language, min_score)
    return best


def _in_other_script(norm_text: str, ps: tuple[str, ...], key: str, language: str | None,
                     min_score: float) -> Hit | None:
    """The language's phrase read in another script's look-alike letters ('nanpwteo' for
    'πληρωτεο': Greek print read with the Latin model), both folded to one letter per shape.
    Folding keeps every offset, so the hit's place is the text's own."""
    fold = langdata.shape_fold(language) if language else None
    if fold is None:
        return None
    folded = {p.translate(fold): p for p in ps}
    text = norm_text.translate(fold)
    if text == norm_text and not any(f != p for f, p in folded.items()):
        return None
    hit = _fuzzy(text, tuple(folded), key, min_score)
    if hit is None:
        return None
    return Hit(hit.key, folded[hit.phrase], hit.start, hit.end, min(hit.score, 0.99) * 0.9)


_I_IN_WORD = re.compile(r"(?<=[^\W\d_]{2})i(?=[^\W\d_])")


def _l_read_as_i(text: str) -> str:
    """Every 'i' inside a word read as an 'l' ('bezahit' for 'bezahlt'): OCR's commonest
    confusion of a thin stroke, tried only when the reading as it stands matched nothing."""
    return _I_IN_WORD.sub("l", text)


def _lone_l_for_i(text: str) -> str:
    """A line opening with the word 'I' read as an 'l' ('l alt 2.275,00' for the Danish
    'I alt'): no language's label opens with a lone l."""
    return "i" + text[1:] if text.startswith("l ") else text


def _ocr_variant(text: str) -> str:
    """Undo the commonest OCR glyph confusions inside words ('rn' for 'm', '1' for 'l', '0' for 'o')."""
    out = text.replace("rn", "m")
    return _GLYPH_DIGIT.sub(lambda m: m.group(0).replace("1", "l").replace("0", "o"), out)


def _near_boundary(text: str, at: int) -> bool:
    """A word boundary at `at` or one character off (OCR drops and adds letters)."""
    def boundary(i: int) -> bool:
        return i <= 0 or i >= len(text) or not (text[i - 1].isalnum() and text[i].isalnum())

    return boundary(at) or boundary(at - 1) or boundary(at + 1)


_TOKEN = re.compile(r"[^\W_](?:\S*[^\W_])?")  # a word without the punctuation around it
WINDOW_WORDS = 2  # phrases of up to this many words are also compared word for word


def _word_windows(norm_text: str, n: int) -> list[tuple[int, int]]:
    """(start, end) of each run of `n` consecutive words of the text."""
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(norm_text)]
    return [(spans[i][0], spans[i + n - 1][1]) for i in range(len(spans) - n + 1)]


def _fuzzy(norm_text: str, ps: tuple[str, ...], key: str, min_score: float) -> Hit | None:
    best: Hit | None = None
    windows: dict[int, list[tuple[int, int]]] = {}
    for p in ps:
        # a text shorter than the phrase would align *inside* the phrase
        if len(norm_text) < len(p) - 1:
            continue
        al = fuzz.partial_ratio_alignment(p, norm_text, score_cutoff=min_score * 100)
        if al is not None and al.dest_end - al.dest_start >= len(p) - 2 \
                and _near_boundary(norm_text, al.dest_start) and _near_boundary(norm_text, al.dest_end):
            hit = Hit(key, p, al.dest_start, al.dest_end, al.score / 100)
        elif al is not None and (n := len(p.split())) <= WINDOW_WORDS:
            # aligned mid-word: a letter OCR added inside a short word ('bezahlit' for
            # 'bezahlt'), which the phrase-long windows of the partial ratio count twice; the
            # words, whole, tell it ('huisarts' inside 'huisartsenpraktijk' stays no label)
            span = max(((fuzz.ratio(p, norm_text[a:b]), a, b) for a, b in windows.setdefault(n, _word_windows(norm_text, n))),
                       default=None)
            if span is None or span[0] < min_score * 100:
                continue
            hit = Hit(key, p, span[1], span[2], span[0] / 100)
        else:
            continue
        if best is None or (hit.score, len(p)) > (best.score, len(best.phrase)):
            best = hit
    return best


def any_phrase_in(norm_text: str, section: str, key: str) -> bool:
    return bool(exact_hits(norm_text, section, key))


def language_or_none(language: str | None) -> str | None:
    return language if language in langdata.all_languages() else None


TRIMMED_STAMP_MIN = 5  # letters left of a stamp word that lost its first and last: fewer are other words
TRIMMED_ALONE_MIN = 4  # the same, for a stamp's word standing alone beside or over its date


def misread_capital_word(text: str, words: tuple[str, ...], min_letters: int, min_score: float,
                         alone: bool = False) -> bool:
    """A word printed in capitals, as stamps are, a letter or so off one of `words`
    (normalized, one word each): 'ΑΝΤΙΡΑΦΟ' for 'αντιγραφο', 'MAKSETTL' for 'maksettu'.
    `alone`: the word stands by itself beside or over a date, as a stamp's word does, so
    four letters left of a six-letter word that lost both its end letters ('AGAT' over
    '10.09.2026' for 'PAGATO') still count."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < (TRIMMED_ALONE_MIN if alone else TRIMMED_STAMP_MIN) or not all(c.isupper() for c in letters):
        return False
    token = normalize("".join(letters))
    if any(token == w[1:-1] for w in words):
        return True  # 'ETAAL' for 'BETAALD': the word ran over its frame and both end letters went with it
    if len(letters) < min_letters:
        return False
    return any(len(w) >= min_letters and fuzz.ratio(token, w, score_cutoff=min_score) for w in words)


PAID_WORD_MIN = 6  # letters: shorter paid words ('Paid', 'Pago') are too close to other words
PAID_WORD_FUZZY = 85.0


@cache
def paid_stamp_words() -> tuple[str, ...]:
    """The one-word paid stamps of every language, normalized."""
    return tuple(p for p in phrases("amounts", "paid_stamp") if " " not in p)


def misread_paid_stamp(text: str, alone: bool = False) -> bool:
    """A paid stamp's word in capitals, a letter or so misread ('MAKSETTL', 'WAKSETTU');
    `alone`: the only word beside or over a date (see `misread_capital_word`)."""
    return misread_capital_word(text, paid_stamp_words(), PAID_WORD_MIN, PAID_WORD_FUZZY, alone)
