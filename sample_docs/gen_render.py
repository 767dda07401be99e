"""Drawing for the sample generator: fpdf2 page layouts, rubber stamps, and the
scanner / phone-camera degradations that turn a clean page into what the mailroom sees."""

from __future__ import annotations

import datetime as dt
import io
import math
from decimal import Decimal

import cv2
import numpy as np
import pypdfium2 as pdfium
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

import gen_lang as G

DV = "/usr/share/fonts/truetype/dejavu/"
LB = "/usr/share/fonts/truetype/liberation/"
FONT_FILES = {
    "sans": (DV + "DejaVuSans.ttf", DV + "DejaVuSans-Bold.ttf", DV + "DejaVuSans-Oblique.ttf"),
    "cond": (DV + "DejaVuSansCondensed.ttf", DV + "DejaVuSansCondensed-Bold.ttf", DV + "DejaVuSansCondensed-Oblique.ttf"),
    "serif": (DV + "DejaVuSerif.ttf", DV + "DejaVuSerif-Bold.ttf", DV + "DejaVuSerif-Italic.ttf"),
    "lsans": (LB + "LiberationSans-Regular.ttf", LB + "LiberationSans-Bold.ttf", LB + "LiberationSans-Italic.ttf"),
    "lserif": (LB + "LiberationSerif-Regular.ttf", LB + "LiberationSerif-Bold.ttf", LB + "LiberationSerif-Italic.ttf"),
    "narrow": (LB + "LiberationSansNarrow-Regular.ttf", LB + "LiberationSansNarrow-Bold.ttf", LB + "LiberationSansNarrow-Italic.ttf"),
    "mono": (DV + "DejaVuSansMono.ttf", DV + "DejaVuSansMono-Bold.ttf", DV + "DejaVuSansMono-Oblique.ttf"),
    "lmono": (LB + "LiberationMono-Regular.ttf", LB + "LiberationMono-Bold.ttf", LB + "LiberationMono-Italic.ttf"),
}


# ---------------------------------------------------------------- formatting
FIXED_TIME = dt.datetime(2026, 11, 19, 9, 0, tzinfo=dt.timezone.utc)


def pick(rng, v):
    return v[rng.integers(len(v))] if isinstance(v, list) else v


def fmt_date(d, lang, style="num", variant=0):
    if style == "num":
        pats = G.DATE_NUM[lang]
    else:
        pats = G.DATE_LONG[lang]
    pat = pats[variant % len(pats)]
    th = f"{d.day}{'th' if 11 <= d.day <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d.day % 10, 'th')}"
    return pat.format(d=d.day, dd=f"{d.day:02d}", m=d.month, mm=f"{d.month:02d}", y=d.year,
                      M=G.MONTHS[lang][d.month - 1], th=th)


def fmt_num(x: Decimal, lang):
    thou, dec, _ = G.NUMBERS[lang]
    s = f"{x:,.2f}"  # 1,234.56
    whole, frac = s.split(".")
    return whole.replace(",", thou) + dec + frac


def fmt_money(x: Decimal, lang, cur, variant=0, sym_variant=0):
    syms = G.CUR_SYMBOL[cur]
    sym = syms[sym_variant % len(syms)]
    if cur == "GBP":
        sym = "£" if lang == "en" else "GBP"
    pats = G.NUMBERS[lang][2]
    pat = pats[variant % len(pats)]
    if lang == "en" and cur != "GBP" and sym != "€":
        pat = "{s} {n}"
    return pat.format(n=fmt_num(x, lang), s=sym)


# ---------------------------------------------------------------- pdf helpers
class Pdf(FPDF):
    def __init__(self, fmt="A4", orientation="P"):
        super().__init__(orientation=orientation, unit="mm", format=fmt)
        self._added = set()
        self.set_creation_date(FIXED_TIME)  # byte-identical output on every run
        self.set_auto_page_break(False)
        self.set_margins(15, 15, 15)
        self.foot = None

    def set_font(self, family=None, style="", size=0):
        """Embed a font only when it is first used: keeps born-digital files small."""
        if family in FONT_FILES and isinstance(style, str) and (family, style) not in self._added:
            self._added.add((family, style))
            self.add_font(family, style, FONT_FILES[family][{"": 0, "B": 1, "I": 2}[style]])
        return super().set_font(family, style, size)

    def footer(self):
        if self.foot:
            self.foot(self)

    def t(self, x, y, txt, size=10, style="", font=None, align="L", w=0, color=(0, 0, 0), maxw=None):
        self.set_font(font or self.base, style, size)
        while maxw and self.get_string_width(txt) > maxw and size > 5:
            size -= 0.5
            self.set_font(font or self.base, style, size)
        self.set_text_color(*color)
        sw = self.get_string_width(txt)
        if align == "R":
            x = x + w - sw
        elif align == "C":
            x = x + (w - sw) / 2
        self.text(x, y, txt)
        self.set_text_color(0, 0, 0)

    def vstamp(self, text, sub=None, x=130, y=60, angle=14, color=(200, 30, 40)):
        """A stamp drawn as vector graphics (born-digital 'PAID' marks)."""
        with self.rotation(angle, x, y):
            self.set_draw_color(*color)
            self.set_text_color(*color)
            self.set_line_width(0.9)
            self.set_font("sans", "B", 22)
            w = self.get_string_width(text) + 10
            h = 14 if not sub else 20
            self.rect(x - w / 2, y - h / 2, w, h)
            self.set_line_width(0.3)
            self.rect(x - w / 2 + 1.2, y - h / 2 + 1.2, w - 2.4, h - 2.4)
            self.text(x - self.get_string_width(text) / 2, y + (2.5 if not sub else -0.5), text)
            if sub:
                self.set_font("sans", "B", 10)
                self.text(x - self.get_string_width(sub) / 2, y + 6.5, sub)
        self.set_text_color(0, 0, 0)
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.2)


def wrap(pdf, x, y, w, text, size=10, lh=None, style="", font=None):
    pdf.set_font(font or pdf.base, style, size)
    pdf.set_xy(x, y)
    pdf.multi_cell(w, lh or size * 0.45, text)
    return pdf.get_y()


# ---------------------------------------------------------------- invoice layouts
def _meta_rows(f, lang, rng, with_due=True):
    lab = G.L[lang]
    v = f["dvar"]
    rows = [(pick(rng, lab["inv_no"]), f["number"]), (pick(rng, lab["inv_date"]), fmt_date(f["inv_date"], lang, "num", v))]
    if f.get("treat_date") and f.get("show_treat", True):
        rows.append((pick(rng, lab["treat_date"]), fmt_date(f["treat_date"], lang, f["tstyle"], v)))
    if with_due and f.get("due_date"):
        rows.append((pick(rng, lab["due"]), fmt_date(f["due_date"], lang, "num", v)))
    return rows


