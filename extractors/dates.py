"""Treatment, invoice and payment dates of one read document.

Every date on every line is found (numeric d.m.y / y-m-d / 2-digit years, and
long forms with month names taken from babel's CLDR data for all 13 languages),
then given a role by the label next to it: on the same line to its left, in a
label/value block above it, or as a table column header above it. Labels live
in the `[dates]` section of each `extractors/langdata/<code>.toml`. Birth, due,
print and period dates are dropped. Unlabeled dates fall back to guesses with
lower confidence: a table date column is the treatment date, a receipt's lone
date the payment date, a lone header date the invoice date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache

from babel.dates import get_month_names
from rapidfuzz.distance import Levenshtein

from claim_intake.model import BBox, Dates, ExtractedField, Line, ReadDocument, Word
from extractors import langdata, lexicon
from extractors.amounts import ZERO_READ_AS
from extractors.labels import normalize
from extractors.lexicon import Hit, any_phrase_in, exact_hits, fuzzy_hit, language_or_none

SECTION = "dates"
ROLES = ("treatment", "invoice", "payment")
LABEL_KEYS = ("treatment", "invoice", "payment", "ignore", "generic")
SPECIFIC = ("treatment", "invoice", "payment", "ignore")

OLD_DATE_DAYS = 400  # unlabeled dates this far before the newest are birth dates, not visits
MAX_GUESS_AGE_DAYS = 5 * 366  # nor is an unlabelled date this far back, even where no newer one was read
ABOVE_LINES_PLAIN = 2  # a stacked label sits right above its value
ABOVE_LINES_TABLE = 40  # a column header may sit above many dated rows
STACKED_LABEL_MIN = 2  # letters: a shorter label ('f.') is an abbreviation that only labels the date after it

_PREFILTER = re.compile(r"\d{1,4}\.?\s?[./:-]\s?\d{1,2}\.?\s?[./,:-]\s?\d{2,4}|\d{4}|\d[./-]2 \d{2}")  # every form has a 4-digit year or d.m.y
_NUMERIC = re.compile(
    r"(?<![\d.,/-])(?P<a>\d{1,4})(?P<s>[./-]|\.\s)(?P<b>\d{1,2})(?P=s)(?P<c>\d{1,4})(?!\d|[.,/-]\d)"
)
# OCR variants of d.m.yyyy, only with a four-digit year so no time or amount is taken:
# a card terminal's '05:10:2026', a stamp's '13.09,2026' (the second dot read as a comma)
# or a scan's '18.07:2026' (dots, colons and commas mixed), or a space OCR put after one
# dot only ('2. 8.2026' for '2.8.2026') or colon ('06: 07:2026'), or a dot and a dash ('19.09-2026')
_NUMERIC_OCR = re.compile(r"(?<![\d.,/:-])(?P<a>\d{1,2})(?:[.:,-]|[.:]\s)(?P<b>\d{1,2})(?:[.:,-]|[.:]\s)(?P<c>\d{4})(?!\d|[.,/:-]\d)")
# A card terminal's 'dd.mm.yy' with its first dot read as a colon ('11:09.26 10:28'): two
# digits each, a colon then a dot, so no time ('10:28') nor amount is taken
_COLON_DOT_SHORT = re.compile(r"(?<![\d.,/:-])(?P<a>\d{2}):(?P<b>\d{2})\.(?P<c>\d{2})(?![\d.,/:-])")
# A slash or dot OCR read as a one or a bar, beside one it read right: '22107/2026', '22/07|2026', '17109.2026'
_SLASH_OCR = re.compile(r"(?<![\d.,/:-])(?P<a>\d{2})(?:[1lI|](?P<b1>\d{2})[/.]|[/.](?P<b2>\d{2})[1lI|])(?P<c>\d{4})(?!\d|[.,/:-]\d)")
# Both slashes read as ones or bars ('2410712026' for '24/07/2026'): ten digits, so only a
# day, a month and a year of this century where the ones stand
_SLASHES_OCR = re.compile(r"(?<![\d.,/:-])(?P<a>[0-3]\d)[1lI|](?P<b>[01]\d)[1lI|](?P<c>20\d{2})(?![\d.,/:-])")
# The separator before the year OCR lost ('11/32026' for '11/3/2026'): a month of 1-12 and a
# year of these two centuries are the one way to split the digits; no letter before the day
# (an invoice number 'F26/32026')
_YEAR_SEPARATOR_LOST = re.compile(r"(?<![\w.,/:-])(?P<a>[0-3]?\d)(?P<s>[./-])(?P<b>1[0-2]|0?[1-9])(?P<c>(?:19|20)\d{2})(?![\w.,/:-])")
# Forms of d/m/yyyy that an invoice number ('1215/2026') also takes, so dates only under a
# date label of their own: the first slash read as a one before a one-digit month
# ('2218/2026' for 22/8/2026) or lost ('2106/2026' for 21/06/2026)
_LABELLED_ONLY = (re.compile(r"(?<![\w.,/:-])(?P<a>[0-3]\d)[1lI|](?P<b>[1-9])/(?P<c>20\d{2})(?![\w.,/:-])"),
                  re.compile(r"(?<![\w.,/:-])(?P<a>[0-3]\d)(?P<b>[01]\d)/(?P<c>20\d{2})(?![\w.,/:-])"))
# A year's zero OCR lost to a space ('03/05/2 26' for '03/05/2026'): the century's 20 split
_YEAR_ZERO_LOST = re.compile(r"(?<![\d.,/-])(?P<a>\d{1,2})(?P<s>[./-])(?P<b>\d{1,2})(?P=s)2 (?P<c>\d{2})(?!\d|[.,/-]\d)")
# A month in Roman numerals, as Polish (and older Italian) forms print it: '03.III.2026', '3 III 2026'
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_ROMAN = re.compile(r"(?<![\d.,/])(?P<d>[0-3]?\d)[.\s/-]+(?P<m>" + "|".join(sorted(ROMAN_MONTHS, key=len, reverse=True))
                    + r")[.\s/-]+(?P<y>\d{4})(?!\d)")
# A month name with one letter misread ('23 tuglio 2026'), between a day and a four-digit year
_MISREAD_MONTH = re.compile(r"(?<![\d.,])(?P<d>[0-3]?\d)\.?\s+(?P<m>[^\W\d_]{5,12})\.?,?\s+(?P<y>\d{4})(?!\d)")
MISREAD_MONTH_MIN = 5  # letters: shorter names lie one letter from each other ('juni', 'juli')
# A short month name with its l read as a look-alike ('11 Jut 2026', '31 Ju! 2026' for 'Jul'), the
# one misreading short names are not near each other by: every other letter read as printed
_L_MISREAD_MONTH = re.compile(r"(?<![\d.,])(?P<d>[0-3]?\d)\.?\s+(?P<m>[^\W\d_][^\s\d.,]{1,3})\.?,?\s+(?P<y>\d{4})(?!\d)")
L_READ_AS = frozenset("t!|i")  # what OCR reads for a small l: with a speck, a broken stroke, its top cut off ('Jui')
_AMOUNT = re.compile(r"\d[.,]\d{2}(?!\d)")


# --- date patterns -----------------------------------------------------------------


def _cldr_months(code: str) -> list[tuple[int, str]]:
    """(number, name) of every month name and abbreviation CLDR gives the language."""
    return [(num, name) for width in ("wide", "abbreviated") for context in ("format", "stand-alone")
            for num, name in get_month_names(width, context, locale=code).items()]


@cache
def _month_table() -> dict[str, int]:
    """Normalized month name or abbreviation -> month number, all languages (CLDR)."""
    table: dict[str, int] = {}
    for code in langdata.all_languages():
        for num, name in _cldr_months(code):
            key = normalize(name).rstrip(".")
            if len(key) >= 3:
                table.setdefault(key, num)
    for name, num in _months_in_look_alikes():
        table.setdefault(name, num)
    return table


@cache
def _look_alike_folds() -> tuple[dict[int, str], ...]:
    return tuple(f for f in (langdata.shape_fold(c) for c in langdata.all_languages()) if f is not None)


LOOK_ALIKE_MONTH_MIN = 5  # letters: a folded abbreviation ('pap', 'oen') is too near other words


@cache
def _months_in_look_alikes() -> tuple[tuple[str, int], ...]:
    """(name, number): each month name of a language whose print a Latin model reads in
    look-alike letters, folded to its shapes ('iovviov' for 'Ιουνίου'; OCR's reading is
    folded the same way before the lookup)."""
    out = []
    for code in langdata.all_languages():
        fold = langdata.shape_fold(code)
        if fold is None:
            continue
        for num, name in _cldr_months(code):
            key = normalize(name).rstrip(".").translate(fold)
            if len(key) >= LOOK_ALIKE_MONTH_MIN:
                out.append((key, num))
    return tuple(out)


def _alternation(words: set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w)


@cache
def _long_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    ord_, conn, month = _long_parts()
    dmy = re.compile(
        # a colon for the day's stop or the space before the year ('25: Juli 2026', '25. Juli:2026')
        rf"(?<![\d.,])(?P<d>[0-3]?\d){ord_}[.,;:]?[\s./-]*{conn}{month}[\s./,:-]*{conn}(?P<y>\d{{4}})(?!\d)",
        re.IGNORECASE,
    )
    mdy = re.compile(rf"{month}\s*(?P<d>[0-3]?\d){ord_}(?!\d),?\s+(?P<y>\d{{4}})(?!\d)", re.IGNORECASE)
    return dmy, mdy


@cache
def _yearless_pattern() -> re.Pattern[str]:
    """A day and a month name ending the line, its year gone ('13 de agosto', a stamp
    pressed over 'de 2026'), a connector left dangling or not."""
    ord_, conn, month = _long_parts()
    connectors = _alternation({normalize(w) for _, w in langdata.merged_list(SECTION, "connectors")})
    dangling = rf"(?:\s+(?:{connectors}))?" if connectors else ""
    return re.compile(rf"(?<![\d.,])(?P<d>[0-3]?\d){ord_}[.,;:]?[\s./-]*{conn}{month}{dangling}[\s,.:-]*$",
                      re.IGNORECASE)


@cache
def _long_parts() -> tuple[str, str, str]:
    names: set[str] = set()
    for code in langdata.all_languages():
        for _, name in _cldr_months(code):
            # lower() keeps precomposed Greek letters ('ΐ') that casefold() splits
            names.update(n.rstrip(".") for n in (name.lower(), name.casefold(), normalize(name)))
    names.update(name for name, _ in _months_in_look_alikes())
    months = _alternation({n for n in names if len(n) >= 3})
    ordinals = _alternation({normalize(w) for _, w in langdata.merged_list(SECTION, "ordinals")})
    connectors = _alternation({normalize(w) for _, w in langdata.merged_list(SECTION, "connectors")})
    ord_ = rf"(?:{ordinals})?" if ordinals else ""
    conn = rf"(?:(?:{connectors})\s+)?" if connectors else ""
    month = rf"(?<![^\W\d_])(?P<m>{months})(?![^\W\d_])\.?"
    return ord_, conn, month


def _one_after_separator(year: int, day: str, month: str) -> dt.date | None:
    """d/m/y with a one OCR read out of the separator's ink before the month ('4/15/2026')."""
    return _make(year, int(month[1]), int(day)) if len(month) == 2 and month[0] == "1" else None


