"""The held-out generator writes packets `claim-intake eval` can score, and its ground
truth is self-consistent: every document has an expected file, items add up where the
claim is meant to be consistent, translations point at their originals, and the
expected findings follow the rules."""

from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from claim_intake.evaluate import load_expected, received_date
from heldout import generate as G

RECEIVED = dt.date(2026, 11, 20)
DOC_KEYS = {"file", "render", "pages", "doc_type", "language", "is_copy", "is_translation", "translation_of",
            "doctor_name", "dates", "currency", "total", "line_items", "invoice_number", "marked_paid", "specialty"}


@pytest.fixture(scope="module")
def born_digital(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("heldout")
    G.generate(out, seed=7, claims=3, received=RECEIVED, only_render="born_digital")
    return out


def test_every_document_has_expected_json_in_the_eval_format(born_digital: Path) -> None:
    claims, docs = load_expected(born_digital)
    assert len(claims) == 3
    assert received_date(born_digital) == RECEIVED.isoformat()
    for folder in (born_digital / cid for cid in claims):
        files = {p.name for p in folder.iterdir() if not p.name.endswith(".expected.json")}
        assert 2 <= len(files) <= 5
        assert files == {file for (cid, file) in docs if cid == folder.name}
        for f in files:
            exp = json.loads((folder / f"{f}.expected.json").read_text(encoding="utf-8"))
            assert DOC_KEYS <= exp.keys()
            assert set(exp["dates"]) == {"treatment", "invoice", "payment"}
            assert exp["is_translation"] == (exp["doc_type"] == "translation")
            assert exp["language"] in G.LANGS


def test_items_add_up_unless_the_claim_expects_a_mismatch(born_digital: Path) -> None:
    claims, docs = load_expected(born_digital)
    for (cid, file), exp in docs.items():
        raw = json.loads((born_digital / cid / f"{file}.expected.json").read_text(encoding="utf-8"))
        if not raw["line_items"] or raw["total"] is None:
            continue
        flagged = {f.document for f in claims[cid].findings if f.code == "AMOUNT_MISMATCH"}
        items = sum(Decimal(i["amount"]) for i in raw["line_items"])
        total = Decimal(raw["total"])
        adds_up = items == total or (raw["vat"] is not None and items + Decimal(raw["vat"]) == total)
        assert adds_up or file in flagged or raw["translation_of"] in flagged


def test_translations_repeat_their_originals_facts(born_digital: Path) -> None:
    _, docs = load_expected(born_digital)
    for (cid, file), exp in docs.items():
        if exp.translation_of:
            orig = docs[(cid, exp.translation_of)]
            assert orig.language not in G.ACCEPTED and exp.language in {"en", "no"}
            doctor = G.greek_to_latin(orig.doctor_name) if orig.language == "el" and orig.doctor_name else orig.doctor_name
            assert (exp.total, exp.dates["treatment"], exp.doctor_name) == (orig.total, orig.dates["treatment"], doctor)


def test_text_layer_holds_the_facts_in_their_own_script(born_digital: Path) -> None:
    """Born-digital PDFs embed TTF fonts, so Greek and Polish letters come back as text."""
    _, docs = load_expected(born_digital)
    checked = 0
    for (cid, file), exp in docs.items():
        raw = json.loads((born_digital / cid / f"{file}.expected.json").read_text(encoding="utf-8"))
        with pdfplumber.open(born_digital / cid / file) as pdf:
            text = "\n".join(p.extract_text() or "" for p in pdf.pages)
            assert len(pdf.pages) == exp.pages
        if raw["invoice_number"] and exp.doc_type == "invoice":
            assert raw["invoice_number"] in text
            checked += 1
        if exp.doctor_name and exp.doc_type in ("invoice", "medical_record"):
            assert exp.doctor_name in text
    assert checked


def test_a_greek_name_is_spelt_in_latin_letters_in_a_translation() -> None:
    assert G.greek_to_latin("Κωνσταντίνος Παπαδόπουλος") == "Konstantinos Papadopoulos"
    assert G.greek_to_latin("Ελένη Αντωνίου") == "Eleni Antoniou"


def test_same_seed_same_set(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        G.generate(out, seed=3, claims=2, received=RECEIVED, only_render="born_digital")
    expected = sorted(p.relative_to(a) for p in a.rglob("*.expected.json"))
    assert expected == sorted(p.relative_to(b) for p in b.rglob("*.expected.json"))
    assert all((a / p).read_bytes() == (b / p).read_bytes() for p in expected)


def test_each_rendering_writes_a_readable_file(tmp_path: Path) -> None:
    rng = random.Random(5)
    claim_id, docs = G.build_claim(rng, 0, "el", "dermatology", "ready", RECEIVED)
    doc, pdf = docs[0]
    for render, check in (("scanned_pdf", "pdf"), ("tiff", "tiff"), ("photo", "jpeg")):
        path = tmp_path / f"x.{check}"
        pages = G.write_rendered(path, pdf, render, rng)
        assert pages == doc.pages or render == "photo"
        if check == "pdf":
            with pdfplumber.open(path) as p:
                assert not (p.pages[0].extract_text() or "").strip()  # image only, like a scan
                assert p.pages[0].images
        else:
            with Image.open(path) as im:
                assert im.format == {"tiff": "TIFF", "jpeg": "JPEG"}[check]
                assert min(im.size) > 800


@pytest.mark.parametrize(("scenario", "lang", "specialty", "code"), [
    ("translation_missing", "pl", "gp", "TRANSLATION_MISSING"),
    ("original_missing_translation", "it", "gp", "ORIGINAL_MISSING"),
    ("original_missing_copy", "sv", "gp", "ORIGINAL_MISSING"),
    ("doctor_missing", "fr", "gp", "DOCTOR_NAME_MISSING"),
    ("itemised_missing", "de", "gp", "ITEMISED_INVOICE_MISSING"),
    ("proof_missing", "nl", "gp", "PROOF_OF_PAYMENT_MISSING"),
    ("deadline", "es", "gp", "DEADLINE_EXCEEDED"),
    ("amount_items", "fi", "gp", "AMOUNT_MISMATCH"),
    ("amount_payment", "pt", "gp", "AMOUNT_MISMATCH"),
    ("referral_missing", "da", "cardiology", "REFERRAL_MISSING"),
])
def test_a_broken_claim_expects_its_finding_and_status(scenario: str, lang: str, specialty: str, code: str) -> None:
    _, docs = G.build_claim(random.Random(11), 0, lang, specialty, scenario, RECEIVED)
    findings = G.expected_findings([d for d, _ in docs], RECEIVED)
    assert code in {f["code"] for f in findings}
    want = "needs_review" if {f["code"] for f in findings} <= G.REVIEW else "incomplete"
    assert G.claim_status(findings) == want


@pytest.mark.parametrize("seed", range(2))
def test_a_complete_claim_expects_no_finding(seed: int) -> None:
    for lang, specialty in (("es", "orthopaedics"), ("no", "gp"), ("el", "ent")):
        _, docs = G.build_claim(random.Random(seed), 0, lang, specialty, "ready", RECEIVED)
        assert G.expected_findings([d for d, _ in docs], RECEIVED) == []
        assert 2 <= len(docs) <= 5


def test_invoiced_later_runs_the_deadline_from_the_invoice_date() -> None:
    """Treated over six months ago but invoiced within six months: in time (RULES.md)."""
    for seed in range(2):
        _, docs = G.build_claim(random.Random(seed), 0, "no", "gp", "invoiced_later", RECEIVED)
        inv = next(d for d, _ in docs if d.doc_type == "invoice")
        assert dt.date.fromisoformat(inv.dates["treatment"]) < G._add_months(RECEIVED, -6)
        assert "DEADLINE_EXCEEDED" not in {f["code"] for f in G.expected_findings([d for d, _ in docs], RECEIVED)}


def test_customer_copy_on_a_card_slip_is_not_a_copy() -> None:
    for seed in range(10):
        _, docs = G.build_claim(random.Random(seed), 0, "es", "gp", "ready", RECEIVED)
        for d, _ in docs:
            if d.kind == "slip":
                assert d.is_copy is False
                return
    pytest.fail("no card slip in ten claims")


def test_variety_widens_the_vocabulary_and_off_restores_the_old_sets(tmp_path: Path) -> None:
    """`--no-variety` must reproduce the seeds made before the variety, even after a varied run."""
    runs = {}
    for name, variety in (("old", False), ("wide", True), ("old_again", False)):
        G.generate(tmp_path / name, seed=4, claims=3, received=RECEIVED, only_render="born_digital", variety=variety)
        runs[name] = {p.relative_to(tmp_path / name): p.read_bytes() for p in (tmp_path / name).rglob("*.expected.json")}
    assert runs["old"] == runs["old_again"]
    assert runs["old"] != runs["wide"]
    G.VOC.set_variety(True)
    assert "Leistungsdatum" in G.VOC.V["de"]["visit"] and "Datum der Behandlung" in G.VOC.V["de"]["visit"]
    G.VOC.set_variety(False)
    assert "Datum der Behandlung" not in G.VOC.V["de"]["visit"] and "doctor_label" not in G.VOC.V["de"]


@pytest.mark.parametrize("style,lang,text", [("d/m/y", "es", "3/3/2026"), ("d-m-y", "nl", "3-3-2026"),
                                             ("abbr", "en", "3 Mar 2026"), ("abbr", "de", "3. März 2026")])
def test_variety_date_styles(style, lang, text) -> None:
    G.VOC.set_variety(True)
    try:
        assert G.fmt_date(dt.date(2026, 3, 3), style, lang) == text
    finally:
        G.VOC.set_variety(False)


def test_a_till_invoice_holds_its_items_and_total_in_the_text_layer(tmp_path: Path) -> None:
    G.VARIETY["on"] = True
    G.VOC.set_variety(True)
    try:
        rng = random.Random(11)
        ctx = G.make_ctx(rng, "es", "gp", RECEIVED, "ready")
        c = G.Canvas(210, 297, "DejaVuSans", 10)
        G.draw_invoice(c, ctx, G.VOC.V["es"], "till", rng, {})
        path = tmp_path / "till.pdf"
        path.write_bytes(c.output())
        with pdfplumber.open(path) as pdf:
            text = pdf.pages[0].extract_text()
    finally:
        G.VARIETY["on"] = False
        G.VOC.set_variety(False)
    assert ctx.clinic.name[:20].upper() in text
    assert G.num(ctx.printed_total, ctx.money_style) in text
    for key, _, _, amount in ctx.items:
        assert G.num(amount, ctx.money_style) in text