def _doctor_lines(f, lang, rng):
    lab = G.L[lang]
    out = []
    if f.get("doctor"):
        title, name = f["doctor"]
        out.append((pick(rng, lab["doctor"]), f"{title} {name}"))
    if f.get("specialty"):
        out.append((pick(rng, lab["specialty"]), G.SPECIALTY[f["specialty"]][lang]))
    return out


def _patient_lines(f, lang, rng):
    lab = G.L[lang]
    name, street, city = f["patient"]
    return name, f"{pick(rng, lab['dob'])}: {fmt_date(f['dob'], lang, 'num', f['dvar'])}", street, f"{city}, {NORWAY[lang]}"


NORWAY = dict(no="Norge", da="Norge", sv="Norge", en="Norway", es="Noruega", de="Norwegen", fr="Norvège", pl="Norwegia",
              it="Norvegia", nl="Noorwegen", pt="Noruega", fi="Norja", el="Νορβηγία")


def _totals(f, lang, rng):
    """(label, value, bold) rows under the item table."""
    lab = G.L[lang]
    cur, mv = f["currency"], f["mvar"]
    rows = []
    vat = f.get("vat")
    if vat and vat[0] == "add":
        rows.append((lab["subtotal"], fmt_money(f["subtotal"], lang, cur, mv, f["svar"]), False))
        rows.append((f"{lab['vat']} {vat[1]}%", fmt_money(vat[2], lang, cur, mv, f["svar"]), False))
    rows.append((f["total_label"], fmt_money(f["total"], lang, cur, mv, f["svar"]), True))
    if vat and vat[0] == "incl":
        incl = {"no": "herav mva", "da": "heraf moms", "sv": "varav moms", "en": "incl. VAT", "de": "enthaltene MwSt.",
                "es": "IVA incluido", "fr": "dont TVA", "pl": "w tym VAT", "it": "di cui IVA", "nl": "waarvan btw",
                "pt": "IVA incluído", "fi": "sis. ALV", "el": "συμπ. ΦΠΑ"}[lang]
        rows.append((f"{incl} {vat[1]}%", fmt_money(vat[2], lang, cur, mv, f["svar"]), False))
    return rows


def _item_cells(f, lang):
    cur = f["currency"]
    out = []
    for it in f["items"]:
        out.append(dict(date=fmt_date(it["date"], lang, "num", f["dvar"]) if it.get("date") else "", code=it["code"],
                        desc=G.SERVICES[it["svc"]][lang], qty=str(it["qty"]), unit=fmt_num(it["unit"], lang),
                        amount=fmt_num(it["amount"], lang), amount_cur=fmt_money(it["amount"], lang, cur, f["mvar"], f["svar"])))
    return out


def _clinic_block(pdf, f, x, y, size=9, align="L", w=0, name_size=14, style="B"):
    name, street, city, country, org = f["clinic"]
    lab = G.L[f["lang"]]
    pdf.t(x, y, name, name_size, style, align=align, w=w, maxw=88)
    lines = [street, f"{city} - {country}" if f.get("country_line") else city, f"{lab['org']} {org}"]
    if f.get("phone"):
        lines.append(f"{lab['phone']} {f['phone']}")
    for i, ln in enumerate(lines):
        pdf.t(x, y + 6 + i * 4.3, ln, size, align=align, w=w)
    return y + 6 + len(lines) * 4.3


