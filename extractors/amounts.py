"""Money on invoices and receipts: currency, labelled total, line items, VAT, payment.

Rows are read as cells (words joined only across small gaps), so a quantity column
never merges with a space-grouped amount like `1 234,56`, and the amount of a row is
its rightmost money cell. The total is the *labelled* total, never the largest
number. All label words come from the `[amounts]` section of each language file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from itertools import combinations, product

from babel.core import UnknownLocaleError
from babel.numbers import get_decimal_symbol
from pydantic import BaseModel, ConfigDict, Field

from claim_intake.model import BBox, ExtractedField, Line, LineItem, ReadDocument, Word
from extractors import langdata, lexicon
from extractors.labels import LETTER_RUN, normalize

ISO_CODES = ("EUR", "SEK", "DKK", "NOK", "PLN", "GBP", "CHF", "CZK", "HUF", "ISK", "RON", "BGN")
SYMBOLS = {"€": "EUR", "£": "GBP", "zł": "PLN", "zl": "PLN", "kč": "CZK", "ft": "HUF"}

_NUMBER = re.compile(
    r"(?<![\d.,/\-])(?:[-−])?(\d{1,3}(?:[ \u00a0\u202f.,']\d{3})+(?:[.,] ?\d{2}(?!\d)|[.,]\d{1,2})?"
    r"|\d+(?:[.,] ?\d{2}(?!\d)|[.,]\d{1,2})?)"
    r"(,-|\.-|,–)?(?![\d%]|[.,/:\-]\d)")  # not a part of an account number ('7350.56.97875', ':' read for a dot)
_ISO = re.compile(r"(?<![^\W\d_])(" + "|".join(ISO_CODES) + r")(?![^\W\d_])")  # 'EUR', '17450EUR', 'EUR150,66'
_SYMBOL = re.compile(r"€|£|\bzł|\bkr\b|\bkr\.|\bKč\b|\bSEK\b|\bDKK\b|\bNOK\b", re.IGNORECASE)

LABEL_KEYS = ("total_due", "total", "balance_due", "subtotal", "vat", "vat_included", "paid", "payment_amount",
              "invoice_number", "not_item", "carried")
TOTAL_PRIORITY = {"total_due": 3, "total": 2, "balance_due": 1}
# Sums no invoice, receipt or payment prints below zero: a minus before one is a table
# rule, a leader or a speck read as a dash ('Til betaling -2 010,00'); a bank's debit
# ('-2 010,00' on a transfer) is the amount paid. Adjustments and balances can be negative.
NEVER_NEGATIVE = ("total_due", "total", "subtotal", "vat", "vat_included", "paid", "payment_amount")


class AmountsResult(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    currency: str | None = None
    total: Decimal | None = None
    line_items: list[LineItem] = Field(default_factory=list)
    vat: Decimal | None = None
    vat_included: bool = True
    amount_paid: Decimal | None = None
    invoice_number: str | None = None
    marked_paid: bool = False
    adjustment: Decimal | None = None
    fields: list[ExtractedField] = Field(default_factory=list)


def parse_amount(text: str, language: str | None = None) -> Decimal | None:
    """One printed amount ('1.234,56 €', '1 234,56', '£45.00', 'kr 450,-') as a Decimal.

    The whole text must be the amount (currency marks around it allowed), so a
    phone number or a date is no amount. The decimal separator is read from the
    digits (one or two after the last separator); three digits after a lone
    separator are decided by the language's own decimal symbol (babel).
    """
    match = _WHOLE.fullmatch(_ocr_digits(text).replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " "))
    if match is None or not all(_is_currency_mark(match.group(g)) for g in ("pre", "post") if match.group(g)):
        return None
    value = _number_value(re.sub(r"[\s'’]", "", match.group("num")), bool(match.group("dash")), language)
    if value is None:
        return None
    return -value if match.group("sign") else value


_SEPARATED_CENTS = re.compile(r"\d[.,]\d{2}(?!\d)")
_WHOLE = re.compile(
    r"\s*(?P<pre>[^\d\s\-−+.,%][^\d\s%]{0,4})?\s*(?P<sign>[-−]\s?)?(?P<num>\d[\d .,'’]*?)"
    r"(?P<dash>[.,:][-–—]{1,2})?\s*(?P<post>[^\d\s.,%][^\d\s%]{0,5})?\s*")
_OCR_NUM = re.compile(r"(?<![^\W\d_])(?=[\dOo.,]*\d)[\dOo][\dOo.,]*(?![^\W\d_])")


_ENDS_IN_SEPARATOR = re.compile(r"\d{2}[.,]$")  # '450,' of '450, 00'
_SPLIT_CENTS = re.compile(r"(?<![\d.,])(\d{2,3}(?:[ .\u00a0]\d{3})*[.,]) (\d{2})(?![\d.,:])")
# An amount's leading 1 read as a letter: 'ł' (the 1's flag read as the stroke) before any
# amount with cents, 'l' or 'I' only before a thousands group ('l.227,00'); a bare 'l45,00'
# or '|45,00' is as often a table's border glued to the amount.
_LETTER_ONE = re.compile(r"(?<!\S)(?:ł(?=(?:[.,]?\d)+[.,]\d{2}(?![\d.,]))|[lI](?=[.,]\d{3}(?:[.,]\d{3})*[.,]\d{2}(?![\d.,])))")


# A decimal comma read as a colon after three or more digits ('1212:00'); a time has two ('14:30').
_COLON_CENTS = re.compile(r"(?<![\d:.,])(\d{3,}|\d{1,3}(?:[ .]\d{3})+):(\d{2})(?![\d:])")
# A decimal comma read as a semicolon ('GBP:172;50'): no date, time or code prints one between digits.
_SEMICOLON_CENTS = re.compile(r"(?<![\d;.,])(\d+|\d{1,3}(?:[ .]\d{3})+);(\d{2})(?![\d;])")


def _ocr_digits(text: str) -> str:
    """Letter O read for a zero inside a number ('45O,OO'), never inside words; a space
    OCR put after the decimal comma ('450, 00') taken out, a colon or semicolon read for
    it ('1212:00', '172;50') put right; an amount's leading 1 read as ł or l ('ł.227,00'),
    where the rest of the word is the amount with cents."""
    text = _SEMICOLON_CENTS.sub(r"\1,\2", _COLON_CENTS.sub(r"\1,\2", text))
    text = _LETTER_ONE.sub("1", _SPLIT_CENTS.sub(r"\1\2", text))
    return _OCR_NUM.sub(lambda m: m.group(0).replace("O", "0").replace("o", "0"), text)


@cache
def _currency_marks() -> frozenset[str]:
    marks = {c.casefold() for c in ISO_CODES} | set(SYMBOLS) | {"kr", "$"}
    for code in langdata.all_languages():
        marks |= {normalize(k).rstrip(".") for k in langdata.section(code, "amounts").get("currency_hints", {})}
    return frozenset(marks)


def _is_currency_mark(token: str) -> bool:
    token = token.strip(".:")
    return not token or not any(c.isalnum() for c in token) or normalize(token) in _currency_marks()


@cache
def _decimal_symbol(language: str | None) -> str | None:
    if not language:
        return None
    try:
        return get_decimal_symbol({"no": "nb"}.get(language, language))
    except (UnknownLocaleError, ValueError):
        return None


def _number_value(num: str, dash: bool, language: str | None) -> Decimal | None:
    """Digits with '.'/',' separators to a Decimal, or None when they cannot be an amount."""
    seps = [(i, c) for i, c in enumerate(num) if c in ".,"]
    if len(re.sub(r"\D", "", num)) > 12:
        return None
    decimal_at = None
    if seps and not dash:
        at, sep = seps[-1]
        tail = len(num) - at - 1
        kinds = {c for _, c in seps}
        if len(kinds) == 2:
            if tail > 2 or [c for _, c in seps].count(sep) > 1:
                return None
            decimal_at = at
        elif tail in (1, 2):
            decimal_at = at  # with several separators of one kind: ',' misread as '.' ('1.234.56')
        elif tail == 3 and len(seps) == 1:
            if num[:at] == "0" or sep == _decimal_symbol(language):
                decimal_at = at
        elif tail != 3:
            return None
    whole = num if decimal_at is None else num[:decimal_at]
    groups = re.split(r"[.,]", whole)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    digits = "".join(groups) + ("" if decimal_at is None else "." + num[decimal_at + 1:])
    try:
        return Decimal(digits).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


_Cell = Line  # a cell is a run of words within a row, read like a short line


@dataclass
class _Row:
    page: int
    line: Line
    cells: list[_Cell]
    norm: str
    label: lexicon.Hit | None
    money: list[tuple[_Cell, Decimal]]

    @property
    def amount(self) -> Decimal | None:
        return self.money[-1][1] if self.money else None

    @property
    def conf(self) -> float:
        """Confidence of the row's value: the words of its amount, else the whole row.

        A mean, not a minimum: one junk glyph (a table rule, a stamp's edge) on the
        row says nothing about how well the amount itself was read.
        """
        words = self.money[-1][0].words if self.money else self.line.words
        return sum(w.conf for w in words) / len(words) if words else 0.0


def _cells(line: Line) -> list[_Cell]:
    words = line.words
    if not words:
        return []
    widths = sorted((w.box.x1 - w.box.x0) / max(1, len(w.text)) for w in words)
    char = widths[len(widths) // 2]
    cells = [_Cell(words=[words[0]])]
    for prev, word in zip(words, words[1:]):
        cents_split = bool(_ENDS_IN_SEPARATOR.search(prev.text)) and word.text.isdigit() and len(word.text) == 2
        if word.box.x0 - prev.box.x1 > (4 if cents_split else 1.6) * char:
            cells.append(_Cell(words=[word]))
        else:
            cells[-1].words.append(word)
    return cells


def _is_money(cell_text: str, match: re.Match) -> bool:
    if _has_cents(match):
        return True
    return bool(_SYMBOL.search(cell_text) or _ISO.search(cell_text))


_WORD_AFTER = re.compile(r"\s+([^\W\d_]{3,})")


def _is_code(text: str, match: re.Match) -> bool:
    """A number followed by a word in its cell ('89.72 Konsultacja', '2 Sitzungen'):
    a code or a count when a real amount follows it on the row."""
    after = _WORD_AFTER.match(text, match.end())
    return after is not None and not _is_currency_mark(after.group(1))


def _has_cents(match: re.Match) -> bool:
    return bool(match.group(2)) or bool(re.search(r"[.,] ?\d{2}$", match.group(1)))


def _money_in(cell: _Cell, language: str | None = None) -> list[tuple[Decimal, bool]]:
    """(value, looks like a code) of each amount in a cell. A bare whole number beside
    an amount with cents in the same cell is a stray glyph or a count, not money."""
    text = _ocr_digits(cell.text)
    matches = [m for m in _NUMBER.finditer(text) if _is_money(text, m)]
    if any(_has_cents(m) for m in matches):
        matches = [m for m in matches if _has_cents(m)]
    found = []
    for m in matches:
        value = parse_amount(m.group(0), language)
        if value is not None:
            found.append((value, _is_code(text, m)))
    return found


def _row_money(cells: list[_Cell], language: str | None) -> list[tuple[_Cell, Decimal]]:
    found = [(c, v, code) for c in cells for v, code in _money_in(c, language)]
    return [(c, v) for i, (c, v, code) in enumerate(found)
            if not (code and any(not later_code for _, _, later_code in found[i + 1:]))]


_CAPITAL_I_AS_L = re.compile(r"(?<![^\W\d_])l(?=[^\W\d_])")


def _label(norm: str, language: str | None) -> lexicon.Hit | None:
    """The longest amount label on the line (so 'total sin iva' beats 'total')."""
    hits = [h for key in LABEL_KEYS for h in lexicon.exact_hits(norm, "amounts", key)]
    if not hits and _CAPITAL_I_AS_L.search(norm):  # 'lalt' for 'Ialt', 'lVA' for 'IVA': capital I read as l
        hits = [lexicon.Hit(h.key, h.phrase, h.start, h.end, 0.9) for key in LABEL_KEYS
                for h in lexicon.exact_hits(_CAPITAL_I_AS_L.sub("i", norm), "amounts", key)]
    if not hits and len(norm) >= 5:
        for key in ("total_due", "total", "subtotal", "vat", "paid", "invoice_number"):
            hit = lexicon.fuzzy_hit(norm, "amounts", key, lexicon.language_or_none(language))
            if hit:
                hits.append(hit)
    return max(hits, key=lambda h: (h.end - h.start, h.score, -h.start)) if hits else None


def _rows(doc: ReadDocument, language: str | None) -> list[_Row]:
    rows = []
    for page in doc.pages:
        for line in page.lines:
            cells = _cells(line)
            norm = normalize(line.text)
            money = _row_money(cells, lexicon.language_or_none(language))
            rows.append(_Row(page.number, line, cells, norm, _label(norm, language), money))
    return rows


def _field(name: str, value: str | None, row: _Row, score: float = 1.0, box: BBox | None = None) -> ExtractedField:
    return ExtractedField(name=name, value=value, page=row.page, box=box or row.line.box,
                          source_text=row.line.text, confidence=round(max(0.0, min(1.0, score * row.conf)), 4))


def _dec_text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _labelled_value(rows: list[_Row], i: int) -> tuple[Decimal | None, _Row]:
    """The amount right of a label, or on the next row when the label stands alone."""
    row = rows[i]
    if row.amount is not None:
        return row.amount, row
    label = row.label
    alone = label is not None and len(row.norm) - (label.end - label.start) <= 3  # 'Totalt:' on its own
    if not alone or _is_item_header(row.norm):
        return None, row
    if i + 1 < len(rows) and rows[i + 1].label is None and rows[i + 1].amount is not None \
            and rows[i + 1].page == row.page and len(rows[i + 1].money) == 1:
        return rows[i + 1].amount, rows[i + 1]
    return None, row


@cache
def _language_phrases(key: str) -> tuple[str, ...]:
    return lexicon.phrases("amounts", key)


def _is_item_header(norm: str) -> bool:
    """Column titles over the items; a row holding a value ('Data prestazione:
    25/08/2026') is a labelled field, not a header."""
    if any(c.isdigit() for c in norm):
        return False
    return bool(lexicon.exact_hits(norm, "amounts", "item_header")) and bool(
        lexicon.exact_hits(norm, "amounts", "amount_header") or
        len(lexicon.exact_hits(norm, "amounts", "column_header")) >= 1)


def _description_cell(row: _Row) -> _Cell | None:
    money_cells = {id(c) for c, _ in row.money}
    parts = [c for c in row.cells if id(c) not in money_cells and re.search(r"[^\W\d_]{3,}", c.text)]
    return max(parts, key=lambda c: len(c.text)) if parts else None


_LEADING_CODE = re.compile(  # '89.72 Konsultacja', '3 x Haavanhoito', '2 × Verbandwechsel'
    r"^\s*[\d.,/\-]*\d[\d.,/\-]*(?:\s*[xX×](?=\s))?\s+(?=[^\W\d_]{3,})")
_QTY_LINE = re.compile(  # '3 x 38,00', '2 St. × 10,00', '3-X 23,50' (the space before the x read as a dash),
    # '2- x 22.00' (a speck read as a dash beside the quantity, the space kept), '2 x 102,00 i', '3 x 641,00 ;', '2 x 415,00 ]' (a speck after it),
    # '2.x 43,00', '2: X.32,90', '3 x.20,00' (a speck read as a dot or a colon beside the quantity or the times sign)
    r"^\s*\d{1,3}[.:,]?\s*(?:[^\W\d_]{1,4}\.?\s*)?[-–]?\s*[xX×*][.:,]?\s*[-−]?\d[\d .,]*(?:\s+[^\W\d_]|\s*[|!;:'`’\[\]()])?\s*$")
_LEADERS = re.compile(r"(?:\s*[.·…_]{3,})+\s*$|^\s*[.·…_]{3,}\s*")


def _description(row: _Row) -> str:
    """The description cell without the dot leaders that run to the amount."""
    cell = _description_cell(row)
    return _LEADING_CODE.sub("", _LEADERS.sub("", cell.text)).strip(" :-–•*·") if cell else ""


def _priced_row_text(row: _Row) -> str:
    """A table row whose description OCR garbled ('Ee GE 147.00 147.00') is still an item
    when its amount is its unit price times a whole quantity: its text as read, or ''."""
    if len(row.money) < 2 or _QTY_LINE.match(row.line.text):
        return ""
    unit, amount = row.money[-2][1], row.money[-1][1]
    if unit <= 0 or amount <= 0 or amount % unit or amount / unit > 20:
        return ""
    money = {id(c) for c, _ in row.money}
    text = " ".join(c.text for c in row.cells if id(c) not in money).strip(" :-–•*·|`'")
    return text if any(ch.isalpha() for ch in text) else ""


def _undescribed_item(row: _Row) -> bool:
    """A table row whose description was not read at all (a stamp or a smudge over it),
    printing only its quantity, unit price and amount in cells of their own ('1 | 256,00 |
    256,00'), is still an item when the quantity times the unit price is the amount."""
    if len(row.money) != 2 or len(row.cells) != 3 or any(ch.isalpha() for ch in row.line.text):
        return False
    quantity = row.cells[0].text.strip(" .x×")
    if not _QUANTITY.fullmatch(quantity) or not 1 <= int(quantity) <= MAX_QUANTITY:
        return False
    (unit_cell, unit), (amount_cell, amount) = row.money
    if unit_cell is not row.cells[1] or amount_cell is not row.cells[2]:
        return False
    return unit > 0 and amount == unit * int(quantity)


def _priced_conf(row: _Row, amount: Decimal) -> float:
    """How surely a row's amount was read: its own words, or the row's unit price where
    that times the quantity printed beside it is the amount ('GP consultation 1 46.00
    -46.00', the amount's dash and digits barely read): the row prints the sum twice."""
    conf = row.conf
    quantities = _quantities(row)
    for cell, value in row.money[:-1]:
        if value > 0 and cell.words and any(q * value == amount for q in quantities):
            conf = max(conf, sum(w.conf for w in cell.words) / len(cell.words))
    return conf


def _item_amount(row: _Row) -> Decimal:
    """A line's amount; a minus before it is a stray dash when the row's unit price
    is the same sum without it ('Blodprøver 1 464,00 -464,00') or its quantity times the
    unit price is ('Medicamentos 3 36,50 -109,50'). A bare number after the amount read
    that is the row's quantity times it, in cents, is the line's sum with its comma lost,
    the amount read its unit price ('Médicaments 2. -39,00 7800')."""
    amount = row.amount
    assert amount is not None
    quantities = _quantities(row)
    if amount < 0 and any(v == -amount or any(q * v == -amount for q in quantities) for _, v in row.money[:-1] if v > 0):
        return -amount
    cents = _bare_cents_after_amount(row) if row.money else None
    if cents is not None and any(q * abs(amount) == cents for q in quantities):
        return cents
    colon = _colon_amount_after(row)
    if colon is not None and amount > 0 and any(q * amount == colon for q in quantities):
        return colon  # 'Legemidler 3 9,00 27:00': the line's sum with its comma read as a colon
    return amount


_TRAILING_COLON = re.compile(r"(?<![\d:.,])(\d{1,2}):(\d{2})[^\w.,:]*$")  # '27:00' at a row's end: a time, or a sum


def _colon_amount_after(row: _Row) -> Decimal | None:
    """The row's last number read with a colon for its decimal comma, where it stands after
    the row's last amount ('... 9,00 27:00'): short, it reads as a time, so only a row's
    quantity times its unit price tells it is the line's sum."""
    m = _TRAILING_COLON.search(row.line.text)
    if m is None or not row.money:
        return None
    last = row.money[-1][0].text
    if m.start(1) < row.line.text.rfind(last) + len(last):
        return None
    return Decimal(f"{m.group(1)}.{m.group(2)}")


def _comma_lost_row(row: _Row) -> bool:
    """A described row ending in a bare whole number and holding no amount, no date and no
    'label:' ('Medicazione 1790'): an item whose decimal comma OCR lost, not a field."""
    return (not row.money and ":" not in row.line.text and not _DATE_TOKEN.search(row.line.text)
            and bool(_description(row)) and _bare_cents_after_amount(row) is not None)


def _bare_cents_after_amount(row: _Row) -> Decimal | None:
    """The row's last number, read in cents, where it is a bare whole number standing after
    the row's last amount (or on a row with none): '... 18,00 5400' gives 54,00."""
    bare = _TRAILING_BARE.search(row.line.text)
    if bare is None:
        return None
    if row.money:
        last = row.money[-1][0].text
        if bare.start(1) < row.line.text.rfind(last) + len(last):
            return None
    return Decimal(bare.group(1)) / 100


_QUANTITY = re.compile(r"\d{1,2}\.?")
MAX_QUANTITY = 20


def _quantities(row: _Row) -> set[int]:
    """The small whole numbers a row prints beside its amounts: its quantity, if any."""
    money = {c.text for c, _ in row.money}
    return {int(t.rstrip(".")) for t in row.line.text.split()
            if t not in money and _QUANTITY.fullmatch(t) and 1 <= int(t.rstrip(".")) <= MAX_QUANTITY}


_GARBLED_SUM = re.compile(r"\d[.,:]\d")  # a totals line that prints a sum it did not parse as one ('55,900'); a column header prints none


def _garbled_sum(text: str) -> bool:
    """A figure with a separator that is no date: 'MVA-nr. 118298247 Behandlingsdato:
    09.05.2026' (a VAT number's line) prints no sum, and ends no items."""
    return bool(_GARBLED_SUM.search(_DATE_TOKEN.sub(" ", text)))


def _items(rows: list[_Row]) -> list[tuple[_Row, Decimal, str]]:
    items: list[tuple[_Row, Decimal, str]] = []
    header = next((i for i, r in enumerate(rows) if r.amount is None and _is_item_header(r.norm)), None)
    if header is not None:
        for row in rows[header + 1:]:
            if row.label is not None and row.label.key == "carried":
                continue  # a page's sum carried to the next page: neither an item nor the end
            if row.label is not None and row.label.key != "not_item" and row.amount is not None:
                break
            if row.label is not None and row.label.key in ("total_due", "total", "subtotal", "vat", "balance_due"):
                break
            if row.amount is None or (row.label is not None and row.label.key == "not_item"):
                continue
            desc = _description(row) or _priced_row_text(row)
            if desc or _undescribed_item(row):
                items.append((row, _item_amount(row), desc))
        return items
    # No header: the run of described amounts right above the first totals line (its
    # value may stand on the line below it, as a photo splits a row).
    totals = [i for i, r in enumerate(rows) if r.label is not None
              and r.label.key in ("total_due", "total", "balance_due", "subtotal", "vat")]
    first_total = next((i for i in totals if rows[i].amount is not None or _labelled_value(rows, i)[0] is not None
                        or _garbled_sum(rows[i].line.text)),
                       totals[0] if totals else None)  # a total whose sum OCR garbled still ends the items
    if first_total is None:
        # no totals label read at all (a photo's shadow over the header and the total's
        # label): the run of described amounts above a bare amount that is their sum
        for i, row in enumerate(rows):
            if row.label is None and len(row.money) == 1 and not _description(row) and row.amount > 0:
                run = _run_above(rows, i)
                if len(run) >= 2 and sum(a for _, a, _ in run) == row.amount:
                    return run
        return []
    return _run_above(rows, first_total)


def _run_above(rows: list[_Row], end: int) -> list[tuple[_Row, Decimal, str]]:
    """The run of described amounts right above row `end`, top to bottom."""
    run = []
    k = end - 1
    while k >= 0:
        row = rows[k]
        k -= 1
        if not any(c.isalnum() for c in row.norm) or _QTY_LINE.match(row.line.text) or _is_noise(row):
            continue  # a rule printed as '-----' between items and total, a till's '3 x 38,00', a speck
        if row.label is not None and row.label.key in ("carried", "not_item"):
            continue  # 'Übertrag' (the items run on across a page break), 'Rabatt' (an adjustment)
        if row.amount is None and row.label is None and _extra_digit_readings(row.line.text) and _description(row):
            continue  # an item whose cents OCR garbled ('5 470,090'): the repair may read it, the run goes on
        if row.amount is None and row.label is None and _comma_lost_row(row):
            continue  # an item whose comma OCR lost ('Medicazione 1790'): likewise
        if _garbled_amount(row):
            continue  # an item whose amount OCR garbled past reading ('MR-scanning 3: 312790'): likewise
        if row.amount is None or row.label is not None:
            break
        desc = _description(row)
        if not desc and k >= 0 and _split_description(rows[k], row):
            desc = _description(rows[k])  # 'Επίσκεψη ειδικού ιατρού' over its 'EUR 206,50'
            k -= 1
        if not desc and run and _priced_without_words(row):
            # a row of the run whose description OCR put elsewhere ('2026-07-04 7622 1 ; 321,00
            # 321,00', seed 203): its quantity times its unit price is its amount
            run.append((row, _item_amount(row), ""))
            continue
        if not desc:
            break
        run.append((row, _item_amount(row), desc))
    return list(reversed(run))


def _agrees_with_itself(row: _Row, amount: Decimal) -> bool:
    """The row's unit price times a quantity it prints is its amount ('Wound dressing 3 15.00
    45.00'): two readings agree, so neither is misread (a wrong total is the total's)."""
    unit = row.money[-2][1]
    return unit > 0 and any(unit * q == amount for q in _quantities(row))


def _priced_without_words(row: _Row) -> bool:
    """A row with no letters whose amount is its unit price times a quantity it prints."""
    return len(row.money) >= 2 and not any(ch.isalpha() for ch in row.line.text) \
        and _agrees_with_itself(row, row.money[-1][1])


_TRAILING_BARE = re.compile(r"(?:^|[^\d.,])(\d{3,6})[^\w.,]*$")  # '... 18,00 5400', '3750% 1:3750'


def _comma_lost_items(rows: list[_Row], items: list[tuple[_Row, Decimal, str]], best_total: tuple | None,
                      net: set[Decimal]) -> tuple[list[tuple[_Row, Decimal, str]], int | None]:
    """Items with the one amount OCR read without its decimal comma put right, and its place.

    '4450€' for 44,50 €, 'Legemidler 3 18,00 5400' (the amount 54,00 after its unit
    price), 'Ένεση 3 1900 5700' (no amount read at all), or with a digit OCR added to
    its cents ('184,900', no amount read either), or a digit misread in a row's amount
    or its unit price ('Legemidler 1 275,00 215,00'), or in each ('1 253,90 293,50' for 253,50),
    or in both ('1 75,90 795,90' for 75,50: the
    amount a digit off its unit price, the unit price or the amount a digit off the sum the total leaves),
    the sum lost from a row whose unit price and quantity were read while the other rows
    print both ('Sårskift 3 21,00'), a zero of its cents read as 9,
    8 or 6 ('372,90' for '372,00'), or a digit added to its units ('790,50' for 70,50), or
    any one digit of an amount barely read ('ECG 57,30' at 71% for 57,50):
    exactly one such reading makes the
    items add up to the labelled total (or to the net sum `net` before VAT); as printed
    they do not. Where none or several would, the items stay as read.
    """
    if best_total is None and not (net and items):
        return items, None
    place = {id(row): k for k, row in enumerate(rows)}  # by identity: two rows may read alike
    if best_total is not None:
        sums, end = {best_total[2]} | net, best_total[1]
    else:  # the total not read, a net subtotal read: only the items themselves may be misread
        sums, end = net, max(place[id(row)] for row, _, _ in items) + 1
    whole = sum((a for _, a, _ in items), Decimal(0))
    if whole in sums:
        return items, None
    found = []
    item_at = {id(row): n for n, (row, _, _) in enumerate(items)}
    # the row right above the run may be the one; with no item read, any row above the total
    # ('Akut konsultation 901,090', a bill's one item, seed 197)
    start = _block_start(rows, items, place) if items else 0
    for k in range(start, end):
        row = rows[k]
        n = item_at.get(id(row))
        if n is not None and (lost := _comma_lost(row, items[n][1])) is not None and whole - items[n][1] + lost in sums:
            found.append((k, n, lost, items[n][2]))
            continue
        if n is not None and _sum_lost(row, items):
            for quantity in _quantities(row) - {1}:  # 'Sårskift 3 21,00 a OR OO': the unit price read, the sum lost
                if whole - items[n][1] + quantity * items[n][1] in sums:
                    found.append((k, n, quantity * items[n][1], items[n][2]))
        left = {s - (whole - items[n][1]) for s in sums} if n is not None else set()  # what the total leaves this row
        if n is not None and len(row.money) >= 2 and not _agrees_with_itself(row, items[n][1]):
            for priced in _priced_readings(row, items[n][1]):
                if priced in left:
                    found.append((k, n, priced, items[n][2]))
                    continue
                if _digit_added(priced, items[n][1]):
                    continue  # 'Injectie 1 955,50 55,50': the price with a digit added bears the amount out (seed 227)
                for meant in left:
                    # 'Consultation 1 75,90 795,90' for 75,50 (the price a digit off the sum), or
                    # 'Injeksjon 1 39,90 35,90' for 35,50 (the amount a digit off it, seed 198)
                    if meant > 0 and (one_digit_apart(priced, meant) or one_digit_apart(items[n][1], meant)):
                        found.append((k, n, meant, items[n][2]))
            unit_readings = _unit_price_readings(row, items[n][1])
            for meant in left:
                # 'Forfait urgences 1l 253,90 293,50' for 253,50: the unit price and the amount
                # each a digit off the one sum the total leaves, two readings of it (seed 225)
                if meant > 0 and one_digit_apart(items[n][1], meant) and any(one_digit_apart(u, meant) for u in unit_readings):
                    found.append((k, n, meant, items[n][2]))
            if row.conf < UNSURE_ITEM_CONF:  # 'GP consultation 1 77.50 71.90', the amount barely read (seed 197)
                found.extend((k, n, priced, items[n][2]) for priced in unit_readings if priced in left)
        if n is not None:
            barely_read = bool(row.money) and row.money[-1][0].conf < UNSURE_ITEM_CONF
            for meant in left:
                if cent_zero_misread(items[n][1], meant) or _digit_added(items[n][1], meant):
                    found.append((k, n, meant, items[n][2]))  # '1519,90' for 1519,00; '790,50' for 70,50
                elif barely_read and meant > 0 and one_digit_apart(items[n][1], meant):
                    found.append((k, n, meant, items[n][2]))  # 'ECG 57,30' read at 71% for 57,50 (seed 227)
        if n is None and not row.money and row.label is None and _description(row):
            for cents in _extra_digit_readings(row.line.text) | _comma_read_as_digit(row.line.text) | \
                    _colon_for_point(row.line.text) | _comma_glued_as_digit(row.line.text):
                if whole + cents in sums:
                    found.append((k, None, cents, _description(row)))
        cents = _bare_cents_after_amount(row)
        if cents is None or row.label is not None:
            continue  # no number after the row's amount
        if n is not None and whole - items[n][1] + cents in sums:
            found.append((k, n, cents, items[n][2]))
        elif n is None and not row.money and whole + cents in sums and _description(row):
            found.append((k, None, cents, _description(row)))
    found = list(dict.fromkeys(found))  # one reading found two ways is one
    if len(found) != 1:
        return items, None
    k, n, amount, desc = found[0]
    if n is not None:
        return items[:n] + [(rows[k], amount, desc)] + items[n + 1:], n
    at = sum(1 for row, _, _ in items if place[id(row)] < k)
    return items[:at] + [(rows[k], amount, desc)] + items[at:], at


def _block_start(rows: list[_Row], items: list[tuple[_Row, Decimal, str]], place: dict[int, int]) -> int:
    """Where a repair looks for the item block's misread rows: from the row right above the
    first item read, or higher, over the described rows above it whose figures did not
    parse, which the run of items reads past ('Konsultasjon spesialist 1 531,900' over
    'Sårskift og bandasje 200,090', a photo's dotted zeros, seed 247)."""
    first = min(place[id(row)] for row, _, _ in items)
    k = first - 1
    while k >= 0 and not rows[k].money and rows[k].label is None and _description(rows[k]) \
            and _unparsed_readings(rows[k].line.text):
        k -= 1
    return max(0, min(first - 1, k + 1))


def _row_readings(row: _Row, read: Decimal | None) -> set[Decimal]:
    """What one row's amount may be where OCR misread it in one of the ways seen on scans
    and photos, short of a digit misread (nine ways per digit: too many to tell apart):
    a digit added to its units ('1904,50' for 104,50), its cents' zeros read as 9, 8 or 6,
    its comma lost; a row whose amount did not parse, a digit added to its cents ('141,900')."""
    if read is None:
        return _unparsed_readings(row.line.text)
    out = _units_digit_out(read) | set(cent_zero_readings(read))
    if (lost := _comma_lost(row, read)) is not None:
        out.add(lost)
    return {r for r in out if r > 0 and r != read}


def _comma_lost(row: _Row, read: Decimal) -> Decimal | None:
    """A whole amount of three digits or more that prints no cents of its own ('4450€'):
    what it is with the decimal comma OCR lost put back (44,50)."""
    if read >= 100 and read % 1 == 0 and not _SEPARATED_CENTS.search(row.money[-1][0].text):
        return read / 100
    return None


def _two_misread_items(rows: list[_Row], items: list[tuple[_Row, Decimal, str]], best_total: tuple | None,
                       net: set[Decimal]) -> tuple[list[tuple[_Row, Decimal, str]], set[int]]:
    """Items with two rows OCR misread put right, and their places: '141,900' (a digit added
    to its cents, no amount read) and '1904,50' (a digit added to its units, for 104,50) on
    one photo (seed 211). Taken only where exactly one pair of readings makes the items add
    up to the labelled total (or the net before VAT), which one repair alone did not."""
    if best_total is None or not items:
        return items, set()
    sums = {best_total[2]} | net
    whole = sum((a for _, a, _ in items), Decimal(0))
    if whole in sums:
        return items, set()
    place = {id(row): k for k, row in enumerate(rows)}
    item_at = {id(row): n for n, (row, _, _) in enumerate(items)}
    start, end = _block_start(rows, items, place), best_total[1]
    options = []  # (row place, item index or None, readings)
    for k in range(start, end):
        row = rows[k]
        n = item_at.get(id(row))
        if n is None and (row.money or row.label is not None or not _description(row)):
            continue
        readings = _row_readings(row, items[n][1] if n is not None else None)
        if readings:
            options.append((k, n, readings))
    found = []
    for (k1, n1, r1), (k2, n2, r2) in combinations(options, 2):
        base = whole - (items[n1][1] if n1 is not None else 0) - (items[n2][1] if n2 is not None else 0)
        found += [((k1, n1, a), (k2, n2, b)) for a in r1 for b in r2 if base + a + b in sums]
    if len(found) != 1:
        return items, set()
    fixed = list(items)
    added = []
    for k, n, value in found[0]:
        if n is not None:
            fixed[n] = (rows[k], value, items[n][2])
        else:
            added.append((rows[k], value, _description(rows[k])))
    merged = sorted(fixed + added, key=lambda it: place[id(it[0])])
    changed = {id(rows[k]) for k, _, _ in found[0]}
    return merged, {i for i, (row, _, _) in enumerate(merged) if id(row) in changed}


_QTY_COUNT = re.compile(r"\s*(\d{1,3})")


def _quantity_line_value(row: _Row) -> Decimal | None:
    """What a till's quantity line under an item ('  3 x 27,00') says the item costs:
    its quantity times its unit price."""
    if not row.money or not _QTY_LINE.match(row.line.text):
        return None
    count = _QTY_COUNT.match(row.line.text)
    quantity, unit = int(count.group(1)), row.money[-1][1]
    return unit * quantity if 2 <= quantity <= MAX_QUANTITY and unit > 0 else None


def _quantity_line_items(rows: list[_Row], items: list[tuple[_Row, Decimal, str]], best_total: tuple | None,
                         net: set[Decimal]) -> tuple[list[tuple[_Row, Decimal, str]], set[int]]:
    """Items read with each one a till's quantity line confirms put right, and their places.

    A till prints an item's quantity and unit price on the line beneath it ('Análises
    clínicas 81,00' over '  3 x 27,00'): a second reading of the item's amount. Where
    the item's own reading is one misreading of it ('98, 09' for 98,00; '8100' with its
    comma lost) or its amount was not read at all ('81,900', a digit added to its cents,
    or its comma lost), the quantity line's figure is taken, however many items OCR
    misread so, but only where with all of them the items make the labelled total (or
    the net before VAT) and as read they do not.
    """
    if best_total is None or not items:
        return items, set()
    sums, end = {best_total[2]} | net, best_total[1]
    if sum((a for _, a, _ in items), Decimal(0)) in sums:
        return items, set()
    item_at = {id(row): n for n, (row, _, _) in enumerate(items)}
    place = {id(row): k for k, row in enumerate(rows)}
    start = max(0, min(place[id(row)] for row, _, _ in items) - 1)
    fixed, changed, added = list(items), set(), []
    for k in range(start, min(end, len(rows) - 1)):
        row, below = rows[k], rows[k + 1]
        value = _quantity_line_value(below) if below.page == row.page else None
        if value is None:
            continue
        n = item_at.get(id(row))
        if n is not None:
            read = items[n][1]
            if read != value and (one_digit_apart(read, value) or read == value * 100):
                fixed[n] = (row, value, items[n][2])
                changed.add(id(row))
        elif not row.money and row.label is None and _description(row) and (
                value in _extra_digit_readings(row.line.text) or value == _bare_cents_after_amount(row)):
            added.append((row, value, _description(row)))
            changed.add(id(row))
    if not changed:
        return items, set()
    fixed = sorted(fixed + added, key=lambda item: place[id(item[0])])
    if sum((a for _, a, _ in fixed), Decimal(0)) not in sums:
        return items, set()
    return fixed, {n for n, (row, _, _) in enumerate(fixed) if id(row) in changed}


def _sum_lost(row: _Row, items: list[tuple[_Row, Decimal, str]]) -> bool:
    """A row with one amount, standing in the unit price column of the items that print
    a unit price and a sum (right edges nearer theirs than their sums'), and no figure
    after it: the row's sum was not read ('Sårskift 3 21,00 a OR OO', a stamp over it)."""
    if len(row.money) != 1:
        return False
    cell = row.money[0][0]
    if any(ch.isdigit() for ch in row.line.text[row.line.text.rfind(cell.text) + len(cell.text):]):
        return False
    priced = [r for r, _, _ in items if len(r.money) >= 2 and r.page == row.page]
    if not priced:
        return False
    unit_edge = sum(r.money[-2][0].box.x1 for r in priced) / len(priced)
    sum_edge = sum(r.money[-1][0].box.x1 for r in priced) / len(priced)
    return abs(cell.box.x1 - unit_edge) < abs(cell.box.x1 - sum_edge)


def _unlabelled_total(rows: list[_Row], items: list[tuple[_Row, Decimal, str]], made: list[Decimal]) -> _Row | None:
    """The first row below the items printing one amount and nothing else ('549,00 €'),
    where that amount is what the items (with their VAT) make: the total, its label lost
    to a photo's shadow or a smudge."""
    place = {id(row): k for k, row in enumerate(rows)}
    last = max(place[id(row)] for row, _, _ in items)
    for row in rows[last + 1:]:
        if row.amount is None:
            continue
        if row.label is None and len(row.money) == 1 and not _description(row) and row.amount in made:
            return row
        return None
    return None


_LAST_FIGURE = re.compile(r"(\d[\d .,]*\d)[^\d]*$")


def _one_digit_added(text: str, value: Decimal) -> bool:
    """The line's last figure, without its separators, is `value` to the cent with one
    digit more: a comma or a speck OCR read as a digit ('35728' for '35,28')."""
    m = _LAST_FIGURE.search(text)
    if m is None:
        return False
    read, meant = re.sub(r"\D", "", m.group(1)), f"{value:.2f}".replace(".", "")
    return len(read) == len(meant) + 1 and one_character_apart(read, meant)


def _made_sums(items_sum: Decimal, vat: Decimal | None, vat_row: _Row | None) -> list[Decimal]:
    """What the items make, first alone, then with the VAT read or at the rate its line prints."""
    made = [items_sum]
    if vat is not None and vat > 0:
        made.append(items_sum + vat)
    if vat_row is not None and (with_rate := _with_vat_rate(items_sum, vat_row)) is not None:
        made.append(with_rate)
    return list(dict.fromkeys(made))


def _digit_added(read: Decimal, meant: Decimal) -> bool:
    """The amount read with one digit more in its units ('790,50' for '70,50'): a speck or
    a rule beside a figure read as a digit."""
    return 0 < meant < read and meant in _units_digit_out(read)


def _units_digit_out(read: Decimal) -> set[Decimal]:
    """`read` with each digit of its units taken out in turn."""
    units, cents = f"{read:.2f}".split(".")
    return _one_digit_out(units, cents)


def _one_digit_out(whole: str, cents: str) -> set[Decimal]:
    """The amounts `whole` and `cents` make with each digit of the whole part taken out in
    turn: the one a speck, a rule or a misread comma added."""
    return {Decimal(f"{whole[:i]}{whole[i + 1:]}.{cents}") for i in range(len(whole))} if len(whole) > 1 else set()


_RATE = re.compile(r"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?) ?%")


def _with_vat_rate(net: Decimal, vat_row: _Row) -> Decimal | None:
    """The net sum with the VAT at the one rate its line prints ('MVA 25 %', 'IVA 23%'), to the cent."""
    rates = {r.replace(",", ".") for r in _RATE.findall(vat_row.line.text)}
    if len(rates) != 1:
        return None
    rate = Decimal(rates.pop())
    if not 0 < rate < 50:
        return None
    return (net * (100 + rate) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


UNSURE_ITEM_CONF = 0.75  # an item's amount read less surely than this may be misread in more than one digit


def _unit_price_readings(row: _Row, amount: Decimal) -> set[Decimal]:
    """What a row's unit price times its quantity says its amount is, where that differs
    from the amount read: a second reading of it."""
    unit = row.money[-2][1]
    return {unit * q for q in _quantities(row) | {1} if unit > 0 and unit * q != amount}


def _priced_readings(row: _Row, amount: Decimal) -> set[Decimal]:
    """What a row's amount reads as its unit price times its quantity (1 where the
    quantity was not read as a number: 'T' for '1'), where that is one digit from the
    amount read ('Legemidler T 275,00 215,00'): a digit misread in one of the two."""
    return {priced for priced in _unit_price_readings(row, amount) if one_digit_apart(priced, amount)}


GARBLED_TOTAL_CONF = 0.5  # a total's figure read less surely than this may be garbled twice over
_LETTER_DIGITS = str.maketrans("SOoIlB", "500118")


UNSURE_TOTAL_CONF = 0.6  # a total's figure read less surely than this may have its cents misread


def _cents_misread_total(row: _Row, value: Decimal, sums: list[Decimal]) -> Decimal | None:
    """The sum the items make, where the total's figure was barely read and differs from
    it only in its cents ('2322,99' for 2322,50, read at 50%): the cents' two small
    digits are where a faint print fails. A total read surely stays as read, and still
    fails the sum check."""
    if row.conf >= UNSURE_TOTAL_CONF:
        return None
    meant = [s for s in sums if s != value and s > 0 and int(s) == int(value)]
    return meant[0] if len(meant) == 1 else None


def _garbled_total(row: _Row, value: Decimal, sums: list[Decimal]) -> Decimal | None:
    """The sum the items make, where the total's figure was barely read, lost its
    decimal separator and is, letters read back as digits, one character from that
    sum's digits ('S8600EUR' for '585,00 EUR': 5 read as S, '5,' as 6). Two misreads in
    one barely read word; a clearly printed wrong total keeps its separator and its
    confidence, and still fails the sum check."""
    word = next((w for w in reversed(row.line.words) if any(c.isdigit() for c in w.text)), None)
    if word is None or word.conf >= GARBLED_TOTAL_CONF or _SEPARATED_CENTS.search(word.text):
        return None
    figure = re.sub(r"[^\dSOoIlB]", "", _ISO.sub("", word.text))  # no S of a SEK, no O of a NOK
    digits = figure.translate(_LETTER_DIGITS)
    if not digits:
        return None
    for s in sums:
        meant = f"{s:.2f}".replace(".", "")
        if s > 0 and s != value and one_character_apart(digits, meant):
            return s
    return None


def one_digit_apart(x: Decimal, y: Decimal) -> bool:
    """Written to the cent, the two amounts differ by one digit changed, added or dropped,
    or by a sign (a dash before the amount read as a minus)."""
    a, b = f"{x:.2f}".replace(".", "").lstrip("-"), f"{y:.2f}".replace(".", "").lstrip("-")
    return a == b or one_character_apart(a, b)


def one_character_apart(a: str, b: str) -> bool:
    """One character changed, added or dropped."""
    if len(a) == len(b):
        return sum(c != d for c, d in zip(a, b)) == 1
    if abs(len(a) - len(b)) != 1:
        return False
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


_EXTRA_DIGIT = re.compile(r"(?:^|[^\d.,])(\d{1,3}(?:[ .]\d{3})+|\d{1,4})[.,](\d{3,4})[^\w.,]*$")  # '184,900', '74.9090', '5 470,090'


def _overlong_cents(text: str) -> tuple[str, str] | None:
    """(whole part, cents) of a row's last number whose cents run to three or four digits."""
    m = _EXTRA_DIGIT.search(text)
    return None if m is None else (re.sub(r"[ .]", "", m.group(1)), m.group(2))


def _extra_digit_readings(text: str) -> set[Decimal]:
    """The amounts a row's last number would be without the one or two digits OCR added
    to its cents ('184,900', '61.590' of a photo, '74.9090'): each way to keep two."""
    if (parts := _overlong_cents(text)) is None:
        return set()
    whole, cents = parts
    return {Decimal(f"{whole}.{a}{b}") for a, b in combinations(cents, 2)} | _dotted_zero_readings(text)


def _dotted_zero_readings(text: str) -> set[Decimal]:
    """The row's last number with a dotted zero of a monospaced font, read as two digits,
    put back ('987,598' for 987,50)."""
    if (parts := _overlong_cents(text)) is None:
        return set()
    whole, cents = parts
    return {Decimal(f"{whole}.{kept}") for i in range(len(cents) - 1)
            if cents[i:i + 2] in ZERO_READ_AS_TWO and len(kept := cents[:i] + "0" + cents[i + 2:]) == 2}


_SPACE_AFTER_COMMA = re.compile(r"(\d[.,])\s+(?=\d{2,3}[^\w.,]*$)")  # '1.864, 090': a space OCR put after the comma


def _unread_total_readings(text: str) -> set[Decimal]:
    """What an unparsed total line's figure may be: a digit OCR added to its cents taken out
    (`_extra_digit_readings`); or one dotted zero read as two digits and the other zero of
    the same print read as a 9, 8 or 6 ('223,988' for 223,00, a TIFF, seed 202); either
    with a space OCR put after the comma closed ('1.864, 090', seed 227)."""
    out: set[Decimal] = set()
    for read in {text, _SPACE_AFTER_COMMA.sub(r"\1", text)}:
        out |= _extra_digit_readings(read) | {z for r in _dotted_zero_readings(read) for z in cent_zero_readings(r)}
    return out


_COLON_POINT = re.compile(r"(?:^|\s)(\d{1,5}):(\d{2})[^\w:]*$")  # '75:50' for 75.50


def _colon_for_point(text: str) -> set[Decimal]:
    """The amount a row's last number would be had OCR not read its decimal point as a colon
    ('GP consultation 1 79:90 75:50', seed 197). A time reads so too ('13:51'), so the
    caller takes it only where it alone makes the items add up to the total."""
    m = _COLON_POINT.search(text)
    return {Decimal(f"{m.group(1)}.{m.group(2)}")} if m else set()


_COMMA_AS_DIGIT = re.compile(r"(?:^|[^\d.,])(\d{2,5}) (\d{2})[^\w.,]*$")  # '5357 00' for '535,00'


def _comma_read_as_digit(text: str) -> set[Decimal]:
    """The amounts a row's last number would be had OCR not read its decimal comma as a
    digit and a space ('Konsultation 5357 00' for 535,00): each digit of the whole part
    taken out in turn, the last two digits the cents."""
    m = _COMMA_AS_DIGIT.search(text)
    if m is None:
        return set()
    return _one_digit_out(m.group(1), m.group(2))


_GLUED_COMMA = re.compile(r"(?:^|[^\d.,])(\d{3,5})(\d{2})[^\w.,]*$")  # '271590' for '271,00'


def _comma_glued_as_digit(text: str) -> set[Decimal]:
    """The amounts a row's last bare number would be had OCR read its decimal comma as a
    digit with no space ('Läkemedel 271590' for 271,00, a TIFF, seed 201): each digit of the
    whole part taken out in turn, the last two the cents, and those with a zero of the
    cents read as 9, 8 or 6 put back."""
    readings: set[Decimal] = set()
    # and with its thousands separator read as a colon and a space ('3: 312790' for 3.312,00)
    for variant in {text, _SPLIT_THOUSANDS_MARK.sub(r"\1", text)}:
        if m := _GLUED_COMMA.search(variant):
            readings |= _one_digit_out(m.group(1), m.group(2))
    return readings | {z for r in readings for z in cent_zero_readings(r)}


_SPLIT_THOUSANDS_MARK = re.compile(r"(?<![\d.,:])(\d{1,3})[:.] (?=\d{5,}[^\w.,]*$)")


_SPLIT_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3}[.,]) (\d{3}[.,]\d{2})(?!\d|[.,]\d)")


def _split_thousands(text: str, language: str | None) -> set[Decimal]:
    """The amounts a row would hold had OCR not put a space after a thousands separator
    ('1. 574,00'). Read so, '1.' could as well be a count, so the caller takes one only
    where the items bear it out."""
    found = set()
    for m in _SPLIT_THOUSANDS.finditer(_ocr_digits(text)):
        value = parse_amount(m.group(1) + m.group(2), lexicon.language_or_none(language))
        if value is not None:
            found.add(value)
    return found


_DASHED_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3}) [-−–](\d{3}[.,]\d{2})(?![\d.,])")
TOTALS_AND_PAID = (*TOTAL_PRIORITY, "paid", "payment_amount")