def _year(text: str, today: dt.date) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y <= today.year % 100 + 1 else 1900
    return y


def _make(y: int, m: int, d: int) -> dt.date | None:
    if 2100 < y < 3000 and str(y)[1] in ZERO_READ_AS:
        y = int("20" + str(y)[2:])  # a year's zero read as 6, 8 or 9 ('27.08.2626')
    if not 1900 <= y <= 2100:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _zero_misread(part: str) -> str:
    """A day's or month's leading zero OCR read as 6, 8 or 9 ('13/69/2026', '61/10/1982'):
    no day or month starts so, so it is the zero."""
    return "0" + part[1] if len(part) == 2 and part[0] in ZERO_READ_AS else part


ONE_READ_AS = "TIl"  # letters OCR reads for a one ('T3:06.2026' for '13.06.2026')
ONE_SPLIT_OFF = "lł"  # a one read as a letter and split from its day by a space (no "|" or "I": a table rule reads so)


def _with_glued_one(text: str, found: tuple[int, int, dt.date]) -> tuple[int, int, dt.date]:
    """A one-digit day with a one's look-alike letter glued before it, the letter starting
    its word ('T3:06.2026'): no label or word ends so against a date, so the letter is the
    day's first digit OCR misread (13 June, not 3 June). Or that digit split off the day
    and glued to the label ('świadczenia1 5.10.2026'), or a letter of its own ('ł 1/07/2026')."""
    start, end, date = found
    at = start - 1
    tens = 1
    if at >= 2 and text[at] == " " and text[at - 1] in "123" and text[at - 2].isalpha():
        # the day's first digit glued to the label before it ('świadczenia1 5.10.2026' for
        # 15.10, seed 212): no label ends in a digit; the label keeps its word
        tens, at = int(text[at - 1]), start
    elif at >= 1 and text[at] == " " and text[at - 1] in ONE_SPLIT_OFF and (at < 2 or not text[at - 2].isalnum()):
        at -= 1  # the one read as a letter of its own before the day ('ł 1/07/2026' for 11/07, seed 192)
    elif at < 0 or text[at] not in ONE_READ_AS or (at >= 1 and text[at - 1].isalnum()):
        return found
    if not text[start].isdigit() or text[start + 1:start + 2].isdigit() or date.day != int(text[start]):
        return found
    try:
        return at, end, date.replace(day=10 * tens + date.day)
    except ValueError:
        return found