def invoice_pdf(f, rng, layout=None, extra_page=False, stamp=None):
    lang = f["lang"]
    lab = G.L[lang]
    layout = layout or ["ruled", "band", "compact", "serif"][rng.integers(4)]
    pdf = Pdf()
    pdf.base = {"ruled": "sans", "band": "lsans", "compact": "cond", "serif": "lserif"}[layout]
    if layout == "band" and rng.random() < 0.5:
        pdf.base = "narrow"
    title = f.get("title") or pick(rng, lab["invoice"])
    pdf.add_page()
    if f.get("translator"):
        draw_tr_head(pdf, f)
    cells = _item_cells(f, lang)
    meta = _meta_rows(f, lang, rng)
    docl = _doctor_lines(f, lang, rng)
    pname, pdob, pstreet, pcity = _patient_lines(f, lang, rng)
    totals = _totals(f, lang, rng)
    show_items = bool(f["items"])

    if layout == "ruled":
        y = _clinic_block(pdf, f, 15, 20)
        pdf.t(110, 22, title, 20, "B", maxw=85)
        yy = 30
        for k, v in meta:
            pdf.set_xy(110, yy)
            pdf.set_font(pdf.base, "", 8.5)
            pdf.cell(42, 6, k, border=1)
            pdf.cell(43, 6, v, border=1)
            yy += 6
        y = max(y, yy) + 8
        pdf.t(15, y, pick(rng, lab["patient"]), 9, "B")
        for i, ln in enumerate([pname, pdob, pstreet, pcity]):
            pdf.t(15, y + 5 + i * 4.5, ln, 10)
        for i, (k, v) in enumerate(docl):
            pdf.t(110, y + 5 + i * 5, f"{k}: {v}", 9)
        y += 32
        cols = [("date", lab["date"], 24, "L"), ("code", lab["code"], 22, "L"), ("desc", pick(rng, lab["desc"]), 84, "L"),
                ("qty", lab["qty"], 14, "R"), ("amount", f"{pick(rng, lab['amount'])} ({f['currency']})", 36, "R")]
        if show_items:
            pdf.set_xy(15, y)
            pdf.set_font(pdf.base, "B", 9)
            pdf.set_fill_color(225, 225, 225)
            for _, h, w, a in cols:
                pdf.cell(w, 7, h, border=1, align=a, fill=True)
            y += 7
            pdf.set_font(pdf.base, "", 9)
            for c in cells:
                pdf.set_xy(15, y)
                for key, _, w, a in cols:
                    pdf.cell(w, 7, c[key], border=1, align=a)
                y += 7
        y += 4
        for k, v, b in totals:
            pdf.set_xy(110, y)
            pdf.set_font(pdf.base, "B" if b else "", 11 if b else 9)
            pdf.cell(50, 7, k, border=1 if b else 0)
            pdf.cell(30, 7, v, border=1 if b else 0, align="R")
            y += 7
    elif layout == "band":
        col = [(30, 90, 140), (20, 110, 90), (120, 40, 60), (60, 60, 60)][rng.integers(4)]
        pdf.set_fill_color(*col)
        pdf.rect(0, 0, 210, 30, style="F")
        name, street, city, country, org = f["clinic"]
        pdf.t(15, 14, name, 16, "B", color=(255, 255, 255), maxw=180)
        pdf.t(15, 22, f"{street} · {city} · {lab['org']} {org}", 9, color=(235, 235, 235))
        pdf.t(15, 44, title.upper(), 18, "B", color=col, maxw=180)
        y = 54
        pdf.t(15, y, pick(rng, lab["patient"]), 8, "B", color=(90, 90, 90))
        for i, ln in enumerate([pname, pstreet, pcity, pdob]):
            pdf.t(15, y + 5 + i * 4.6, ln, 10)
        for i, (k, v) in enumerate(meta):
            pdf.t(115, y + i * 5.5, k, 9, color=(90, 90, 90))
            pdf.t(158, y + i * 5.5, v, 8.5, "B", maxw=40)
        y += 30
        for i, (k, v) in enumerate(docl):
            pdf.t(15, y + i * 5, f"{k}: {v}", 9)
        y += 5 * len(docl) + 6
        if show_items:
            pdf.set_fill_color(235, 235, 235)
            pdf.rect(15, y - 5, 180, 7, style="F")
            heads = [(15, pick(rng, lab["desc"]), "L"), (120, lab["date"], "L"), (150, lab["qty"], "L"), (165, pick(rng, lab["amount"]), "L")]
            for x, h, _ in heads:
                pdf.t(x + 1, y, h, 9, "B")
            y += 8
            for c in cells:
                pdf.t(16, y, c["desc"], 10)
                pdf.t(121, y, c["date"], 9)
                pdf.t(151, y, c["qty"], 9)
                pdf.t(165, y, c["amount_cur"], 10, align="R", w=29)
                y += 6.5
            pdf.line(15, y - 3, 195, y - 3)
        y += 4
        for k, v, b in totals:
            pdf.t(110, y, k, 12 if b else 10, "B" if b else "")
            pdf.t(150, y, v, 12 if b else 10, "B" if b else "", align="R", w=44)
            y += 7
    elif layout == "compact":
        name, street, city, country, org = f["clinic"]
        pdf.t(15, 20, name, 13, "B", maxw=180)
        pdf.t(15, 26, f"{street}, {city}", 9)
        pdf.t(15, 30.5, f"{lab['org']}: {org}", 9)
        pdf.line(15, 34, 195, 34)
        pdf.t(15, 44, f"{title}  {f['number']}", 14, "B", maxw=180)
        y = 52
        for k, v in meta[1:]:
            pdf.t(15, y, f"{k}: {v}", 10)
            y += 5
        y += 2
        pdf.t(15, y, f"{pick(rng, lab['patient'])}: {pname} ({pdob})", 10)
        pdf.t(15, y + 5, f"{pstreet}, {pcity}", 10)
        y += 10
        for k, v in docl:
            pdf.t(15, y, f"{k}: {v}", 10)
            y += 5
        y += 6
        if show_items:
            pdf.t(15, y, pick(rng, lab["desc"]), 9, "B")
            pdf.t(150, y, pick(rng, lab["amount"]), 9, "B", align="R", w=45)
            y += 2
            pdf.line(15, y, 195, y)
            y += 6
            for c in cells:
                d = f"{c['code']}  {c['desc']}" + (f"  x{c['qty']}" if c["qty"] != "1" else "")
                pdf.t(15, y, d, 10)
                pdf.set_font(pdf.base, "", 10)
                dots = "." * int((150 - 15 - pdf.get_string_width(d) - 4) / pdf.get_string_width("."))
                pdf.set_text_color(150, 150, 150)
                pdf.text(17 + pdf.get_string_width(d), y, dots)
                pdf.set_text_color(0, 0, 0)
                pdf.t(150, y, c["amount"], 10, align="R", w=45)
                y += 6
            pdf.line(15, y - 2, 195, y - 2)
            y += 5
        for k, v, b in totals:
            pdf.t(100, y, k, 11 if b else 10, "B" if b else "")
            pdf.t(150, y, v, 11 if b else 10, "B" if b else "", align="R", w=45)
            y += 6
    else:  # serif letterhead
        name, street, city, country, org = f["clinic"]
        pdf.t(15, 20, name, 17, "B", align="C", w=180, maxw=180)
        pdf.t(15, 27, f"{street} — {city} — {country}", 9, align="C", w=180)
        pdf.t(15, 31.5, f"{lab['org']} {org}", 9, align="C", w=180)
        pdf.set_line_width(0.6)
        pdf.line(15, 35, 195, 35)
        pdf.set_line_width(0.2)
        y = 46
        pdf.t(15, y, pname, 11, "B")
        pdf.t(15, y + 5, pstreet, 10)
        pdf.t(15, y + 10, pcity, 10)
        pdf.t(15, y + 15, pdob, 10)
        pdf.t(108, y, title, 15, "B", maxw=87)
        for i, (k, v) in enumerate(meta):
            pdf.t(108, y + 7 + i * 5, f"{k}:", 9, maxw=42)
            pdf.t(152, y + 7 + i * 5, v, 9, maxw=43)
        y += 34
        for k, v in docl:
            pdf.t(15, y, f"{k}: ", 10, "I")
            pdf.set_font(pdf.base, "I", 10)
            wk = pdf.get_string_width(f"{k}: ")
            pdf.t(15 + wk, y, v, 10, "B")
            y += 5.5
        y += 5
        if show_items:
            heads = [(15, lab["code"], 20, "L"), (35, pick(rng, lab["desc"]), 95, "L"), (130, lab["qty"], 15, "R"),
                     (145, pick(rng, lab["amount"]), 50, "R")]
            pdf.set_line_width(0.4)
            pdf.line(15, y - 5, 195, y - 5)
            for x, h, w, a in heads:
                pdf.t(x, y, h, 10, "B", align=a, w=w)
            pdf.line(15, y + 3, 195, y + 3)
            pdf.set_line_width(0.2)
            y += 9
            for c in cells:
                pdf.t(15, y, c["code"], 10, align="L", w=20)
                pdf.t(35, y, c["desc"], 10, align="L", w=95)
                pdf.t(130, y, c["qty"], 10, align="R", w=15)
                pdf.t(145, y, c["amount_cur"], 10, align="R", w=50)
                y += 6.5
            pdf.line(15, y - 2, 195, y - 2)
            y += 5
        for k, v, b in totals:
            pdf.t(110, y, k, 12 if b else 10, "B" if b else "", align="L", w=40)
            pdf.t(150, y, v, 12 if b else 10, "B" if b else "", align="R", w=45)
            y += 6.5
    y = max(y, 200) + 8
    notes = []
    if f.get("vat") is None:
        notes.append(lab["vat_exempt"])
    if f.get("paid_text_date"):
        notes.append(lab["paid_text"].format(date=fmt_date(f["paid_text_date"], lang, "num", f["dvar"])))
    elif not extra_page:
        notes.append(lab["terms"].format(iban=f["iban"]))
    for n in notes:
        y = wrap(pdf, 15, y, 180, n, 9) + 2
    if f.get("translator"):
        draw_tr_cert(pdf, f)
    else:
        pdf.t(15, 280, lab["thanks"], 8, "I", color=(100, 100, 100))
    if extra_page:
        pdf.t(150, 288, f"{lab['page']} 1/2", 8, align="R", w=45)
    if stamp and stamp.get("vector"):
        pdf.vstamp(stamp["text"], stamp.get("sub"), x=140, y=min(y + 25, 245), angle=stamp.get("angle", 12),
                   color=stamp.get("color", (200, 30, 40)))
    if extra_page:
        pdf.add_page()
        name = f["clinic"][0]
        pdf.t(15, 20, name, 11, "B")
        pdf.t(15, 26, f"{pick(rng, lab['inv_no'])} {f['number']}", 9)
        terms = lab["terms"].format(iban=f["iban"])
        y = wrap(pdf, 15, 40, 180, terms, 10) + 6
        bank = f"IBAN: {f['iban']}\nBIC: {f['bic']}\n{lab['phone']} {f.get('phone') or '+00 000 000 000'}"
        y = wrap(pdf, 15, y, 180, bank, 10) + 6
        wrap(pdf, 15, y, 180, LOREM[lang], 9)
        pdf.t(150, 288, f"{lab['page']} 2/2", 8, align="R", w=45)
    return bytes(pdf.output())


