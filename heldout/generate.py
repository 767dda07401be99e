"""Held-out claim packets, generated on demand, to check extraction on documents nobody tuned to.

    python heldout/generate.py OUT_DIR --seed N --claims 40 [--received 2026-11-20]

Writes OUT_DIR/<claim_id>/<files> with `<file>.expected.json` beside each document,
`claim.expected.json` per claim and OUT_DIR/manifest.json (the received date), the
format `claim-intake eval OUT_DIR` reads. The vocabulary (heldout/vocab.py), the six
invoice layouts and the rendering here were written apart from sample_docs/ and
extractors/, so the extractors meet wording and layouts they were not built on. The
expected findings are derived from each claim's ground truth by the rules in
shared/domain/RULES.md (see `expected_findings`), never from pipeline output. Nothing
is committed: a new seed gives a new set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import re
import sys
import zlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from fpdf import FPDF
from PIL import Image

try:
    from heldout import vocab as VOC
except ImportError:  # run as a script: heldout/ itself is on sys.path
    import vocab as VOC  # type: ignore[no-redef]

LANGS = ("no", "da", "sv", "en", "es", "de", "fr", "pl", "it", "nl", "pt", "fi", "el")
ACCEPTED = {"no", "da", "sv", "en"}
FONT_DIR = Path("/usr/share/fonts/truetype")
FONTS = {
    "DejaVuSans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "DejaVuSerif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "DejaVuSansCondensed": ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    "LiberationSans": ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    "LiberationSerif": ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf"),
    "LiberationSansNarrow": ("liberation/LiberationSansNarrow-Regular.ttf", "liberation/LiberationSansNarrow-Bold.ttf"),
    "LiberationMono": ("liberation/LiberationMono-Regular.ttf", "liberation/LiberationMono-Bold.ttf"),
    "DejaVuSansMono": ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
}
PROPORTIONAL = [f for f in FONTS if "Mono" not in f]
MONO = ["LiberationMono", "DejaVuSansMono"]
CENT = Decimal("0.01")
DOCTOR_LABEL = {"no": "Behandler", "da": "Behandlende læge", "sv": "Behandlande läkare", "en": "Clinician",
                "es": "Médico", "de": "Behandelnder Arzt", "fr": "Médecin", "pl": "Lekarz prowadzący",
                "it": "Medico", "nl": "Behandelaar", "pt": "Médico", "fi": "Hoitava lääkäri", "el": "Θεράπων ιατρός"}
RENDERS = ("born_digital", "scanned_pdf", "tiff", "photo")
INVOICE_LAYOUTS = ("classic", "twocol", "logo", "mono", "statement", "letter")
VARIETY_LAYOUTS = INVOICE_LAYOUTS + ("till",)  # with variety: a till-printed simplified invoice too
VARIETY = {"on": False}  # set by generate(variety=...); off reproduces the seeds made before it
COUNTRY_CODE = {"no": "NO", "da": "DK", "sv": "SE", "en": "GB", "es": "ES", "de": "DE", "fr": "FR", "pl": "PL",
                "it": "IT", "nl": "NL", "pt": "PT", "fi": "FI", "el": "GR"}

# ------------------------------------------------------------------ formatting

MONEY = {  # group, decimal, prefix, suffix ({s} symbol, {c} code)
    "sp_comma": (" ", ",", "", " {c}"), "sp_comma_kr": (" ", ",", "", " kr"), "kr_sp_comma": (" ", ",", "kr ", ""),
    "dot_comma_kr.": (".", ",", "", " kr."), "dkk_dot_comma": (".", ",", "{c} ", ""),
    "sp_comma_sek": (" ", ",", "", " {c}"), "sym_comma_dot": (",", ".", "{s}", ""),
    "comma_dot_code": (",", ".", "", " {c}"), "dot_comma_eur": (".", ",", "", " {s}"), "comma_eur": ("", ",", "", " {s}"),
    "eur_code_dot_comma": (".", ",", "{c} ", ""), "eur_dot_comma": (".", ",", "{s} ", ""),
    "dot_comma_code": (".", ",", "", " {c}"), "sp_comma_eur": (" ", ",", "", " {s}"), "comma_code": ("", ",", "", " {c}"),
    "sp_comma_zl": (" ", ",", "", " zł"), "comma_pln": ("", ",", "", " {c}"), "eur_comma": ("", ",", "{s} ", ""),
    "eur_code_comma": ("", ",", "{c} ", ""),
    # variety: the currency code before or after, space-grouped ('NOK 1 234,56', '1 234,56 EUR', 'GBP 1,234.56')
    "nok_sp_comma": (" ", ",", "{c} ", ""), "kr_dot_comma": (".", ",", "kr. ", ""), "sek_sp_comma": (" ", ",", "{c} ", ""),
    "code_comma_dot": (",", ".", "{c} ", ""), "eur_code_comma_sp": (" ", ",", "", " {c}"), "sp_comma_code": (" ", ",", "", " {c}"),
}
SYMBOL = {"EUR": "€", "GBP": "£", "SEK": "kr", "DKK": "kr.", "NOK": "kr", "PLN": "zł"}


def num(amount: Decimal, style: str) -> str:
    """The bare number in a style ('1 234,56'), as printed in item columns."""
    grp, dec = MONEY[style][:2]
    whole, cents = f"{amount:.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return grp.join(groups) + dec + cents


def money(amount: Decimal, style: str, cur: str) -> str:
    pre, post = MONEY[style][2:]
    fill = {"s": SYMBOL[cur], "c": cur}
    return pre.format(**fill) + num(amount, style) + post.format(**fill)


def fmt_date(d: dt.date, style: str, lang: str) -> str:
    months = VOC.V[lang]["months"]
    if style == "iso":
        return d.isoformat()
    if style == "dmy.":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "dmy.r":
        return f"{d.day:02d}.{d.month:02d}.{d.year} r."
    if style == "dmy/":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dmy-":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "d.m.y":
        return f"{d.day}.{d.month}.{d.year}"
    if style == "d/m/y":
        return f"{d.day}/{d.month}/{d.year}"
    if style == "d-m-y":
        return f"{d.day}-{d.month}-{d.year}"
    if style == "abbr":  # '3 Mar 2026', '3. Aug. 2026', '12 juil. 2026'
        abbr = VOC.V[lang].get("abbr") or months
        return f"{d.day}{'.' if lang in ('de', 'no', 'da', 'fi') else ''} {abbr[d.month - 1]} {d.year}"
    if style == "dmy.yy":
        return f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}"
    if style == "long_dot":
        return f"{d.day}. {months[d.month - 1]} {d.year}"
    if style == "long_de":
        return f"{d.day} de {months[d.month - 1]} de {d.year}"
    if style == "long_ord":
        suffix = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
        return f"{d.day}{suffix} {months[d.month - 1]} {d.year}"
    if style in ("long", "long_le"):
        day = "1er" if (lang == "fr" and d.day == 1) else str(d.day)
        return f"{day} {months[d.month - 1]} {d.year}"
    raise ValueError(style)


def dec(x: float | Decimal) -> Decimal:
    return Decimal(str(x)).quantize(CENT, rounding=ROUND_HALF_UP)


# ------------------------------------------------------------------ canvas (fpdf2)


class Canvas:
    """A page drawn with fpdf2 in mm, TTF fonts embedded (Greek and Polish need them)."""

    def __init__(self, w: float, h: float, family: str, size: float):  # noqa: D107
        self.pdf = FPDF(unit="mm", format=(w, h))
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(0, 0, 0)
        self._loaded: set[str] = set()
        self.w, self.h, self.family, self.size = w, h, family, size
        self.pdf.add_page()

    def _font(self, family: str, bold: bool, size: float) -> None:
        """Register a TTF family on first use: parsing all of them per page is slow."""
        if family not in self._loaded:
            reg, bold_file = FONTS[family]
            self.pdf.add_font(family, "", str(FONT_DIR / reg))
            self.pdf.add_font(family, "B", str(FONT_DIR / bold_file))
            self._loaded.add(family)
        self.pdf.set_font(family, "B" if bold else "", size)

    def new_page(self) -> None:
        self.pdf.add_page()

    def text(self, x: float, y: float, s: str, size: float | None = None, bold: bool = False, align: str = "L",
             color: tuple[int, int, int] = (20, 20, 20), family: str | None = None) -> float:
        self._font(family or self.family, bold, size or self.size)
        self.pdf.set_text_color(*color)
        width = self.pdf.get_string_width(s)
        if align == "R":
            x -= width
        elif align == "C":
            x -= width / 2
        self.pdf.text(x, y, s)
        return width

    def width(self, s: str, size: float | None = None, bold: bool = False) -> float:
        self._font(self.family, bold, size or self.size)
        return self.pdf.get_string_width(s)

    def line(self, x0: float, y0: float, x1: float, y1: float, lw: float = 0.25, color=(60, 60, 60)) -> None:
        self.pdf.set_draw_color(*color)
        self.pdf.set_line_width(lw)
        self.pdf.line(x0, y0, x1, y1)

    def rect(self, x: float, y: float, w: float, h: float, fill=None, lw: float = 0.25, color=(60, 60, 60)) -> None:
        self.pdf.set_draw_color(*color)
        self.pdf.set_line_width(lw)
        if fill is not None:
            self.pdf.set_fill_color(*fill)
        self.pdf.rect(x, y, w, h, style=("DF" if fill is not None and lw else "F") if fill is not None else "D")

    def stamp(self, s: str, cx: float, cy: float, angle: float, color=(190, 30, 30), size: float = 22,
              sub: str | None = None) -> None:
        """A rubber stamp: framed capitals, turned by `angle` degrees."""
        with self.pdf.rotation(angle=angle, x=cx, y=cy):
            w = self.width(s, size, True) + 8
            h = size * 0.45 + (size * 0.3 if sub else 0) + 4
            self.pdf.set_draw_color(*color)
            self.pdf.set_line_width(0.9)
            self.pdf.rect(cx - w / 2, cy - h / 2, w, h, round_corners=True, style="D")
            base = cy + size * 0.16 - (size * 0.15 if sub else 0)
            self.text(cx, base, s, size, True, "C", color, family="DejaVuSans")
            if sub:
                self.text(cx, base + size * 0.32, sub, size * 0.38, True, "C", color, family="DejaVuSans")

    def output(self) -> bytes:
        return bytes(self.pdf.output())


# ------------------------------------------------------------------ claim facts


@dataclass
class Party:
    name: str
    lines: list[str]
    city: str = ""


@dataclass
class Ctx:
    """Everything one claim's documents share: who, where, when, how much."""

    lang: str
    specialty: str
    cur: str
    money_style: str
    date_style: str
    clinic: Party
    clinic_tax: str
    clinic_phone: str
    iban: str
    doctor_title: str | None
    doctor_name: str | None
    patient: Party
    patient_dob: dt.date
    patient_fnr: str
    treatment: dt.date
    invoice_date: dt.date
    due: dt.date
    payment: dt.date
    items: list[tuple[str, int, Decimal, Decimal]]  # key, qty, unit, amount
    vat_mode: str  # none, on_top, included
    vat: Decimal | None
    total: Decimal
    printed_total: Decimal
    invoice_no: str
    itemised: bool = True
    vat_pct: int = 0
    gp: Party | None = None
    gp_name: str = ""