@cache
def _one_before_ordinal() -> re.Pattern[str]:
    """The day 1 read as an l, an I or a bar before its ordinal's letters, opening its word
    ('ler septembre', 'Ier juillet', 'lst May'): no word opens so before a month name.
    One-letter endings ('1e') are left out: 'le' and 'la' are words."""
    ordinals = _alternation({normalize(w) for _, w in langdata.merged_list(SECTION, "ordinals")
                             if w.isalpha() and len(w) >= 2})
    return re.compile(rf"(?<![^\W\d_])[lI|](?=(?:{ordinals})\.?\s)", re.IGNORECASE)


def dates_in_text(text: str, today: dt.date | None = None, month_first: bool = True) -> list[tuple[int, int, dt.date]]:
    """(start, end, date) of every date in one line of text, left to right. `month_first`:
    the document's language prints m/d/y at times (English); where it never does, a
    d/m/y date that is no date is the separator's ink read as a one ('4/15/2026' for
    4/5/2026, an Italian scan, seed 206), not April 15."""
    if not _PREFILTER.search(text):
        return []
    today = today or dt.date.today()
    found: list[tuple[int, int, dt.date]] = []
    for m in _NUMERIC.finditer(text):
        a, b, c = m.group("a"), m.group("b"), m.group("c")
        date = None
        if len(a) == 4 and len(c) <= 2:
            date = _make(int(a), int(b), int(c))
            if date is None:  # likewise in y-m-d ('2026-64-12' on a card slip, seed 219)
                date = _make(int(a), int(_zero_misread(b)), int(c)) or _make(int(a), int(b), int(_zero_misread(c)))
        elif len(a) <= 2 and len(c) in (2, 4):
            y, first, second = _year(c, today), int(a), int(b)
            # d.m.y is the European default; m/d/y only when d.m.y is impossible
            date = _make(y, second, first) or (_make(y, first, second) if month_first else _one_after_separator(y, a, b))
            if date is None and len(c) == 4:  # one leading zero misread, the day's or the month's
                date = _make(y, int(_zero_misread(b)), first) or _make(y, second, int(_zero_misread(a)))
        if date:
            found.append((m.start(), m.end(), date))

    def add(m: re.Match[str], date: dt.date | None) -> None:
        """A looser pattern adds only what no earlier one took."""
        if date and not any(s < m.end() and m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), date))

    for m in _NUMERIC_OCR.finditer(text):
        add(m, _make(int(m.group("c")), int(m.group("b")), int(m.group("a"))))
    for m in _COLON_DOT_SHORT.finditer(text):
        add(m, _make(_year(m.group("c"), today), int(m.group("b")), int(m.group("a"))))
    for m in _SLASH_OCR.finditer(text):
        add(m, _make(int(m.group("c")), int(m.group("b1") or m.group("b2")), int(m.group("a"))))
    for m in _SLASHES_OCR.finditer(text):
        add(m, _make(int(m.group("c")), int(m.group("b")), int(m.group("a"))))
    for m in _YEAR_SEPARATOR_LOST.finditer(text):
        add(m, _make(int(m.group("c")), int(m.group("b")), int(m.group("a"))))
    for m in _YEAR_ZERO_LOST.finditer(text):
        add(m, _make(2000 + int(m.group("c")), int(m.group("b")), int(m.group("a"))))
    for m in _ROMAN.finditer(text):
        add(m, _make(int(m.group("y")), ROMAN_MONTHS.index(m.group("m")) + 1, int(m.group("d"))))
    dmy, mdy = _long_patterns()
    months = _month_table()
    # 'júli' as OCR reads it is 'juli', 'ler septembre' is '1er septembre'; same length, so spans hold
    folded = _one_before_ordinal().sub("1", _fold(text))
    lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)  # spans hold
    shaped = [lower.translate(fold) for fold in _look_alike_folds()]  # 'Iouviou' as well as 'Iovviov' for 'Ιουνίου'
    for scanned in [folded, *(t for t in shaped if t != lower)]:
        for pattern in (dmy, mdy):
            for m in pattern.finditer(scanned):
                month = months.get(normalize(m.group("m")).rstrip("."))
                add(m, month and _make(int(m.group("y")), month, int(m.group("d"))))
    for m in _MISREAD_MONTH.finditer(folded):
        month = _misread_month(normalize(m.group("m")))
        add(m, month and _make(int(m.group("y")), month, int(m.group("d"))))
    for m in _L_MISREAD_MONTH.finditer(folded):
        month = _l_misread_month(m.group("m").lower())
        add(m, month and _make(int(m.group("y")), month, int(m.group("d"))))
    return sorted((_with_glued_one(text, f) for f in found), key=lambda f: f[0])