def _dashed_thousands(text: str, value: Decimal) -> Decimal:
    """A sum on a total or paid line whose thousands group a speck read as a minus cut
    off ('BELOPP 2 -171,25' for '2 171,25'): such lines print no negative sum, and no
    count stands between their label and their sum, so the group before the dash is the
    sum's own. Elsewhere the sum as read, without the minus."""
    for m in _DASHED_THOUSANDS.finditer(_ocr_digits(text)):
        if parse_amount(m.group(2)) == value:
            return int(m.group(1)) * 1000 + value
    return value


def separator_read_as_digit(read: Decimal, meant: Decimal) -> bool:
    """`read` is `meant` with one thousands separator read as a digit ('57153,75' for '5.153,75')."""
    a, b = f"{read:.2f}".replace(".", ""), f"{meant:.2f}".replace(".", "")
    if len(a) != len(b) + 1 or meant < 1000:
        return False
    return any(a[:pos] == b[:pos] and a[pos + 1:] == b[pos:] for pos in range(len(b) - 5, 0, -3))


ZERO_READ_AS = frozenset("689")  # the digits OCR reads for a zero with a speck or a broken stroke
ZERO_READ_AS_TWO = frozenset(("89", "98"))  # what it reads for a monospaced font's dotted zero, at times


def cent_zero_misread(read: Decimal, meant: Decimal) -> bool:
    """`read` is `meant` with one or both zeros of its cents read as 9, 8 or 6 ('223,58'
    for '223,50'; '4.120,88' for '4.120,00' on a bilevel scan that thins every zero)."""
    a, b = f"{read:.2f}", f"{meant:.2f}"
    return len(a) == len(b) and a[:-2] == b[:-2] and zeros_misread(a[-2:], b[-2:])