@dataclass
class Doc:
    file: str
    kind: str
    doc_type: str
    language: str
    render: str
    is_copy: bool = False
    is_translation: bool = False
    translation_of: str | None = None
    doctor_name: str | None = None
    dates: dict = field(default_factory=lambda: {"treatment": None, "invoice": None, "payment": None})
    currency: str | None = None
    total: str | None = None
    line_items: list[dict] = field(default_factory=list)
    invoice_number: str | None = None
    marked_paid: bool = False
    amount_paid: str | None = None
    vat: str | None = None
    specialty: str | None = None
    pages: int = 1
    layout: str = ""
    opts: dict = field(default_factory=dict)

    def expected(self) -> dict:
        return {
            "file": self.file, "render": self.render, "pages": self.pages, "doc_type": self.doc_type,
            "language": self.language, "is_copy": self.is_copy, "is_translation": self.is_translation,
            "translation_of": self.translation_of, "doctor_name": self.doctor_name, "dates": self.dates,
            "currency": self.currency, "total": self.total, "line_items": self.line_items,
            "invoice_number": self.invoice_number, "marked_paid": self.marked_paid,
            "amount_paid": self.amount_paid, "vat": self.vat, "specialty": self.specialty,
            "layout": self.layout,
        }


def _iban(rng: random.Random, lang: str) -> str:
    digits = "".join(str(rng.randint(0, 9)) for _ in range(20))
    raw = f"{COUNTRY_CODE[lang]}{rng.randint(10, 99)}{digits}"
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def _invoice_no(rng: random.Random, lang: str, d: dt.date) -> str:
    n = rng.randint(100, 9999)
    return {
        "no": f"{rng.randint(10000, 99999)}", "da": f"{d.year}-{n:04d}", "sv": f"{rng.randint(40000, 89999)}",
        "en": f"INV-{rng.randint(10000, 99999)}", "es": f"F{d.year % 100}/{n:05d}", "de": f"RE-{d.year}-{n:04d}",
        "fr": f"FA{d.year}{d.month:02d}-{n:04d}", "pl": f"FV/{n}/{d.month:02d}/{d.year}", "it": f"{n}/{d.year}",
        "nl": f"{d.year}.{n:04d}", "pt": f"FR {d.year}/{n}", "fi": f"{d.year}{n:05d}", "el": f"ΤΠΥ-{n}",
    }[lang]


def make_ctx(rng: random.Random, lang: str, specialty: str, received: dt.date, scenario: str) -> Ctx:
    L = VOC.V[lang]
    cur = rng.choice(L["cur"])
    ci = 3 if (lang == "en" and cur == "EUR") else rng.randrange(3)
    city, postcode = L["cities"][ci]
    female = rng.random() < 0.5
    first = rng.choice(L["first_f"] if female else L["first_m"])
    last = rng.choice(L.get("last_f", L["last"]) if female else L["last"])
    titles = L["titles"]
    title = rng.choice(titles)
    if title == "Mr" and female:
        title = "Dr"
    if lang in ("es", "pt"):
        title = "Dra." if female else "Dr."
    if lang == "it" and title in ("Dott.", "Dott.ssa"):
        title = "Dott.ssa" if female else "Dott."
    no_doctor = scenario == "doctor_missing"
    doctor = None if no_doctor else (f"{first[0]}. {last}" if rng.random() < 0.12 else f"{first} {last}")
    patterns = [p for p in L["clinic"] if not ("{last}" in p and no_doctor)]
    if specialty in VOC.SPECIALISTS:  # a specialist's letterhead says what kind
        patterns = [p for p in patterns if "{spec" in p]
    patterns = patterns or ["{spec_cap} {city}"]
    spec_word = L["spec"][specialty]
    clinic_name = rng.choice(patterns).format(last=last, city=city, spec=spec_word, spec_cap=spec_word[:1].upper() + spec_word[1:])
    street = L["streets"][ci]
    clinic = Party(clinic_name, [street, f"{postcode} {city}", L["country"]], city)
    p_first, p_last = rng.choice(VOC.PATIENT_FIRST), rng.choice(VOC.PATIENT_LAST)
    p_addr = rng.choice(VOC.PATIENT_ADDR)
    patient = Party(f"{p_first} {p_last}", [p_addr[0], p_addr[1], "Norge" if lang == "no" else "Norway"])
    dob = dt.date(rng.randint(1941, 2004), rng.randint(1, 12), rng.randint(1, 28))
    fnr = f"{dob.day:02d}{dob.month:02d}{dob.year % 100:02d}{rng.randint(10000, 99999)}"

    if scenario == "deadline":
        treatment = received - dt.timedelta(days=rng.randint(200, 290))
    elif scenario == "invoiced_later":
        treatment = received - dt.timedelta(days=rng.randint(190, 215))
    else:
        treatment = received - dt.timedelta(days=rng.randint(30, 160))
    if scenario == "invoiced_later":
        invoice_date = treatment + dt.timedelta(days=rng.randint(50, 70))
    elif scenario == "deadline" or rng.random() < 0.6:
        invoice_date = treatment
    else:
        invoice_date = treatment + dt.timedelta(days=rng.randint(2, 20))
    due = invoice_date + dt.timedelta(days=rng.choice([14, 20, 30]))
    payment = treatment if invoice_date == treatment else invoice_date + dt.timedelta(days=rng.randint(1, 9))

    rate = VOC.CURRENCY_RATE[cur]
    keys = VOC.SPECIALTY_ITEMS[specialty]
    n = rng.randint(1, min(6, len(keys) + 1))
    chosen = [keys[0]] + rng.sample(keys[1:], min(n - 1, len(keys) - 1))
    if n > len(chosen):
        chosen.append(rng.choice(["medication", "dressing"]))
    items = []
    for key in chosen:
        lo, hi = VOC.PRICE[key]
        unit = dec(round(rng.uniform(lo, hi) * rate * 2) / 2) if cur in ("EUR", "GBP") else dec(round(rng.uniform(lo, hi) * rate))
        qty = rng.choice([1, 1, 1, 2, 3]) if key in ("lab_blood", "medication", "injection", "dressing") else 1
        items.append((key, qty, unit, unit * qty))
    subtotal = sum((a for *_, a in items), Decimal(0))
    vat_mode = "none"
    vat = None
    if lang not in VOC.NO_VAT_LANGS and rng.random() < 0.3:
        vat_mode = rng.choice(["on_top", "included"])
    rate_pct = Decimal(VOC.VAT_RATE[lang])
    if vat_mode == "on_top":
        vat = dec(subtotal * rate_pct / 100)
        total = subtotal + vat
    elif vat_mode == "included":
        vat = dec(subtotal * rate_pct / (100 + rate_pct))
        total = subtotal
    else:
        total = subtotal
    printed_total = total
    if scenario == "amount_items":
        printed_total = total + dec(rng.choice([10, 15, 20, 25, 40]) * (rate if rate > 2 else 1))
    ctx = Ctx(lang=lang, specialty=specialty, cur=cur, money_style=rng.choice(L["money"]),
              date_style=rng.choice(L["dates"]), clinic=clinic, clinic_tax=f"{L['tax_id']} {rng.randint(10**7, 10**9 - 1)}",
              clinic_phone=f"{L['phone']} +{rng.randint(30, 49)} {rng.randint(100, 999)} {rng.randint(100000, 999999)}",
              iban=_iban(rng, lang), doctor_title=None if no_doctor else title, doctor_name=doctor,
              patient=patient, patient_dob=dob, patient_fnr=fnr, treatment=treatment, invoice_date=invoice_date,
              due=due, payment=payment, items=items, vat_mode=vat_mode, vat=vat, total=total,
              printed_total=printed_total, invoice_no=_invoice_no(rng, lang, invoice_date),
              itemised=scenario != "itemised_missing", vat_pct=VOC.VAT_RATE[lang])
    gp_first = rng.choice(["Kristin", "Bjørn", "Anne", "Terje", "Guro", "Nils"])
    gp_last = rng.choice(["Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen"])
    ctx.gp_name = f"{gp_first} {gp_last}"
    gp_city = ctx.patient.lines[1].split(" ", 1)[1]
    ctx.gp = Party(f"{gp_city} legesenter", [f"Torget {rng.randint(1, 30)}", ctx.patient.lines[1]])
    return ctx


# ------------------------------------------------------------------ page drawing


def doctor_display(ctx: Ctx) -> str:
    title = ctx.doctor_title or ""
    if ctx.lang == "fi" and title in ("LL", "LT"):
        return f"{ctx.doctor_name}, {title}"  # Finnish degree follows the name
    if title in ("overlege", "spesialist", "overlæge", "speciallæge", "överläkare", "specialistläkare",
                 "lege", "læge", "leg. läkare", "Consultant", "erikoislääkäri", "lääkäri", "Ιατρός"):
        return f"{title[:1].upper() + title[1:]} {ctx.doctor_name}" if title == "Consultant" else f"{ctx.doctor_name}, {title}"
    return f"{title} {ctx.doctor_name}".strip()


