"""Page images made from the original with the pipeline's own reader and preprocess
functions, so the boxes of the record fall on the values."""

from __future__ import annotations

import io
import json
import re
import shutil

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from claim_intake.model import ClaimResult, DocumentResult
from claim_intake.ui.app import create_app
from claim_intake.ui.pages import LONG_SIDE, PageUnavailable, page_array, page_jpeg, page_rotations
from claim_intake.ui.source import FolderSource
from extractors import preprocess
from extractors.readers import sha256_of
from extractors.tools import rasterize_pdf_page
from tests.conftest import render_page, write_image_pdf
from tests.ui.conftest import TODAY


def _doc(path, source: str, pages: int = 1) -> DocumentResult:
    return DocumentResult(file=path.name, sha256=sha256_of(path), pages=pages, text_source=source)


def test_text_layer_page_is_the_pdf_page_and_is_cached(ui_data, tmp_path):
    out, inbox = ui_data
    result = ClaimResult.model_validate_json((out / "c013_no_gp.json").read_text(encoding="utf-8"))
    doc = result.documents[0]
    original = inbox / "c013_no_gp" / doc.file
    data = page_jpeg(tmp_path, original, doc, 1)
    img = Image.open(io.BytesIO(data))
    assert img.format == "JPEG" and max(img.size) <= LONG_SIDE
    w_pt, h_pt = 595.28, 841.89  # the sample invoices are A4
    assert abs(img.height / img.width - h_pt / w_pt) < 0.005
    cached = tmp_path / "pages" / f"{doc.sha256}-1.jpg"
    assert cached.read_bytes() == data
    assert page_jpeg(tmp_path, None, doc, 1) == data  # served from the cache, original no longer needed


def test_scanned_page_is_deskewed_as_the_pipeline_saw_it(tmp_path):
    """A tilted scan: the image is the one OCR read (after deskew), not the raw scan."""
    page = render_page(["FAKTURA 2026-0142", "Lege: Dr. Hansen", "Total 205,00 EUR"] * 5)
    tilted = preprocess.rotate(page, 3.0)
    pdf = write_image_pdf(tmp_path / "scan.pdf", [tilted])
    doc = _doc(pdf, "ocr")
    got = page_array(pdf, doc, 1)
    raw = rasterize_pdf_page(pdf, 0)
    want, _photo, skew = preprocess.prepare(raw, False)
    assert abs(skew) >= 2.0  # the page was straightened ...
    assert np.array_equal(got, want)  # ... exactly as for OCR
    assert not np.array_equal(got, raw)


def test_a_part_of_a_packet_shows_its_own_pages_of_the_file(tmp_path):
    """A document cut from a packet scanned as one PDF: its page 1 is the file's page 3."""
    pages = [render_page([f"Side {n} FAKTURA"] * 3) for n in (1, 2, 3)]
    pdf = write_image_pdf(tmp_path / "packet.pdf", pages)
    part = _doc(pdf, "ocr").model_copy(update={"file": "packet.pdf (page 3)", "part_of": "packet.pdf", "first_page": 3})
    want, _photo, _skew = preprocess.prepare(rasterize_pdf_page(pdf, 2), False)
    assert np.array_equal(page_array(pdf, part, 1), want)
    with pytest.raises(PageUnavailable):
        page_array(pdf, part, 2)  # the part has one page
    page_jpeg(tmp_path / "ui", pdf, part, 1)
    assert (tmp_path / "ui" / "pages" / f"{part.sha256}-3.jpg").is_file()  # cached as the file's page, not the part's


def test_turn_chosen_by_ocr_comes_from_the_read_cache(tmp_path):
    page = render_page(["Kvittering", "Betalt 100,00 NOK"])  # portrait
    pdf = write_image_pdf(tmp_path / "sideways.pdf", [np.ascontiguousarray(np.rot90(page))])
    doc = _doc(pdf, "ocr")
    cache = tmp_path / ".cache"
    cache.mkdir()
    outcome = {"__class__": "claim_intake.model.ReadOutcome",
               "data": {"file": pdf.name, "sha256": doc.sha256, "document": {
                   "file": pdf.name, "sha256": doc.sha256,
                   "pages": [{"number": 1, "width": 10, "height": 10, "source": "ocr", "rotation": 90}]}}}
    (cache / f"read-v4-Latin-x-{doc.sha256}").write_text(json.dumps({"metadata": {}, "result": json.dumps(outcome)}))
    assert page_rotations(cache, doc.sha256) == {1: 90}
    assert page_rotations(cache, "0" * 64) == {}
    img = Image.open(io.BytesIO(page_jpeg(tmp_path / "ui", pdf, doc, 1, read_cache=cache)))
    assert img.height > img.width  # turned upright again, as OCR read it
    unknown = Image.open(io.BytesIO(page_jpeg(tmp_path / "ui2", pdf, doc, 1)))
    assert unknown.width > unknown.height  # without the read cache the turn is unknown: as scanned


