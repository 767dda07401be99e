"""The committed sample set is the evaluation ground truth: these checks keep its
expected JSON complete, well-formed and consistent with the claim rules and with
what the files really contain."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image

from claim_intake.model import SUPPORTED_LANGUAGES, ClaimResult, DocType, FindingCode

ROOT = Path(__file__).resolve().parents[2] / "sample_docs"
MANIFEST = json.loads((ROOT / "manifest.json").read_text())
RECEIVED = dt.date.fromisoformat(MANIFEST["received_date"])
CLAIMS = MANIFEST["claims"]

DOC_KEYS = {"file", "render", "pages", "doc_type", "language", "is_copy", "is_translation", "translation_of",
            "doctor_name", "dates", "currency", "total", "line_items", "invoice_number", "marked_paid", "specialty"}
RENDERS = {"born_digital", "scan_pdf", "tiff", "photo", "bad"}
SPECIALTIES = {"general_practice", "emergency", "cardiology", "dermatology", "orthopaedics", "gynaecology",
               "ophthalmology", "ent", "neurology", "psychiatry"}
SPECIALISTS = SPECIALTIES - {"general_practice", "emergency"}
ACCEPTED = {"no", "da", "sv", "en"}
BLOCKING = {"TRANSLATION_MISSING", "ORIGINAL_MISSING", "DOCTOR_NAME_MISSING", "ITEMISED_INVOICE_MISSING",
            "PROOF_OF_PAYMENT_MISSING", "REFERRAL_MISSING"}
REVIEW = {"UNREADABLE_DOCUMENT", "AMOUNT_MISMATCH", "DEADLINE_EXCEEDED"}
PER_DOCUMENT = {"TRANSLATION_MISSING", "ORIGINAL_MISSING", "UNREADABLE_DOCUMENT", "AMOUNT_MISMATCH", "DEADLINE_EXCEEDED"}
DECIMAL = re.compile(r"^\d+\.\d{2}$")
TITLE = re.compile(r"^(dr|dra|dr\.ª|prof|lek|lege|læge|läkare|overlege|overlæge|dott|ll|lt|δρ|ιατρός|docteur)\b", re.I)


def claim_docs(cid: str) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted((ROOT / cid).glob("*.expected.json")) if p.name != "claim.expected.json"]


def claim_truth(cid: str) -> dict:
    return json.loads((ROOT / cid / "claim.expected.json").read_text())


ALL_DOCS = [(cid, d) for cid in CLAIMS for d in claim_docs(cid)]


def months_before(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 - n
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(d.day, 28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31))


def printed_forms(total: str) -> set[str]:
    whole, frac = total.split(".")
    groups = f"{int(whole):,}"
    return {f"{whole}.{frac}", f"{whole},{frac}", f"{groups}.{frac}", groups.replace(",", ".") + f",{frac}",
            groups.replace(",", " ") + f",{frac}", groups.replace(",", "\u00a0") + f",{frac}"}


def test_manifest_lists_every_claim_folder():
    folders = sorted(p.name for p in ROOT.iterdir() if p.is_dir() and re.match(r"^c\d{3}_", p.name))
    assert sorted(CLAIMS) == folders
    assert len(CLAIMS) >= 40


@pytest.mark.parametrize("cid", CLAIMS)
def test_every_document_has_expected_json_and_back(cid):
    folder = ROOT / cid
    docs = {p.name for p in folder.iterdir() if p.is_file() and not p.name.endswith(".expected.json")}
    expected = {p.name[: -len(".expected.json")] for p in folder.glob("*.expected.json") if p.name != "claim.expected.json"}
    assert docs == expected
    for d in claim_docs(cid):
        assert (folder / d["file"]).is_file()


@pytest.mark.parametrize("cid,doc", ALL_DOCS, ids=[f"{c}/{d['file']}" for c, d in ALL_DOCS])
def test_document_expectation_is_well_formed(cid, doc):
    assert set(doc) == DOC_KEYS
    assert doc["render"] in RENDERS
    assert doc["doc_type"] in {t.value for t in DocType}
    names = {d["file"] for d in claim_docs(cid)}
    if doc["render"] == "bad":
        assert doc["pages"] == 0 and doc["language"] is None
        return
    assert doc["pages"] >= 1
    assert doc["language"] in SUPPORTED_LANGUAGES
    assert doc["is_translation"] == (doc["doc_type"] == "translation")
    assert doc["translation_of"] is None or (doc["is_translation"] and doc["translation_of"] in names)
    if doc["is_translation"]:
        assert doc["language"] in {"en", "no"}
    assert set(doc["dates"]) == {"treatment", "invoice", "payment"}
    for v in doc["dates"].values():
        assert v is None or dt.date.fromisoformat(v) <= RECEIVED
    assert doc["currency"] is None or re.fullmatch(r"[A-Z]{3}", doc["currency"])
    assert doc["total"] is None or DECIMAL.match(doc["total"])
    assert (doc["total"] is None) == (doc["currency"] is None)
    for item in doc["line_items"]:
        assert set(item) == {"description", "amount"} and item["description"].strip() and DECIMAL.match(item["amount"])
    assert 0 <= len(doc["line_items"]) <= 6
    assert doc["specialty"] is None or doc["specialty"] in SPECIALTIES
    if doc["doctor_name"] is not None:
        assert not TITLE.match(doc["doctor_name"]), "doctor names are recorded without title"
    assert isinstance(doc["is_copy"], bool) and isinstance(doc["marked_paid"], bool)
    if doc["doc_type"] == "referral":
        assert doc["language"] == "no" and doc["doctor_name"] is None


@pytest.mark.parametrize("cid,doc", ALL_DOCS, ids=[f"{c}/{d['file']}" for c, d in ALL_DOCS])
def test_file_really_is_what_its_render_says(cid, doc):
    path = ROOT / cid / doc["file"]
    data = path.read_bytes()
    if doc["render"] == "bad":
        if data:
            with pytest.raises(Exception):
                pdf = pdfium.PdfDocument(data)
                pdf[0].get_textpage().get_text_range()
        return
    if doc["render"] in ("born_digital", "scan_pdf"):
        with pdfplumber.open(path) as pdf:
            assert len(pdf.pages) == doc["pages"]
            text = "".join(p.extract_text() or "" for p in pdf.pages)
            images = sum(len(p.images) for p in pdf.pages)
        if doc["render"] == "scan_pdf":
            assert text.strip() == "" and images == doc["pages"]
        else:
            assert len(text) > 100
    else:
        with Image.open(path) as im:
            frames = getattr(im, "n_frames", 1)
            assert frames == doc["pages"]
            if doc["render"] == "tiff":
                assert im.format == "TIFF" and frames == 2
            else:
                assert im.format in ("JPEG", "PNG") and 1800 <= max(im.size) <= 2600


BORN_DIGITAL = [(c, d) for c, d in ALL_DOCS if d["render"] == "born_digital"]


@pytest.mark.parametrize("cid,doc", BORN_DIGITAL, ids=[f"{c}/{d['file']}" for c, d in BORN_DIGITAL])
def test_born_digital_text_layer_holds_printed_values(cid, doc):
    with pdfplumber.open(ROOT / cid / doc["file"]) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    if doc["invoice_number"]:
        assert doc["invoice_number"] in text
    if doc["total"]:
        assert any(form in text for form in printed_forms(doc["total"])), doc["total"]
    if doc["doctor_name"]:
        assert doc["doctor_name"] in text
    for item in doc["line_items"]:
        assert item["description"] in text


def derive(docs: list[dict]) -> set[tuple[str, str | None]]:
    """The claim rules over the expected documents (all but the VAT part of AMOUNT_MISMATCH)."""
    out = set()
    files = {d["file"] for d in docs}
    good = [d for d in docs if d["render"] != "bad"]
    translated = {d["translation_of"] for d in good if d["is_translation"]}
    for d in good:
        if d["doc_type"] in ("invoice", "medical_record", "referral", "other") and d["language"] not in ACCEPTED \
                and d["file"] not in translated:
            out.add(("TRANSLATION_MISSING", d["file"]))
        if d["is_translation"] and d["translation_of"] not in files:
            out.add(("ORIGINAL_MISSING", d["file"]))
    for kind in ("invoice", "receipt"):
        of_kind = [d for d in good if d["doc_type"] == kind]
        if len(of_kind) == 1 and of_kind[0]["is_copy"]:
            out.add(("ORIGINAL_MISSING", of_kind[0]["file"]))
    if not any(d["doctor_name"] for d in good if d["doc_type"] in ("invoice", "medical_record", "receipt", "translation")):
        out.add(("DOCTOR_NAME_MISSING", None))
    if not any(d["line_items"] for d in good if d["doc_type"] in ("invoice", "translation")):
        out.add(("ITEMISED_INVOICE_MISSING", None))
    invoices = [d for d in good if d["doc_type"] == "invoice"]
    receipts = [d for d in good if d["doc_type"] == "receipt"]
    if not receipts and not any(d["marked_paid"] for d in invoices):
        out.add(("PROOF_OF_PAYMENT_MISSING", None))
    limit = months_before(RECEIVED, 6)
    for d in invoices or [d for d in good if d["doc_type"] == "medical_record"]:
        dates = [dt.date.fromisoformat(v) for v in (d["dates"]["treatment"], d["dates"]["invoice"]) if v]
        if dates and max(dates) < limit:
            out.add(("DEADLINE_EXCEEDED", d["file"]))
    if any(d["specialty"] in SPECIALISTS for d in good if d["doc_type"] in ("invoice", "medical_record")) and \
            not any(d["doc_type"] == "referral" and d["language"] == "no" for d in good):
        out.add(("REFERRAL_MISSING", None))
    for d in docs:
        if d["render"] == "bad":
            out.add(("UNREADABLE_DOCUMENT", d["file"]))
    return out


@pytest.mark.parametrize("cid", CLAIMS)
def test_claim_truth_follows_the_rules(cid):
    truth = claim_truth(cid)
    ClaimResult.model_validate({**truth, "findings": [{**f, "message": "x"} for f in truth["findings"]]})
    assert truth["claim_id"] == cid and truth["received_date"] == MANIFEST["received_date"]
    docs = claim_docs(cid)
    names = {d["file"] for d in docs}
    found = {(f["code"], f["document"]) for f in truth["findings"]}
    assert len(found) == len(truth["findings"])
    for code, document in found:
        assert code in {c.value for c in FindingCode}
        assert (document is not None) == (code in PER_DOCUMENT)
        assert document is None or document in names
    codes = {c for c, _ in found}
    expected_status = "incomplete" if codes & BLOCKING else "needs_review" if codes & REVIEW else "ready"
    assert truth["status"] == expected_status
    assert {f for f in found if f[0] != "AMOUNT_MISMATCH"} == derive(docs)
    receipts_paid = sum(Decimal(d["total"]) for d in docs if d["doc_type"] == "receipt" and d["total"])
    has_receipt = any(d["doc_type"] == "receipt" for d in docs)
    for d in docs:
        if d["doc_type"] != "invoice" or not d["line_items"]:
            continue
        items = sum(Decimal(i["amount"]) for i in d["line_items"])
        underpaid = has_receipt and receipts_paid < Decimal(d["total"])
        flagged = ("AMOUNT_MISMATCH", d["file"]) in found
        if underpaid:
            assert flagged
        elif items > Decimal(d["total"]):
            assert flagged, "items exceeding the total can never add up"


def test_every_code_and_language_is_covered_by_three_claims():
    codes = Counter()
    langs = Counter()
    statuses = Counter()
    for cid in CLAIMS:
        truth = claim_truth(cid)
        codes.update({f["code"] for f in truth["findings"]})
        langs.update({d["language"] for d in claim_docs(cid) if d["language"]})
        statuses[truth["status"]] += 1
    # Not in the sample set (yet): LOW_CONFIDENCE, and the issue-6 codes, which have their own
    # generated inputs (tests/claim_intake/test_bad_input_corpus.py, tests/flows/test_duplicates.py).
    not_sampled = {FindingCode.LOW_CONFIDENCE, FindingCode.DUPLICATE_DOCUMENT, FindingCode.ACTIVE_CONTENT_IGNORED}
    for code in FindingCode:
        if code not in not_sampled:
            assert codes[code.value] >= 3, code
    for lang in SUPPORTED_LANGUAGES:
        assert langs[lang] >= 3, lang
    assert 0.28 <= statuses["ready"] / len(CLAIMS) <= 0.45


def test_every_render_and_doc_type_is_present():
    renders = Counter(d["render"] for _, d in ALL_DOCS)
    types = Counter(d["doc_type"] for _, d in ALL_DOCS)
    assert all(renders[r] >= 4 for r in RENDERS)
    assert all(types[t] >= 2 for t in ("invoice", "receipt", "medical_record", "referral", "translation", "claim_form", "other"))


def test_sample_folder_is_small_enough():
    size = sum(p.stat().st_size for p in ROOT.rglob("*") if p.is_file())
    assert size < 30 * 1024 * 1024
