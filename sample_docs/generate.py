"""Deterministic generator of the sample claim packets in this folder.

Run: .venv/bin/python sample_docs/generate.py
Every claim is built from a spec below (documents, renderings, defects); the expected
findings are recomputed from the documents' expected fields with the same rules the
validators implement, and the run fails if they differ from what the spec intends, so
the ground truth cannot drift from the rules.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import sys
import zlib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
from PIL import Image  # noqa: E402

import gen_lang as G  # noqa: E402
import gen_render as R  # noqa: E402

RECEIVED = dt.date(2026, 11, 20)
SEED = 20261120
ACCEPTED = {"no", "da", "sv", "en"}
BLOCKING = {"TRANSLATION_MISSING", "ORIGINAL_MISSING", "DOCTOR_NAME_MISSING", "ITEMISED_INVOICE_MISSING",
            "PROOF_OF_PAYMENT_MISSING", "REFERRAL_MISSING"}
REVIEW = {"UNREADABLE_DOCUMENT", "AMOUNT_MISMATCH", "DEADLINE_EXCEEDED"}

VAT_RATE = {"no": 25, "da": 25, "sv": 25, "en": 20, "es": 21, "de": 19, "fr": 20, "pl": 23, "it": 22, "nl": 21,
            "pt": 23, "fi": 25.5, "el": 24}
IBAN_CC = {"no": "ES", "da": "DK", "sv": "SE", "en": "GB", "es": "ES", "de": "DE", "fr": "FR", "pl": "PL", "it": "IT",
           "nl": "NL", "pt": "PT", "fi": "FI", "el": "GR"}
COUNTRY_NO = {"Spania": "Spania", "España": "Spania", "Danmark": "Danmark", "Sverige": "Sverige",
              "United Kingdom": "Storbritannia", "Ireland": "Irland", "Malta": "Malta", "Deutschland": "Tyskland",
              "Österreich": "Østerrike", "France": "Frankrike", "Polska": "Polen", "Italia": "Italia",
              "Nederland": "Nederland", "Portugal": "Portugal", "Suomi": "Finland", "Ελλάδα": "Hellas"}
TRANSLATORS = {"en": [("Michael Grant", "certified translator", "CT-4471"), ("Laura Bennett", "sworn translator", "ST-2290")],
               "no": [("Hanne Aalborg", "statsautorisert translatør", "1187"), ("Erik Sunde", "statsautorisert translatør", "2043")]}
CLINIC_CURRENCY = {("en", 1): "EUR", ("en", 2): "EUR"}
Q2 = Decimal("0.01")


def D(x) -> Decimal:
    return Decimal(str(x)).quantize(Q2, ROUND_HALF_UP)


def add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    last = [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return dt.date(y, m, min(d.day, last))


# ---------------------------------------------------------------- claim specs
def INV(**o):
    return dict(kind="invoice", **o)


def REC(**o):
    return dict(kind="record", **o)


def RCPT(style, **o):
    return dict(kind="receipt", style=style, **o)


def REF(**o):
    return dict(kind="referral", **o)


def FORM(**o):
    return dict(kind="form", **o)


def COVER(**o):
    return dict(kind="cover", **o)


def BAD(how):
    return dict(kind="bad", how=how)


d = dt.date
# (lang, specialty, clinic index, options, documents, intended finding codes)
CLAIMS = [
    # ---------------- complete claims
    ("es", "dermatology", 0, {}, [REF(r="scan_pdf"), INV(r="scan_pdf", paid="stamp", tr="en", tr_r="born_digital"),
                                  REC(r="photo", tr="en", tr_r="scan_pdf")], []),
    ("de", "orthopaedics", 1, {}, [REF(r="born_digital"), INV(r="tiff", pages=2, tr="no", tr_r="born_digital"),
                                   RCPT("slip", r="photo")], []),
    ("sv", "general_practice", 0, {}, [INV(r="scan_pdf", vat="incl"), RCPT("slip", r="photo")], []),
    ("da", "general_practice", 0, {}, [INV(r="born_digital", paid="text"), REC(r="tiff", pages=2)], []),
    ("en", "cardiology", 0, {}, [REF(r="scan_pdf"), INV(r="born_digital", vat="incl"), RCPT("bank", r="born_digital", lang="no"),
                                 FORM(r="scan_pdf")], []),
    ("fr", "ophthalmology", 2, {}, [REF(r="photo"), INV(r="scan_pdf", tr="no", tr_r="born_digital"), RCPT("cash", r="photo")], []),
    ("pl", "general_practice", 0, {}, [INV(r="scan_pdf", paid="stamp", tr="en", tr_r="born_digital")], []),
    ("it", "ent", 2, {}, [REF(r="scan_pdf"), INV(r="tiff", pages=2, tr="en", tr_r="born_digital"),
                          REC(r="scan_pdf", tr="en", tr_r="born_digital"), RCPT("slip", r="photo")], []),
    ("nl", "neurology", 1, {}, [REF(r="born_digital"), INV(r="born_digital", tr="en", tr_r="scan_pdf"),
                                RCPT("bank", r="born_digital")], []),
    ("pt", "gynaecology", 1, {}, [REF(r="scan_pdf"), INV(r="scan_pdf", paid="stamp", tr="no", tr_r="born_digital"),
                                  COVER(r="born_digital")], []),
    ("fi", "general_practice", 0, {}, [INV(r="photo", tr="en", tr_r="born_digital"), RCPT("slip", r="photo_png")], []),
    ("el", "emergency", 0, {}, [INV(r="scan_pdf", tr="en", tr_r="born_digital"), RCPT("cash", r="photo")], []),
    ("no", "general_practice", 0, {}, [INV(r="born_digital", paid="vstamp")], []),
    ("en", "psychiatry", 1, {}, [REF(r="scan_pdf"), INV(r="scan_pdf"), RCPT("slip", r="photo"), FORM(r="born_digital")], []),
    ("de", "dermatology", 2, {}, [REF(r="scan_pdf"), INV(r="born_digital", vat="add", tr="en", tr_r="born_digital"),
                                  REC(r="scan_pdf", pages=2, tr="en", tr_r="born_digital"), RCPT("bank", r="born_digital")], []),
    ("sv", "cardiology", 1, {"treat": d(2026, 4, 20), "inv": d(2026, 6, 3)},
     [REF(r="scan_pdf"), INV(r="born_digital"), REC(r="scan_pdf"), RCPT("bank", r="born_digital", lang="no")], []),
    ("da", "ophthalmology", 1, {}, [REF(r="born_digital"), INV(r="born_digital", paid="text"), REC(r="scan_pdf", copy=True)], []),
    ("no", "orthopaedics", 2, {}, [REF(r="scan_pdf"), INV(r="tiff", pages=2), RCPT("slip", r="photo", lang="es")], []),
    ("pt", "orthopaedics", 0, {}, [REF(r="photo"), INV(r="born_digital", tr="en", tr_r="scan_pdf"), RCPT("slip", r="photo")], []),
    ("fi", "general_practice", 1, {}, [INV(r="tiff", pages=2, tr="en", tr_r="born_digital"), REC(r="scan_pdf", tr="en", tr_r="scan_pdf"),
                                       RCPT("bank", r="born_digital")], []),
    # ---------------- TRANSLATION_MISSING
    ("it", "orthopaedics", 1, {}, [REF(r="scan_pdf"), INV(r="born_digital", tr="en", tr_r="born_digital"), REC(r="photo"),
                                   RCPT("bank", r="born_digital", lang="no")], ["TRANSLATION_MISSING"]),
    ("pl", "cardiology", 1, {}, [REF(r="scan_pdf"), INV(r="photo"), RCPT("bank", r="born_digital")], ["TRANSLATION_MISSING"]),
    ("el", "dermatology", 2, {}, [REF(r="born_digital"), INV(r="scan_pdf", tr="en", tr_r="born_digital"), REC(r="scan_pdf"),
                                  RCPT("slip", r="photo")], ["TRANSLATION_MISSING"]),
    ("nl", "general_practice", 0, {}, [INV(r="tiff", pages=2)], ["TRANSLATION_MISSING", "PROOF_OF_PAYMENT_MISSING"]),
    ("pl", "general_practice", 0, {}, [INV(r="scan_pdf"), REC(r="scan_pdf", tr="en", tr_r="scan_pdf")],
     ["TRANSLATION_MISSING", "PROOF_OF_PAYMENT_MISSING"]),
    # ---------------- ORIGINAL_MISSING
    ("fr", "general_practice", 0, {}, [INV(tr="en", tr_r="born_digital", orig_missing=True), RCPT("slip", r="photo")],
     ["ORIGINAL_MISSING"]),
    ("de", "general_practice", 2, {}, [INV(r="scan_pdf", copy=True, tr="en", tr_r="born_digital"), RCPT("slip", r="photo")],
     ["ORIGINAL_MISSING"]),
    ("sv", "general_practice", 0, {}, [INV(r="born_digital"), RCPT("cash", r="scan_pdf", copy=True)], ["ORIGINAL_MISSING"]),
    ("pt", "ent", 1, {}, [REF(r="scan_pdf"), INV(r="scan_pdf", tr="en", tr_r="born_digital"),
                          REC(tr="en", tr_r="scan_pdf", orig_missing=True), RCPT("cash", r="photo")], ["ORIGINAL_MISSING"]),
    ("en", "general_practice", 2, {}, [INV(r="scan_pdf", copy=True), RCPT("slip", r="photo")], ["ORIGINAL_MISSING"]),
    # ---------------- DOCTOR_NAME_MISSING
    ("es", "general_practice", 1, {}, [INV(r="scan_pdf", no_doctor=True, tr="en", tr_r="born_digital"), RCPT("slip", r="photo")],
     ["DOCTOR_NAME_MISSING"]),
    ("da", "general_practice", 0, {}, [INV(r="born_digital", no_doctor=True), RCPT("bank", r="born_digital")],
     ["DOCTOR_NAME_MISSING"]),
    ("en", "dermatology", 0, {}, [REF(r="scan_pdf"), INV(r="photo", no_doctor=True), RCPT("slip", r="photo")],
     ["DOCTOR_NAME_MISSING"]),
    ("fi", "general_practice", 1, {}, [INV(r="scan_pdf", no_doctor=True, tr="en", tr_r="born_digital"), RCPT("slip", r="photo")],
     ["DOCTOR_NAME_MISSING"]),
    # ---------------- ITEMISED_INVOICE_MISSING
    ("it", "general_practice", 0, {}, [INV(r="scan_pdf", no_items=True, tr="en", tr_r="born_digital"), RCPT("slip", r="photo")],
     ["ITEMISED_INVOICE_MISSING"]),
    ("no", "general_practice", 1, {}, [REC(r="scan_pdf"), RCPT("slip", r="photo", lang="es")], ["ITEMISED_INVOICE_MISSING"]),
    ("de", "general_practice", 2, {}, [INV(r="born_digital", no_items=True, paid="vstamp", tr="en", tr_r="scan_pdf")],
     ["ITEMISED_INVOICE_MISSING"]),
    ("el", "general_practice", 1, {}, [REC(r="scan_pdf", tr="en", tr_r="born_digital"), RCPT("cash", r="photo", doctor=True)],
     ["ITEMISED_INVOICE_MISSING"]),
    # ---------------- PROOF_OF_PAYMENT_MISSING
    ("nl", "dermatology", 2, {}, [REF(r="scan_pdf"), INV(r="scan_pdf", tr="en", tr_r="born_digital")], ["PROOF_OF_PAYMENT_MISSING"]),
    ("sv", "ophthalmology", 2, {}, [REF(r="born_digital"), INV(r="tiff", pages=2), REC(r="photo")], ["PROOF_OF_PAYMENT_MISSING"]),
    ("en", "general_practice", 0, {}, [INV(r="born_digital"), REC(r="scan_pdf"), COVER(r="scan_pdf")], ["PROOF_OF_PAYMENT_MISSING"]),
    # ---------------- DEADLINE_EXCEEDED
    ("es", "cardiology", 2, {"treat": d(2026, 4, 2)}, [REF(r="scan_pdf"), INV(r="born_digital", tr="en", tr_r="born_digital"),
                                                       RCPT("slip", r="photo")], ["DEADLINE_EXCEEDED"]),
    ("da", "general_practice", 0, {"treat": d(2026, 2, 14)}, [INV(r="scan_pdf", paid="stamp")], ["DEADLINE_EXCEEDED"]),
    ("fi", "general_practice", 0, {"treat": d(2026, 3, 20), "inv": d(2026, 4, 15)},
     [INV(r="scan_pdf", tr="en", tr_r="born_digital"), RCPT("bank", r="born_digital")], ["DEADLINE_EXCEEDED"]),
    ("de", "neurology", 2, {"treat": d(2026, 1, 28)}, [REF(r="scan_pdf"), INV(r="tiff", pages=2, mismatch=True, tr="en", tr_r="born_digital"),
                                                       RCPT("bank", r="born_digital", lang="no")], ["DEADLINE_EXCEEDED", "AMOUNT_MISMATCH"]),
    # ---------------- AMOUNT_MISMATCH
    ("fr", "general_practice", 0, {}, [INV(r="scan_pdf", mismatch=True, tr="en", tr_r="born_digital"), RCPT("slip", r="photo")],
     ["AMOUNT_MISMATCH"]),
    ("pt", "general_practice", 0, {}, [INV(r="born_digital", tr="no", tr_r="born_digital"), RCPT("bank", r="scan_pdf", partial=True)],
     ["AMOUNT_MISMATCH"]),
    ("it", "cardiology", 0, {}, [REF(r="scan_pdf"), INV(r="scan_pdf", vat="add_wrong", tr="en", tr_r="born_digital"),
                                 RCPT("slip", r="photo")], ["AMOUNT_MISMATCH"]),
    ("en", "general_practice", 1, {}, [INV(r="born_digital"), RCPT("slip", r="photo", partial=True)], ["AMOUNT_MISMATCH"]),
    # ---------------- REFERRAL_MISSING
    ("de", "dermatology", 0, {}, [INV(r="scan_pdf", tr="en", tr_r="born_digital"), RCPT("slip", r="photo")], ["REFERRAL_MISSING"]),
    ("fr", "cardiology", 1, {}, [INV(r="born_digital", tr="en", tr_r="born_digital"), REC(r="scan_pdf", tr="en", tr_r="born_digital"),
                                 RCPT("bank", r="born_digital")], ["REFERRAL_MISSING"]),
    ("no", "psychiatry", 2, {}, [INV(r="scan_pdf"), RCPT("slip", r="photo", lang="es")], ["REFERRAL_MISSING"]),
    ("el", "orthopaedics", 2, {}, [INV(r="photo", tr="en", tr_r="born_digital"), RCPT("cash", r="photo")], ["REFERRAL_MISSING"]),
    # ---------------- UNREADABLE_DOCUMENT (extra bad file in an otherwise complete claim)
    ("en", "general_practice", 0, {}, [INV(r="scan_pdf"), RCPT("slip", r="photo"), BAD("empty")], ["UNREADABLE_DOCUMENT"]),
    ("sv", "general_practice", 0, {}, [INV(r="born_digital", paid="text"), BAD("truncated")], ["UNREADABLE_DOCUMENT"]),
    ("nl", "general_practice", 0, {}, [INV(r="scan_pdf", tr="en", tr_r="born_digital"), RCPT("bank", r="born_digital"),
                                       BAD("encrypted")], ["UNREADABLE_DOCUMENT"]),
    ("pl", "general_practice", 0, {}, [INV(r="born_digital", paid="text", tr="en", tr_r="born_digital"), BAD("text")],
     ["UNREADABLE_DOCUMENT"]),
]

SPEC_SHORT = {"general_practice": "gp"}

TITLE_WORD = {  # short document words used in born-digital file names
    "invoice": {"no": "faktura", "da": "faktura", "sv": "faktura", "en": "invoice", "es": "factura", "de": "rechnung",
                "fr": "facture", "pl": "faktura", "it": "fattura", "nl": "factuur", "pt": "fatura", "fi": "lasku", "el": "timologio"},
    "record": {"no": "journalnotat", "da": "journal", "sv": "journal", "en": "clinic_letter", "es": "informe", "de": "arztbrief",
               "fr": "compte_rendu", "pl": "karta_informacyjna", "it": "referto", "nl": "ontslagbrief", "pt": "relatorio",
               "fi": "lausunto", "el": "gnomateusi"},
}


# ---------------------------------------------------------------- building one claim
class Claim:
    def __init__(self, idx, lang, spec, clinic_idx, opts, docs, intended):
        self.idx = idx
        self.lang = lang
        self.spec = spec
        self.id = f"c{idx:03d}_{lang}_{SPEC_SHORT.get(spec, spec)}"
        self.rng = np.random.default_rng([SEED, zlib.crc32(self.id.encode())])
        rng = self.rng
        self.clinic = G.CLINICS[lang][clinic_idx]
        self.currency = CLINIC_CURRENCY.get((lang, clinic_idx), G.CURRENCY[lang])
        name, *rest = G.DOCTORS[lang][rng.integers(len(G.DOCTORS[lang]))]
        gender = rest[0]
        self.doctor_latin = rest[1] if len(rest) > 1 else name
        titles = G.TITLES[lang][0 if gender == "m" else 1]
        self.doctor = (R.pick(rng, titles), name)
        self.patient = G.PATIENTS[rng.integers(len(G.PATIENTS))]
        self.dob = d(int(rng.integers(1944, 2010)), int(rng.integers(1, 13)), int(rng.integers(1, 29)))
        self.treat = opts.get("treat") or d(2026, 6, 1) + dt.timedelta(days=int(rng.integers(0, 140)))
        self.inv_date = opts.get("inv") or self.treat
        self.docs_spec = docs
        self.intended = sorted(intended)
        self.files: list[tuple[str, bytes, dict]] = []
        self.scan_no = int(rng.integers(1, 80))
        self.iban = self._iban(IBAN_CC[lang])
        self.bic = "".join(rng.choice(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), 4)) + IBAN_CC[lang] + "2X"
        self._inv = None

    def _iban(self, cc):
        digits = "".join(str(x) for x in self.rng.integers(0, 10, 20))
        raw = cc + digits[:2] + digits[2:]
        return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))

    # -------------------------------------------- facts
    def base_facts(self, lang):
        rng = self.rng
        return dict(lang=lang, clinic=self.clinic, patient=self.patient, dob=self.dob, dvar=int(rng.integers(3)),
                    tstyle=R.pick(rng, ["num", "num", "long"]), mvar=int(rng.integers(3)), svar=int(rng.integers(2)),
                    currency=self.currency, iban=self.iban, bic=self.bic,
                    phone=f"+{int(rng.integers(30, 49))} {int(rng.integers(100, 999))} {int(rng.integers(100000, 999999))}")

    def invoice_facts(self, o):
        if self._inv:
            return self._inv
        rng, lang, cur = self.rng, self.lang, self.currency
        f = self.base_facts(lang)
        plan = G.PLAN[self.spec]
        n = int(rng.integers(2, len(plan) + 1))
        keys = [plan[0]] + list(rng.choice(plan[1:], n - 1, replace=False))
        rate = G.RATE[cur]
        items = []
        for k in keys:
            unit = G.PRICE[k] * rate * rng.uniform(0.85, 1.35)
            step = {"EUR": 0.5, "GBP": 5, "PLN": 10, "SEK": 10, "DKK": 25, "NOK": 10}[cur]
            unit = D(round(unit / step) * step)
            if k == "medication":
                unit = D(unit + D(rng.integers(1, 99)) / 100)
            qty = 2 if k == "psychotherapy" and rng.random() < 0.5 else 1
            items.append(dict(svc=k, code=self._code(lang, k), qty=qty, unit=unit, amount=D(unit * qty), date=self.treat))
        sub = sum((i["amount"] for i in items), Decimal(0))
        vat = None
        total = sub
        if o.get("vat") in ("add", "add_wrong"):
            r = VAT_RATE[lang]
            va = D(sub * Decimal(str(r)) / 100)
            vat = ("add", r, va)
            total = sub + va if o["vat"] == "add" else sub
        elif o.get("vat") == "incl":
            r = VAT_RATE[lang]
            vat = ("incl", r, D(sub * Decimal(str(r)) / (100 + Decimal(str(r)))))
        if o.get("mismatch"):
            total = total + D(items[-1]["amount"] * Decimal("0.5") if len(items) > 1 else 50)
        f.update(items=items, subtotal=sub, vat=vat, total=D(total), number=self._number(lang),
                 inv_date=self.inv_date, treat_date=self.treat, due_date=self.inv_date + dt.timedelta(days=int(rng.choice([14, 30]))),
                 doctor=None if o.get("no_doctor") else self.doctor, specialty=self.spec if self._print_spec() else None,
                 total_label=R.pick(rng, G.L[lang]["total"]), country_line=rng.random() < 0.5)
        if o.get("no_items"):
            f["items"] = []
        self._inv = f
        return f

    def _print_spec(self):
        return self.spec in G.SPECIALISTS or self.rng.random() < 0.5

    def _code(self, lang, k):
        rng = self.rng
        n = int(rng.integers(1, 999))
        return {"de": f"{int(rng.integers(1, 5860))}", "fr": "".join(rng.choice(list("ABCDEFGHJKLMNPQRSTVZ"), 4)) + f"{n:03d}",
                "pl": f"89.{int(rng.integers(0, 99)):02d}", "it": f"89.{int(rng.integers(1, 99)):02d}",
                "en": f"S{n:03d}", "no": f"T{n:03d}", "el": f"{n:04d}", "fi": f"AA{int(rng.integers(1, 9))}{n:02d}"[:6]}.get(
            lang, f"{lang.upper()}-{n:03d}" if lang in ("es", "pt") else f"{n:03d}")

    def _number(self, lang):
        rng = self.rng
        n = int(rng.integers(100, 9999))
        m = self.inv_date.month
        return {"es": f"F-2026/{n:04d}", "de": f"RE-2026-{n:05d}", "fr": f"FA2026-{n:04d}", "pl": f"FV/{n}/{m:02d}/2026",
                "it": f"{n}/2026", "nl": f"2026.{n:04d}", "pt": f"FR 2026/{n}", "fi": f"2026{n:04d}", "el": f"Α-{n}",
                "no": f"{10000 + n}", "da": f"2026-{n}", "sv": f"{n * 373 + 100000}", "en": f"INV-{n:06d}"}[lang]

    # -------------------------------------------- documents
    def build(self):
        counter = 0
        for spec in self.docs_spec:
            counter += 1
            k = spec["kind"]
            if k == "invoice":
                self.add_invoice(spec)
            elif k == "record":
                self.add_record(spec)
            elif k == "receipt":
                self.add_receipt(spec)
            elif k == "referral":
                self.add_referral(spec)
            elif k == "form":
                self.add_form(spec)
            elif k == "cover":
                self.add_cover(spec)
            elif k == "bad":
                self.add_bad(spec)

    def fname(self, render, kind, lang, suffix=""):
        rng = self.rng
        self.scan_no += int(rng.integers(1, 4))
        day = int(rng.integers(3, 19))
        n = self.scan_no
        if render in ("scan_pdf",):
            name = R.pick(rng, [f"scan_202611{day:02d}_{n:04d}.pdf", f"Scan{n:03d}.pdf", f"doc{n + 4400:05d}.pdf",
                                f"SKM_C25826111{day % 10}_{n:04d}.pdf"])
        elif render == "tiff":
            name = R.pick(rng, [f"scan_{n:04d}.tif", f"IMG{n:04d}.tiff"])
        elif render == "photo":
            hh, mm, ss = int(rng.integers(8, 22)), int(rng.integers(0, 60)), int(rng.integers(0, 60))
            name = R.pick(rng, [f"IMG_202611{day:02d}_{hh:02d}{mm:02d}{ss:02d}.jpg",
                                f"20261{int(rng.integers(0, 2))}{day:02d}_{hh:02d}{mm:02d}{ss:02d}.jpg",
                                f"WhatsApp Image 2026-11-{day:02d} at {hh}.{mm:02d}.{ss:02d}.jpeg"])
        elif render == "photo_png":
            name = f"Screenshot_202611{day:02d}-{n:04d}.png"
        elif render == "bad":
            name = R.pick(rng, [f"vedlegg_{n}.pdf", f"scan_{n:04d}.pdf", f"dokument{n}.pdf"])
        else:
            name = f"{kind}{suffix}.pdf".replace("Α", "A")
            name = "".join(ch if ch.isascii() else "_" for ch in name)
        taken = {f[0] for f in self.files}
        while name in taken:
            name = name.replace(".", "_2.", 1)
        return name

    def emit(self, pdf_bytes, render, kind_word, lang, exp, stamps=(), pages_hint=None, suffix=""):
        rng = self.rng
        name = self.fname(render, kind_word, lang, suffix)
        data, pages = materialise(pdf_bytes, render, rng, list(stamps))
        exp = dict(file=name, render="photo" if render == "photo_png" else render, pages=pages, **exp)
        self.files.append((name, data, exp))
        return name

    def add_invoice(self, o):
        rng = self.rng
        f = dict(self.invoice_facts(o))
        lang = self.lang
        lab = G.L[lang]
        stamps = []
        paid = o.get("paid")
        pay_date = None
        if paid == "text":
            f["paid_text_date"] = self.inv_date
            pay_date = self.inv_date
        elif paid in ("stamp", "vstamp"):
            sub = None
            if rng.random() < 0.6:
                pay_date = self.inv_date
                sub = R.fmt_date(pay_date, lang, "num", f["dvar"])
            stamps.append(dict(text=lab["paid_word"], sub=sub, color=R.pick(rng, [(200, 30, 40), (30, 60, 170)]),
                               vector=(paid == "vstamp" or o.get("r") == "born_digital"), y=rng.uniform(0.5, 0.7), x=rng.uniform(0.55, 0.7)))
        if o.get("copy"):
            stamps.append(dict(text=lab["copy_word"] if lang != "en" else R.pick(rng, ["COPY", "DUPLICATE"]),
                               color=(30, 60, 170), y=0.1, x=0.7, scale=0.8))
        render = o.get("r", "scan_pdf")
        pdf = None
        orig_name = None
        title = R.pick(rng, lab["invoice"])
        f["title"] = title
        items = [dict(description=G.SERVICES[i["svc"]][lang], amount=str(i["amount"])) for i in f["items"]]
        exp = dict(doc_type="invoice", language=lang, is_copy=bool(o.get("copy")), is_translation=False, translation_of=None,
                   doctor_name=f["doctor"][1] if f["doctor"] else None,
                   dates=dict(treatment=f["treat_date"].isoformat(), invoice=f["inv_date"].isoformat(),
                              payment=pay_date.isoformat() if pay_date else None),
                   currency=self.currency, total=str(f["total"]), line_items=items, invoice_number=f["number"],
                   marked_paid=bool(paid), specialty=f["specialty"])
        if not o.get("orig_missing"):
            vector = [s for s in stamps if s.get("vector") or render == "born_digital"]
            pdf = R.invoice_pdf(f, rng, extra_page=o.get("pages") == 2, stamp=dict(vector[0], vector=True) if vector else None)
            if vector and len(vector) > 1:
                raise ValueError("one vector stamp per born-digital invoice")
            raster = [s for s in stamps if s not in vector]
            orig_name = self.emit(pdf, render, TITLE_WORD["invoice"][lang], lang, exp, raster,
                                  suffix="_" + f["number"].replace("/", "-").replace(" ", "_"))
        if o.get("tr"):
            self.add_translation(f, o, "invoice", orig_name, title)

    def add_translation(self, f, o, kind, orig_name, orig_title):
        rng = self.rng
        tl = o["tr"]
        t = dict(f)
        t.update(lang=tl, src_lang=self.lang, translator=TRANSLATORS[tl][int(rng.integers(2))], orig_title=orig_title,
                 dvar=int(rng.integers(3)), tstyle=R.pick(rng, ["num", "long"]), mvar=int(rng.integers(2)), svar=1,
                 paid_text_date=None, title=None)
        if t.get("doctor"):
            t["doctor"] = (R.pick(rng, G.TITLES[tl][0]), self.doctor_latin)
        if self.clinic[0] in G.CLINIC_LATIN:
            c = list(self.clinic)
            c[0] = G.CLINIC_LATIN[c[0]]
            t["clinic"] = tuple(c)
        if kind == "invoice":
            t["total_label"] = R.pick(rng, G.L[tl]["total"])
            pdf = R.invoice_pdf(t, rng, layout=R.pick(rng, ["compact", "ruled", "serif"]))
            items = [dict(description=G.SERVICES[i["svc"]][tl], amount=str(i["amount"])) for i in t["items"]]
            exp = dict(doc_type="translation", language=tl, is_copy=False, is_translation=True, translation_of=orig_name,
                       doctor_name=t["doctor"][1] if t.get("doctor") else None,
                       dates=dict(treatment=t["treat_date"].isoformat(), invoice=t["inv_date"].isoformat(), payment=None),
                       currency=self.currency, total=str(t["total"]), line_items=items, invoice_number=t["number"],
                       marked_paid=False, specialty=t["specialty"])
        else:
            t["number"] = None
            pdf = R.record_pdf(t, rng, layout="form")
            exp = dict(doc_type="translation", language=tl, is_copy=False, is_translation=True, translation_of=orig_name,
                       doctor_name=t["doctor"][1] if t.get("doctor") else None,
                       dates=dict(treatment=t["treat_date"].isoformat(), invoice=None, payment=None),
                       currency=None, total=None, line_items=[], invoice_number=None, marked_paid=False,
                       specialty=t["specialty"])
        word = {"en": "translation_", "no": "oversettelse_"}[tl] + ({"invoice": "invoice", "record": "record"}[kind] if tl == "en"
                                                                     else {"invoice": "faktura", "record": "journal"}[kind])
        self.emit(pdf, o.get("tr_r", "born_digital"), word, tl, exp)

    def add_record(self, o):
        rng = self.rng
        lang = self.lang
        f = self.base_facts(lang)
        f.update(treat_date=self.treat, doctor=None if o.get("no_doctor") else self.doctor, diag=self.spec,
                 specialty=self.spec if self._print_spec() else None)
        title = R.pick(rng, G.L[lang]["rec_title"])
        f["title"] = title
        render = o.get("r", "scan_pdf")
        stamps = []
        if o.get("copy"):
            stamps.append(dict(text=G.L[lang]["copy_word"], color=(30, 60, 170), y=0.08, x=0.75, scale=0.8))
        exp = dict(doc_type="medical_record", language=lang, is_copy=bool(o.get("copy")), is_translation=False, translation_of=None,
                   doctor_name=f["doctor"][1] if f["doctor"] else None,
                   dates=dict(treatment=self.treat.isoformat(), invoice=None, payment=None), currency=None, total=None,
                   line_items=[], invoice_number=None, marked_paid=False, specialty=f["specialty"])
        name = None
        if not o.get("orig_missing"):
            pdf = R.record_pdf(f, rng, extra_page=o.get("pages") == 2,
                               stamp=dict(stamps[0], vector=True) if stamps and render == "born_digital" else None)
            name = self.emit(pdf, render, TITLE_WORD["record"][lang], lang, exp, stamps if render != "born_digital" else [])
        if o.get("tr"):
            self.add_translation(f, o, "record", name, title)

    def add_receipt(self, o):
        rng = self.rng
        lang = o.get("lang", self.lang)
        inv = self.invoice_facts({}) if self._inv is None else self._inv
        f = self.base_facts(lang)
        amount = inv["total"]
        if o.get("partial"):
            amount = D(amount * Decimal("0.5"))
        style = o["style"]
        if style == "bank":
            pay = self.inv_date + dt.timedelta(days=int(rng.integers(2, 12)))
        else:
            pay = self.treat
        f.update(amount=amount, pay_date=pay, time=f"{int(rng.integers(8, 19)):02d}:{int(rng.integers(0, 60)):02d}",
                 tid=f"{int(rng.integers(10 ** 7, 10 ** 8))}", bax=f"{int(rng.integers(10 ** 5, 10 ** 6))}",
                 card_brand=R.pick(rng, ["VISA", "MASTERCARD", "VISA DEBIT"]), card4=f"{int(rng.integers(1000, 9999))}",
                 auth=f"{int(rng.integers(100000, 999999))}", ref=f"{int(rng.integers(10 ** 8, 10 ** 9))}",
                 payer_account=("1503 44 " + f"{int(rng.integers(10000, 99999))}") if lang == "no" else self._iban(IBAN_CC[lang]),
                 message=R.pick(rng, [self.patient[0], f"{G.L[self.lang]['patient'][0]} {self.patient[0].split()[-1]}"]),
                 purpose=G.SERVICES[G.PLAN[self.spec][0]][lang], doctor=self.doctor if o.get("doctor") else None)
        pdf = {"slip": R.slip_pdf, "bank": R.bank_pdf, "cash": R.cash_pdf}[style](f, rng)
        stamps = []
        if o.get("copy"):
            stamps.append(dict(text=G.L[lang]["copy_word"], color=(200, 30, 40), y=0.3, x=0.6, scale=0.9))
        exp = dict(doc_type="receipt", language=lang, is_copy=bool(o.get("copy")), is_translation=False, translation_of=None,
                   doctor_name=self.doctor[1] if o.get("doctor") else None,
                   dates=dict(treatment=None, invoice=None, payment=pay.isoformat()), currency=self.currency, total=str(amount),
                   line_items=[], invoice_number=None, marked_paid=False, specialty=None)
        word = {"slip": "kvittering_kort", "bank": "betalingsbekreftelse" if lang == "no" else f"payment_{lang}", "cash": "receipt"}[style]
        self.emit(pdf, o.get("r", "photo"), word, lang, exp, stamps)

    def add_referral(self, o):
        rng = self.rng
        gp = G.GPS[int(rng.integers(len(G.GPS)))]
        ref_date = self.treat - dt.timedelta(days=int(rng.integers(10, 60)))
        f = dict(gp=gp, patient=self.patient, fnr=self.fnr(), ref_date=ref_date, specialty=self.spec, hpr=str(int(rng.integers(10 ** 6, 10 ** 7))))
        pdf = R.referral_pdf(f, rng)
        exp = dict(doc_type="referral", language="no", is_copy=False, is_translation=False, translation_of=None, doctor_name=None,
                   dates=dict(treatment=None, invoice=None, payment=None), currency=None, total=None, line_items=[],
                   invoice_number=None, marked_paid=False, specialty=self.spec)
        self.emit(pdf, o.get("r", "scan_pdf"), "henvisning", "no", exp)

    def fnr(self):
        return self.dob.strftime("%d%m%y") + f"{int(self.rng.integers(10000, 99999))}"

    def add_form(self, o):
        rng = self.rng
        f = dict(patient=self.patient, fnr=self.fnr(), phone=f"9{int(rng.integers(1000000, 9999999))}",
                 country=COUNTRY_NO[self.clinic[3]], treat_date=self.treat,
                 kind="Spesialisthelsetjeneste" if self.spec in G.SPECIALISTS else "Allmennlegehjelp",
                 n_att=len(self.docs_spec) - 1, account=f"1503 {int(rng.integers(10, 99))} {int(rng.integers(10000, 99999))}",
                 sign_date=d(2026, 11, int(rng.integers(5, 18))))
        pdf = R.claim_form_pdf(f, rng)
        exp = dict(doc_type="claim_form", language="no", is_copy=False, is_translation=False, translation_of=None, doctor_name=None,
                   dates=dict(treatment=self.treat.isoformat(), invoice=None, payment=None), currency=None, total=None,
                   line_items=[], invoice_number=None, marked_paid=False, specialty=None)
        self.emit(pdf, o.get("r", "scan_pdf"), "soknad_refusjon", "no", exp)

    def add_cover(self, o):
        rng = self.rng
        f = dict(patient=self.patient, sign_date=d(2026, 11, int(rng.integers(5, 18))))
        pdf = R.cover_pdf(f, rng)
        exp = dict(doc_type="other", language="no", is_copy=False, is_translation=False, translation_of=None, doctor_name=None,
                   dates=dict(treatment=None, invoice=None, payment=None), currency=None, total=None, line_items=[],
                   invoice_number=None, marked_paid=False, specialty=None)
        self.emit(pdf, o.get("r", "born_digital"), "folgebrev", "no", exp)

    def add_bad(self, o):
        rng = self.rng
        how = o["how"]
        if how == "empty":
            data = b""
        elif how == "truncated":
            full = R.invoice_pdf(dict(self.invoice_facts({}), title=None), rng)
            data = full[: int(len(full) * 0.45)]
        elif how == "encrypted":
            pdf = R.Pdf()
            pdf.base = "sans"
            pdf.set_encryption(owner_password="clinic-owner", user_password=f"{self.dob:%d%m%y}")
            pdf.add_page()
            pdf.t(15, 30, self.clinic[0], 14, "B")
            pdf.t(15, 40, G.L[self.lang]["rec_title"][0], 12)
            data = bytes(pdf.output())
        else:
            data = ("From: " + self.patient[0].lower().replace(" ", ".") + "@example.no\nTo: post@helfo.example\n"
                    "Subject: Vedlegg til soknad\n\nHei, her kommer kvitteringen fra legen. Mvh\n").encode()
        name = self.fname("bad", "bad", self.lang)
        exp = dict(file=name, render="bad", pages=0, doc_type="other", language=None, is_copy=False, is_translation=False,
                   translation_of=None, doctor_name=None, dates=dict(treatment=None, invoice=None, payment=None), currency=None,
                   total=None, line_items=[], invoice_number=None, marked_paid=False, specialty=None)
        self.files.append((name, data, exp))


def materialise(pdf_bytes, render, rng, stamps):
    """Turn a clean PDF into the requested rendering; returns (bytes, page count)."""
    if render == "born_digital":
        doc = pdfium.PdfDocument(pdf_bytes)
        n = len(doc)
        doc.close()
        return pdf_bytes, n
    if render == "scan_pdf":
        dpi = int(rng.choice([200, 200, 200, 240, 300]))
        pages = R.apply_stamps(R.render_pages(pdf_bytes, dpi), stamps, rng)
        flips = [0] * len(pages)
        if rng.random() < 0.2:
            flips[int(rng.integers(len(pages)))] = int(rng.choice([90, 180, 270]))
        out = [R.scan_page(p, rng, fl) for p, fl in zip(pages, flips)]
        return R.to_scan_pdf(out, dpi, int(rng.integers(45, 62))), len(out)
    if render == "tiff":
        dpi = int(rng.choice([200, 300]))
        pages = R.apply_stamps(R.render_pages(pdf_bytes, dpi), stamps, rng)
        if len(pages) != 2:
            raise ValueError("TIFF samples are two-page documents")
        out = [R.scan_page(p, rng) for p in pages]
        mode = "g4" if dpi == 300 else "jpeg"
        return R.to_tiff(out, dpi, mode), len(out)
    if render in ("photo", "photo_png"):
        pages = R.apply_stamps(R.render_pages(pdf_bytes, 170 if not _narrow(pdf_bytes) else 260), stamps, rng)
        if render == "photo":
            img = R.photo(pages[0], rng, long_side=int(rng.integers(2000, 2500)))
        else:
            img = R.photo(pages[0], rng, long_side=2000, noise=(0.6, 1.0))
        buf = io.BytesIO()
        if render == "photo":
            img.save(buf, "JPEG", quality=int(rng.integers(70, 84)))
        else:
            img.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(buf, "PNG", optimize=True)
        return buf.getvalue(), 1
    raise ValueError(render)


def _narrow(pdf_bytes):
    doc = pdfium.PdfDocument(pdf_bytes)
    w = doc[0].get_width()
    doc.close()
    return w < 300


# ---------------------------------------------------------------- the rules, as ground truth
def findings(docs: list[dict]) -> list[dict]:
    out = []
    files = {x["file"] for x in docs}
    good = [x for x in docs if x["render"] != "bad"]
    translated = {x["translation_of"] for x in good if x["is_translation"]}
    for x in good:
        if x["doc_type"] in ("invoice", "medical_record", "referral", "other") and x["language"] not in ACCEPTED \
                and x["file"] not in translated:
            out.append(("TRANSLATION_MISSING", x["file"]))
    for x in good:
        if x["is_translation"] and (x["translation_of"] is None or x["translation_of"] not in files):
            out.append(("ORIGINAL_MISSING", x["file"]))
    for kind in ("invoice", "receipt"):
        of_kind = [x for x in good if x["doc_type"] == kind]
        if len(of_kind) == 1 and of_kind[0]["is_copy"]:
            out.append(("ORIGINAL_MISSING", of_kind[0]["file"]))
    if not any(x["doctor_name"] for x in good if x["doc_type"] in ("invoice", "medical_record", "receipt", "translation")):
        out.append(("DOCTOR_NAME_MISSING", None))
    if not any(x["line_items"] for x in good if x["doc_type"] in ("invoice", "translation")):
        out.append(("ITEMISED_INVOICE_MISSING", None))
    invoices = [x for x in good if x["doc_type"] == "invoice"]
    receipts = [x for x in good if x["doc_type"] == "receipt"]
    if not receipts and not any(x["marked_paid"] for x in invoices):
        out.append(("PROOF_OF_PAYMENT_MISSING", None))
    limit = add_months(RECEIVED, -6)
    deadline_docs = invoices or [x for x in good if x["doc_type"] == "medical_record"]
    for x in deadline_docs:
        t = x["dates"]["treatment"] and dt.date.fromisoformat(x["dates"]["treatment"])
        i = x["dates"]["invoice"] and dt.date.fromisoformat(x["dates"]["invoice"])
        start = max(v for v in (t, i) if v) if (t or i) else None
        if start and start < limit:
            out.append(("DEADLINE_EXCEEDED", x["file"]))
    paid = sum((Decimal(x["total"]) for x in receipts if x["total"]), Decimal(0))
    for x in invoices:
        if not x["line_items"]:
            continue
        s = sum(Decimal(i["amount"]) for i in x["line_items"])
        vat = x.get("_vat_added") or Decimal(0)
        if s + vat != Decimal(x["total"]) or (receipts and paid < Decimal(x["total"])):
            out.append(("AMOUNT_MISMATCH", x["file"]))
    specialist = any(x["specialty"] in G.SPECIALISTS for x in good if x["doc_type"] in ("invoice", "medical_record"))
    if specialist and not any(x["doc_type"] == "referral" and x["language"] == "no" for x in good):
        out.append(("REFERRAL_MISSING", None))
    for x in docs:
        if x["render"] == "bad":
            out.append(("UNREADABLE_DOCUMENT", x["file"]))
    return [dict(code=c, document=f) for c, f in out]


def status(codes):
    if set(codes) & BLOCKING:
        return "incomplete"
    if set(codes) & REVIEW:
        return "needs_review"
    return "ready"


def main():
    out_dir = HERE
    for p in out_dir.iterdir():
        if p.is_dir() and p.name[:1] == "c" and p.name[1:4].isdigit():
            shutil.rmtree(p)
    ids = []
    for n, (lang, spec, ci, opts, docs, intended) in enumerate(CLAIMS, start=1):
        c = Claim(n, lang, spec, ci, opts, docs, intended)
        c.build()
        folder = out_dir / c.id
        folder.mkdir()
        exps = []
        for name, data, exp in c.files:
            (folder / name).write_bytes(data)
            exps.append(exp)
        # VAT added on top is a fact the amount rule needs; it is printed on the invoice
        inv_vat = c._inv["vat"] if c._inv else None
        for e in exps:
            e["_vat_added"] = inv_vat[2] if inv_vat and inv_vat[0] == "add" and e["doc_type"] == "invoice" else None
        found = findings(exps)
        for e in exps:
            e.pop("_vat_added")
            (folder / (e["file"] + ".expected.json")).write_text(json.dumps(e, ensure_ascii=False, indent=2) + "\n")
        codes = sorted({f["code"] for f in found})
        if codes != c.intended:
            raise SystemExit(f"{c.id}: findings {codes} differ from intended {c.intended}: {found}")
        claim = dict(claim_id=c.id, received_date=RECEIVED.isoformat(), status=status(codes), findings=found)
        (folder / "claim.expected.json").write_text(json.dumps(claim, ensure_ascii=False, indent=2) + "\n")
        ids.append(c.id)
        print(f"{c.id:32s} {claim['status']:13s} {len(exps)} docs {codes}", flush=True)
    (out_dir / "manifest.json").write_text(json.dumps(dict(received_date=RECEIVED.isoformat(), claims=ids), indent=2) + "\n")


if __name__ == "__main__":
    main()