def draw_items_table(c: Canvas, L: dict, rows: list[tuple], ctx: Ctx, x0: float, x1: float, y: float,
                     ruled: bool, zebra: bool = False, cur_col: bool = False, date_col: str | None = None,
                     code_col: bool = False) -> float:
    """Item rows: description, qty, unit price, amount; returns the y below the table."""
    head_amount = f"{L['amount']} ({ctx.cur})" if cur_col else L["amount"]
    col_amount = x1 - 2
    col_unit = col_amount - max(c.width(head_amount, bold=True), 22) - 7
    col_qty = col_unit - max(c.width(L["unit"], bold=True), 22) - 7
    col_desc = x0 + 2 + (24 if date_col else 0) + (16 if code_col else 0)
    if ruled:
        c.rect(x0, y - 5, x1 - x0, 7, fill=(225, 225, 225), lw=0.2)
    if date_col:
        c.text(x0 + 2, y, date_col, bold=True)
    if code_col:
        c.text(x0 + 2 + (24 if date_col else 0), y, "Cód." if ctx.lang in ("es", "pt") else "Code", bold=True)
    c.text(col_desc, y, L["desc"], bold=True)
    c.text(col_qty, y, L["qty"], bold=True, align="R")
    c.text(col_unit, y, L["unit"], bold=True, align="R")
    c.text(col_amount, y, head_amount, bold=True, align="R")
    y += 3
    if not ruled:
        c.line(x0, y, x1, y, 0.4)
    y += 5
    for i, (desc, qty, unit, amount) in enumerate(rows):
        if zebra and i % 2 == 0:
            c.rect(x0, y - 4.6, x1 - x0, 6.4, fill=(240, 240, 244), lw=0)
        if date_col:
            c.text(x0 + 2, y, fmt_date(ctx.treatment, ctx.date_style if "long" not in ctx.date_style and ctx.date_style != "abbr"
                                       else "dmy.", ctx.lang))
        if code_col:
            c.text(x0 + 2 + (24 if date_col else 0), y, f"{zlib.crc32(desc.encode()) % 9000 + 1000}")
        c.text(col_desc, y, desc)
        c.text(col_qty, y, str(qty), align="R")
        c.text(col_unit, y, num(unit, ctx.money_style), align="R")
        c.text(col_amount, y, num(amount, ctx.money_style), align="R")
        if ruled:
            c.line(x0, y + 1.8, x1, y + 1.8, 0.15, (150, 150, 150))
        y += 6.4
    if ruled:
        top = y - 6.4 * len(rows) - 13
        c.rect(x0, top + 5, x1 - x0, y - top - 6.6, lw=0.3)
    return y + 2


def totals_block(c: Canvas, L: dict, ctx: Ctx, x_label: float, x_val: float, y: float, rng: random.Random,
                 boxed: bool = False, paid_line: bool = False) -> float:
    total_label = rng.choice(L["total"])
    rows = []
    if ctx.vat_mode == "on_top":
        rows.append((L["subtotal"], num(sum((a for *_, a in ctx.items), Decimal(0)), ctx.money_style), False))
        rows.append((vat_label(L, ctx), num(ctx.vat, ctx.money_style), False))
    rows.append((total_label, money(ctx.printed_total, ctx.money_style, ctx.cur), True))
    if ctx.vat_mode == "included":
        incl = {"no": "herav mva", "da": "heraf moms", "sv": "varav moms", "en": "incl. VAT", "es": "IVA incluido",
                "de": "enthaltene MwSt.", "fr": "dont TVA", "it": "di cui IVA", "nl": "waarvan BTW",
                "pt": "IVA incluído", "fi": "sis. ALV", "el": "συμπ. ΦΠΑ"}[ctx.lang]
        rows.append((incl, num(ctx.vat, ctx.money_style), False))
    if paid_line:
        rows.append((L["paid_label"], money(ctx.printed_total, ctx.money_style, ctx.cur), False))
    if boxed:
        c.rect(x_label - 3, y - 5.5, x_val - x_label + 6, 7 * len(rows) + 2, lw=0.5)
    for label, value, bold in rows:
        c.text(x_label, y, label, bold=bold)
        c.text(x_val, y, value, bold=bold, align="R")
        y += 7
    return y


def vat_label(L: dict, ctx: Ctx) -> str:
    """The VAT label with the rate of the country that charged it (a translation keeps it)."""
    return re.sub(r"\d+", str(ctx.vat_pct), L["vat"])


def item_rows(ctx: Ctx, L: dict) -> list[tuple]:
    return [(L["items"][k], q, u, a) for k, q, u, a in ctx.items]


def header_pairs(ctx: Ctx, L: dict, rng: random.Random, show_due: bool = True) -> list[tuple[str, str]]:
    ds = ctx.date_style
    pairs = [(rng.choice(L["inv_no"]), ctx.invoice_no), (rng.choice(L["inv_date"]), fmt_date(ctx.invoice_date, ds, ctx.lang)),
             (rng.choice(L["visit"]), fmt_date(ctx.treatment, ds, ctx.lang))]
    if show_due:
        pairs.append((rng.choice(L["due"]), fmt_date(ctx.due, ds, ctx.lang)))
    return pairs


def patient_pairs(ctx: Ctx, L: dict, rng: random.Random) -> list[tuple[str, str]]:
    return [(rng.choice(L["patient"]), ctx.patient.name), (rng.choice(L["dob"]), fmt_date(ctx.patient_dob, ctx.date_style, ctx.lang))]


def draw_invoice(c: Canvas, ctx: Ctx, L: dict, layout: str, rng: random.Random, opts: dict) -> None:
    """One of six invoice layouts a clinic's office software might print."""
    W = c.w
    doc_label = DOCTOR_LABEL[ctx.lang] if L is VOC.V[ctx.lang] else opts['doctor_label']
    if VARIETY["on"] and L is VOC.V[ctx.lang] and L.get("doctor_label"):
        doc_label = rng.choice([doc_label] + L["doctor_label"])
    doc_line = f"{doc_label}: {doctor_display(ctx)}" if ctx.doctor_name else None
    title = opts.get("title") or rng.choice(L["inv_title"])
    rows = item_rows(ctx, L)
    show_due = not opts.get("paid_text")
    if layout == "classic":
        name_size = 15
        while c.width(ctx.clinic.name, name_size, True) > W / 2 - 12 and name_size > 10:
            name_size -= 0.5
        c.text(18, 22, ctx.clinic.name, name_size, True)
        y = 28
        for ln in ctx.clinic.lines + [ctx.clinic_phone, ctx.clinic_tax]:
            c.text(18, y, ln, 8.5)
            y += 4.2
        c.text(W - 18, 24, title, 20, True, "R")
        y = 36
        pairs = header_pairs(ctx, L, rng, show_due)
        span = max(c.width(a + ":", 9) for a, _ in pairs) + max(c.width(b, 9) for _, b in pairs) + 5
        for label, value in pairs:
            c.text(min(W - 70, W - 18 - span), y, label + ":", 9)
            c.text(W - 18, y, value, 9, align="R")
            y += 5
        y = 66
        for label, value in patient_pairs(ctx, L, rng):
            c.text(18, y, f"{label}: {value}")
            y += 5
        c.text(18, y, ", ".join(ctx.patient.lines[:2]))
        y += 5
        if doc_line:
            c.text(18, y + 2, doc_line)
        y = 100
        if ctx.itemised:
            y = draw_items_table(c, L, rows, ctx, 16, W - 16, y, ruled=True)
        else:
            c.text(18, y, L["only_total"])
            y += 10
        y = totals_block(c, L, ctx, W - 85, W - 18, y + 6, rng, boxed=False, paid_line=opts.get("paid_amount", False))
        footer(c, ctx, L, rule=True)
    elif layout == "twocol":
        c.text(W / 2, 20, ctx.clinic.name, 13, True, "C")
        c.text(W / 2, 26, " · ".join(ctx.clinic.lines[:2]) + " · " + ctx.clinic_phone, 8, align="C")
        c.text(W / 2, 42, title.upper(), 17, True, "C")
        y0 = 54
        y = y0
        left = header_pairs(ctx, L, rng, show_due)
        right = patient_pairs(ctx, L, rng) + [("", ctx.patient.lines[0]), ("", ctx.patient.lines[1])]
        vx_left = max(62, 20 + max(c.width(a, 9, True) for a, _ in left) + 4)
        vx_right = max(150, 110 + max(c.width(a, 9, True) for a, _ in right) + 4)
        for label, value in left:
            c.text(20, y, label, 9, True)
            c.text(vx_left, y, value, 9)
            y += 5.5
        y = y0
        for label, value in right:
            if label:
                c.text(110, y, label, 9, True)
            c.text(vx_right, y, value, 9)
            y += 5.5
        y = 86
        if doc_line:
            c.text(20, y, doc_line, 9)
        y = 98
        if ctx.itemised:
            y = draw_items_table(c, L, rows, ctx, 18, W - 18, y, ruled=False, cur_col=True)
        else:
            c.text(20, y, L["only_total"])
            y += 10
        c.line(W - 90, y, W - 18, y, 0.3)
        totals_block(c, L, ctx, W - 88, W - 20, y + 6, rng, paid_line=opts.get("paid_amount", False))
        footer(c, ctx, L, rule=False)
    elif layout == "logo":
        col = rng.choice([(30, 80, 140), (20, 120, 100), (140, 40, 60), (90, 60, 130)])
        c.rect(16, 12, 22, 22, fill=col, lw=0)
        initials = "".join(w[0] for w in ctx.clinic.name.split()[:2]).upper()
        c.text(27, 26, initials, 14, True, "C", (255, 255, 255))
        c.text(42, 20, ctx.clinic.name, 14, True, color=col)
        c.text(42, 26, ", ".join(ctx.clinic.lines[:2]), 8.5)
        c.text(42, 30.5, f"{ctx.clinic_phone}   {ctx.clinic_tax}", 8.5)
        c.text(16, 48, title, 16, True)
        pairs = header_pairs(ctx, L, rng, show_due)
        cw = (W - 32) / len(pairs)
        for i, (label, value) in enumerate(pairs):
            x = 16 + i * cw
            c.rect(x, 53, cw, 13, lw=0.3)
            c.text(x + 2, 57.5, label, 8.5, color=(50, 50, 50))
            c.text(x + 2, 63.5, value, 9.5, True)
        y = 76
        c.text(16, y, ctx.patient.name, 10, True)
        c.text(16, y + 5, f"{patient_pairs(ctx, L, rng)[1][0]}: {fmt_date(ctx.patient_dob, ctx.date_style, ctx.lang)}", 9)
        c.text(16, y + 10, f"{ctx.patient.lines[0]}, {ctx.patient.lines[1]}", 9)
        y = 102
        if ctx.itemised:
            y = draw_items_table(c, L, rows, ctx, 16, W - 16, y, ruled=False, zebra=True)
        else:
            c.text(18, y, L["only_total"])
            y += 10
        totals_block(c, L, ctx, W - 88, W - 20, y + 8, rng, boxed=True, paid_line=opts.get("paid_amount", False))
        if doc_line:
            c.line(18, 250, 80, 250, 0.3)
            c.text(18, 255, doctor_display(ctx), 9)
        footer(c, ctx, L, rule=True)
    elif layout == "mono":
        c.family = rng.choice(MONO)
        x = 20
        y = 20
        for ln in [ctx.clinic.name] + ctx.clinic.lines[:2] + [ctx.clinic_tax]:
            c.text(x, y, ln, 10, ln == ctx.clinic.name)
            y += 5
        y += 4
        c.text(x, y, f"{title}", 12, True)
        y += 7
        for label, value in header_pairs(ctx, L, rng, show_due) + patient_pairs(ctx, L, rng):
            c.text(x, y, f"{label + ':':<26}{value}", 9.5)
            y += 5
        if doc_line:
            c.text(x, y, doc_line, 9.5)
            y += 5
        c.text(x, y, "-" * 64, 9.5)
        y += 6
        if ctx.itemised:
            for desc, qty, unit, amount in rows:
                left = f"{qty} x {desc}" if qty > 1 else desc
                right = num(amount, ctx.money_style)
                c.text(x, y, f"{left[:44]:<46}{right:>14}", 9.5)
                y += 5
        else:
            c.text(x, y, L["only_total"], 9.5)
            y += 5
        c.text(x, y, "-" * 64, 9.5)
        y += 6
        total_label = rng.choice(L["total"])
        if ctx.vat_mode == "on_top":
            c.text(x, y, f"{L['subtotal']:<46}{num(sum((a for *_, a in ctx.items), Decimal(0)), ctx.money_style):>14}", 9.5)
            y += 5
            c.text(x, y, f"{vat_label(L, ctx):<46}{num(ctx.vat, ctx.money_style):>14}", 9.5)
            y += 5
        c.text(x, y, f"{total_label + ' ' + ctx.cur:<46}{num(ctx.printed_total, ctx.money_style):>14}", 10, True)
        y += 6
        if ctx.vat_mode == "included":
            c.text(x, y, f"{'(' + vat_label(L, ctx) + ')':<46}{num(ctx.vat, ctx.money_style):>14}", 9)
            y += 5
        y += 4
        c.text(x, y, f"{L['bank']}: {ctx.iban}", 9)
    elif layout == "statement":
        c.text(W - 18, 20, ctx.clinic.name, 12, True, "R")
        for i, ln in enumerate(ctx.clinic.lines + [ctx.clinic_tax]):
            c.text(W - 18, 25 + i * 4.2, ln, 8, align="R")
        c.text(18, 26, ctx.patient.name, 10)
        c.text(18, 31, ctx.patient.lines[0], 10)
        c.text(18, 36, ctx.patient.lines[1], 10)
        c.text(18, 41, ctx.patient.lines[2], 10)
        c.text(18, 60, title, 14, True)
        y = 67
        pairs = header_pairs(ctx, L, rng, show_due)
        pairs = [pairs[0], pairs[1]] + pairs[3:]  # treatment date shown per line below
        pairs.append(patient_pairs(ctx, L, rng)[1])
        line = "   ".join(f"{a}: {b}" for a, b in pairs)
        c.text(18, y, line, 8.5)
        if doc_line:
            c.text(18, y + 5, doc_line, 8.5)
        y = 84
        if ctx.itemised:
            y = draw_items_table(c, L, rows, ctx, 16, W - 16, y, ruled=True,
                                 date_col=rng.choice(L["visit"]).split()[0][:10], code_col=rng.random() < 0.5)
        else:
            c.text(18, y, f"{rng.choice(L['visit'])}: {fmt_date(ctx.treatment, ctx.date_style, ctx.lang)}")
            c.text(18, y + 6, L["only_total"])
            y += 14
        y += 6
        c.line(16, y - 5, W - 16, y - 5, 0.5)
        totals_block(c, L, ctx, 18, W - 18, y, rng, paid_line=opts.get("paid_amount", False))
        c.text(W / 2, c.h - 12, f"{L['page']} 1/1", 8, align="C")
        c.text(18, c.h - 18, f"{L['bank']} {ctx.iban}   ·   {ctx.clinic_phone}", 7.5)
    elif layout == "letter":
        c.text(W / 2, 18, ctx.clinic.name, 14, True, "C")
        c.text(W / 2, 24, ", ".join(ctx.clinic.lines), 8.5, align="C")
        c.line(30, 27, W - 30, 27, 0.3)
        y = 44
        for ln in [ctx.patient.name] + ctx.patient.lines:
            c.text(22, y, ln, 10)
            y += 5
        city = ctx.clinic.city
        place_date = f"{city}, {'le ' if ctx.lang == 'fr' else ''}{fmt_date(ctx.invoice_date, 'long' if ctx.lang != 'de' else 'long_dot', ctx.lang)}"
        c.text(W - 22, 44, place_date, 10, align="R")
        pairs = header_pairs(ctx, L, rng, show_due)
        c.text(22, 80, f"{title} {pairs[0][0]} {ctx.invoice_no}".replace(f"{title} {title}", title), 11, True)
        c.text(22, 90, f"{pairs[2][0]}: {pairs[2][1]}", 10)
        c.text(22, 95, f"{patient_pairs(ctx, L, rng)[1][0]}: {fmt_date(ctx.patient_dob, ctx.date_style, ctx.lang)}", 10)
        y = 106
        if ctx.itemised:
            for desc, qty, unit, amount in rows:
                c.text(30, y, f"{qty} × {desc}" if qty > 1 else desc, 10)
                c.text(W - 30, y, money(amount, ctx.money_style, ctx.cur), 10, align="R")
                y += 6
        else:
            c.text(30, y, L["only_total"], 10)
            y += 6
        c.line(W - 80, y - 2, W - 30, y - 2, 0.3)
        totals_block(c, L, ctx, 30, W - 30, y + 4, rng, paid_line=opts.get("paid_amount", False))
        if show_due:
            c.text(22, 190, f"{pairs[-1][0]}: {pairs[-1][1]}  ·  {L['bank']}: {ctx.iban}", 9)
        if ctx.doctor_name:
            c.text(22, 215, doctor_display(ctx), 10)
            c.text(22, 220, ctx.clinic.name, 9)
    elif layout == "till":
        y = _draw_till(c, ctx, L, rng, title, doc_line, rows, show_due)
    if opts.get("paid_text"):
        paid_text = rng.choice(L["paid_texts"]) if VARIETY["on"] and L.get("paid_texts") else L["paid_text"]
        c.text(18, 240 if layout not in ("mono", "till") else 200 if layout == "mono" else min(270, y + 8),
               f"{paid_text} · {fmt_date(ctx.payment, ctx.date_style, ctx.lang)}", 9.5, True)
    if opts.get("second_page"):
        c.new_page()
        c.text(18, 24, ctx.clinic.name, 10, True)
        c.text(18, 34, f"{L['page']} 2/2", 9)
        c.text(18, 46, f"{L['bank']}: {ctx.iban}", 9)
        c.text(18, 52, ctx.clinic_tax, 9)