def zeros_misread(read: str, meant: str) -> bool:
    """`read` is `meant`, digit for digit, with one or more of its zeros read as 9, 8 or 6
    ('6686' for 6680 on a TIFF in a font with dotted zeros)."""
    diff = [(x, y) for x, y in zip(read, meant) if x != y]
    return len(read) == len(meant) and bool(diff) and all(y == "0" and x in ZERO_READ_AS for x, y in diff)


def cent_zero_readings(read: Decimal) -> dict[Decimal, int]:
    """What `read` would be with one or both of its cents' 9, 8 or 6 read back as zeros,
    each with the number of digits so changed."""
    units, cents = f"{read:.2f}".split(".")
    spots = [i for i, c in enumerate(cents) if c in ZERO_READ_AS]
    return {Decimal(f"{units}.{''.join('0' if i in chosen else c for i, c in enumerate(cents))}"): k
            for k in range(1, len(spots) + 1) for chosen in combinations(spots, k)}


MAX_CENTS_MISREAD = 3  # items at most whose cents' zeros one scan misread at once
MAX_CENTS_READABLE = 12  # of a longer list, two at most (the search grows with its cube)


def _unread_between(rows: list[_Row], items: list[tuple[_Row, Decimal, str]], best_total: tuple | None) -> list[_Row]:
    """The described rows without an amount between the first item and the total."""
    if not items or best_total is None:
        return []
    place = {id(row): k for k, row in enumerate(rows)}
    start = min(place[id(row)] for row, _, _ in items)
    item_rows = {id(row) for row, _, _ in items}
    return [row for row in rows[start:best_total[1]] if id(row) not in item_rows and not row.money
            and row.label is None and _description(row)]