LOREM = {
    "no": "Ved forsinket betaling beregnes forsinkelsesrente etter forsinkelsesrenteloven. Spørsmål om fakturaen kan rettes til klinikkens resepsjon. Vi gjør oppmerksom på at refusjon fra folketrygden må søkes av pasienten selv.",
    "da": "Ved for sen betaling tillægges rente efter renteloven. Spørgsmål til fakturaen rettes til klinikkens sekretariat. Patienten søger selv om eventuel refusion.",
    "sv": "Vid försenad betalning debiteras dröjsmålsränta enligt räntelagen. Frågor om fakturan besvaras av receptionen. Patienten ansöker själv om eventuell ersättning.",
    "en": "Late payments may incur interest at the statutory rate. Queries regarding this invoice should be addressed to the practice manager. Patients are responsible for claiming any reimbursement from their insurer.",
    "es": "En caso de impago se aplicarán los intereses de demora legalmente establecidos. Para cualquier consulta sobre esta factura diríjase a la recepción del centro. El paciente es responsable de solicitar el reembolso a su aseguradora.",
    "de": "Bei Zahlungsverzug werden Verzugszinsen gemäß § 288 BGB berechnet. Bei Fragen zur Rechnung wenden Sie sich bitte an unsere Verwaltung. Die Erstattung durch Ihre Krankenversicherung beantragen Sie bitte selbst.",
    "fr": "En cas de retard de paiement, des pénalités seront appliquées conformément à la réglementation. Pour toute question, veuillez contacter le secrétariat. Le remboursement est à demander par le patient auprès de son organisme.",
    "pl": "W przypadku opóźnienia w płatności naliczane będą odsetki ustawowe. Pytania dotyczące faktury prosimy kierować do rejestracji. Pacjent samodzielnie ubiega się o zwrot kosztów.",
    "it": "In caso di ritardato pagamento saranno applicati gli interessi di mora previsti dalla legge. Per informazioni rivolgersi alla segreteria. Il paziente provvede autonomamente alla richiesta di rimborso.",
    "nl": "Bij te late betaling worden de wettelijke rente en incassokosten in rekening gebracht. Vragen over deze factuur kunt u stellen aan de administratie. De patiënt dient zelf de vergoeding aan te vragen.",
    "pt": "Em caso de atraso no pagamento serão aplicados juros de mora à taxa legal. Para esclarecimentos contacte a receção. O utente é responsável por solicitar o reembolso junto da sua entidade.",
    "fi": "Viivästyneestä maksusta peritään korkolain mukainen viivästyskorko. Laskua koskevat kysymykset pyydämme osoittamaan asiakaspalveluun. Potilas hakee mahdollisen korvauksen itse.",
    "el": "Σε περίπτωση καθυστέρησης πληρωμής εφαρμόζονται οι νόμιμοι τόκοι υπερημερίας. Για απορίες σχετικά με το τιμολόγιο απευθυνθείτε στη γραμματεία. Ο ασθενής υποβάλλει ο ίδιος αίτηση επιστροφής εξόδων.",
}