def _draw_till(c: Canvas, ctx: Ctx, L: dict, rng: random.Random, title: str, doc_line: str | None,
               rows: list[tuple], show_due: bool) -> float:
    """A simplified invoice printed by the front desk's till (80 mm roll, scanned on A4)."""
    c.family = rng.choice(MONO)
    x, width, size = 30, 40, 8.5
    y = 20

    def line(text: str, bold: bool = False, centre: bool = False) -> None:
        nonlocal y
        c.text(x + (width * 1.9 if centre else 0), y, text, size, bold, "C" if centre else "L")
        y += 4.3

    line(ctx.clinic.name[:38].upper(), True, True)
    for ln in ctx.clinic.lines[:2] + [ctx.clinic_tax, ctx.clinic_phone]:
        line(ln[:40], centre=True)
    y += 3
    line(title.upper(), True, True)
    pairs = header_pairs(ctx, L, rng, show_due)
    for label, value in pairs[:3]:
        line(f"{label}: {value}")
    line(f"{patient_pairs(ctx, L, rng)[0][0]}: {ctx.patient.name}")
    if doc_line:
        line(doc_line[:44])
    line("-" * width)
    for desc, qty, unit, amount in rows if ctx.itemised else []:
        line(f"{desc[:26]:<27}{num(amount, ctx.money_style):>13}")
        if qty > 1:
            line(f"  {qty} x {num(unit, ctx.money_style)}")
    if not ctx.itemised:
        line(L["only_total"][:40])  # as on every layout: a bill that lists no services
    line("-" * width)
    if ctx.vat_mode == "on_top":
        line(f"{L['subtotal'][:26]:<27}{num(sum((a for *_, a in ctx.items), Decimal(0)), ctx.money_style):>13}")
        line(f"{vat_label(L, ctx)[:26]:<27}{num(ctx.vat, ctx.money_style):>13}")
    total_label = f"{rng.choice(L['total'])} {ctx.cur}"
    line(f"{total_label[:26]:<27}{num(ctx.printed_total, ctx.money_style):>13}", True)
    if ctx.vat_mode == "included":
        line(f"({vat_label(L, ctx)})"[:26].ljust(27) + f"{num(ctx.vat, ctx.money_style):>13}")
    if show_due:
        line(f"{pairs[3][0]}: {pairs[3][1]}")
    y += 2
    line(f"{L['bank']}: {ctx.iban}"[:44])
    return y


def footer(c: Canvas, ctx: Ctx, L: dict, rule: bool) -> None:
    if rule:
        c.line(16, c.h - 22, c.w - 16, c.h - 22, 0.3)
    c.text(c.w / 2, c.h - 16, f"{ctx.clinic.name} · {L['bank']}: {ctx.iban} · BIC {ctx.iban[:2]}XXBANK", 7.5, align="C")
    c.text(c.w / 2, c.h - 12, f"{ctx.clinic_tax} · {ctx.clinic_phone}", 7.5, align="C")


def draw_record(c: Canvas, ctx: Ctx, L: dict, rng: random.Random, opts: dict) -> None:
    W = c.w
    ds = ctx.date_style
    c.text(18, 20, ctx.clinic.name, 12, True)
    c.text(18, 25, ", ".join(ctx.clinic.lines[:2]) + f" · {ctx.clinic_phone}", 8.5)
    c.line(18, 28, W - 18, 28, 0.4)
    c.text(18, 42, opts.get("title") or rng.choice(L["rec_title"]), 15, True)
    y = 54
    visit_label = rng.choice(L["visit"])
    pairs = [(rng.choice(L["patient"]), ctx.patient.name), (rng.choice(L["dob"]), fmt_date(ctx.patient_dob, ds, ctx.lang)),
             (visit_label, fmt_date(ctx.treatment, ds, ctx.lang))]
    if opts.get("form"):
        for label, value in pairs:
            c.rect(18, y - 4.5, 50, 7, fill=(235, 235, 235), lw=0.2)
            c.rect(68, y - 4.5, W - 86, 7, lw=0.2)
            c.text(20, y, label, 9, True)
            c.text(70, y, value, 9.5)
            y += 7
    else:
        for label, value in pairs:
            c.text(18, y, f"{label}: {value}")
            y += 5.5
    y += 8
    sections = [(L["rec_hist"], L["hist_text"]), (L["rec_find"], L["find_text"]),
                (L["rec_diag"], L["diag"][ctx.specialty]), (L["rec_treat"], L["treat_text"])]
    for head, body in sections:
        c.text(18, y, head, 10.5, True)
        c.text(18, y + 5.5, body, 10)
        y += 16
    y += 10
    if ctx.doctor_name:
        c.text(18, y, f"{L['rec_sign']}:", 9)
        c.line(18, y + 12, 85, y + 12, 0.3)
        c.text(18, y + 17, doctor_display(ctx), 10)
        spec_line = L["spec"][ctx.specialty]
        c.text(18, y + 22, spec_line[:1].upper() + spec_line[1:], 9)
    if opts.get("printed"):
        c.text(W - 18, c.h - 12, f"{opts['printed_label']} {fmt_date(opts['printed'], ds, ctx.lang)}", 7.5, align="R")
    if opts.get("second_page"):
        c.new_page()
        c.text(18, 24, f"{ctx.clinic.name} — {L['page']} 2", 9, True)
        c.text(18, 36, L["treat_text"], 10)