def _l_misread_month(word: str) -> int | None:
    """The month a short word is with one of its letters read for an l put back ('jut',
    'ju!' for 'jul', 'juh' for 'juli'), where exactly one month comes of it."""
    months = _month_table()
    near = {months[fixed] for i, c in enumerate(word) if c in L_READ_AS
            if (fixed := word[:i] + "l" + word[i + 1:]) in months}
    # 'li' run together and read as an 'h' ('2. Juh 2026' for Juli, a TIFF, seed 205)
    near |= {months[fixed] for i, c in enumerate(word) if c == "h" and (fixed := word[:i] + "li" + word[i + 1:]) in months}
    return near.pop() if len(near) == 1 else None


def _misread_month(word: str) -> int | None:
    """The month a word is one letter off from, where every name it is that near is that
    month's ('marco' is March as 'marzo' and 'março' are); None where it is none, or where
    two months lie that near ('julio' and 'junio' from 'jurio')."""
    near = {num for name, num in _month_table().items()
            if len(name) >= MISREAD_MONTH_MIN and Levenshtein.distance(word, name, score_cutoff=1) <= 1}
    # else two slips in a long name whose first three letters stand ('lugřo' for luglio)
    near = near or {num for name, num in _month_table().items()
             if len(name) >= MISREAD_MONTH_MIN + 1 and name[:3] == word[:3]
             and Levenshtein.distance(word, name, score_cutoff=2) <= 2}
    return near.pop() if len(near) == 1 else None


def _fold(text: str) -> str:
    """Each letter without its accents, where that leaves one letter."""
    out = []
    for c in text:
        bare = "".join(d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d))
        out.append(bare if len(bare) == 1 else c)
    return "".join(out)


# --- layout helpers ----------------------------------------------------------------


def _word_spans(line: Line) -> list[tuple[int, int]]:
    spans, at = [], 0
    for w in line.words:
        spans.append((at, at + len(w.text)))
        at += len(w.text) + 1
    return spans


def _char_width(line: Line) -> float:
    chars = sum(len(w.text) for w in line.words) or 1
    return sum(w.box.x1 - w.box.x0 for w in line.words) / chars


def _segments(line: Line) -> list[list[Word]]:
    """Runs of words with no column gap between them."""
    gap = 2.5 * _char_width(line)
    segs: list[list[Word]] = []
    for w in line.words:
        if segs and w.box.x0 - segs[-1][-1].box.x1 <= gap:
            segs[-1].append(w)
        else:
            segs.append([w])
    return segs


def _overlaps(word: BBox, col: BBox, tol: float) -> bool:
    return word.x0 < col.x1 + tol and word.x1 > col.x0 - tol


# --- found dates and their labels --------------------------------------------------


