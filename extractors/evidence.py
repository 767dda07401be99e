"""Finding vocabulary from the language files in a document's lines, with where it sits.

Document-level decisions (type, copy stamp, translation header, specialty) weigh
what a line says by where it is: a word in the heading of page one says more about
the document than the same word in the small print of page three.

Phrase conventions in the language files: matching is case- and accent-insensitive
and word-bounded; a trailing `*` makes the last word a prefix (`dermatolog*`), and
phrases of five letters or more also match with small OCR slips.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from claim_intake.model import BBox, ExtractedField, Line, ReadDocument
from extractors import langdata
from extractors.labels import normalize

_TOKEN = re.compile(r"\w+")
FUZZY_MIN = 85.0  # one OCR slip in a word of seven letters or more


@dataclass(frozen=True)
class Token:
    text: str
    word: int  # index of the Word in its Line


@dataclass(frozen=True)
class LineRef:
    page: int
    index: int  # line index on its page
    line: Line
    tokens: tuple[Token, ...]
    y: float  # vertical centre, 0 top .. 1 bottom

    @property
    def letters(self) -> int:
        return sum(sum(c.isalpha() for c in t.text) for t in self.tokens)

    def box(self, start: int, end: int) -> BBox:
        words = {t.word for t in self.tokens[start:end]}
        return BBox.union([self.line.words[i].box for i in sorted(words)])


@dataclass(frozen=True)
class Phrase:
    raw: str
    tokens: tuple[str, ...]
    prefix: bool  # last token is a prefix


@dataclass(frozen=True)
class Hit:
    key: str
    phrase: Phrase
    ref: LineRef
    start: int  # token offsets in ref.tokens
    end: int
    score: float

    @property
    def letters(self) -> int:
        return sum(sum(c.isalpha() for c in t.text) for t in self.ref.tokens[self.start : self.end])

    @property
    def coverage(self) -> float:
        """Share of the line's letters the phrase takes: near 1 for a heading line."""
        return self.letters / max(1, self.ref.letters)

    def field(self, name: str, value: str | None, confidence: float) -> ExtractedField:
        return field_at(self.ref, self.start, self.end, name, value, confidence)


def field_at(ref: LineRef, start: int, end: int, name: str, value: str | None, confidence: float) -> ExtractedField:
    return ExtractedField(
        name=name,
        value=value,
        page=ref.page,
        box=ref.box(start, end),
        source_text=ref.line.text,
        confidence=round(max(0.0, min(1.0, confidence)), 3),
    )


def tokenize(line: Line) -> tuple[Token, ...]:
    return _tokenize(tuple(w.text for w in line.words))


@lru_cache(maxsize=8192)
def _tokenize(texts: tuple[str, ...]) -> tuple[Token, ...]:
    """Tokens depend on the words' texts alone; every extractor tokenizes the same lines
    again (find_all runs ~8 times a document), so each line is normalised once."""
    out: list[Token] = []
    for i, text in enumerate(texts):
        for m in _TOKEN.finditer(normalize(text)):
            out.append(Token(m.group(0), i))
    return tuple(out)


def lines(doc: ReadDocument) -> Iterator[LineRef]:
    for page in doc.pages:
        for i, line in enumerate(page.lines):
            if not line.words:
                continue
            yield LineRef(page.number, i, line, tokenize(line), line.box.cy)


@cache
def phrase(raw: str) -> Phrase:
    prefix = raw.rstrip().endswith("*")
    tokens = tuple(_TOKEN.findall(normalize(raw.rstrip().rstrip("*"))))
    return Phrase(raw, tokens, prefix)


def _token_eq(have: str, want: str, prefix: bool) -> bool:
    return have.startswith(want) if prefix else have == want


def match(ref: LineRef, ph: Phrase, fuzzy: bool = True) -> list[tuple[int, int, float]]:
    """Every (start, end, score) where the phrase stands in the line's tokens."""
    n = len(ph.tokens)
    toks = [t.text for t in ref.tokens]
    if n == 0 or len(toks) < n:
        return []
    found: list[tuple[int, int, float]] = []
    want = " ".join(ph.tokens)
    use_fuzzy = fuzzy and not ph.prefix and sum(len(t) for t in ph.tokens) >= 5
    for s in range(len(toks) - n + 1):
        window = toks[s : s + n]
        if all(_token_eq(h, w, ph.prefix and k == n - 1) for k, (h, w) in enumerate(zip(window, ph.tokens))):
            found.append((s, s + n, 1.0))
        elif use_fuzzy:
            score = fuzz.ratio(" ".join(window), want, score_cutoff=FUZZY_MIN)
            if score and _slips_per_word(window, ph.tokens):
                found.append((s, s + n, score / 100))
    return found