def draw_card_slip(c: Canvas, ctx: Ctx, L: dict, rng: random.Random, opts: dict) -> None:
    c.family = rng.choice(MONO)
    x = c.w / 2
    y = 10
    c.text(x, y, ctx.clinic.name[:30].upper(), 8.5, True, "C")
    for ln in ctx.clinic.lines[:2]:
        y += 4
        c.text(x, y, ln, 7.5, align="C")
    y += 8
    when = opts["date"]
    hhmm = f"{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}"
    date_txt = fmt_date(when, "dmy." if ctx.date_style not in ("iso", "dmy/", "dmy-") else ctx.date_style, ctx.lang)
    date_row = f"{date_txt}  {hhmm}"
    if VARIETY["on"]:  # terminals print the date many ways: a label, seconds, a two-digit year
        yy = f"{when.day:02d}.{when.month:02d}.{when.year % 100:02d}" if ctx.lang not in ("en", "es", "fr", "it", "pt", "el") \
            else f"{when.day:02d}/{when.month:02d}/{when.year % 100:02d}"
        date_row = rng.choice([date_row, f"{L.get('slip_date', 'DATE')} {date_txt} {hhmm}",
                               f"{date_txt} {hhmm}:{rng.randint(0, 59):02d}", f"{yy}  {hhmm}", f"{when.isoformat()} {hhmm}"])
    rows = [f"TERM {rng.randint(10000000, 99999999)}", date_row, f"{rng.choice(['VISA', 'MASTERCARD', 'MAESTRO'])}",
            f"************{rng.randint(1000, 9999)}", f"AID A00000000{rng.randint(31010, 41010)}", ""]
    for r in rows:
        c.text(6, y, r, 8)
        y += 4.2
    c.text(6, y, L["slip_sale"], 9, True)
    y += 6
    c.text(6, y, L["slip_total"], 10, True)
    slip_amount = f"{ctx.cur} {num(opts['amount'], ctx.money_style)}"
    if VARIETY["on"]:
        slip_amount = rng.choice([slip_amount, f"{num(opts['amount'], ctx.money_style)} {ctx.cur}"])
    c.text(c.w - 6, y, slip_amount, 10, True, "R")
    y += 8
    c.text(x, y, L["slip_approved"], 8.5, True, "C")
    y += 5
    c.text(x, y, f"AUTH {rng.randint(100000, 999999)}", 7.5, align="C")
    y += 9
    c.text(x, y, f"*** {L['slip_customer']} ***", 8, align="C")


def draw_cash_receipt(c: Canvas, ctx: Ctx, L: dict, rng: random.Random, opts: dict) -> None:
    W = c.w
    c.text(12, 16, ctx.clinic.name, 11, True)
    c.text(12, 21, ", ".join(ctx.clinic.lines[:2]), 8)
    c.text(W - 12, 34, rng.choice(L["rcpt_title"]), 16, True, "R")
    c.text(W - 12, 40, f"Nr. {rng.randint(1000, 99999)}", 9, align="R")
    y = 56
    c.text(12, y, f"{L['rcpt_received']}: {ctx.patient.name}")
    y += 8
    c.text(12, y, f"{rng.choice(L['total'])}: {money(opts['amount'], ctx.money_style, ctx.cur)}", 11, True)
    y += 8
    c.text(12, y, f"{L['rcpt_for']}: {rng.choice(L['inv_no'])} {ctx.invoice_no}")
    y += 8
    c.text(12, y, f"{L['cash'] if opts.get('cash') else L['card']}")
    y += 14
    c.text(12, y, f"{ctx.clinic.city}, {fmt_date(opts['date'], ctx.date_style, ctx.lang)}")
    c.line(W - 70, y + 10, W - 14, y + 10, 0.3)


def draw_bank_transfer(c: Canvas, ctx: Ctx, rng: random.Random, opts: dict) -> None:
    """A Norwegian online bank's confirmation of a foreign payment (language no)."""
    W = c.w
    bank = rng.choice(["Sparebanken Vest", "DNB", "Nordea", "SpareBank 1 Nord-Norge", "Handelsbanken"])
    c.text(18, 22, bank, 16, True, (0, 70, 120))
    c.text(18, 40, rng.choice(["Kvittering for utført betaling", "Betalingskvittering", "Utlandsbetaling – bekreftelse"]), 13, True)
    y = 56
    rows = [("Betalt fra konto", f"{rng.randint(1000, 9999)}.{rng.randint(10, 99)}.{rng.randint(10000, 99999)}"),
            ("Kontoeier", ctx.patient.name), ("Mottaker", ctx.clinic.name), ("Mottakers IBAN", ctx.iban),
            ("BIC/SWIFT", f"{ctx.iban[:2]}XXBANK"),
            ("Beløp", f"{ctx.cur} {num(opts['amount'], 'sp_comma')}"),
            ("Betalingsdato", fmt_date(opts["date"], "dmy.", "no")),
            ("Melding til mottaker", f"{ctx.invoice_no}"), ("Status", "Utført")]
    for label, value in rows:
        c.text(18, y, label, 9.5, color=(90, 90, 90))
        c.text(80, y, value, 10)
        c.line(18, y + 2.5, W - 18, y + 2.5, 0.1, (190, 190, 190))
        y += 8
    c.text(18, c.h - 20, f"Skrevet ut {fmt_date(opts['printed'], 'dmy.', 'no')}", 8, color=(120, 120, 120))


def draw_referral(c: Canvas, ctx: Ctx, rng: random.Random, opts: dict) -> None:
    W = c.w
    Lno = VOC.V["no"]
    c.text(18, 20, ctx.gp.name, 12, True)
    c.text(18, 25, ", ".join(ctx.gp.lines), 9)
    c.text(18, 42, "HENVISNING", 18, True)
    y = 54
    to = {"dermatology": "Hudlege", "cardiology": "Kardiolog", "orthopaedics": "Ortoped", "ophthalmology": "Øyelege",
          "ent": "Øre-nese-hals-spesialist", "neurology": "Nevrolog"}[ctx.specialty]
    rows = [("Til", f"{to} / poliklinikk"), ("Fra", f"Fastlege {ctx.gp_name}"), ("Pasient", ctx.patient.name),
            ("Fødselsnummer", ctx.patient_fnr), ("Adresse", f"{ctx.patient.lines[0]}, {ctx.patient.lines[1]}"),
            ("Dato", fmt_date(opts["date"], "dmy.", "no"))]
    for label, value in rows:
        c.text(18, y, label + ":", 10, True)
        c.text(60, y, value, 10)
        y += 6.5
    y += 6
    c.text(18, y, "Henvisningsårsak", 11, True)
    c.text(18, y + 6, f"{Lno['diag'][ctx.specialty]}. Ønsker vurdering og behandling hos spesialist.", 10)
    c.text(18, y + 18, "Pasienten skal oppholde seg i utlandet og ønsker behandling der.", 10)
    y += 40
    c.text(18, y, "Med vennlig hilsen", 10)
    c.text(18, y + 14, ctx.gp_name, 10)
    c.text(18, y + 19, "Spesialist i allmennmedisin", 9)


def draw_claim_form(c: Canvas, ctx: Ctx, rng: random.Random, opts: dict) -> None:
    W = c.w
    c.text(18, 18, "Søknad om refusjon av utgifter til helsehjelp", 14, True)
    c.text(18, 24, "mottatt i et annet EØS-land", 14, True)
    y = 40
    rows = [("1. Navn", ctx.patient.name), ("2. Fødselsnummer (11 siffer)", ctx.patient_fnr),
            ("3. Adresse", f"{ctx.patient.lines[0]}, {ctx.patient.lines[1]}"),
            ("4. Land der du fikk helsehjelp", opts["country_no"]),
            ("5. Dato for behandling", fmt_date(ctx.treatment, "dmy.", "no")),
            ("6. Kontonummer for utbetaling", f"{rng.randint(1000, 9999)}.{rng.randint(10, 99)}.{rng.randint(10000, 99999)}")]
    for label, value in rows:
        c.rect(18, y - 5, W - 36, 12, lw=0.3)
        c.text(20, y - 1, label, 8, color=(80, 80, 80))
        c.text(22, y + 4.5, value, 11, family="DejaVuSans")
        y += 14
    y += 6
    c.text(18, y, "Jeg bekrefter at opplysningene er riktige.", 10)
    c.text(18, y + 14, f"Sted/dato: {ctx.patient.lines[1].split(' ', 1)[1]}, {fmt_date(opts['signed'], 'dmy.', 'no')}", 10)
    c.text(110, y + 14, "Underskrift: ____________________", 10)


def draw_cover_letter(c: Canvas, ctx: Ctx, rng: random.Random, opts: dict) -> None:
    y = 30
    for ln in [ctx.patient.name] + ctx.patient.lines[:2]:
        c.text(20, y, ln, 10.5)
        y += 5.5
    c.text(c.w - 20, 30, fmt_date(opts["signed"], "long_dot", "no"), 10.5, align="R")
    c.text(20, 62, "Helfo Utland", 10.5)
    c.text(20, 67.5, "Postboks 2415", 10.5)
    c.text(20, 73, "3104 Tønsberg", 10.5)
    c.text(20, 92, rng.choice(["Søknad om refusjon – vedlegg", "Vedlegg til søknad om refusjon",
                               "Refusjon av utgifter til behandling i utlandet", "Ettersending av dokumentasjon",
                               f"Behandling i {opts['country_no']}"]), 12, True)
    body = ["Hei,", "", f"Vedlagt sender jeg dokumentasjon for behandling jeg fikk i {opts['country_no']}.",
            "Jeg ber om at utgiftene refunderes.", "", "Med vennlig hilsen", "", ctx.patient.name]
    y = 104
    for ln in body:
        c.text(20, y, ln, 10.5)
        y += 6


