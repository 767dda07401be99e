"""Finding a language's label phrases in noisy OCR lines.

Labels are matched accent- and case-insensitively, and fuzzily (rapidfuzz) so
that OCR slips like 'Behand1ungsdatum' still find their label.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz


def normalize(text: str) -> str:
    """Casefold, drop accents (but keep Greek letters' base form), fold spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("ø", "o").replace("æ", "ae").replace("ł", "l").split())


@dataclass(frozen=True)
class LabelHit:
    phrase: str
    start: int  # character offsets in the *normalized* line text
    end: int
    score: float  # 0..1


def find_label(line: str, phrases: list[str] | tuple[str, ...], min_score: float = 0.88) -> LabelHit | None:
    """Best occurrence of any phrase in the line, exact first, then fuzzy."""
    norm = normalize(line)
    best: LabelHit | None = None
    for phrase in phrases:
        p = normalize(phrase)
        if not p:
            continue
        at = _word_bounded_find(norm, p)
        if at >= 0:
            hit = LabelHit(phrase, at, at + len(p), 1.0)
        elif len(p) >= 5:
            al = fuzz.partial_ratio_alignment(p, norm, score_cutoff=min_score * 100)
            if al is None:
                continue
            hit = LabelHit(phrase, al.dest_start, al.dest_end, al.score / 100)
        else:
            continue
        if best is None or (hit.score, len(hit.phrase)) > (best.score, len(best.phrase)):
            best = hit
    return best


def _word_bounded_find(text: str, phrase: str) -> int:
    start = 0
    while True:
        at = text.find(phrase, start)
        if at < 0:
            return -1
        before_ok = at == 0 or not text[at - 1].isalnum()
        end = at + len(phrase)
        after_ok = end >= len(text) or not text[end].isalnum() or not phrase[-1].isalnum()
        if before_ok and after_ok:
            return at
        start = at + 1