def _unparsed_readings(text: str) -> set[Decimal]:
    """What an unparsed row's last figure reads as, one misreading put right: a digit added
    to its cents, its comma read as a digit and a space, or its cents lost after the comma
    ('Ekkokardiografi 1.150,', its '00' read elsewhere: a price's cents are most often 00)."""
    readings = _extra_digit_readings(text) | _comma_read_as_digit(text)
    if m := _CENTS_LOST.search(text):
        readings.add(Decimal(m.group(1).replace(".", "").replace(" ", "")))
    return readings


_CENTS_LOST = re.compile(r"(?:^|[^\d.,])(\d{1,3}(?:[. ]\d{3})+|\d{2,5})[.,][^\w.,]*$")


def _unread_readings(row: _Row) -> dict[Decimal, int]:
    """What an unparsed row's last figure reads as, each with the digits misread: a digit
    added to its cents or its comma read as a digit (one), and its cents' zeros read as 9,
    8 or 6 besides ('79,990' for 79,00: two)."""
    once = _unparsed_readings(row.line.text)
    readings = {v: 1 for v in once}
    for v in once:
        for r, k in cent_zero_readings(v).items():
            readings[r] = min(readings.get(r, 1 + k), 1 + k)
    return readings


def _cent_zeros_restored(items: list[tuple[_Row, Decimal, str]], sums: set[Decimal], vat_row: _Row | None,
                         unread: list[_Row] = ()) -> tuple[list[tuple[_Row, Decimal, str]], set[int]]:
    """Items of a scan that thinned its zeros, two or three of whose cents OCR read as 9, 8
    or 6 ('888,09', '639,90' for 888,00 and 639,00): the zeros read back that make the
    items the net or the total (itself as read, or with its cents' zeros misread too),
    before or after the VAT at its printed rate. The fewest digits misread explain it, and
    only where one reading alone does: where a single item could be the misread one
    (`_comma_lost_items` then took it, or found two and took neither), or two readings
    explain it alike, the items stay as read. An `unread` row between the items (a
    description whose amount did not parse: '79,990', a digit added to its cents) may be
    one of the misread, each reading of it one digit misread."""
    targets = {s: 0 for s in sums} | {r: k for s in sums for r, k in cent_zero_readings(s).items() if r not in sums}
    whole = sum((a for _, a, _ in items), Decimal(0))
    if not items or whole in targets:
        return items, set()
    readable = [(n, cent_zero_readings(a)) for n, (_, a, _) in enumerate(items)] + \
        [(len(items) + i, _unread_readings(row)) for i, row in enumerate(unread)]
    readable = [(n, readings) for n, readings in readable if readings]
    read_as = [a for _, a, _ in items] + [Decimal(0)] * len(unread)  # an unread row adds its whole reading
    found: dict[int, list[tuple[tuple[int, Decimal], ...]]] = {}
    for k in range(1, min(MAX_CENTS_MISREAD if len(readable) <= MAX_CENTS_READABLE else 2, len(readable)) + 1):
        for chosen in combinations(readable, k):
            for meant in product(*(list(readings.items()) for _, readings in chosen)):
                made = whole - sum(read_as[n] for n, _ in chosen) + sum(m for m, _ in meant)
                with_rate = _with_vat_rate(made, vat_row) if vat_row is not None else None
                hit = next((t for t in (made, with_rate) if t in targets), None)
                if hit is not None:
                    cost = sum(c for _, c in meant) + targets[hit]
                    found.setdefault(cost, []).append(tuple((n, m) for (n, _), (m, _) in zip(chosen, meant)))
    if not found:
        return items, set()
    fewest = found[min(found)]
    if len(set(fewest)) != 1 or len(fewest[0]) < 2:
        return items, set()
    restored = dict(fewest[0])
    fixed = [(row, restored.get(n, a), desc) for n, (row, a, desc) in enumerate(items)]
    added = [(row, restored[len(items) + i], _description(row)) for i, row in enumerate(unread) if len(items) + i in restored]
    if not added:
        return fixed, set(restored)
    changed = {id(row) for row, _, _ in added} | {id(items[n][0]) for n in restored if n < len(items)}
    fixed = sorted(fixed + added, key=lambda item: (item[0].page, item[0].line.box.y0))  # in print order
    return fixed, {n for n, (row, _, _) in enumerate(fixed) if id(row) in changed}