# ---------------------------------------------------------------- medical record
def record_pdf(f, rng, layout=None, extra_page=False, stamp=None):
    lang = f["lang"]
    lab = G.L[lang]
    layout = layout or ["letter", "form"][rng.integers(2)]
    pdf = Pdf()
    pdf.base = {"letter": pick(rng, ["serif", "lserif"]), "form": pick(rng, ["sans", "lsans", "cond"])}[layout]
    pdf.add_page()
    if f.get("translator"):
        draw_tr_head(pdf, f)
    name, street, city, country, org = f["clinic"]
    pname, pstreet, pcity = f["patient"]
    dob = fmt_date(f["dob"], lang, "num", f["dvar"])
    title = f.get("title") or pick(rng, lab["rec_title"])
    visit = f"{pick(rng, lab['visit'])}: {fmt_date(f['treat_date'], lang, f['tstyle'], f['dvar'])}"
    spec = G.SPECIALTY[f["specialty"]][lang] if f.get("specialty") else None
    diag = f"{G.DIAG_CODE[f['diag']]}  {G.DIAGNOSIS[f['diag']][lang]}"
    if layout == "letter":
        pdf.t(15, 20, name, 15, "B", maxw=180)
        pdf.t(15, 26, f"{street}, {city}, {country}", 9)
        if spec:
            pdf.t(15, 31, spec, 10, "I")
        pdf.line(15, 34, 195, 34)
        pdf.t(15, 46, title, 15, "B", maxw=180)
        y = 56
        pdf.t(15, y, f"{pick(rng, G.L[lang]['patient'])}: {pname}", 10)
        pdf.t(15, y + 5, f"{pick(rng, lab['dob'])}: {dob}", 10)
        pdf.t(15, y + 10, f"{pstreet}, {pcity}", 10)
        pdf.t(15, y + 17, visit, 10, "B")
        y += 28
        for head, body in [(lab["reason"], lab["reason_t"]), (lab["exam"], lab["exam_t"]), (lab["diag"], diag), (lab["plan"], lab["plan_t"])]:
            if extra_page and head == lab["plan"]:
                break
            pdf.t(15, y, head, 11, "B")
            y = wrap(pdf, 15, y + 2, 180, body, 10) + 6
    else:
        pdf.set_fill_color(230, 236, 242)
        pdf.rect(15, 15, 180, 20, style="F")
        pdf.t(18, 23, name, 13, "B", maxw=174)
        pdf.t(18, 30, f"{street} | {city} | {lab['org']} {org}", 8)
        pdf.t(15, 46, title.upper(), 14, "B")
        y = 52
        rows = [(pick(rng, G.L[lang]["patient"]), pname), (pick(rng, lab["dob"]), dob), ("", f"{pstreet}, {pcity}"),
                (pick(rng, lab["visit"]), fmt_date(f["treat_date"], lang, f["tstyle"], f["dvar"]))]
        if spec:
            rows.append((pick(rng, lab["specialty"]), spec))
        pdf.set_font(pdf.base, "", 9)
        for k, v in rows:
            pdf.set_xy(15, y)
            pdf.cell(50, 6.5, k, border=1)
            pdf.cell(130, 6.5, v, border=1)
            y += 6.5
        y += 8
        for head, body in [(lab["reason"], lab["reason_t"]), (lab["exam"], lab["exam_t"]), (lab["diag"], diag), (lab["plan"], lab["plan_t"])]:
            if extra_page and head == lab["plan"]:
                break
            pdf.set_fill_color(240, 240, 240)
            pdf.rect(15, y - 4.5, 180, 6.5, style="F")
            pdf.t(17, y, head, 10, "B")
            y = wrap(pdf, 15, y + 3, 180, body, 10) + 7

    def signature(y):
        if f.get("doctor"):
            t, n = f["doctor"]
            pdf.t(15, y, pick(rng, lab["signed"]), 9, "I")
            pdf.t(15, y + 7, f"{t} {n}", 11, "B")
            role = pick(rng, lab["doctor"])
            pdf.t(15, y + 12, role + (f", {spec}" if spec else ""), 9)
        else:
            pdf.t(15, y, name, 9, "I")

    if extra_page:
        pdf.t(150, 288, f"{lab['page']} 1/2", 8, align="R", w=45)
        pdf.add_page()
        pdf.t(15, 20, f"{name} — {pname}", 9, "I")
        y = 34
        pdf.t(15, y, lab["plan"], 11, "B")
        y = wrap(pdf, 15, y + 2, 180, lab["plan_t"] + " " + LOREM[lang], 10) + 12
        signature(y)
        pdf.t(150, 288, f"{lab['page']} 2/2", 8, align="R", w=45)
    else:
        signature(max(y + 6, 200 if f.get("translator") else 215))
    if f.get("translator"):
        draw_tr_cert(pdf, f)
    if stamp and stamp.get("vector"):
        pdf.vstamp(stamp["text"], stamp.get("sub"), x=150, y=40, angle=stamp.get("angle", -8), color=stamp.get("color", (30, 60, 170)))
    return bytes(pdf.output())


# ---------------------------------------------------------------- receipts
def slip_pdf(f, rng):
    lang = f["lang"]
    lab = G.L[lang]
    h = 150
    pdf = Pdf(fmt=(80, h))
    pdf.base = pick(rng, ["mono", "lmono"])
    pdf.set_margins(4, 4, 4)
    pdf.add_page()
    name, street, city, country, org = f["clinic"]
    y = 10
    lines = [(name.upper()[:30], "B", 8.5), (street, "", 7.5), (city, "", 7.5), (f"{lab['org']} {org}", "", 7.5), ("", "", 7),
             (f"{fmt_date(f['pay_date'], lang, 'num', f['dvar'])}   {f['time']}", "", 8), (f"TID {f['tid']}  BAX {f['bax']}", "", 7.5),
             ("", "", 7), (lab["slip_sale"], "B", 10), (f"{f['card_brand']}  **** **** **** {f['card4']}", "", 7.5),
             (f"{lab['slip_card']}: CONTACTLESS", "", 7.5), ("", "", 7)]
    for txt, st, sz in lines:
        pdf.t(4, y, txt, sz, st, align="C", w=72)
        y += sz * 0.5 + 0.8
    amt = fmt_num(f["amount"], lang)
    pdf.t(4, y, f"{lab['slip_total']}", 10, "B")
    pdf.t(4, y, f"{f['currency']} {amt}", 10, "B", align="R", w=72)
    y += 8
    for txt, st, sz in [(lab["slip_ok"], "B", 9), (f"AUTH {f['auth']}   REF {f['ref']}", "", 7.5), ("AID A0000000041010", "", 7),
                        ("", "", 7), (f"*** {lab['slip_copy']} ***", "B", 8.5)]:
        pdf.t(4, y, txt, sz, st, align="C", w=72)
        y += sz * 0.5 + 1
    return bytes(pdf.output())


BANKS = {"no": "DNB Bank ASA", "da": "Danske Bank", "sv": "Handelsbanken", "en": "Barclays Bank UK PLC", "es": "CaixaBank, S.A.",
         "de": "Sparkasse Hamburg", "fr": "Crédit Agricole", "pl": "PKO Bank Polski", "it": "Intesa Sanpaolo", "nl": "ING Bank N.V.",
         "pt": "Millennium bcp", "fi": "Nordea Pankki", "el": "Τράπεζα Πειραιώς"}


def bank_pdf(f, rng):
    lang = f["lang"]
    lab = G.L[lang]
    pdf = Pdf()
    pdf.base = pick(rng, ["lsans", "sans"])
    pdf.add_page()
    pdf.set_fill_color(*[(0, 72, 122), (0, 100, 60), (150, 20, 30), (70, 70, 90)][rng.integers(4)])
    pdf.rect(15, 15, 12, 12, style="F")
    pdf.t(31, 24, BANKS[lang], 14, "B")
    pdf.t(15, 42, lab["bank_title"], 16, "B")
    pdf.t(15, 49, lab["bank_status"], 10, color=(0, 120, 0))
    rows = [(lab["bank_from"], f["payer_account"]), ("", f["patient"][0]), (lab["bank_payee"], f["clinic"][0]),
            (lab["bank_to"], f["iban"]), ("BIC", f["bic"]), (lab["bank_amount"], fmt_money(f["amount"], lang, f["currency"], f["mvar"], 1)),
            (lab["bank_date"], fmt_date(f["pay_date"], lang, "num", f["dvar"])), (lab["bank_msg"], f["message"]),
            (lab["bank_ref"], f["ref"])]
    y = 62
    for k, v in rows:
        pdf.t(15, y, k, 10, color=(90, 90, 90))
        pdf.t(80, y, v, 10, "B" if k == lab["bank_amount"] else "")
        y += 7
    pdf.line(15, y, 195, y)
    wrap(pdf, 15, y + 5, 180, {"no": "Denne kvitteringen er generert i nettbanken.", "en": "This confirmation was generated in online banking."}.get(lang, ""), 8)
    return bytes(pdf.output())


