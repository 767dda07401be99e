"""pHash of a first page: a re-scan stays near, a turned or different page does not."""

import cv2
import numpy as np
import pytest
from PIL import Image

from extractors.fingerprint import first_page_hash, hamming, phash
from tests.conftest import INVOICE_ES, render_page, write_image_pdf, write_text_pdf
from validators.duplicates import PHASH_MAX_DISTANCE


def rescan(img: np.ndarray, angle: float, seed: int = 0) -> np.ndarray:
    """The same paper through the scanner again: shifted, rescaled, tilted, noisy, blurred."""
    h, w = img.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 0.97)
    m[:, 2] += (6, 4)
    out = cv2.warpAffine(img, m, (w, h), borderValue=255).astype(np.float32) * 0.9 + 20
    out += np.random.default_rng(seed).normal(0, 12, out.shape)
    return cv2.GaussianBlur(np.clip(out, 0, 255).astype(np.uint8), (3, 3), 0)


@pytest.fixture(scope="module")
def page():
    return render_page(INVOICE_ES)


@pytest.mark.parametrize("angle", [0.0, 1.0, 3.0])
def test_a_rescan_stays_within_the_duplicate_distance(page, angle):
    assert hamming(phash(page), phash(rescan(page, angle))) <= PHASH_MAX_DISTANCE


def test_a_page_turned_90_degrees_or_a_blank_page_is_far(page):
    assert hamming(phash(page), phash(np.rot90(page).copy())) > 2 * PHASH_MAX_DISTANCE
    assert hamming(phash(page), phash(np.full_like(page, 255))) > 2 * PHASH_MAX_DISTANCE


def test_another_invoice_from_the_same_template_looks_the_same(page):
    """Why the duplicate check never rests on the pHash alone."""
    other = list(INVOICE_ES)
    other[0], other[-1] = "FACTURA Nº 2026-0177", "Total a pagar                215,00 €"
    assert hamming(phash(page), phash(render_page(other))) <= PHASH_MAX_DISTANCE


def test_first_page_hash_of_each_file_kind(tmp_path, page):
    scan = write_image_pdf(tmp_path / "scan.pdf", [page, 255 - page])
    Image.fromarray(page).save(tmp_path / "photo.jpg", quality=70)
    Image.fromarray(page).save(tmp_path / "page.png")
    Image.fromarray(page).save(tmp_path / "page.tif")
    hashes = {p: first_page_hash(tmp_path / p) for p in ("scan.pdf", "photo.jpg", "page.png", "page.tif")}
    assert all(h is not None and len(h) == 16 for h in hashes.values())
    assert max(hamming(hashes["page.png"], h) for h in hashes.values()) <= PHASH_MAX_DISTANCE
    assert first_page_hash(write_text_pdf(tmp_path / "text.pdf", [INVOICE_ES])) is not None


def test_first_page_hash_is_none_for_what_cannot_be_read(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "cut.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 30)
    (tmp_path / "notes.pdf").write_text("not a pdf")
    for name in ("empty.pdf", "cut.png", "notes.pdf"):
        assert first_page_hash(tmp_path / name) is None


def test_the_hash_of_the_raster_in_hand_is_the_files_within_a_few_bits(tmp_path, page):
    """read_document hashes a scan's page 1 from the raster it OCRs, instead of rendering
    the file again: the hash must stay the one `first_page_hash` gives, near enough that
    earlier claims' hashes still match."""
    from extractors.fingerprint import raster_hash
    from extractors.readers import iter_pages

    write_image_pdf(tmp_path / "scan.pdf", [page, 255 - page])
    Image.fromarray(page).save(tmp_path / "page.tif", dpi=(200, 200))
    for name in ("scan.pdf", "page.tif"):
        raw = next(iter_pages(tmp_path / name))
        assert hamming(raster_hash(raw.image), first_page_hash(tmp_path / name)) <= 2
    assert hamming(raster_hash(page), raster_hash(255 - page)) > 2 * PHASH_MAX_DISTANCE
    assert raster_hash(page[:50, :50]) is None  # too small to fingerprint, as first_page_hash