def draw_translation_head(c: Canvas, lang_to: str, src: str, rng: random.Random) -> None:
    if lang_to == "en":
        head = rng.choice(["TRANSLATION", "Certified translation", "Translation from " + VOC.LANG_NAMES_EN[src]])
        sub = f"Translated from {VOC.LANG_NAMES_EN[src]} into English by a state-authorised translator"
    else:
        head = rng.choice(["OVERSETTELSE", "Oversettelse", "Oversettelse fra " + VOC.LANG_NAMES_NO[src]])
        sub = f"Oversatt fra {VOC.LANG_NAMES_NO[src]} til norsk av statsautorisert translatør"
    c.text(c.w / 2, 10, head, 11, True, "C", (40, 40, 120))
    c.text(c.w / 2, 14.5, sub, 7.5, align="C", color=(40, 40, 120))


# ------------------------------------------------------------------ rendering


def rasterise(pdf_bytes: bytes, dpi: int) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf_bytes)
    pages = [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(doc))]
    doc.close()
    return pages


def scan_degrade(img: Image.Image, rng: random.Random, grey: bool = True) -> Image.Image:
    """Flatbed scan: grey paper, ±2° skew, blur, noise, JPEG artefacts."""
    a = np.asarray(img.convert("L") if grey else img).astype(np.float32)
    paper = rng.uniform(212, 240)
    a = a * (paper / 255.0) + rng.uniform(0, 6)
    h, w = a.shape[:2]
    M = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-2, 2), 1.0)
    a = cv2.warpAffine(a, M, (w, h), borderValue=(paper,) * 3 if a.ndim == 3 else paper)
    k = rng.choice([3, 3, 5])
    a = cv2.GaussianBlur(a, (k, k), rng.uniform(0.4, 1.0))
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    a = a + nrng.normal(0, rng.uniform(3, 9), a.shape)
    specks = nrng.random(a.shape[:2]) < 0.0006
    a[specks] = 40
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=rng.randint(35, 75))
    return Image.open(io.BytesIO(buf.getvalue())).convert("L" if grey else "RGB")


def photo_degrade(img: Image.Image, rng: random.Random) -> Image.Image:
    """Phone photo on a table: margin, perspective, rotation, uneven light, blur, noise."""
    page = np.asarray(img.convert("RGB")).astype(np.float32)
    h, w = page.shape[:2]
    H, Wd = int(h * rng.uniform(1.12, 1.3)), int(w * rng.uniform(1.15, 1.35))
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    base = np.array(rng.choice([(120, 90, 60), (70, 70, 75), (170, 160, 145), (40, 45, 60), (150, 120, 90)]), np.float32)
    bg = np.ones((H, Wd, 3), np.float32) * base + nrng.normal(0, 10, (H, Wd, 1))
    bg = cv2.GaussianBlur(bg, (0, 0), 3)
    ox, oy = (Wd - w) / 2, (H - h) / 2
    j = 0.035
    dst = np.float32([[ox + rng.uniform(-j, j) * w, oy + rng.uniform(-j, j) * h],
                      [ox + w + rng.uniform(-j, j) * w, oy + rng.uniform(-j, j) * h],
                      [ox + w + rng.uniform(-j, j) * w, oy + h + rng.uniform(-j, j) * h],
                      [ox + rng.uniform(-j, j) * w, oy + h + rng.uniform(-j, j) * h]])
    ang = np.deg2rad(rng.uniform(-3, 3))
    c = dst.mean(axis=0)
    R = np.float32([[np.cos(ang), -np.sin(ang)], [np.sin(ang), np.cos(ang)]])
    dst = (dst - c) @ R.T + c
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    M = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    warped = cv2.warpPerspective(page, M, (Wd, H))
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), M, (Wd, H))[..., None]
    out = bg * (1 - mask) + warped * mask
    yy, xx = np.mgrid[0:H, 0:Wd].astype(np.float32)
    theta = rng.uniform(0, 2 * np.pi)
    grad = (np.cos(theta) * (xx / Wd - 0.5) + np.sin(theta) * (yy / H - 0.5))
    light = 1.0 + grad * rng.uniform(0.25, 0.5)
    vign = 1 - 0.25 * (((xx / Wd - 0.5) ** 2 + (yy / H - 0.5) ** 2) * 2)
    out = out * (light * vign)[..., None] * rng.uniform(0.85, 1.0)
    tint = np.array([rng.uniform(0.95, 1.05), 1.0, rng.uniform(0.88, 1.0)], np.float32)
    out = out * tint
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.6, 1.3))
    out = out + nrng.normal(0, rng.uniform(2, 6), out.shape)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