def test_turn_chosen_by_ocr_comes_from_the_record_without_any_cache(tmp_path):
    """The record carries each page's turn (page_turns), so a claim read on another machine
    (no local read cache) still shows a sideways scan upright, as OCR read it."""
    from claim_intake.pipeline import process_document

    page = render_page(["KVITTERING", "Betalt med kort", "Beløp 100,00 NOK", "Dato 12.03.2026"] * 3)
    pdf = write_image_pdf(tmp_path / "sideways.pdf", [np.ascontiguousarray(np.rot90(page))])
    doc = process_document(pdf, pdf.name)
    assert doc.page_turns in ([90], [270])
    img = Image.open(io.BytesIO(page_jpeg(tmp_path / "ui", pdf, doc, 1)))
    assert img.height > img.width
    upright = process_document(write_image_pdf(tmp_path / "upright.pdf", [page]), "upright.pdf")
    assert upright.page_turns == []


def test_photo_is_unwarped(tmp_path):
    sheet = render_page(["FACTURA", "Total 85,00 EUR"] * 4, size=(850, 1100), font_px=20)
    photo = np.full((1500, 1300), 60, np.uint8)
    photo[200:1300, 220:1070] = sheet
    path = tmp_path / "IMG_0001.jpg"
    Image.fromarray(photo).save(path, quality=92)
    doc = _doc(path, "ocr")
    got = page_array(path, doc, 1)
    want, was_photo, _ = preprocess.prepare(np.asarray(Image.open(path).convert("L")), True)
    assert was_photo and np.array_equal(got, want)
    assert abs(got.shape[0] / got.shape[1] - 1100 / 850) < 0.03  # the sheet, not the whole frame


def test_missing_damaged_or_out_of_range_gives_no_image(tmp_path):
    pdf = write_image_pdf(tmp_path / "one.pdf", [render_page(["x"])])
    doc = _doc(pdf, "ocr")
    with pytest.raises(PageUnavailable):
        page_jpeg(tmp_path, None, doc, 1)
    with pytest.raises(PageUnavailable):
        page_array(pdf, doc, 2)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n garbage")
    with pytest.raises(PageUnavailable):
        page_array(broken, _doc(broken, "ocr"), 1)


def test_without_originals_the_claim_page_still_shows_values(fresh_out):
    out, _ = fresh_out
    shutil.rmtree(out / ".ui-cache", ignore_errors=True)
    client = TestClient(create_app(FolderSource(out), today=TODAY), base_url="http://127.0.0.1")
    html = client.get("/claim/c013_no_gp").text
    assert 'class="no-image"' in html and "page-img" not in html
    assert 'data-field="total"' in html and "Henrik Vold" in html
    assert client.get("/claim/c013_no_gp/doc/0/page/1.jpg").status_code == 404
    assert client.get("/claim/c013_no_gp/doc/7/page/1.jpg").status_code == 404
    assert client.get("/claim/not-a-claim").status_code == 404
    assert client.get("/claim/..%2F..%2Fetc").status_code == 404


def test_awkward_claim_ids_link_and_load(fresh_out):
    out, _ = fresh_out
    record = json.loads((out / "c013_no_gp.json").read_text(encoding="utf-8"))
    record["claim_id"] = odd = "c 14 #2?a=\"b\""
    (out / f"{odd}.json").write_text(json.dumps(record), encoding="utf-8")
    client = TestClient(create_app(FolderSource(out), today=TODAY), base_url="http://127.0.0.1")
    queue = client.get("/").text
    href = re.search(r'<a class="claim-link" href="([^"]+)">c 14', queue).group(1)
    page = client.get(href)
    assert page.status_code == 200 and 'id="claim-id">c 14 #2?a=&#34;b&#34;<' in page.text
    export = client.get(href + "/expected.json")
    assert export.status_code == 200 and '"' not in export.headers["content-disposition"].split("filename=")[1][1:-1]