GARBLED_RULE_CHARS = 20  # a printed rule OCR read as one long run of glyphs
GARBLED_RULE_CONF = 0.3
GARBLED_RULE_MARKS = 0.3  # of its characters no letters: dots, dashes and digits of the rule
SHORT_RULE_CHARS = 8  # a shorter garbled rule...
SHORT_RULE_MARKS = 0.7  # ...is mostly marks: no word or figure is
SPECK_CONF = 0.3  # a two-letter word read this unsurely, alone on its line, is a speck ('Fa' of a scan's smudge)


def _is_noise(row: _Row) -> bool:
    """A line of stray glyphs ('l', 'i A i', '`') that a scan or photo adds between rows:
    no amount, and no token longer than one letter; or a dotted rule OCR read as one long
    word of glyphs it was not sure of ('e....…...29o222»2222...nnnnS')."""
    if row.amount is not None:
        return False
    words = row.line.words
    if len(words) == 1 and words[0].conf < GARBLED_RULE_CONF:
        text = words[0].text
        marks = sum(not c.isalpha() for c in text)
        if (len(text) >= GARBLED_RULE_CHARS and marks >= GARBLED_RULE_MARKS * len(text)) or \
                (len(text) >= SHORT_RULE_CHARS and marks >= SHORT_RULE_MARKS * len(text)):
            return True  # a shorter one, mostly dots and dashes ('-..-.-ħ.ħĻ„....__', seed 192)
    if all(w.conf < SPECK_CONF for w in words) and all(len(re.sub(r"\W", "", w.text)) <= 2 for w in words):
        return True
    if all(w.conf < GARBLED_RULE_CONF for w in words) and any(LETTER_RUN.search(w.text) for w in words):
        return True  # a rule read as letters, unsurely: 'EEEE ETTEEELEEEEEEEEEEEEEEEREE]' (seed 220)
    if all(w.conf < GARBLED_RULE_CONF and _flat(w) for w in words):
        return True  # a thin rule read as letters: 'IEC' a tenth as high as a letter is wide (seed 238)
    glyphs = [(len(re.sub(r"\W", "", w.text)), w.conf < GARBLED_FIGURE_CONF) for w in words]
    if row.label is None and not any(c.isdigit() for c in row.norm) and any(n == 2 and unsure for n, unsure in glyphs):
        # no figure and no word, a glyph pair barely read: a table's rules and specks
        # between two rows ('|- Ξ i ΒΞ : -', seed 251); one read surely ('Fa') is print
        return all(n <= 1 or (n == 2 and unsure) for n, unsure in glyphs)
    return all(len(re.sub(r"\W", "", t)) <= 1 for t in row.norm.split())