def write_rendered(path: Path, pdf_bytes: bytes, render: str, rng: random.Random) -> int:
    """Write the document as the mailroom would receive it; returns the page count."""
    if render == "born_digital":
        path.write_bytes(pdf_bytes)
        return len(pdfium.PdfDocument(pdf_bytes))
    if render == "scanned_pdf":
        dpi = rng.choice([200, 240, 300])
        pages = [scan_degrade(p, rng, grey=rng.random() < 0.8) for p in rasterise(pdf_bytes, dpi)]
        pages[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
        return len(pages)
    if render == "tiff":
        dpi = rng.choice([200, 300])
        pages = [scan_degrade(p, rng) for p in rasterise(pdf_bytes, dpi)]
        if rng.random() < 0.5:  # fax-style bilevel
            pages = [p.point(lambda v: 255 if v > 150 else 0).convert("1") for p in pages]
            pages[0].save(path, "TIFF", save_all=True, append_images=pages[1:], compression="group4", dpi=(dpi, dpi))
        else:
            pages[0].save(path, "TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw", dpi=(dpi, dpi))
        return len(pages)
    if render == "photo":
        img = photo_degrade(rasterise(pdf_bytes, rng.choice([150, 170, 200]))[0], rng)
        exif = Image.Exif()
        exif[0x010F] = rng.choice(["samsung", "Apple", "Google", "Xiaomi"])
        if rng.random() < 0.3:  # stored sideways, EXIF says how to turn it
            orient = rng.choice([6, 8])
            img = img.rotate(90 if orient == 6 else -90, expand=True)
            exif[0x0112] = orient
        img.save(path, "JPEG", quality=rng.randint(70, 88), exif=exif.tobytes())
        return 1
    raise ValueError(render)


# ------------------------------------------------------------------ documents of a claim


def _file_name(rng: random.Random, render: str, used: set[str], hint: str = "") -> str:
    for _ in range(100):
        n = rng.randint(1, 9999)
        d = f"2026{rng.randint(8, 10):02d}{rng.randint(1, 28):02d}"
        if render == "photo":
            name = rng.choice([f"IMG_{d}_{rng.randint(80000, 199999):06d}.jpg", f"PXL_{d}_{rng.randint(10**8, 10**9 - 1)}.jpg",
                               f"WhatsApp Image 2026-{rng.randint(8, 10):02d}-{rng.randint(10, 28)} at {rng.randint(10, 22)}.{rng.randint(10, 59)}.{rng.randint(10, 59)}.jpeg"])
        elif render == "tiff":
            name = rng.choice([f"scan{n:04d}.tif", f"IMG{n:05d}.tiff", f"dok_{n:04d}.tif"])
        elif hint and render == "born_digital" and rng.random() < 0.6:
            name = f"{hint}.pdf"
        else:
            name = rng.choice([f"skann_{d}_{n:04d}.pdf", f"Scan_{n:04d}.pdf", f"BRN3C2AF4{n:04d}.pdf",
                               f"vedlegg{n}.pdf", f"document({rng.randint(1, 9)}).pdf", f"{d}{n:04d}.pdf"])
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("no free file name")


def _pick_render(rng: random.Random, kind: str, pages: int, only: str | None = None) -> str:
    options = {"invoice": ["born_digital"] * 3 + ["scanned_pdf"] * 3 + ["tiff"] * 2 + ["photo"] * 3,
               "record": ["born_digital"] * 2 + ["scanned_pdf"] * 3 + ["tiff"] * 2 + ["photo"] * 2,
               "slip": ["photo"] * 3 + ["scanned_pdf"] * 2, "translation": ["born_digital"] * 3 + ["scanned_pdf"],
               "other": ["born_digital", "scanned_pdf", "scanned_pdf", "photo"]}[kind]
    r = rng.choice(options)
    if only:
        return only
    if pages > 1 and r == "photo":
        r = rng.choice(["scanned_pdf", "tiff"])
    return r


def _items_expected(ctx: Ctx, L: dict) -> list[dict]:
    if not ctx.itemised:
        return []
    return [{"description": L["items"][k], "amount": f"{a:.2f}"} for k, q, u, a in ctx.items]


SPEC_OF = lambda ctx: ctx.specialty if ctx.specialty in VOC.SPECIALISTS else None  # noqa: E731


def build_claim(rng: random.Random, idx: int, lang: str, specialty: str, scenario: str, received: dt.date,
                only_render: str | None = None) -> tuple[str, list[tuple[Doc, bytes]]]:
    """One envelope: the documents of `scenario` with their ground truth and PDF pages."""

    def _render_choice(r: random.Random, kind: str, pages: int) -> str:
        return _pick_render(r, kind, pages, only_render)

    ctx = make_ctx(rng, lang, specialty, received, scenario)
    L = VOC.V[lang]
    foreign = lang not in ACCEPTED
    used: set[str] = set()
    docs: list[tuple[Doc, bytes]] = []
    spec = SPEC_OF(ctx)
    tr_lang = rng.choice(["en", "no"])

    def canvas(kind: str = "a4") -> Canvas:
        fam = rng.choice(PROPORTIONAL)
        size = rng.choice([9, 9.5, 10, 10.5])
        if kind == "slip":
            return Canvas(80, 120, fam, 8)
        if kind == "a5":
            return Canvas(148, 150, fam, size)
        return Canvas(210, 297, fam, size)

    # --- how the bill was paid
    proof = None if scenario == "proof_missing" else rng.choice(["slip", "slip", "cash", "bank", "stamp", "paid_text"])
    if scenario == "amount_payment":
        proof = rng.choice(["slip", "cash", "bank"])
    if proof == "slip" and ctx.invoice_date != ctx.treatment:
        proof = "bank"
    marked_paid = proof in ("stamp", "paid_text")
    include_invoice = scenario != "original_missing_translation"
    need_tr = (foreign and scenario != "translation_missing") or not include_invoice
    planned = int(include_invoice) + int(need_tr) + int(proof in ("slip", "cash", "bank")) \
        + int(bool(spec) and scenario != "referral_missing")
    want_record = scenario != "doctor_missing" and rng.random() < 0.5 and planned + (2 if foreign else 1) <= 5
    # with a record naming the doctor, some invoices name only the clinic
    ictx = ctx
    if want_record and rng.random() < 0.35:
        import copy as _copy

        ictx = _copy.copy(ctx)
        ictx.doctor_name = None

    # --- the invoice (original), unless the scenario leaves only its translation
    layouts = VARIETY_LAYOUTS if VARIETY["on"] else INVOICE_LAYOUTS
    layout = layouts[(idx + rng.randint(0, 5)) % len(layouts)]
    inv_copy = scenario == "original_missing_copy"
    second_page = rng.random() < 0.15
    inv_opts = {"paid_text": proof == "paid_text", "paid_amount": proof == "paid_text" and rng.random() < 0.5,
                "second_page": second_page}
    inv_pages = 2 if second_page else 1
    inv_render = _render_choice(rng, "invoice", inv_pages)
    inv_file = _file_name(rng, inv_render, used, {"es": "factura", "de": "Rechnung", "fr": "facture", "it": "fattura",
                                                  "pt": "fatura", "nl": "factuur", "pl": "faktura", "fi": "lasku",
                                                  "el": "timologio", "en": "invoice", "no": "faktura", "da": "faktura",
                                                  "sv": "faktura"}[lang] + f"_{ctx.invoice_no.replace('/', '-').replace(' ', '')}")
    payment_on_invoice = ctx.payment if proof == "paid_text" else None
    if proof == "stamp" and rng.random() < 0.4:
        payment_on_invoice = ctx.payment
        inv_opts["stamp_date"] = True
    inv = Doc(file=inv_file, kind="invoice", doc_type="invoice", language=lang, render=inv_render, is_copy=inv_copy,
              doctor_name=ictx.doctor_name,
              dates={"treatment": ctx.treatment.isoformat(), "invoice": ctx.invoice_date.isoformat(),
                     "payment": payment_on_invoice.isoformat() if payment_on_invoice else None},
              currency=ctx.cur, total=f"{ctx.printed_total:.2f}", line_items=_items_expected(ctx, L),
              invoice_number=ctx.invoice_no, marked_paid=marked_paid,
              amount_paid=f"{ctx.printed_total:.2f}" if inv_opts["paid_amount"] else None,
              vat=f"{ctx.vat:.2f}" if ctx.vat is not None else None, specialty=spec, pages=inv_pages, layout=layout,
              opts=inv_opts)
    c = canvas()
    draw_invoice(c, ictx, L, layout, rng, inv_opts)
    stamps(c, rng, L, copy=inv_copy, paid=proof == "stamp", paid_date=ctx.payment if inv_opts.get("stamp_date") else None, ctx=ctx)
    inv_pdf = c.output()
    if include_invoice:
        docs.append((inv, inv_pdf))
    if need_tr:
        Lt = VOC.V[tr_lang]
        tctx = _translated_ctx(ictx, tr_lang, rng)
        tr_layout = rng.choice(["classic", "twocol", "logo", "statement"])
        topts = dict(inv_opts, title={"en": "Invoice", "no": "Faktura"}[tr_lang],
                     doctor_label=DOCTOR_LABEL[tr_lang], second_page=False)
        tc = canvas()
        draw_translation_head(tc, tr_lang, lang, rng)
        draw_invoice(tc, tctx, Lt, tr_layout, rng, topts)
        stamps(tc, rng, Lt, copy=False, paid=False, paid_date=None, ctx=tctx, translator=True)
        tr_render = _render_choice(rng, "translation", 1)
        tr = Doc(file=_file_name(rng, tr_render, used, rng.choice(["translation", "oversettelse", "translation_invoice", "oversatt_faktura"])),
                 kind="translation", doc_type="translation", language=tr_lang, render=tr_render, is_translation=True,
                 translation_of=inv.file if include_invoice else None, doctor_name=tctx.doctor_name,
                 dates=dict(inv.dates), currency=ctx.cur, total=inv.total, line_items=_items_expected(ctx, Lt),
                 invoice_number=ctx.invoice_no, marked_paid=marked_paid and proof == "paid_text",
                 amount_paid=inv.amount_paid, vat=inv.vat, specialty=spec, layout="tr_" + tr_layout)
        if not tr.marked_paid:
            tr.dates["payment"] = None
        docs.append((tr, tc.output()))

    # --- proof of payment
    if proof in ("slip", "cash", "bank"):
        amount = ctx.printed_total
        if scenario == "amount_payment":
            amount = dec(ctx.printed_total * Decimal(rng.choice(["0.5", "0.6", "0.8"])))
        pdate = ctx.payment
        if proof == "slip":
            c = canvas("slip")
            draw_card_slip(c, ctx, L, rng, {"date": pdate, "amount": amount})
            rlang, kind = lang, "slip"
        elif proof == "cash":
            c = canvas("a5")
            draw_cash_receipt(c, ctx, L, rng, {"date": pdate, "amount": amount, "cash": rng.random() < 0.5})
            rlang, kind = lang, "cash_receipt"
        else:
            c = canvas()
            draw_bank_transfer(c, ctx, rng, {"date": pdate, "amount": amount,
                                             "printed": min(received - dt.timedelta(days=3), pdate + dt.timedelta(days=rng.randint(1, 20)))})
            rlang, kind = "no", "bank_transfer"
        r_render = _render_choice(rng, "slip" if proof == "slip" else "other", 1)
        rc = Doc(file=_file_name(rng, r_render, used, {"slip": "kortkvittering", "cash": "kvittering", "bank": "betalingsbekreftelse"}[proof]),
                 kind=kind, doc_type="receipt", language=rlang, render=r_render,
                 dates={"treatment": None, "invoice": None, "payment": pdate.isoformat()}, currency=ctx.cur,
                 total=f"{amount:.2f}", amount_paid=f"{amount:.2f}", invoice_number=ctx.invoice_no if proof != "slip" else None,
                 layout=kind)
        docs.append((rc, c.output()))

    # --- the medical record
    if want_record:
        rec_pages = 2 if rng.random() < 0.2 else 1
        rec_opts = {"form": rng.random() < 0.5, "second_page": rec_pages == 2}
        if rng.random() < 0.35:
            rec_opts["printed"] = received - dt.timedelta(days=rng.randint(8, 11))
            rec_opts["printed_label"] = {"no": "Utskrift", "da": "Udskrevet", "sv": "Utskrivet", "en": "Printed",
                                         "es": "Impreso el", "de": "Gedruckt am", "fr": "Imprimé le", "pl": "Wydrukowano",
                                         "it": "Stampato il", "nl": "Afgedrukt op", "pt": "Impresso em",
                                         "fi": "Tulostettu", "el": "Εκτυπώθηκε"}[lang]
        rec_copy = rng.random() < 0.15
        c = canvas()
        draw_record(c, ctx, L, rng, rec_opts)
        stamps(c, rng, L, copy=rec_copy, paid=False, paid_date=None, ctx=ctx)
        r_render = _render_choice(rng, "record", rec_pages)
        rec = Doc(file=_file_name(rng, r_render, used, "journal"), kind="record", doc_type="medical_record", language=lang,
                  render=r_render, is_copy=rec_copy, doctor_name=ctx.doctor_name,
                  dates={"treatment": ctx.treatment.isoformat(), "invoice": None, "payment": None},
                  specialty=spec, pages=rec_pages, layout="record_form" if rec_opts["form"] else "record_text")
        docs.append((rec, c.output()))
        if foreign:
            Lt = VOC.V[tr_lang]
            tctx = _translated_ctx(ctx, tr_lang, rng)
            tc = canvas()
            draw_translation_head(tc, tr_lang, lang, rng)
            draw_record(tc, tctx, Lt, rng, {"form": rec_opts["form"], "title": {"en": "Medical record", "no": "Journalnotat"}[tr_lang]})
            tr_render = _render_choice(rng, "translation", 1)
            docs.append((Doc(file=_file_name(rng, tr_render, used, rng.choice(["translation_record", "oversettelse_journal"])),
                             kind="translation", doc_type="translation", language=tr_lang, render=tr_render,
                             is_translation=True, translation_of=rec.file, doctor_name=tctx.doctor_name,
                             dates=dict(rec.dates), specialty=spec, layout="tr_record"), tc.output()))

    # --- referral from the Norwegian GP
    if spec and scenario != "referral_missing":
        c = canvas()
        draw_referral(c, ctx, rng, {"date": ctx.treatment - dt.timedelta(days=rng.randint(10, 40))})
        r_render = _render_choice(rng, "other", 1)
        docs.append((Doc(file=_file_name(rng, r_render, used, "henvisning"), kind="referral", doc_type="referral",
                         language="no", render=r_render, doctor_name=None, specialty=spec, layout="referral"),
                     c.output()))

    # --- claim form or cover letter
    if len(docs) < 5 and (len(docs) < 2 or rng.random() < 0.35):
        country_no = {"no": "Norge", "da": "Danmark", "sv": "Sverige", "en": "Storbritannia" if ctx.cur == "GBP" else "Irland",
                      "es": "Spania", "de": "Tyskland", "fr": "Frankrike", "pl": "Polen", "it": "Italia", "nl": "Nederland",
                      "pt": "Portugal", "fi": "Finland", "el": "Hellas"}[lang]
        signed = received - dt.timedelta(days=rng.randint(2, 6))
        c = canvas()
        if rng.random() < 0.5:
            draw_claim_form(c, ctx, rng, {"country_no": country_no, "signed": signed})
            d = Doc(file="", kind="claim_form", doc_type="claim_form", language="no", render="", layout="claim_form",
                    dates={"treatment": ctx.treatment.isoformat(), "invoice": None, "payment": None})
        else:
            draw_cover_letter(c, ctx, rng, {"country_no": country_no, "signed": signed})
            d = Doc(file="", kind="cover_letter", doc_type="other", language="no", render="", layout="cover_letter")
        d.render = _render_choice(rng, "other", 1)
        d.file = _file_name(rng, d.render, used, "soknad" if d.kind == "claim_form" else "brev")
        docs.append((d, c.output()))
    claim_id = f"h{idx + 1:03d}_{lang}_{specialty}"
    return claim_id, docs


GREEK_LATIN = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊΐϋΰ",
                       ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s", "s",
                        "t", "y", "f", "ch", "ps", "o", "a", "e", "i", "i", "o", "y", "o", "i", "i", "y", "y"]))


def greek_to_latin(text: str) -> str:
    """ELOT 743-style transliteration, as a translator spells a Greek name in English or Norwegian."""
    for a, b in (("ού", "ou"), ("ου", "ou"), ("Ου", "Ou"), ("ΟΥ", "OU")):
        text = text.replace(a, b)
    out = []
    for ch in text:
        low = ch.lower()
        lat = GREEK_LATIN.get(low)
        if lat is None:
            out.append(ch)
        else:
            out.append(lat.capitalize() if ch != low else lat)
    return "".join(out)


