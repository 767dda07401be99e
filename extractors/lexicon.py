"""Fast label lookup over many languages' phrases at once.

`extractors.labels.find_label` is fuzzy and returns one best hit; the date and
doctor extractors need *every* hit with its position (the label nearest a value
wins) and must stay fast on long documents. So: one compiled regex per
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


@dataclass(frozen=True)
class Hit:
    key: str
    phrase: str  # normalized phrase
    start: int  # offsets in the normalized text searched
    end: int
    score: float


def _bounded(phrase: str) -> str:
    head = r"(?<!\w)" if phrase[0].isalnum() else ""
    tail = r"(?!\w)" if phrase[-1].isalnum() else ""
    return head + re.escape(phrase) + tail


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
def _pattern(section: str, key: str) -> re.Pattern[str] | None:
    ps = sorted(phrases(section, key), key=len, reverse=True)
    if not ps:
        return None
    return re.compile("|".join(_bounded(p) for p in ps))


def exact_hits(norm_text: str, section: str, key: str) -> list[Hit]:
    """Every exact, word-bounded occurrence, longest phrase first at each spot."""
    pat = _pattern(section, key)
    if pat is None:
        return []
    hits: list[Hit] = []
    pos = 0
    while pos <= len(norm_text):
        m = pat.search(norm_text, pos)
        if not m:
            break
        hits.append(Hit(key, m.group(0), m.start(), m.end(), 1.0))
        # allow overlapping hits that start later inside this one
        pos = m.start() + 1
    return hits


def fuzzy_hit(norm_text: str, section: str, key: str, language: str | None, min_score: float = 0.88) -> Hit | None:
    """Best OCR-tolerant hit among the language's phrases (all languages if unknown)."""
    ps = phrases(section, key, language) if language else phrases(section, key)
    best: Hit | None = None
    for p in ps:
        # a text shorter than the phrase would align *inside* the phrase
        if len(p) < 6 or len(norm_text) < len(p) - 1:
            continue
        al = fuzz.partial_ratio_alignment(p, norm_text, score_cutoff=min_score * 100)
        if al is None or al.dest_end - al.dest_start < len(p) - 2:
            continue
        hit = Hit(key, p, al.dest_start, al.dest_end, al.score / 100)
        if best is None or (hit.score, len(p)) > (best.score, len(best.phrase)):
            best = hit
    return best


def any_phrase_in(norm_text: str, section: str, key: str) -> bool:
    pat = _pattern(section, key)
    return bool(pat and pat.search(norm_text))


def language_or_none(language: str | None) -> str | None:
    return language if language in langdata.all_languages() else None