@dataclass
class _Found:
    date: dt.date
    page: int
    line_no: int  # index in page.lines
    line: Line
    words: list[Word]
    start: int
    end: int
    label: str | None = None  # a LABEL_KEYS key
    how: str = "none"  # same_line | above | column | none
    score: float = 0.0
    in_column: bool = False  # other dates stand in the same column above/below
    year_guessed: bool = False  # its year not read but taken from the document's other dates
    labelled_only: bool = False  # a form of date that counts only under a date label of its own

    @property
    def box(self) -> BBox:
        return BBox.union([w.box for w in self.words])

    @property
    def conf(self) -> float:
        return min(w.conf for w in self.words) * (YEAR_GUESSED_CONF if self.year_guessed else 1.0)


_STRAY_STOP = re.compile(r"(?<=[^\W\d_]{3})[.,;](?= [^\W\d_])")


def _best_label(norm_text: str, language: str | None) -> Hit | None:
    """The label nearest the end of the text (the value follows it)."""
    hits: list[Hit] = []
    for key in LABEL_KEYS:
        hits.extend(exact_hits(norm_text, SECTION, key))
    if not any_phrase_in(norm_text, "amounts", "unpaid"):
        # a paid stamp's date, beside or under its word ('PAYÉ' over '25/06/2026')
        hits.extend(replace(h, key="payment") for h in exact_hits(norm_text, "amounts", "paid_stamp"))
    best = max(hits, key=_label_rank, default=None)
    if best is None or best.key == "generic":
        variant = _STRAY_STOP.sub("", norm_text)  # 'À régler. avant le': a dot OCR put inside a label
        if variant != norm_text:
            shift = len(norm_text) - len(variant)
            exact = [Hit(h.key, h.phrase, h.start, h.end + shift, h.score)
                     for key in SPECIFIC for h in exact_hits(variant, SECTION, key)]
            if exact:
                return max(exact, key=_label_rank)
        for key in SPECIFIC:
            fh = fuzzy_hit(norm_text, SECTION, key, language)
            if fh and not _opens_another_label(norm_text[fh.start:fh.end], key, language):
                hits.append(fh)
        best = max(hits, key=_label_rank, default=None)
    return best


def _opens_another_label(read: str, key: str, language: str | None) -> bool:
    """A word read a letter short of one label that is, whole, the first word of another:
    'Betal' is 'Betalt' (paid) a letter short, and the first word of 'Betal innen' (due, its
    'innen' lost, seed 202). Which of the two it was is not read, so it labels neither."""
    word = read.strip(" .:")
    return " " not in word and any(p.split()[0] == word for other in SPECIFIC if other != key
                                   for p in lexicon.phrases(SECTION, other, language))


HALF_READ_STAMP_SCORE = 0.8  # a stamp's word read a letter or two off: surer than a guess, below a label
STAMP_WORDS_MAX = 3  # a paid stamp is a word or two (and its date), not a line of text
STAMP_DATE_GAP = 2.0  # times the date's height: a stamp's word sits right over its date


def _half_read_paid_stamp(texts: list[str]) -> bool:
    """A paid stamp's word in capitals, a letter or its end letters off ('AKSETT' for
    'MAKSETTU'), on a short line of its own: the stamp's date is the payment date."""
    if not texts or len(texts) > STAMP_WORDS_MAX or any_phrase_in(normalize(" ".join(texts)), "amounts", "unpaid"):
        return False
    return any(lexicon.misread_paid_stamp(t, alone=len(texts) == 1) for t in texts)


def _label_rank(h: Hit) -> tuple[float, float, int]:
    return (h.end + (2 if h.key in SPECIFIC else 0), h.score, len(h.phrase))


def _find_all(doc: ReadDocument, language: str | None = None) -> list[list[list[_Found]]]:
    today = dt.date.today()
    month_first = language is None or bool(langdata.section(language, SECTION).get("month_first", False))
    pages: list[list[list[_Found]]] = []
    for page in doc.pages:
        per_line: list[list[_Found]] = []
        for i, line in enumerate(page.lines):
            text = line.text
            spans = _word_spans(line)
            items = []
            for s, e, date in dates_in_text(text, today, month_first):
                words = [w for w, (ws, we) in zip(line.words, spans) if ws < e and s < we]
                items.append(_Found(date, page.number, i, line, words, s, e))
            for s, e, date in _labelled_only_dates(text):
                if not any(f.start < e and s < f.end for f in items):
                    words = [w for w, (ws, we) in zip(line.words, spans) if ws < e and s < we]
                    items.append(_Found(date, page.number, i, line, words, s, e, labelled_only=True))
            items.sort(key=lambda f: f.start)
            per_line.append(items)
        pages.append(per_line)
    read = [f.date for per_line in pages for items in per_line for f in items if (f.date - today).days <= OLD_DATE_DAYS]
    if read:
        for page, per_line in zip(doc.pages, pages):
            for i, (line, items) in enumerate(zip(page.lines, per_line)):
                if not items and (f := _yearless_date(line, max(read), language)):
                    items.append(replace(f, page=page.number, line_no=i))
    return pages


def _labelled_only_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """(start, end, date) of the `_LABELLED_ONLY` forms, where the digits make one date only."""
    by_span: dict[tuple[int, int], set[dt.date]] = {}
    for pattern in _LABELLED_ONLY:
        for m in pattern.finditer(text):
            if date := _make(int(m.group("c")), int(m.group("b")), int(m.group("a"))):
                by_span.setdefault((m.start(), m.end()), set()).add(date)
    return [(s, e, dates.pop()) for (s, e), dates in sorted(by_span.items()) if len(dates) == 1]