def cash_pdf(f, rng):
    lang = f["lang"]
    lab = G.L[lang]
    pdf = Pdf(fmt="A5", orientation="L")
    pdf.base = pick(rng, ["serif", "lserif", "sans"])
    pdf.add_page()
    name, street, city, country, org = f["clinic"]
    pdf.set_line_width(0.5)
    pdf.rect(8, 8, 194, 132)
    pdf.set_line_width(0.2)
    pdf.t(14, 20, name, 13, "B")
    pdf.t(14, 26, f"{street}, {city} · {lab['org']} {org}", 8)
    pdf.t(130, 20, lab["cash_title"], 16, "B", align="R", w=65)
    pdf.t(130, 27, f"{lab['cash_no']} {f['ref']}", 9, align="R", w=65)
    y = 44
    amount = fmt_money(f["amount"], lang, f["currency"], f["mvar"], 0)
    for k, v in [(lab["cash_from"], f["patient"][0]), (lab["cash_sum"], amount), (lab["cash_for"], f["purpose"]),
                 (lab["cash_date"], fmt_date(f["pay_date"], lang, f.get("pstyle", "num"), f["dvar"]))]:
        pdf.t(14, y, f"{k}:", 10)
        pdf.t(60, y, v, 11, "B" if k == lab["cash_sum"] else "")
        pdf.set_draw_color(160, 160, 160)
        pdf.line(58, y + 1.5, 195, y + 1.5)
        pdf.set_draw_color(0, 0, 0)
        y += 11
    pdf.t(14, y + 6, lab["cash_received"], 11, "I")
    pdf.line(120, 122, 190, 122)
    if f.get("doctor"):
        t, n = f["doctor"]
        pdf.t(120, 127, f"{t} {n}", 9, align="C", w=70)
    return bytes(pdf.output())


# ---------------------------------------------------------------- referral, claim form, cover letter
def referral_pdf(f, rng):
    pdf = Pdf()
    pdf.base = pick(rng, ["sans", "lsans", "serif"])
    pdf.add_page()
    gp, office, street, city = f["gp"]
    pdf.t(15, 20, office, 13, "B")
    pdf.t(15, 26, f"{street}, {city}", 9)
    pdf.t(15, 42, "HENVISNING", 18, "B")
    pdf.t(120, 42, f"Dato: {fmt_date(f['ref_date'], 'no', 'num')}", 10)
    y = 54
    pname, pstreet, pcity = f["patient"]
    rows = [("Pasient", pname), ("Fødselsnummer", f["fnr"]), ("Adresse", f"{pstreet}, {pcity}"),
            ("Henvisende lege", f"Fastlege {gp}, {office}"), ("Henvises til", f"Spesialist i {G.SPECIALTY[f['specialty']]['no'].lower()} / {G.REFERRAL_TO[f['specialty']]}"),
            ("Hastegrad", "Vanlig")]
    for k, v in rows:
        pdf.t(15, y, k, 10, "B")
        pdf.t(60, y, v, 10)
        y += 6.5
    y += 6
    txt = {"Problemstilling": f"Pasienten har plager som bør vurderes av spesialist. Aktuell diagnose: {G.DIAGNOSIS[f['specialty']]['no'].lower()}. "
           "Pasienten oppholder seg i perioder i utlandet og ønsker å få utredningen gjort der.",
           "Spørsmål": "Ber om vurdering og eventuell behandling. Takk for hjelpen.",
           "Faste medisiner": "Ingen faste medisiner."}
    for k, v in txt.items():
        pdf.t(15, y, k, 11, "B")
        y = wrap(pdf, 15, y + 2, 180, v, 10) + 6
    pdf.t(15, y + 10, "Med vennlig hilsen", 10)
    pdf.t(15, y + 22, gp, 11, "B")
    pdf.t(15, y + 27, f"Fastlege, {office}", 9)
    pdf.t(15, y + 32, f"HPR-nr. {f['hpr']}", 9)
    return bytes(pdf.output())


def claim_form_pdf(f, rng):
    pdf = Pdf()
    pdf.base = "lsans"
    pdf.add_page()
    hand = "lserif"
    pdf.t(15, 18, "Helfo", 16, "B", color=(0, 60, 110))
    pdf.t(15, 28, "Søknad om refusjon av utgifter til helsehjelp i EU/EØS", 13, "B")
    pdf.t(15, 33, "NAV 05-07.20  —  Les veiledningen før du fyller ut skjemaet", 8)
    y = 44
    pname, pstreet, pcity = f["patient"]
    sections = [("1 Personopplysninger", [("Navn", pname), ("Fødselsnummer (11 siffer)", f["fnr"]), ("Adresse", f"{pstreet}, {pcity}"),
                                          ("Telefon", f["phone"])]),
                ("2 Opplysninger om behandlingen", [("Land der behandlingen ble gitt", f["country"]),
                                                    ("Behandlingsdato", fmt_date(f["treat_date"], "no", "num")),
                                                    ("Type behandling", f["kind"]), ("Antall vedlegg", str(f["n_att"]))]),
                ("3 Utbetaling", [("Kontonummer", f["account"])]),
                ("4 Underskrift", [("Sted og dato", f"{pcity.split(' ', 1)[1]}, {fmt_date(f['sign_date'], 'no', 'num')}"), ("Underskrift", pname)])]
    for head, rows in sections:
        pdf.set_fill_color(220, 230, 240)
        pdf.rect(15, y, 180, 7, style="F")
        pdf.t(17, y + 5, head, 10, "B")
        y += 9
        for k, v in rows:
            pdf.rect(15, y, 180, 11)
            pdf.t(17, y + 3.5, k, 7, color=(80, 80, 80))
            pdf.t(19, y + 9, v, 11, "I", font=hand, color=(20, 30, 120))
            y += 11
        y += 5
    return bytes(pdf.output())


def cover_pdf(f, rng):
    pdf = Pdf()
    pdf.base = pick(rng, ["lserif", "sans"])
    pdf.add_page()
    pname, pstreet, pcity = f["patient"]
    pdf.t(15, 20, pname, 11)
    pdf.t(15, 25, pstreet, 11)
    pdf.t(15, 30, pcity, 11)
    pdf.t(15, 45, "Helfo\nPostboks 2415\n3104 Tønsberg".replace("\n", ", "), 11)
    pdf.t(130, 60, f"{pcity.split(' ', 1)[1]}, {fmt_date(f['sign_date'], 'no', 'long')}", 11)
    pdf.t(15, 75, "Søknad om refusjon – behandling i utlandet", 13, "B")
    body = ("Hei,\n\nVedlagt følger dokumentasjon for behandling jeg fikk under opphold i utlandet i år. "
            "Jeg ber om refusjon etter reglene for helsehjelp i EU/EØS. Ta gjerne kontakt på telefon dersom noe mangler.\n\n"
            "Vedlegg: faktura, kvittering og øvrig dokumentasjon.\n\nMed vennlig hilsen\n\n" + pname)
    wrap(pdf, 15, 85, 180, body, 11, lh=6)
    return bytes(pdf.output())