def _slips_per_word(window: list[str], title: tuple[str, ...]) -> bool:
    """A phrase of several words read with OCR slips keeps each word recognisable: no
    word more than half misread. A long word read right beside a short one read as some
    other word is not the phrase ('consultation EUR' is no 'consultation report')."""
    return len(title) == 1 or all(Levenshtein.distance(have, want) <= max(1, len(want) // 2)
                                  for have, want in zip(window, title))


def vocabulary(section: str, key: str, language: str | None = None) -> list[tuple[str, Phrase]]:
    """(language, phrase) from one language, or from all of them when None."""
    return list(_vocabulary(section, key, language))


@cache
def _vocabulary(section: str, key: str, language: str | None) -> tuple[tuple[str, Phrase], ...]:
    codes = [language] if language else list(langdata.all_languages())
    out: list[tuple[str, Phrase]] = []
    seen: set[tuple[str, ...]] = set()
    for code in codes:
        for raw in langdata.section(code, section).get(key, []):
            ph = phrase(raw)
            sig = ph.tokens + (("*",) if ph.prefix else ())
            if ph.tokens and sig not in seen:
                seen.add(sig)
                out.append((code, ph))
    return tuple(out)


@dataclass
class _Index:
    """Phrases grouped by word count, for dictionary lookups and one fuzzy matrix per line."""

    exact: dict[str, list[tuple[str, Phrase]]]
    fuzzy: dict[int, tuple[list[str], list[tuple[str, Phrase]]]]
    prefixed: list[tuple[str, Phrase]]


def _index(vocab: dict[str, list[Phrase]], fuzzy: bool) -> _Index:
    """Built once per vocabulary content (callers build their vocab dicts afresh each call);
    the index is only read."""
    return _index_of(tuple((key, tuple(phrases)) for key, phrases in vocab.items()), fuzzy)


@lru_cache(maxsize=256)
def _index_of(vocab: tuple[tuple[str, tuple[Phrase, ...]], ...], fuzzy: bool) -> _Index:
    idx = _Index({}, {}, [])
    for key, phrases in vocab:
        for ph in phrases:
            if ph.prefix:
                idx.prefixed.append((key, ph))
                continue
            want = " ".join(ph.tokens)
            idx.exact.setdefault(want, []).append((key, ph))
            if fuzzy and sum(len(t) for t in ph.tokens) >= 5:
                wants, owners = idx.fuzzy.setdefault(len(ph.tokens), ([], []))
                wants.append(want)
                owners.append((key, ph))
    return idx


def find_all(
    doc: ReadDocument, vocab: dict[str, list[Phrase]], fuzzy: bool = True, min_score: float = FUZZY_MIN
) -> list[Hit]:
    """Hits for every key's phrases; where phrases overlap on a line, the longer wins
    ('Factura simplificada' over 'Factura')."""
    idx = _index(vocab, fuzzy)
    sizes = sorted({len(ph.tokens) for phrases in vocab.values() for ph in phrases if not ph.prefix})
    hits: list[Hit] = []
    for ref in lines(doc):
        toks = [t.text for t in ref.tokens]
        line_hits: list[Hit] = []
        for n in sizes:
            if len(toks) < n:
                break
            windows = [" ".join(toks[s : s + n]) for s in range(len(toks) - n + 1)]
            for s, window in enumerate(windows):
                for key, ph in idx.exact.get(window, ()):
                    line_hits.append(Hit(key, ph, ref, s, s + n, 1.0))
            if n in idx.fuzzy:
                wants, owners = idx.fuzzy[n]
                scores = process.cdist(wants, windows, scorer=fuzz.ratio, score_cutoff=min_score)
                for i, s in zip(*np.nonzero((scores > 0) & (scores < 100))):
                    key, ph = owners[i]
                    if not _slips_per_word(toks[s : s + n], ph.tokens):
                        continue
                    line_hits.append(Hit(key, ph, ref, int(s), int(s) + n, float(scores[i, s]) / 100))
        for key, ph in idx.prefixed:
            line_hits.extend(Hit(key, ph, ref, s, e, score) for s, e, score in match(ref, ph, fuzzy=False))
        line_hits.extend(_over_a_stray_glyph(ref, toks, idx, sizes))
        hits.extend(_drop_contained(line_hits))
    return hits


STRAY_GLYPH_SCORE = 0.95


def _over_a_stray_glyph(ref: LineRef, toks: list[str], idx: _Index, sizes: list[int]) -> list[Hit]:
    """Phrases of two words or more read with one stray glyph between two of their words
    ('ΑΠΟΔΕΙΞΗ Η ΠΑΡΟΧΗΣ ΥΠΗΡΕΣΙΩΝ', a speck of a photo read as a letter, seed 271): the
    phrase spelt exactly once that glyph is left out, spanning it."""
    found = []
    for j in range(1, len(toks) - 1):
        if len(toks[j]) != 1:
            continue
        rest = toks[:j] + toks[j + 1:]
        for n in sizes:
            # windows with words on both sides of j (none of one word)
            for s in range(max(0, j - n + 1), min(j, len(rest) - n + 1)):
                found.extend(Hit(key, ph, ref, s, s + n + 1, STRAY_GLYPH_SCORE)
                             for key, ph in idx.exact.get(" ".join(rest[s:s + n]), ()))
    return found


def _drop_contained(hits: list[Hit]) -> Iterable[Hit]:
    """One hit per key and span (the best-scoring phrase), and none inside a longer hit."""
    best: dict[tuple[str, int, int], Hit] = {}
    for h in hits:
        k = (h.key, h.start, h.end)
        if k not in best or h.score > best[k].score:
            best[k] = h
    kept = list(best.values())
    for h in kept:
        if not any(
            o is not h and o.start <= h.start and h.end <= o.end and (o.end - o.start) > (h.end - h.start) for o in kept
        ):
            yield h


def position_weight(ref: LineRef) -> float:
    """Headings sit at the top of the first page."""
    page = 1.0 if ref.page == 1 else 0.6
    if ref.y < 0.2:
        band = 1.5
    elif ref.y < 0.4:
        band = 1.0
    else:
        band = 0.6
    return page * band