def _translated_ctx(ctx: Ctx, lang_to: str, rng: random.Random) -> Ctx:
    """The same facts, worded and formatted as the translator writes them; a Greek
    name or address is spelt in Latin letters, as translators do."""
    import copy

    t = copy.copy(ctx)
    if ctx.doctor_title:  # a translator writes the English/Norwegian title, not Dott.ssa or lek.
        t.doctor_title = "Prof." if ctx.doctor_title.startswith(("Prof", "Pr")) else "Dr."
    if ctx.lang == "el":
        t.doctor_name = greek_to_latin(ctx.doctor_name) if ctx.doctor_name else None
        t.doctor_title = "Dr." if ctx.doctor_title else None
        t.clinic = Party(greek_to_latin(ctx.clinic.name), [greek_to_latin(x) for x in ctx.clinic.lines],
                         greek_to_latin(ctx.clinic.city))
        t.clinic_tax = ctx.clinic_tax.replace("ΑΦΜ", "VAT no." if lang_to == "en" else "MVA-nr.")
        t.clinic_phone = ctx.clinic_phone.replace("Τηλ.", "Tel.")
        t.invoice_no = ctx.invoice_no
    t.lang = lang_to
    t.date_style = rng.choice(["dmy/", "long"]) if lang_to == "en" else rng.choice(["dmy.", "long_dot"])
    t.money_style = rng.choice(["comma_dot_code", "sym_comma_dot"]) if lang_to == "en" else rng.choice(["sp_comma", "dot_comma_code"])
    if t.money_style == "sym_comma_dot" and ctx.cur not in ("EUR", "GBP"):
        t.money_style = "comma_dot_code"
    if t.money_style == "dot_comma_code" and ctx.cur != "EUR":
        t.money_style = "sp_comma"
    return t


def stamps(c: Canvas, rng: random.Random, L: dict, copy: bool, paid: bool, paid_date: dt.date | None, ctx: Ctx,
           translator: bool = False) -> None:
    c.pdf.page = 1  # stamps go on the first page
    if copy:
        ang = rng.choice([0, rng.uniform(-30, 30), rng.uniform(-12, 12)])
        c.stamp(L["copy_stamp"], c.w * rng.uniform(0.55, 0.75), rng.uniform(40, 70), ang, (200, 30, 30), rng.choice([24, 30]))
    if paid:
        sub = fmt_date(paid_date, "dmy." if ctx.date_style not in ("iso", "dmy/", "dmy-") else ctx.date_style, ctx.lang) if paid_date else None
        c.stamp(L["paid_stamp"], c.w * rng.uniform(0.55, 0.7), rng.uniform(190, 225), rng.uniform(-20, 20),
                rng.choice([(200, 30, 30), (30, 60, 170)]), 22, sub)
    if translator:
        c.stamp("TRANSLATOR", c.w * 0.78, 275, rng.uniform(-8, 8), (40, 40, 140), 10,
                "Statsaut. translatør" if ctx.lang == "no" else "State-authorised")


# ------------------------------------------------------------------ expected findings (the rules, on ground truth)

INCOMPLETE = {"TRANSLATION_MISSING", "ORIGINAL_MISSING", "DOCTOR_NAME_MISSING", "ITEMISED_INVOICE_MISSING",
              "PROOF_OF_PAYMENT_MISSING", "REFERRAL_MISSING"}
REVIEW = {"DEADLINE_EXCEEDED", "AMOUNT_MISMATCH", "UNREADABLE_DOCUMENT"}


def _add_months(d: dt.date, months: int) -> dt.date:
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    import calendar

    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def expected_findings(docs: list[Doc], received: dt.date) -> list[dict]:
    """RULES.md applied to the claim's ground truth (README's attribution: a finding
    names the document it is about, or null for what is missing from the claim)."""
    found: list[tuple[str, str | None]] = []
    originals = [d for d in docs if not d.is_translation]
    translations = [d for d in docs if d.is_translation]
    by_file = {d.file: d for d in docs}
    translated = {t.translation_of for t in translations}
    for d in originals:
        if d.doc_type in ("invoice", "medical_record", "referral", "other") and d.language not in ACCEPTED \
                and d.file not in translated:
            found.append(("TRANSLATION_MISSING", d.file))
    for t in translations:
        if t.translation_of is None:
            found.append(("ORIGINAL_MISSING", t.file))
    invoices = [d for d in docs if d.doc_type == "invoice"]
    if invoices and all(d.is_copy for d in invoices):
        found += [("ORIGINAL_MISSING", d.file) for d in invoices]
    inv_tr = invoices + [t for t in translations if t.kind == "translation" and t.line_items is not None
                         and (t.translation_of is None or by_file[t.translation_of].doc_type == "invoice")
                         and t.invoice_number]
    receipts = [d for d in docs if d.doc_type == "receipt"]
    if receipts and all(d.is_copy for d in receipts) and not any(d.marked_paid for d in inv_tr):
        found += [("ORIGINAL_MISSING", d.file) for d in receipts]

    def names_doctor(d: Doc) -> bool:
        if d.is_translation:
            return not (d.translation_of and by_file[d.translation_of].doc_type == "referral")
        return d.doc_type in ("invoice", "medical_record", "receipt", "other")

    if not any(d.doctor_name and names_doctor(d) for d in docs):
        found.append(("DOCTOR_NAME_MISSING", None))
    if not any(d.line_items for d in inv_tr):
        found.append(("ITEMISED_INVOICE_MISSING", None))
    if not receipts and not any(d.marked_paid for d in inv_tr) and not any(d.amount_paid for d in docs):
        found.append(("PROOF_OF_PAYMENT_MISSING", None))
    carriers = [d for d in docs if d.is_translation or d.doc_type in ("invoice", "medical_record")]
    for treated in sorted({d.dates["treatment"] for d in carriers if d.dates.get("treatment")}):
        same = [d for d in carriers if d.dates.get("treatment") == treated]
        later = [d for d in same if d.dates.get("invoice") and d.dates["invoice"] > treated]
        start = min(d.dates["invoice"] for d in later) if later else treated
        pool = [d for d in later if d.dates["invoice"] == start] if later else same
        carrier = min(pool, key=lambda d: (1 if d.is_translation else (0 if d.doc_type == "invoice" else 2), d.file))
        if received > _add_months(dt.date.fromisoformat(start), 6):
            found.append(("DEADLINE_EXCEEDED", carrier.file))
    subjects = invoices or [t for t in inv_tr if t.is_translation]
    flagged = set()
    for d in subjects:
        items = [Decimal(i["amount"]) for i in d.line_items]
        if d.total and items:
            s = sum(items, Decimal(0))
            if abs(s - Decimal(d.total)) > CENT and not (d.vat and abs(s + Decimal(d.vat) - Decimal(d.total)) <= CENT):
                found.append(("AMOUNT_MISMATCH", d.file))
                flagged.add(d.file)
    paying = [r for r in receipts if r.amount_paid]
    for d in subjects:
        same_cur = [r for r in paying if r.currency == d.currency]
        if not d.total or not same_cur or d.file in flagged:
            continue
        billed = {}
        for s in subjects:
            if s.total and s.currency == d.currency:
                billed.setdefault(s.invoice_number or s.file, s)
        invoiced = sum((Decimal(s.total) for s in billed.values()), Decimal(0))
        paid = sum((Decimal(r.amount_paid) for r in same_cur), Decimal(0))
        paid += sum((Decimal(s.amount_paid or 0) for s in billed.values()), Decimal(0))
        if invoiced - paid > CENT:
            found.append(("AMOUNT_MISMATCH", d.file))
    if any(d.specialty for d in docs) and not any(d.doc_type == "referral" and d.language == "no" for d in docs):
        found.append(("REFERRAL_MISSING", None))
    unique = sorted(set(found), key=lambda f: (f[0], f[1] or ""))
    return [{"code": code, "document": doc} for code, doc in unique]


def claim_status(findings: list[dict]) -> str:
    codes = {f["code"] for f in findings}
    if codes & INCOMPLETE:
        return "incomplete"
    if codes & REVIEW:
        return "needs_review"
    return "ready"


# ------------------------------------------------------------------ the set

SCENARIOS = ("ready", "translation_missing", "ready", "original_missing_translation", "doctor_missing", "ready",
             "itemised_missing", "proof_missing", "ready", "deadline", "amount_items", "ready", "referral_missing",
             "amount_payment", "original_missing_copy", "invoiced_later", "ready")


def write_claim(folder: Path, claim_id: str, docs: list[tuple[Doc, bytes]], received: dt.date, scenario: str,
                rng: random.Random) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    for doc, pdf_bytes in docs:
        doc.pages = write_rendered(folder / doc.file, pdf_bytes, doc.render, rng)
        (folder / f"{doc.file}.expected.json").write_text(json.dumps(doc.expected(), ensure_ascii=False, indent=2) + "\n",
                                                          encoding="utf-8")
    findings = expected_findings([d for d, _ in docs], received)
    claim = {"claim_id": claim_id, "received_date": received.isoformat(), "status": claim_status(findings),
             "findings": findings, "scenario": scenario}
    (folder / "claim.expected.json").write_text(json.dumps(claim, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return claim


def generate(out: Path, seed: int, claims: int, received: dt.date, only_render: str | None = None,
             variety: bool = True) -> list[str]:
    VARIETY["on"] = variety
    VOC.set_variety(variety)
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    langs = list(LANGS)
    rng.shuffle(langs)
    scen = list(SCENARIOS)
    rng.shuffle(scen)
    ids = []
    for i in range(claims):
        lang = langs[i % len(langs)]
        scenario = scen[i % len(scen)]
        if scenario == "translation_missing" and lang in ACCEPTED:
            scenario = "ready"
        if scenario == "original_missing_translation" and lang in ACCEPTED:
            scenario = "original_missing_copy"
        specialists = list(VOC.SPECIALISTS)
        if scenario == "referral_missing" or rng.random() < 0.35:
            specialty = rng.choice(specialists)
        else:
            specialty = rng.choice(["gp", "gp", "gp", "emergency"])
        crng = random.Random(f"{seed}-{i}")
        claim_id, docs = build_claim(crng, i, lang, specialty, scenario, received, only_render)
        write_claim(out / claim_id, claim_id, docs, received, scenario, crng)
        ids.append(claim_id)
    (out / "manifest.json").write_text(json.dumps({"received_date": received.isoformat(), "seed": seed, "claims": ids},
                                                  indent=2) + "\n", encoding="utf-8")
    return ids


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--claims", type=int, default=40)
    ap.add_argument("--received", default="2026-11-20", help="date the post arrived, YYYY-MM-DD")
    ap.add_argument("--render", choices=RENDERS, help="render every document this one way (default: a mix)")
    ap.add_argument("--no-variety", action="store_true",
                    help="the vocabulary and layouts before session 12's variety (reproduces seeds 1-5)")
    args = ap.parse_args(argv)
    ids = generate(args.out, args.seed, args.claims, dt.date.fromisoformat(args.received), args.render,
                   variety=not args.no_variety)
    print(f"{len(ids)} claims written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