def translation_marks(f):
    """Header and certificate text of a certified translation, in the target language."""
    tl = f["lang"]
    src_name = G.LANG_NAME[tl][f["src_lang"]]
    tr_name, tr_title, tr_no = f["translator"]
    orig = f"{f['orig_title']} {f.get('number') or ''}".strip()
    if tl == "en":
        head = ("CERTIFIED TRANSLATION", f"Translation from {src_name} into English. Original document: {orig}")
        cert = (f"I, {tr_name}, {tr_title}, hereby certify that this is a true and complete translation of the "
                f"attached original document in {src_name}.")
        sign = (tr_name, f"{tr_title}, authorisation no. {tr_no}")
    else:
        head = ("OVERSETTELSE", f"Oversatt fra {src_name} til norsk. Originaldokument: {orig}")
        cert = (f"Undertegnede, {tr_name}, {tr_title}, bekrefter at dette er en riktig og fullstendig oversettelse "
                f"av vedlagte originaldokument på {src_name}.")
        sign = (tr_name, f"{tr_title}, bevilling nr. {tr_no}")
    return head, cert, sign


def draw_tr_head(pdf, f):
    head, _, _ = translation_marks(f)
    pdf.t(15, 8, head[0], 9, "B", font="serif", color=(60, 60, 60))
    pdf.t(15, 12, head[1], 7.5, "I", font="serif", color=(60, 60, 60))
    pdf.line(15, 13.5, 195, 13.5)


def draw_tr_cert(pdf, f):
    _, cert, sign = translation_marks(f)
    pdf.set_draw_color(120, 120, 120)
    pdf.rect(15, 238, 180, 38)
    pdf.set_draw_color(0, 0, 0)
    wrap(pdf, 18, 241, 110, cert, 8, font="serif", style="I")
    pdf.t(18, 266, sign[0], 9, "B", font="serif")
    pdf.t(18, 270.5, sign[1], 8, font="serif")
    pdf.vstamp(sign[0].split()[-1].upper(), sign[1].split(",")[0], x=165, y=257, angle=-6, color=(30, 60, 160))


# ---------------------------------------------------------------- raster stamps
def stamp_font(size):
    return ImageFont.truetype(FONT_FILES[pick(np.random.default_rng(size), ["sans", "lsans", "serif"])][1], size)