YEAR_GUESSED_CONF = 0.8
YEARLESS_LATER_DAYS = 31  # a labelled date this far past the newest date read belongs to the year before


def _yearless_date(line: Line, newest: dt.date, language: str | None) -> _Found | None:
    """A treatment, invoice or payment date whose year a stamp or the photo's edge took
    ('Fecha del servicio: 27 de julio de', seed 237), in the year of the document's
    newest date read; only after its own label, so no day and month in running text
    become a date."""
    text = line.text
    m = _yearless_pattern().search(_fold(text))
    if m is None or not (month := _month_table().get(normalize(m.group("m")).rstrip("."))):
        return None
    label = _best_label(normalize(text[: m.start()]), language)
    if label is None or label.key not in ROLES:
        return None
    date = _make(newest.year, month, int(m.group("d")))
    if date is not None and (date - newest).days > YEARLESS_LATER_DAYS:
        date = _make(newest.year - 1, month, int(m.group("d")))
    if date is None:
        return None
    spans = _word_spans(line)
    words = [w for w, (ws, we) in zip(line.words, spans) if ws < m.end() and m.start() < we]
    return _Found(date, 0, 0, line, words, m.start(), m.end(), year_guessed=True)


def _label_same_line(f: _Found, prev_end: int, language: str | None) -> None:
    raw_left = f.line.text[prev_end : f.start]
    left = normalize(raw_left)
    if not left:
        return
    hit = _best_label(left, language)
    if hit:
        f.label, f.how, f.score = hit.key, "same_line", hit.score
    elif _half_read_paid_stamp(raw_left.split()):
        f.label, f.how, f.score = "payment", "same_line", HALF_READ_STAMP_SCORE
    elif _after_place(raw_left):
        f.label, f.how, f.score = "generic", "same_line", 0.9  # 'München, 18. September 2026': the letter's date


@cache
def _place_before() -> re.Pattern[str]:
    """A place name and a comma right before a date ('Ålesund, 8. november 2026',
    'Paris, le 3 mars 2026', 'Warszawa, dnia 12.09.2026')."""
    words = {normalize(w) for _, w in langdata.merged_list(SECTION, "place_connectors")}
    conn = rf"(?:(?:{_alternation(words)})\s+)?" if words else ""
    return re.compile(rf"(?:^|\s)([^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)*),\s*{conn}$")


def _after_place(text: str) -> bool:
    match = _place_before().search(text)
    return match is not None and match.group(1)[0].isupper()


def _label_above(f: _Found, lines: list[Line], dated: list[list[_Found]], language: str | None) -> None:
    col = f.box
    tol = 0.5 * _char_width(f.line)
    passed_rows = 0
    misses = 0
    for j in range(f.line_no - 1, max(-1, f.line_no - 1 - ABOVE_LINES_TABLE), -1):
        line = lines[j]
        if not any(_overlaps(w.box, col, tol) for w in line.words):
            misses += 1
            if misses > (3 if passed_rows else ABOVE_LINES_PLAIN - 1):
                return
            continue
        misses = 0
        if any(_overlaps(BBox.union([w.box for w in d.words]), col, tol) for d in dated[j]):
            passed_rows += 1
            f.in_column = True
            continue
        if not passed_rows and f.line_no - j > ABOVE_LINES_PLAIN:
            return
        segs = [s for s in _segments(line) if any(_overlaps(w.box, col, tol) for w in s)]
        spans, text = _word_offsets([w for s in segs for w in s])
        hit = _best_label(text, language) if text else None
        if hit is not None:
            hit = _label_over_column(hit, text, spans, col, tol)
        if hit is not None and len(hit.phrase.strip(". ")) < STACKED_LABEL_MIN:
            hit = None  # 'f.' (født) labels the date after it, never a column: above, it is an initial ('Dott.ssa F. Romano')
        if hit is None and not passed_rows and _half_read_paid_stamp([w.text for s in segs for w in s]):
            f.label, f.how, f.score = "payment", "above", HALF_READ_STAMP_SCORE
            return
        # a stacked label heads its column ('Data do ato médico'); 'Label: value'
        # above belongs to its own value
        rest = text[hit.end :].strip(" .;-") if hit else ""
        if hit and not (rest.startswith(":") and rest.strip(": ")) and not any(c.isdigit() for c in rest):
            # a header over one row of values is a label block, not an item table
            f.label, f.how, f.score = hit.key, ("column" if passed_rows else "above"), hit.score
        return


def _stamp_listed_after(f: _Found, lines: list[Line]) -> None:
    """A paid stamp's date on a line of its own, listed apart from the stamp's word though
    printed under it: a turned stamp in a text layer ('BETALT' over '12.04.2026' comes out
    date first, the word on the next line), or a photo's stamp read on its own, its lines
    after the page's ('ΕΞΟΦΛΗΘΗΚΕ' over a date the stamp's reading garbled, '35.10.2026',
    seed 198). The stamp's word is a line of a word or two, above the date and over it."""
    if f.line.text.strip() != f.line.text[f.start:f.end].strip():
        return
    for k in range(f.line_no + 1, len(lines)):
        if _paid_stamp_over(lines[k], f.box):
            f.label, f.how, f.score = "payment", "above", HALF_READ_STAMP_SCORE
            return
    # a text layer that put the stamp's word among the words of the line above ('... 7906
    # ZAPŁACONO 4233 6810', seed 204): the word itself over the date
    for k in range(max(0, f.line_no - ABOVE_LINES_PLAIN), f.line_no):
        if any(_stamp_word_over(w, f.box) for w in lines[k].words):
            f.label, f.how, f.score = "payment", "above", HALF_READ_STAMP_SCORE
            return