FLAT_GLYPHS = 0.3  # a word's height under this share of its letters' width: no letters stand that low


def _flat(word: Word) -> bool:
    return word.box.y1 - word.box.y0 < FLAT_GLYPHS * (word.box.x1 - word.box.x0) / max(1, len(word.text))


UNREAD_ITEMS_CONF = 0.3
GARBLED_FIGURE_CONF = 0.5  # a row's last word read less surely than this, with a digit in it, is a garbled figure
_GARBLED_FIGURE = re.compile(r"[\w:;.,'’|!]{2,12}")  # digits, letters OCR put for some, stray marks
_DATE_LIKE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}")


def _garbled_amount(row: _Row) -> bool:
    """A described row without an amount whose last word is a figure OCR garbled past
    reading ('T2750' for 127.50, 'T90', '23:50'): two or more digits, mostly digits, with
    a look-alike letter or a mark among them (bare digits are a year, a code or a lost
    comma's amount, which the repairs read, unless barely read) and no date in it."""
    if row.amount is not None or row.label is not None or not row.line.words or not _description(row):
        return False
    last = row.line.words[-1]
    if last.text.isdigit():  # a year, a code or a lost comma's amount, unless barely read at all ('312790' at 17%)
        return len(last.text) >= 4 and last.conf < UNREAD_ITEMS_CONF
    digits = sum(c.isdigit() for c in last.text)
    # one digit is enough in a figure barely read ('Blood tests 1 0o A0' at 41%, seed 247)
    least = 1 if last.conf < GARBLED_FIGURE_CONF else 2
    return bool(_GARBLED_FIGURE.fullmatch(last.text)) and digits >= least \
        and digits * 2 >= sum(c.isalnum() for c in last.text) and not _DATE_LIKE.search(last.text)


def _unread_item_rows(rows: list[_Row], items: list[tuple[_Row, Decimal, str]]) -> list[_Row]:
    """Rows of the item block whose amount was not read: among the items, right below
    the last of them, or in the block of described rows right above the first (the run
    of items read stops at the first row it cannot read, whatever was read above it)."""
    index = {id(r): i for i, r in enumerate(rows)}
    taken = {id(r) for r, _, _ in items}  # a row whose garbled amount a repair read is read
    at = sorted(index[id(r)] for r, _, _ in items if id(r) in index)
    if not at:
        return []
    unread = [r for r in rows[at[0]:at[-1] + 1] if id(r) not in taken and _garbled_amount(r)]
    for row in rows[at[-1] + 1:]:  # and below the last, which the run reads past up to the total
        if _garbled_amount(row):
            unread.append(row)
        elif not _is_noise(row) and any(c.isalnum() for c in row.norm):
            break  # the total, or any line of print: the block's end
    k = at[0] - 1
    while k >= 0:
        row = rows[k]
        k -= 1
        if id(row) in taken:
            continue
        if _garbled_amount(row):
            unread.append(row)
        elif _is_noise(row) or _QTY_LINE.match(row.line.text) or not any(c.isalnum() for c in row.norm):
            continue
        elif not (row.amount is not None and row.label is None and _description(row)):
            break  # the header, a label, a line of text: the block's top
    return sorted(unread, key=lambda r: index[id(r)])


def _split_description(above: _Row, row: _Row) -> bool:
    """A description alone on the line above a bare amount: one item row the reading split."""
    return (above.page == row.page and above.amount is None and above.label is None and not above.money
            and not _is_item_header(above.norm) and bool(_description(above)))


def _currency(doc: ReadDocument, rows: list[_Row], language: str | None,
              amounts_read: bool = True) -> tuple[str | None, _Row | None]:
    """The currency the amounts are printed in.

    An ISO code counts most, a symbol less, each weighed by how well its word was
    read (a faint '£' that is a misread '1' must not outvote a clear '€'); a code in
    a column header ('Summa (EUR)', 'Wartość (PLN)') counts too, though it holds no
    amount. With no mark at all the document's cues decide (_currency_by_cues), and
    only for amounts read: a record's address figures ('Calle Mayor 8, 22') have none.
    """
    money_rows = [r for r in rows if r.money]
    votes: dict[str, float] = {}
    where: dict[str, _Row] = {}
    for row in rows:
        text = row.line.text
        weight = 1.0 if row.money or not money_rows else 0.5
        for code in _ISO.findall(_unaccent(text)):  # 'SÈK': an accent OCR put on a code's letter
            votes[code] = votes.get(code, 0) + 3 * weight * _mark_conf(row.line, code)
            where.setdefault(code, row)
        if not row.money and money_rows:
            continue
        for symbol, code in SYMBOLS.items():
            if symbol in text.lower() if symbol.isalpha() else symbol in text:
                if symbol.isalpha() and not re.search(rf"\b{re.escape(symbol)}\b", text.lower()):
                    continue
                votes[code] = votes.get(code, 0) + 2 * _mark_conf(row.line, symbol)
                where.setdefault(code, row)
    if votes:
        best = max(votes, key=lambda c: votes[c])
        return best, where[best]
    kr_row = next((r for r in money_rows if re.search(r"\bkr\b|\bkr\.|,-", r.line.text, re.IGNORECASE)), None)
    if kr_row is None and (not money_rows or not amounts_read):
        return None, None
    return _currency_by_cues(doc, language, kr_row), kr_row or money_rows[0]


def _unaccent(text: str) -> str:
    """Capital Latin letters without the accents OCR adds ('SÈK' -> 'SEK'); other text unchanged."""
    return "".join(unicodedata.normalize("NFKD", c)[0] if "À" <= c <= "Ý" else c for c in text)


def _mark_conf(line: Line, mark: str) -> float:
    """How well the word holding a currency mark was read (0.2 at least, 1 if not found)."""
    confs = [w.conf for w in line.words if mark.casefold() in _unaccent(w.text).casefold()]
    return max(0.2, max(confs)) if confs else 1.0


# Country calling codes: a clinic's phone number says where it bills from.
PHONE_CURRENCY = {"47": "NOK", "46": "SEK", "45": "DKK", "48": "PLN", "44": "GBP", "41": "CHF", "420": "CZK",
                  "34": "EUR", "49": "EUR", "33": "EUR", "39": "EUR", "31": "EUR", "351": "EUR", "358": "EUR",
                  "30": "EUR", "43": "EUR", "32": "EUR", "353": "EUR"}