def draw_stamp(img: Image.Image, text, sub, rng, color, center, scale):
    """Rubber stamp: double frame, bold caps, uneven ink, rotated."""
    fs = int(60 * scale)
    font = ImageFont.truetype(FONT_FILES[pick(rng, ["sans", "lsans", "serif", "cond"])][1], fs)
    sfont = ImageFont.truetype(FONT_FILES["sans"][1], int(fs * 0.42))
    tw = font.getbbox(text)[2]
    sw = sfont.getbbox(sub)[2] if sub else 0
    w = int(max(tw, sw) + fs * 0.9)
    h = int(fs * (1.7 if not sub else 2.35))
    layer = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(layer)
    lw = max(3, int(fs * 0.08))
    d.rounded_rectangle([lw, lw, w - lw, h - lw], radius=int(fs * 0.2), outline=255, width=lw)
    d.rounded_rectangle([3 * lw, 3 * lw, w - 3 * lw, h - 3 * lw], radius=int(fs * 0.12), outline=255, width=max(1, lw // 2))
    d.text(((w - tw) / 2, fs * 0.3), text, font=font, fill=255)
    if sub:
        d.text(((w - sw) / 2, fs * 1.3), sub, font=sfont, fill=255)
    angle = float(rng.uniform(-25, 25))
    layer = layer.rotate(angle, expand=True, resample=Image.BICUBIC)
    a = np.asarray(layer).astype(np.float32) / 255
    ink = rng.uniform(0.55, 1.0, a.shape).astype(np.float32)
    blotch = cv2.resize(rng.uniform(0.3, 1.0, (max(2, a.shape[0] // 25), max(2, a.shape[1] // 25))).astype(np.float32),
                        (a.shape[1], a.shape[0]))
    a = np.clip(a * ink * (0.4 + blotch) * rng.uniform(0.75, 0.95), 0, 1)
    a = cv2.GaussianBlur(a, (0, 0), 0.8)
    base = np.asarray(img.convert("RGB")).astype(np.float32)
    cx, cy = center
    x0, y0 = int(cx - a.shape[1] / 2), int(cy - a.shape[0] / 2)
    x0 = min(max(x0, 0), base.shape[1] - a.shape[1])
    y0 = min(max(y0, 0), base.shape[0] - a.shape[0])
    region = base[y0:y0 + a.shape[0], x0:x0 + a.shape[1]]
    col = np.array(color, np.float32)
    # multiply-blend: ink darkens paper and print alike
    region[:] = region * (1 - a[..., None]) + (region * col / 255) * a[..., None]
    return Image.fromarray(base.astype(np.uint8))


def render_pages(pdf_bytes, dpi):
    doc = pdfium.PdfDocument(pdf_bytes)
    out = [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(doc))]
    doc.close()
    return out


def apply_stamps(pages, stamps, rng):
    out = []
    for i, im in enumerate(pages):
        for s in stamps:
            if s.get("page", 0) == i and not s.get("vector"):
                W, H = im.size
                scale = W / 1650 * s.get("scale", 1.0)
                cx = W * s.get("x", rng.uniform(0.45, 0.7))
                cy = H * s.get("y", rng.uniform(0.15, 0.7))
                im = draw_stamp(im, s["text"], s.get("sub"), rng, s.get("color", (200, 30, 40)), (cx, cy), scale)
        out.append(im)
    return out


# ---------------------------------------------------------------- scanner
def scan_page(im: Image.Image, rng, flip=0) -> Image.Image:
    g = np.asarray(im.convert("L")).astype(np.float32)
    h, w = g.shape
    g = 255 - (255 - g) * rng.uniform(0.8, 1.0)  # toner density
    tone = cv2.resize(rng.uniform(0.93, 1.0, (6, 6)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    g = g * tone * rng.uniform(0.93, 0.99)
    angle = float(rng.choice([-1, 1]) * rng.uniform(0.5, 3.5))
    M = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    M[:, 2] += rng.uniform(-0.015, 0.015, 2) * [w, h]
    bg = float(rng.uniform(215, 250))
    g = cv2.warpAffine(g, M, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=bg)
    if rng.random() < 0.4:  # dark edge where the lid did not cover
        e = int(rng.uniform(0.005, 0.02) * w)
        g[:, :e] *= rng.uniform(0.2, 0.5)
    g = cv2.GaussianBlur(g, (0, 0), float(rng.uniform(0.5, 1.0)))
    g += rng.normal(0, rng.uniform(1.5, 3.5), g.shape).astype(np.float32)
    n = int(w * h * 2e-5)
    ys, xs = rng.integers(0, h, n), rng.integers(0, w, n)
    g[ys, xs] = rng.uniform(0, 90, n)
    out = Image.fromarray(np.clip(g, 0, 255).astype(np.uint8), "L")
    if flip:
        out = out.rotate(flip, expand=True)
    return out


def to_scan_pdf(pages, dpi, quality):
    buf = io.BytesIO()
    stamp = FIXED_TIME.utctimetuple()
    pages[0].save(buf, "PDF", resolution=dpi, quality=quality, save_all=True, append_images=pages[1:],
                  creationDate=stamp, modDate=stamp)
    return buf.getvalue()


def to_tiff(pages, dpi, mode, quality=65):
    buf = io.BytesIO()
    if mode == "g4":
        bw = [p.point(lambda v: 255 if v > 150 else 0).convert("1") for p in pages]
        bw[0].save(buf, "TIFF", compression="group4", dpi=(dpi, dpi), save_all=True, append_images=bw[1:])
    else:
        pages[0].save(buf, "TIFF", compression="jpeg", quality=quality, dpi=(dpi, dpi), save_all=True, append_images=pages[1:])
    return buf.getvalue()


# ---------------------------------------------------------------- phone photo
def _background(w, h, rng):
    kind = rng.integers(3)
    if kind == 0:  # wood
        base = np.array([rng.uniform(70, 120), rng.uniform(45, 75), rng.uniform(25, 45)], np.float32)
        ys = np.arange(h, dtype=np.float32)[:, None]
        xs = np.arange(w, dtype=np.float32)[None, :]
        warp = cv2.resize(rng.normal(0, 1, (8, 8)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC) * 30
        grain = np.sin((xs + warp) / rng.uniform(6, 14)) * 0.12 + np.sin((xs + 2 * warp) / 41) * 0.08
        tex = 1 + grain + rng.normal(0, 0.03, (h, w)).astype(np.float32)
        img = base[None, None, :] * tex[..., None]
        _ = ys
    elif kind == 1:  # grey desk / laminate
        base = np.full(3, rng.uniform(60, 110), np.float32) * np.array([1.0, 1.0, rng.uniform(1.0, 1.1)], np.float32)
        blot = cv2.resize(rng.normal(0, 1, (20, 20)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
        img = base[None, None, :] * (1 + 0.06 * blot[..., None] + rng.normal(0, 0.04, (h, w, 1)).astype(np.float32))
    else:  # fabric
        base = np.array([rng.uniform(30, 60), rng.uniform(40, 70), rng.uniform(60, 100)], np.float32)
        xs = np.arange(w)[None, :]
        ys = np.arange(h)[:, None]
        weave = ((xs // 3 + ys // 3) % 2).astype(np.float32) * 0.08
        img = base[None, None, :] * (1 + weave[..., None] + rng.normal(0, 0.05, (h, w, 1)).astype(np.float32))
    return img.astype(np.float32)


def photo(im: Image.Image, rng, long_side=2300, landscape=False, noise=(2.0, 3.5)) -> Image.Image:
    page = np.asarray(im.convert("RGB")).astype(np.float32)
    ph, pw = page.shape[:2]
    if rng.random() < 0.5:  # fold crease
        y = int(ph * rng.uniform(0.3, 0.7))
        prof = np.exp(-((np.arange(ph) - y) ** 2) / (2 * (ph * 0.004) ** 2))
        page *= (1 - 0.12 * prof)[:, None, None]
        page[y:, :] *= 0.97
    page *= np.array([1.0, rng.uniform(0.96, 0.99), rng.uniform(0.88, 0.95)], np.float32)  # warm indoor light
    aspect = ph / pw
    H = 2400
    W = int(H * (0.75 if aspect > 1.1 else 1.33))
    bg = _background(W, H, rng)
    fill = rng.uniform(0.72, 0.88)
    th = H * fill
    tw = th / aspect
    if tw > W * 0.9:
        tw = W * 0.9
        th = tw * aspect
    cx, cy = W / 2 + rng.uniform(-0.05, 0.05) * W, H / 2 + rng.uniform(-0.04, 0.04) * H
    rot = math.radians(rng.uniform(-6, 6))
    corners = np.array([[-tw / 2, -th / 2], [tw / 2, -th / 2], [tw / 2, th / 2], [-tw / 2, th / 2]])
    R = np.array([[math.cos(rot), -math.sin(rot)], [math.sin(rot), math.cos(rot)]])
    dst = corners @ R.T + [cx, cy]
    # perspective: the top edge further away (narrower), plus jitter
    k = rng.uniform(0.02, 0.08) * tw
    dst[0, 0] += k
    dst[1, 0] -= k
    dst += rng.uniform(-0.015, 0.015, dst.shape) * [W, H]
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    M = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    warped = cv2.warpPerspective(page, M, (W, H), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.ones((ph, pw), np.float32), M, (W, H))
    shadow = cv2.GaussianBlur(np.roll(mask, (int(H * 0.01), int(W * 0.008)), (0, 1)), (0, 0), 25)
    bg *= (1 - 0.55 * shadow[..., None])
    img = bg * (1 - mask[..., None]) + warped * mask[..., None]
    # uneven light: linear gradient + vignette + a soft shadow blob
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    a = rng.uniform(0, 2 * math.pi)
    grad = ((xx / W - 0.5) * math.cos(a) + (yy / H - 0.5) * math.sin(a))
    light = 1 + grad * rng.uniform(0.2, 0.45)
    r = np.sqrt(((xx - W / 2) / W) ** 2 + ((yy - H / 2) / H) ** 2)
    light *= 1 - rng.uniform(0.15, 0.35) * r ** 2 * 2
    if rng.random() < 0.5:
        bx, by = rng.uniform(0, W), rng.uniform(0, H)
        blob = np.exp(-(((xx - bx) / (W * 0.25)) ** 2 + ((yy - by) / (H * 0.25)) ** 2))
        light *= 1 - 0.25 * blob
    img *= light[..., None] * rng.uniform(0.9, 1.02)
    img = cv2.GaussianBlur(img, (0, 0), float(rng.uniform(0.8, 1.5)))
    img += rng.normal(0, rng.uniform(*noise), img.shape).astype(np.float32)
    out = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")
    scale = long_side / max(W, H)
    out = out.resize((int(W * scale), int(H * scale)), Image.LANCZOS)
    if landscape:
        out = out.rotate(90, expand=True)
    return out
