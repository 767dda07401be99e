"""Which of the 13 supported languages a document is written in.

langdetect does the work, made deterministic (own factory, fixed seed, one fresh
Detector per call) and restricted to the supported profiles. Two things it does
poorly are fixed here: Danish and Norwegian (and Swedish) look alike in n-grams, so
words only one of them uses (`distinctive` in each language file) break the tie;
and invoices are full of numbers, codes and capitals that carry no language, so
those are cleaned out first. Greek is told by its script alone.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

import langdetect
from langdetect.detector_factory import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from claim_intake.model import SUPPORTED_LANGUAGES
from extractors import langdata
from extractors.labels import LETTER_RUN, normalize

SEED = 0
DetectorFactory.seed = SEED  # also pins langdetect's module-level detect() for anyone else

_PROFILES = Path(langdetect.__file__).parent / "profiles"
_URL = re.compile(r"(https?://\S+|www\.\S+|\S+@\S+)")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_CLEAN_WORD = re.compile(r"^[(\"'«„]?[^\W\d_]{2,}(?:[-'’][^\W\d_]+)*[.,:;!?)\"'»“]*$")
_NUMERIC = re.compile(r"^[\W\d_]*\d[\W\d_]*[^\W\d_]{0,3}[\W\d_]*$")
_GREEK = "GREEK"
_TOKEN = re.compile(r"\w+")
MIN_LETTERS = 3
SHORT_TEXT_LETTERS = 80


@cache
def _factory() -> DetectorFactory:
    factory = DetectorFactory()
    profiles = [(_PROFILES / code).read_text(encoding="utf-8") for code in SUPPORTED_LANGUAGES]
    factory.load_json_profile(profiles)
    factory.set_seed(SEED)
    return factory


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code or None, confidence 0..1)."""
    words = _words(text)
    letters = sum(len(w) for w in words)
    if letters < MIN_LETTERS:
        return None, 0.0
    length, clean = _length_factor(letters), _clean_factor(text)

    greek = sum(1 for w in words for c in w if unicodedata.name(c, "").startswith(_GREEK))
    if greek / letters >= 0.5:  # the script alone decides, even in a short text
        return "el", round(greek / letters * (0.5 + 0.5 * length) * clean, 3)
    quality = length * clean

    probs = _langdetect(" ".join(words))
    if not probs:
        return None, 0.0
    best = max(probs, key=probs.__getitem__)
    conf = probs[best]
    if letters < SHORT_TEXT_LETTERS or conf < 0.9:
        best, conf = _vote_by_words(best, conf, probs, words)
    best, conf = _break_close_tie(best, conf, probs, words)
    return best, round(max(0.0, min(1.0, conf * quality)), 3)


def _words(text: str) -> list[str]:
    """Alphabetic words only; all-capital words lowered so that langdetect (which skips
    capitalised runs) still sees headings like FAKTURA."""
    out: list[str] = []
    for token in _URL.sub(" ", text).split():
        if any(c.isdigit() for c in token):
            continue  # amounts, dates, IBANs, codes like NO93 or F-2024
        for m in _WORD.finditer(token):
            w = m.group(0)
            if LETTER_RUN.search(w):
                continue  # 'eeeeeweeeraary': a row of dots or a rule OCR read as letters, no word
            out.append(w.lower() if w.isupper() and len(w) > 1 else w)
    return out


def _length_factor(letters: int) -> float:
    return min(1.0, 0.35 + letters / 200)


def _clean_factor(text: str) -> float:
    """Share of tokens that look like words, over tokens that are not numbers/amounts/dates."""
    tokens = [t for t in _URL.sub(" ", text).split() if not _NUMERIC.match(t)]
    if not tokens:
        return 0.5
    clean = sum(1 for t in tokens if _CLEAN_WORD.match(t))
    share = clean / len(tokens)
    return max(0.2, min(1.0, 0.2 + share)) if share < 0.8 else 1.0