KRONE_CURRENCIES = ("NOK", "SEK", "DKK")
# An IBAN's country is the account the clinic is paid into: the surest cue to its currency.
IBAN_CURRENCY = {"NO": "NOK", "SE": "SEK", "DK": "DKK", "PL": "PLN", "GB": "GBP", "CH": "CHF", "CZ": "CZK", "HU": "HUF",
                 "IS": "ISK", "RO": "RON", "BG": "BGN", **{c: "EUR" for c in (
                     "DE", "FR", "ES", "IT", "NL", "PT", "FI", "GR", "AT", "BE", "IE", "LU", "EE", "LV", "LT", "SK", "SI",
                     "MT", "CY", "HR")}}
_IBAN = re.compile(r"(?<![A-Z0-9])([A-Z]{2})\d{2}(?: ?[A-Z0-9]{4}){3,}")
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)(\d{2,3})")


@cache
def _country_cues() -> frozenset[tuple[str, str]]:
    """Each country word once, though several languages list the same one ('Norge')."""
    return frozenset((normalize(cue), currency) for code in langdata.all_languages()
                     for cue, currency in langdata.section(code, "amounts").get("currency_cues", {}).items())


def _currency_by_cues(doc: ReadDocument, language: str | None, kr_row: _Row | None) -> str | None:
    """Weigh the document's cues when no amount names its currency, or names only 'kr'.

    A country named once (often the patient's own address) must not outweigh the
    language of the whole invoice, so the language counts double; each distinct
    country word or phone country code counts once, the country of an IBAN (the
    account the clinic is paid into) twice.
    """
    votes: dict[str, float] = {}
    text = normalize(doc.text)
    for cue, currency in _country_cues():
        if re.search(rf"\b{re.escape(cue)}\b", text):
            votes[currency] = votes.get(currency, 0) + 1
    for prefix in set(_PHONE.findall(doc.text)):
        currency = PHONE_CURRENCY.get(prefix) or PHONE_CURRENCY.get(prefix[:2])
        if currency:
            votes[currency] = votes.get(currency, 0) + 1
    for country in set(_IBAN.findall(doc.text)):
        currency = IBAN_CURRENCY.get(country)
        if currency:
            votes[currency] = votes.get(currency, 0) + 2
    section = langdata.section(language, "amounts") if language in langdata.all_languages() else {}
    if kr_row is not None:
        votes = {c: v for c, v in votes.items() if c in KRONE_CURRENCIES}
        hinted = section.get("currency_hints", {}).get("kr")
        if hinted:
            votes[hinted] = votes.get(hinted, 0) + 2
    elif section.get("default_currency"):
        votes[section["default_currency"]] = votes.get(section["default_currency"], 0) + 1.5
    if not votes:
        return None
    top = max(votes.values())
    winners = [c for c, v in votes.items() if v == top]
    return winners[0] if len(winners) == 1 else section.get("default_currency") if section.get("default_currency") in winners else None


_NUMBER_TOKEN = re.compile(r"[\w./\-]*\d[\w./\-]*")
_DATE_TOKEN = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}")  # a date, not a number
_PREFIX_TOKEN = re.compile(r"[A-ZΑ-Ω]{1,3}")
_JOINERS = "-/"  # what joins a number's parts: a number ending in one runs on in the next word
_DIGITS = re.compile(r"\d+")
MIN_SERIAL_DIGITS = 3  # the part after a dot read apart: a serial, not a day or a count
_NUMBER_TAIL = re.compile(r"[-/]\d+")
_FILLER = {":", "#", "nº", "no", "no.", "n°", "nr", "nr.", "n.º", "-"}


def _number_after(words: list[str], at: int) -> str | None:
    """The invoice number printed after word `at`: 'FR 2026/1976', 'RE-2026-02304', '2026-1337'."""
    rest = [w.strip(":;,") for w in words[at + 1:]]
    rest = [w for w in rest if w and w.casefold() not in _FILLER]
    if not rest:
        return None
    first = rest[0]
    if _PREFIX_TOKEN.fullmatch(first) and len(rest) > 1 and _NUMBER_TOKEN.fullmatch(rest[1]):
        return f"{first} {rest[1]}"
    if _NUMBER_TOKEN.fullmatch(first) and not _DATE_TOKEN.fullmatch(first):
        if len(rest) > 2 and first[-1].isdigit() and rest[1] == "." and _DIGITS.fullmatch(rest[2]) \
                and len(rest[2]) >= MIN_SERIAL_DIGITS:
            return f"{first}.{rest[2]}"  # '2026 . 4099': OCR read the number's dot apart, a space either side
        if len(rest) > 1 and (first[-1] in _JOINERS and _DIGITS.fullmatch(rest[1])
                              or first[-1].isalnum() and _NUMBER_TAIL.fullmatch(rest[1])):
            return first + rest[1]  # 'FA202609- 4883', 'FA202609 -9860': a space OCR put beside the hyphen
        return first
    return None


def _word_ending_at(words: list[str], end: int) -> int:
    """Index of the word in which a hit on the normalized line ends."""
    for k in range(len(words)):
        if len(normalize(" ".join(words[: k + 1]))) >= end:
            return k
    return len(words) - 1


_SPACED_HYPHEN = re.compile(r"(?<=[^\W\d_])\s+-(?=[^\W\d_])|(?<=[^\W\d_])-\s+(?=[^\W\d_])")  # 'Rechnungs -Nr.'


def _invoice_number(rows: list[_Row]) -> tuple[str | None, _Row | None]:
    """Labelled number first ('Fakturanr.: 2026-1337'); else the number after a title ('Rechnung RE-2026-1')."""
    for key, section in (("invoice_number", "amounts"), ("invoice", "doctype")):
        for i, row in enumerate(rows):
            hits = lexicon.exact_hits(row.norm, section, key)
            words = row.line.text.split()
            joined = _SPACED_HYPHEN.sub("-", row.line.text)
            if not hits and joined != row.line.text:  # 'Rechnungs -Nr.': OCR spaced the label's hyphen
                hits = lexicon.exact_hits(normalize(joined), section, key)
                words = joined.split()
            for hit in sorted(hits, key=lambda h: h.start):
                at = _word_ending_at(words, hit.end)
                if any(c.isalnum() for c in normalize(" ".join(words[: at + 1]))[hit.end:]):
                    continue  # the label ends inside a word: 'ΤΠΥ' of 'ΤΠΥ-4671' is the number itself
                number = _number_after(words, at)
                if number is None and key == "invoice_number" and i + 1 < len(rows):
                    below = rows[i + 1].line.text.split()
                    if at == len(words) - 1:
                        number = _number_after(["", *below], 0)
                    elif len(words) == len(row.line.words):  # a header row of labels: the value stands under its label
                        number = _value_below(row.line, _word_ending_at(words, hit.start + 1), at,
                                              rows[i + 1].line)
                if number is not None:
                    return number, row
    return None, None


def _value_below(header: Line, first: int, last: int, below: Line) -> str | None:
    """The number in the next row that starts under the label's column ('Invoice No.'
    over 'ΤΠΥ-4671' in a row of header cells)."""
    if len(header.words) != len(header.text.split()):
        return None  # word boxes and text tokens do not line up
    x0, x1 = header.words[first].box.x0, header.words[last].box.x1
    for k, word in enumerate(below.words):
        if x0 - 0.02 <= word.box.x0 <= x1:
            return _number_after(["", *[w.text for w in below.words[k:]]], 0)
    return None


def _half_read_paid_stamp(row: _Row) -> bool:
    """A stamp's capitals one letter off a paid word ('MAKSETTL' for 'MAKSETTU')."""
    if row.money or len(row.norm.split()) > 3:
        return False
    return any(lexicon.misread_paid_stamp(w.text) for w in row.line.words)


def _capital_paid_word(row: _Row) -> bool:
    """A paid word in capitals on a line of other text and no amount: a stamp whose words
    the text layer or OCR put on the line it overlaps ('... Lefèvre générale PAYÉ'), also
    where that line opens with a label whose value is no amount ('Te betalen voor: <date>
    · IBAN: ... BETAALD ...': the due date's line)."""
    if row.money:
        return False
    words = [w.text.strip(".,:;!*") for w in row.line.words]
    if not any(t.islower() or t.istitle() for t in words):
        return False  # a line all in capitals is a heading ('AMOUNT PAID'), not a stamp on text
    return any(len(t) >= 4 and t.isupper() and normalize(t) in lexicon.paid_stamp_words() for t in words)


def _marked_paid(rows: list[_Row]) -> tuple[bool, _Row | None]:
    for row in rows:
        unpaid = lexicon.exact_hits(row.norm, "amounts", "unpaid")
        # a paid word outside the line's unpaid phrase may be a stamp over it ('À régler avant
        # le: <date> · IBAN ... PAYÉ'); inside it, it is the phrase's own ('Non payé')
        stamp = [h for h in lexicon.exact_hits(row.norm, "amounts", "paid_stamp")
                 if not any(u.start <= h.start and h.end <= u.end for u in unpaid)]
        if unpaid and not stamp:
            continue
        if not stamp:
            if _half_read_paid_stamp(row):
                return True, row
            continue
        status = lexicon.exact_hits(row.norm, "amounts", "status_label")
        short = len(row.norm.split()) <= 4 and not row.money
        leads = not row.money and any(h.start == 0 for h in stamp)  # 'Maksettu kortilla 7.7.2026'
        if short or status or leads or _capital_paid_word(row):
            return True, row
    return False, None


def _lone_marked_amount(rows: list[_Row]) -> tuple[Decimal, _Row] | None:
    """The one sum on a payment proof that carries a currency mark, if there is only one."""
    marked = [(r.amount, r) for r in rows if r.amount is not None and r.amount > 0
              and (_ISO.search(r.line.text) or _SYMBOL.search(r.line.text) or "€" in r.line.text or "£" in r.line.text)]
    values = {v for v, _ in marked}
    return marked[0] if len(values) == 1 else None


def _vat_included(result: AmountsResult, subtotal: Decimal | None, said_included: bool) -> bool:
    """Items (or the subtotal) summing to the total say the VAT is inside it; summing with the VAT, on top."""
    cent = Decimal("0.01")
    vat = result.vat or Decimal(0)
    if (subtotal is not None and vat > 0 and not said_included and result.total is not None
            and abs(subtotal - result.total) <= cent):
        return False  # a net subtotal plus VAT, yet the total is the net: the VAT was left off
    if result.total is not None:
        for base in ([Decimal(i.amount) for i in result.line_items] and
                     [sum((Decimal(i.amount) for i in result.line_items), Decimal(0))]) + [subtotal]:
            if base is None:
                continue
            if abs(base - result.total) <= cent:
                return True
            if abs(base + vat - result.total) <= cent:
                return False
    return said_included or subtotal is None or vat == 0


def _is_payment_proof(rows: list[_Row], by_title: bool = True) -> bool:
    """A card slip or transfer confirmation ('CUSTOMER COPY', 'Kundens kopi'), or a
    receipt by its title. A title alone does not make an invoice paid: a Portuguese
    'Fatura-Recibo' with a due date and bank details is still a bill."""
    for row in rows:
        if lexicon.exact_hits(row.norm, "amounts", "payment_proof"):
            return True
        if not by_title:
            continue
        title = lexicon.exact_hits(row.norm, "amounts", "receipt_title")
        if title and not row.money and len(row.norm.split()) <= 3:
            return True
    return False