def _stamp_word_over(word: Word, box: BBox) -> bool:
    """A paid stamp's word right over the date and across it."""
    text = normalize(word.text)
    return _right_over(word.box, box) and bool(exact_hits(text, "amounts", "paid_stamp")) \
        and not any_phrase_in(text, "amounts", "unpaid")


def _paid_stamp_over(line: Line, box: BBox) -> bool:
    """A line of a paid stamp's word or two right over the date and across it."""
    texts = [w.text for w in line.words]
    if not texts or len(texts) > STAMP_WORDS_MAX or not _right_over(line.box, box):
        return False
    text = normalize(line.text)
    if any_phrase_in(text, "amounts", "unpaid"):
        return False
    return bool(exact_hits(text, "amounts", "paid_stamp")) or _half_read_paid_stamp(texts)


def _right_over(above: BBox, box: BBox) -> bool:
    """Starting above the date, across it, and not higher up the page than a stamp's word
    sits over its date."""
    return above.y0 < box.y0 and _overlaps(above, box, 0.0) and above.y1 >= box.y0 - STAMP_DATE_GAP * (box.y1 - box.y0)


def _word_offsets(words: list[Word]) -> tuple[list[tuple[int, int, Word]], str]:
    """The words' normalized text and where each word stands in it."""
    spans: list[tuple[int, int, Word]] = []
    parts: list[str] = []
    pos = 0
    for w in words:
        t = normalize(w.text)
        if t:
            spans.append((pos, pos + len(t), w))
            parts.append(t)
            pos += len(t) + 1
    return spans, " ".join(parts)


def _label_over_column(hit: Hit, text: str, spans: list[tuple[int, int, Word]], col: BBox, tol: float) -> Hit:
    """A header row whose labels run together ('Data esecuzione prestazione Data scadenza'):
    the label printed over the date's column, not the last one of the row."""
    def over(h: Hit) -> bool:
        return any(_overlaps(w.box, col, tol) for s, e, w in spans if s < h.end and h.start < e)

    if over(hit):
        return hit
    above = [h for key in LABEL_KEYS for h in exact_hits(text, SECTION, key) if over(h)]
    return max(above, key=lambda h: (h.end - h.start, h.key in SPECIFIC), default=hit)


def _mark_columns(dated: list[list[_Found]]) -> None:
    """An unlabeled date with another straight below it is in a date column too
    (a stack of 'Label: date' lines is a header block, not an item table). A date years
    apart (a birth date under the invoice date) is no row of the same column."""
    flat = [f for row in dated for f in row if f.label in (None, "generic")]
    for f in flat:
        if f.in_column:
            continue
        tol = 0.5 * _char_width(f.line)
        f.in_column = any(
            g.line_no > f.line_no and g.line_no - f.line_no <= 3 and _overlaps(g.box, f.box, tol)
            and abs((g.date - f.date).days) <= OLD_DATE_DAYS for g in flat
        )


def _is_item_row(f: _Found, row: list[_Found]) -> bool:
    text = f.line.text
    for g in sorted(row, key=lambda g: -g.start):
        text = text[: g.start] + " " + text[g.end :]
    return bool(_AMOUNT.search(text))


# --- role assignment ---------------------------------------------------------------


_BASE = {"same_line": 0.95, "above": 0.9, "column": 0.85}


def _field(role: str, f: _Found, confidence: float) -> ExtractedField:
    return ExtractedField(
        name=f"dates.{role}",
        value=f.date.isoformat(),
        page=f.page,
        box=f.box,
        source_text=f.line.text,
        confidence=round(max(0.0, min(1.0, confidence * f.conf)), 4),
    )


def _label_conf(f: _Found) -> float:
    conf = _BASE.get(f.how, 0.5)
    return conf if f.score >= 1.0 else conf * f.score * 0.9