def _langdetect(text: str) -> dict[str, float]:
    detector = _factory().create()
    detector.append(text)
    try:
        return {lang.lang: lang.prob for lang in detector.get_probabilities()}
    except LangDetectException:
        return {}


@cache
def _distinctive(code: str) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """(whole words, suffixes from '*hed', prefixes from 'sjuk*')."""
    entries = [e.casefold() for e in langdata.section(code, "language").get("distinctive", [])]
    words = frozenset(e for e in entries if "*" not in e)
    suffixes = tuple(e[1:] for e in entries if e.startswith("*"))
    prefixes = tuple(e[:-1] for e in entries if e.endswith("*") and not e.startswith("*"))
    return words, suffixes, prefixes


def _close(code: str) -> list[str]:
    return [c for c in langdata.section(code, "language").get("close", []) if c in SUPPORTED_LANGUAGES]


def distinctive_count(code: str, words: list[str], whole_only: bool = False) -> int:
    """Words of the text that only this language uses; suffix/prefix rules ('*hed') hold
    only against the language's close neighbours, so `whole_only` leaves them out."""
    whole, suffixes, prefixes = _distinctive(code)
    if whole_only:
        suffixes = prefixes = ()
    n = 0
    for w in words:
        w = unicodedata.normalize("NFC", w.casefold())
        if w in whole or (len(w) > 4 and (w.endswith(suffixes) or w.startswith(prefixes))):
            n += 1
    return n


@cache
def _own_vocabulary(code: str) -> frozenset[str]:
    """Words of a language file's labels and titles that no other language file uses
    ('kundenbeleg', 'approved'): on a card slip they are the only language there is."""
    def words_of(c: str) -> set[str]:
        out: set[str] = set()
        for name, section in langdata.load(c).items():
            if name == "language" or not isinstance(section, dict):
                continue
            for values in section.values():
                for v in values if isinstance(values, list) else []:
                    if isinstance(v, str):
                        out.update(w for w in _TOKEN.findall(normalize(v)) if len(w) >= 4 and not w.isdigit())
        return out

    mine = words_of(code)
    for other in SUPPORTED_LANGUAGES:
        if other != code:
            mine -= words_of(other)
    return frozenset(mine)


def _vocabulary_count(code: str, words: list[str]) -> int:
    own = _own_vocabulary(code)
    return sum(1 for w in words if normalize(w) in own)


def _vote_by_words(best: str, conf: float, probs: dict[str, float], words: list[str]) -> tuple[str, float]:
    """Too little text for n-grams ('Faktura / Konsultasjon / Totalt', a card slip):
    whole words that only one language uses outvote langdetect's guess."""
    counts = {
        c: distinctive_count(c, words, whole_only=True) + _vocabulary_count(c, words) for c in SUPPORTED_LANGUAGES
    }
    top = max(counts, key=lambda c: (counts[c], probs.get(c, 0.0)))
    if counts[top] > counts[best]:
        return top, min(0.6, 0.35 + 0.1 * counts[top])
    return best, conf


def _break_close_tie(best: str, conf: float, probs: dict[str, float], words: list[str]) -> tuple[str, float]:
    """Among languages that langdetect confuses, the one with the most words of its own
    wins; with no such words langdetect's pick stands, less sure if a neighbour is close."""
    group = [best] + [c for c in _close(best) if c != best]
    if len(group) == 1:
        return best, conf
    group_prob = sum(probs.get(c, 0.0) for c in group)
    counts = {c: distinctive_count(c, words) for c in group}
    ranked = sorted(group, key=lambda c: (counts[c], probs.get(c, 0.0)), reverse=True)
    top, second = ranked[0], ranked[1]
    if counts[top] > counts[second] and (top in probs or counts[top] - counts[second] >= 2):
        if top == best:
            return best, conf
        margin = (counts[top] - counts[second]) / (counts[top] + counts[second])
        return top, min(max(group_prob, conf), 0.55 + 0.4 * margin)
    rival = max(probs.get(c, 0.0) for c in group if c != best)
    return best, conf * (0.8 if rival > 0.1 else 1.0)