def extract_amounts(doc: ReadDocument, language: str | None, is_invoice: bool = False,
                    is_receipt: bool = False) -> AmountsResult:
    """`is_receipt`: the document was typed a receipt (by a title the amounts' own list may
    lack, 'Potwierdzenie wpłaty'), so its total is what was paid."""
    rows = _rows(doc, language)
    result = AmountsResult()
    fields: list[ExtractedField] = []

    best_total: tuple[int, int, Decimal, _Row, float] | None = None
    subtotal: Decimal | None = None
    # a lone 'Betrag' header is no payment label on an invoice
    payment_proof = (is_receipt and not is_invoice) or _is_payment_proof(rows, by_title=not is_invoice)
    vat_said_included = False
    vat_unread: _Row | None = None  # a VAT line whose sum OCR garbled ('IVA 21% $177')
    vat_row: _Row | None = None  # the first VAT line, read or not
    totals_unread: list[_Row] = []  # total lines whose sum did not parse ('At betale DKK 699,900')
    adjustments: list[tuple[Decimal, _Row, float]] = []  # discounts, roundings, deposits as printed
    for i, row in enumerate(rows):
        if row.label is None:
            continue
        key = row.label.key
        value, at = _labelled_value(rows, i)
        if value is None:
            if key == "vat" and vat_unread is None:
                vat_unread = vat_row = row
            if key in TOTAL_PRIORITY:
                totals_unread.append(row)
            continue
        if value < 0 and key in NEVER_NEGATIVE:
            value = _dashed_thousands(at.line.text, -value) if key in TOTALS_AND_PAID else -value
        if key in TOTAL_PRIORITY and value > 0:
            cand = (TOTAL_PRIORITY[key], i, value, at, row.label.score)
            if best_total is None or cand[:2] > best_total[:2]:
                best_total = cand
        elif key in ("vat", "vat_included") and result.vat is None:
            result.vat = value
            vat_said_included = key == "vat_included"
            vat_row = row if key == "vat" else None  # a rate on top of the net, not inside the total
            fields.append(_field("vat", _dec_text(value), at, row.label.score))
        elif key == "subtotal" and subtotal is None:
            subtotal = value
        elif key == "not_item" and value != 0:
            adjustments.append((value, at, row.label.score))
        elif (key == "paid" or (key == "payment_amount" and (at is row or payment_proof))) \
                and result.amount_paid is None and value > 0:
            result.amount_paid = value
            fields.append(_field("amount_paid", _dec_text(value), at, row.label.score * 0.9))

    if adjustments:  # one field for their sum, where the first is printed
        result.adjustment = sum((v for v, _, _ in adjustments), Decimal(0))
        _, first, _ = adjustments[0]
        fields.append(_field("adjustment", _dec_text(result.adjustment), first, min(sc for _, _, sc in adjustments)))

    net = {v for v in (subtotal, best_total[2] - result.vat if best_total and result.vat else None) if v}
    # A born-digital text layer is the document's own text, not a reading of it: nothing in
    # it is misread, so no figure of it is put right (a real mismatch stays one, seed 204).
    exact = doc.text_source == "text_layer"
    items, repaired = _items(rows), set()
    if not exact:
        items, repaired = _quantity_line_items(rows, items, best_total, net)
    items, one_repaired = (items, None) if exact else _comma_lost_items(rows, items, best_total, net)
    two_repaired: set[int] = set()
    if one_repaired is None and not exact:
        items, two_repaired = _two_misread_items(rows, items, best_total, net)
    if one_repaired is not None:
        repaired = {one_repaired}
    elif two_repaired:
        repaired = two_repaired
    elif not exact and (best_total is not None or net):
        items, zeros_restored = _cent_zeros_restored(items, {best_total[2]} | net if best_total else net, vat_row,
                                                     _unread_between(rows, items, best_total))
        repaired = repaired | zeros_restored
    sum_row = None
    if best_total is None and len(items) >= 3 and items[-1][1] == sum(a for _, a, _ in items[:-1]):
        sum_row = items.pop()  # the sum of the rows above is the total whose label was misread ('Toal')
    for n, (row, amount, desc) in enumerate(items):
        result.line_items.append(LineItem(description=desc, amount=_dec_text(amount)))
        fields.append(_field(f"line_items[{n}].amount", _dec_text(amount), row,
                             0.9 * (0.8 if n in repaired else 1) * _priced_conf(row, amount) / max(row.conf, 1e-6),
                             row.money[-1][0].box if row.money else None))
        desc_cell = _description_cell(row)
        desc_conf = (sum(w.conf for w in desc_cell.words) / len(desc_cell.words)) if desc_cell else row.conf
        fields.append(_field(f"line_items[{n}].description", desc, row, 0.9 * desc_conf / max(row.conf, 1e-6),
                             desc_cell.box if desc_cell else None))

    items_sum = sum((a for _, a, _ in items), Decimal(0))
    if best_total is not None:
        _, _, value, at, score = best_total
        with_vat = _with_vat_rate(items_sum, vat_row) if items and vat_row is not None else None
        lost_comma = {s for s in (items_sum, with_vat) if s is not None and s % 1 and value == s * 100}
        if exact:
            pass  # the total as printed
        elif lost_comma and not _SEPARATED_CENTS.search(at.line.text):
            # OCR lost the total's comma ('17450EUR' for '174,50 EUR'; '41882€' for the items
            # plus the VAT at the printed rate)
            value, score = lost_comma.pop(), score * 0.8
        elif items and value != items_sum and items_sum in _split_thousands(at.line.text, language):
            value, score = items_sum, score * 0.8  # OCR put a space in the total ('1. 574,00' for '1.574,00')
        elif items and (made := next((s for s in (items_sum, with_vat, items_sum + (result.vat or 0)) if s is not None
                                      and separator_read_as_digit(value, s)), None)) is not None:
            value, score = made, score * 0.8  # the total's thousands separator read as a digit
        elif items and (made := next((s for s in _made_sums(items_sum, result.vat, vat_row)
                                      if value != s and cent_zero_misread(value, s)), None)) is not None:
            value, score = made, score * 0.8  # the total's cents' zeros misread ('223,58' for the items' 223,50)
        elif items and (made := _garbled_total(at, value, _made_sums(items_sum, result.vat, vat_row))) is not None:
            value, score = made, score * 0.8  # a barely read total that lost its comma and a digit ('S8600EUR' for 585,00)
        elif items and (made := _cents_misread_total(at, value, _made_sums(items_sum, result.vat, vat_row))) is not None:
            value, score = made, score * 0.8  # a barely read total's cents misread ('2322,99' for the 2322,50 the items make)
        result.total = value
        fields.append(_field("total", _dec_text(value), at, score))
    elif items and (unread := next(((r, made) for r in totals_unread for made in _made_sums(items_sum, result.vat, vat_row)
                                    if made in _unread_total_readings(r.line.text)), None)) is not None:
        # a digit OCR added to the total's cents ('699,900', '3 931,253' with the VAT), or a dotted
        # zero read as two ('2 987,598'): the reading the items (with their VAT) make, on whichever unread
        # totals line gives it ('Att betala senast: <date>' may come first)
        total_unread, result.total = unread
        fields.append(_field("total", _dec_text(result.total), total_unread, 0.8 * total_unread.label.score))
    elif sum_row is not None:
        result.total = sum_row[1]
        fields.append(_field("total", _dec_text(sum_row[1]), sum_row[0], 0.6))
    elif items and (bare := _unlabelled_total(rows, items, _made_sums(items_sum, result.vat, vat_row))) is not None:
        result.total = bare.amount
        fields.append(_field("total", _dec_text(bare.amount), bare, 0.6))
    elif result.amount_paid is not None and not items:
        result.total = result.amount_paid  # a receipt's total is what was paid
        fields.append(_field("total", _dec_text(result.total), rows[0], 0.6))
    elif payment_proof and not items and not is_invoice:
        lone = _lone_marked_amount(rows)
        if lone is not None:  # a slip or transfer whose amount label OCR lost ('Belep ο, EUR 205,50')
            result.total = result.amount_paid = lone[0]
            fields.append(_field("total", _dec_text(lone[0]), lone[1], 0.55))
            fields.append(_field("amount_paid", _dec_text(lone[0]), lone[1], 0.5))

    if result.total is None and items and (readings := next(
            ((r, found) for r in totals_unread if (found := _unread_total_readings(r.line.text))), None)) is not None:
        # a total whose figure OCR garbled ('223,590') that no reading of makes the items: what
        # it may read as, for the checks to hold against another reading of the bill (its translation)
        row, found = readings
        fields.append(_field("total_readings", " ".join(_dec_text(v) for v in sorted(found)), row, UNREAD_ITEMS_CONF))

    if items and result.total is not None and not exact and (unread_items := _unread_item_rows(rows, items)):
        # item rows whose amount OCR garbled past reading ('Urgent care attendance T2750'):
        # the items read are not all the items, which the checks must know
        fields.append(_field("line_items_unread", str(len(unread_items)), unread_items[0], UNREAD_ITEMS_CONF))

    if result.vat is None and vat_unread is not None and subtotal is not None and result.total is not None \
            and items and items_sum == subtotal < result.total:
        # items adding up to the net subtotal, a VAT line, a larger total: the VAT is the
        # difference, unless the rate its line prints makes another sum ('IVA 21% 35728', its
        # comma read as a 7: 35,28 at 21 %, where the difference is 50,28): then that sum,
        # where the line's figure bears it out, and the total no longer hides the mismatch
        at_rate = _with_vat_rate(subtotal, vat_unread)
        if at_rate is None or at_rate == result.total:
            result.vat = result.total - subtotal
        elif _one_digit_added(vat_unread.line.text, at_rate - subtotal):
            result.vat = at_rate - subtotal
        if result.vat is not None:
            fields.append(_field("vat", _dec_text(result.vat), vat_unread, 0.6))
    if items and vat_row is not None and result.total is not None and items_sum != result.total \
            and (result.vat is None or items_sum + result.vat != result.total) \
            and _with_vat_rate(items_sum, vat_row) == result.total:
        # the VAT at the rate its line prints makes the items the total, while its sum was
        # not read or misread ('MVA 25 % 124,25' for 1 124,25): the VAT is the difference
        result.vat = result.total - items_sum
        fields = [f for f in fields if f.name != "vat"]
        fields.append(_field("vat", _dec_text(result.vat), vat_row, 0.6))
        vat_said_included = False
    if result.vat is not None:
        result.vat_included = _vat_included(result, subtotal, vat_said_included)

    if result.amount_paid is None and result.total is not None and best_total is not None and payment_proof:
        result.amount_paid = result.total  # a card slip's or a receipt's total is what was paid
        fields.append(_field("amount_paid", _dec_text(result.total), best_total[3], best_total[4] * 0.85))

    amounts_read = any(v is not None for v in (result.total, result.amount_paid, result.vat)) or bool(result.line_items)
    currency, cur_row = _currency(doc, rows, language, amounts_read)
    if currency is not None and cur_row is not None:
        result.currency = currency
        fields.append(_field("currency", currency, cur_row, 0.9))

    number, num_row = _invoice_number(rows)
    if number is not None and num_row is not None:
        result.invoice_number = number
        fields.append(_field("invoice_number", number, num_row, 0.9))

    paid, paid_row = _marked_paid(rows)
    if paid and paid_row is not None:
        result.marked_paid = True
        fields.append(_field("marked_paid", "true", paid_row, 0.8))

    result.fields = fields
    return result