def extract_dates(doc: ReadDocument, language: str | None,
                  is_invoice: bool = False) -> tuple[Dates, list[ExtractedField]]:
    """Dates by role with their provenance; roles with no evidence stay None. On a
    document typed as an invoice, its own unlabelled date is the invoice date."""
    language = language_or_none(language)
    found_pages = _find_all(doc, language)
    everything: list[_Found] = []
    for page, dated in zip(doc.pages, found_pages):
        for row in dated:
            prev_end = 0
            for f in row:
                _label_same_line(f, prev_end, language)
                prev_end = f.end
                if f.label is None:
                    _label_above(f, page.lines, dated, language)
                if f.label is None:
                    _stamp_listed_after(f, page.lines)
        _mark_columns(dated)
        everything.extend(f for row in dated for f in row)

    kept = [f for f in everything if f.label != "ignore" and not (f.labelled_only and f.label not in ROLES)]
    if not kept:
        return Dates(), []
    newest = max(f.date for f in kept)
    recent = [f for f in kept if (newest - f.date).days <= OLD_DATE_DAYS]

    chosen: dict[str, tuple[_Found, float]] = {}
    for role in ROLES:
        labeled = [f for f in kept if f.label == role]
        if not labeled:
            continue
        top = max(_label_conf(f) for f in labeled)
        tier = [f for f in labeled if _label_conf(f) >= top - 0.1]
        pick = min(tier, key=lambda f: f.date) if role == "treatment" else tier[0]
        chosen[role] = (pick, _label_conf(pick))

    rows = {(f.page, f.line_no): [g for g in everything if (g.page, g.line_no) == (f.page, f.line_no)] for f in recent}
    unlabeled = [f for f in recent if f.label in (None, "generic")]
    table = [
        f
        for f in unlabeled
        if f.how == "column"
        # a 'Päiväys: <date>' of a header block over another labelled date is no column (seed 205)
        or (f.in_column and not (f.label == "generic" and f.how == "same_line"))
        # a dated row with an amount, unlabelled or under a bare 'Date' column header
        or (f.how != "same_line" and _is_item_row(f, rows[(f.page, f.line_no)]))
    ]
    if "treatment" not in chosen and table:
        pick = min(table, key=lambda f: (f.date, -f.conf))  # the first day, where best read
        # under a column header: a row below it, or its first row with more dated rows below;
        # or printed on two item rows or more, each reading bearing out the other
        headed = pick.how == "column" or (pick.how == "above" and pick.in_column)
        repeated = sum(1 for f in table if f.date == pick.date) >= 2
        chosen["treatment"] = (pick, 0.7 if headed or repeated else 0.55)

    # a guess at a date years back is a birth date whose label OCR garbled ('Naal a 12 apr
    # 1995' for 'Nato/a il', seed 210), not the visit of a claim
    loose = [f for f in unlabeled if f not in table and (dt.date.today() - f.date).days <= MAX_GUESS_AGE_DAYS]
    if loose:
        _guess_document_date(doc, loose, chosen, is_invoice)

    if is_invoice:
        _single_date_bill(chosen, recent)
    dates = Dates(**{role: chosen[role][0].date for role in chosen})
    fields = [_field(role, *chosen[role]) for role in ROLES if role in chosen]
    return dates, fields


SINGLE_DATE_CONF = 0.6
GUESS_FLOOR = 0.5  # a copy from a shaky read is no guess worth making (and would only flag the claim)


def _single_date_bill(chosen: dict[str, tuple[_Found, float]], recent: list[_Found]) -> None:
    """A bill that prints one visit-era date ('Aarhus, 28. februar 2026' over the items)
    was issued on the day of the visit: that date is both, the copied one less sure; one
    printed twice, the second time without its label (a header column whose label a stamp
    hid), is both for certain."""
    if ("invoice" in chosen) == ("treatment" in chosen):
        return
    have, missing = ("invoice", "treatment") if "invoice" in chosen else ("treatment", "invoice")
    pick, conf = chosen[have]
    if any(f.date != pick.date for f in recent if f.label not in ("payment",) and f is not pick
           and (chosen.get("payment") is None or f.date != chosen["payment"][0].date)):
        return  # another date stands unplaced: the missing one may be it, unread
    again = next((f for f in recent if f is not pick and f.date == pick.date and f.label in (None, "generic")), None)
    if again is not None:  # printed twice ('Datum 2026-10-13' and an unlabelled column beside it): both roles
        chosen[missing] = (again, SINGLE_DATE_CONF)
    elif min(conf, SINGLE_DATE_CONF) * pick.conf >= GUESS_FLOOR:
        chosen[missing] = (pick, min(conf, SINGLE_DATE_CONF))


def _guess_document_date(doc: ReadDocument, loose: list[_Found], chosen: dict[str, tuple[_Found, float]],
                         is_invoice: bool = False) -> None:
    """A date with no role label: the invoice date on an invoice, the payment
    date on a receipt, the visit on a record; the caller weighs the low confidence."""
    first_page = doc.pages[0].number if doc.pages else 1
    pick = min(loose, key=lambda f: (f.label != "generic", f.page, f.line_no))
    distinct = {f.date for f in loose}
    near_top = pick.page == first_page and pick.box.y0 < 0.4
    conf = 0.5 if pick.label == "generic" else 0.4
    if len(distinct) > 1:
        conf -= 0.1
    if not near_top:
        conf -= 0.1

    text = normalize(doc.text)
    # a card terminal's slip ('KUNDENS KOPI', 'Εγκρίθηκε') is a receipt too
    receipt = any_phrase_in(text, SECTION, "receipt_cues") or any_phrase_in(text, "amounts", "payment_proof")
    invoice = is_invoice or any_phrase_in(text, SECTION, "invoice_cues")
    record = any_phrase_in(text, SECTION, "record_cues")
    taken = {f.date for f, _ in chosen.values()}

    if not chosen:
        if receipt and not invoice:
            chosen["payment"] = (pick, conf)
        elif record and not invoice:
            chosen["treatment"] = (pick, conf)
        else:
            chosen["invoice"] = (pick, conf - (0 if invoice else 0.1))
        return
    heads_a_bill = invoice and near_top and "invoice" not in chosen
    if pick.date in taken and pick.label != "generic" and not heads_a_bill:
        return  # an unlabelled repeat of a date already placed says nothing new
    # (a bill's own header date is its invoice date even when it was paid that day)
    if "invoice" not in chosen and invoice:
        chosen["invoice"] = (pick, conf - 0.05)
    elif "payment" not in chosen and receipt and not invoice:
        chosen["payment"] = (pick, conf - 0.05)
