import io
import zipfile

import numpy as np
import pytest
from PIL import Image

from extractors.readers import iter_pages, sniff
from extractors.tools import (
    CorruptFile,
    DocumentTooLarge,
    EmptyFile,
    EncryptedDocument,
    Limits,
    UnsupportedFileType,
)
from tests.conftest import render_page, write_image_pdf, write_text_pdf


def test_born_digital_pdf_pages_come_from_the_text_layer(tmp_path, invoice_lines):
    pdf = write_text_pdf(tmp_path / "inv.pdf", [invoice_lines, invoice_lines[:3]])
    pages = list(iter_pages(pdf))
    assert [p.number for p in pages] == [1, 2]
    assert all(p.text is not None and p.image is None for p in pages)
    words = " ".join(w.text for w in pages[0].text.words)
    assert "2026-0142" in words and "205,00" in words


def test_image_only_pdf_pages_are_rasterised_for_ocr(tmp_path, invoice_image):
    pdf = write_image_pdf(tmp_path / "scan.pdf", [invoice_image])
    (page,) = list(iter_pages(pdf))
    assert page.text is None and page.image is not None
    assert page.image.ndim == 2 and page.image.shape[0] > 2000  # rendered at 300 dpi


def _searchable_scan(path, image, layer_lines, invisible=True):
    """A scan with a text layer drawn over its image, as scanners' 'searchable PDF' do."""
    from fpdf import FPDF
    from fpdf.enums import TextMode

    png = path.with_suffix(".png")
    Image.fromarray(image).save(png)
    pdf = FPDF(unit="pt", format=(612, 792))
    pdf.add_page()
    pdf.image(str(png), x=0, y=0, w=612, h=792)
    pdf.set_font("helvetica", size=11)
    if invisible:
        pdf.text_mode = TextMode.INVISIBLE
    for i, line in enumerate(layer_lines):
        pdf.text(60, 80 + 20 * i, line)
    pdf.output(str(path))
    return path


def test_a_scans_invisible_ocr_layer_is_not_trusted_the_image_is_read(tmp_path, invoice_image):
    """An earlier OCR's invisible layer (here misread: 'Tota1 2O5,OO') is not the
    provider's text: the page is read from its image like any scan."""
    pdf = _searchable_scan(tmp_path / "searchable.pdf", invoice_image,
                           ["FACTURA N 2026-O142", "Consulta dermato1ogica 85,OO", "Tota1 a pagar 2O5,OO"])
    (page,) = list(iter_pages(pdf))
    assert page.text is None and page.image is not None


def test_visible_text_over_an_image_is_a_born_digital_page(tmp_path, invoice_image):
    """A born-digital invoice with a logo or letterhead image keeps its text layer."""
    pdf = _searchable_scan(tmp_path / "letterhead.pdf", invoice_image,
                           ["FACTURA 2026-0142", "Consulta dermatologica 85,00", "Total a pagar 205,00"],
                           invisible=False)
    (page,) = list(iter_pages(pdf))
    assert page.text is not None and "205,00" in " ".join(w.text for w in page.text.words)


def test_multipage_tiff_yields_every_page(tmp_path, invoice_image):
    path = tmp_path / "scan.tif"
    frames = [Image.fromarray(invoice_image), Image.fromarray(255 - invoice_image)]
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="tiff_lzw")
    pages = list(iter_pages(path))
    assert [p.number for p in pages] == [1, 2]
    assert not pages[0].may_be_photo


@pytest.mark.parametrize("dpi, scale", [((200, 200), (1.5, 1.5)), ((204, 98), (300 / 204, 300 / 98)),
                                        ((300, 300), (1, 1)), ((600, 600), (1, 1)), ((72, 72), (1, 1))])
def test_low_resolution_scans_are_read_at_300_dpi_with_square_pixels(tmp_path, invoice_image, dpi, scale):
    """200 dpi office scans and fax TIFFs (204 x 98) come to Tesseract at 300 dpi; a scan at
    300 dpi or more, or a placeholder resolution (72), is left as it is."""
    path = tmp_path / "scan.tif"
    Image.fromarray(invoice_image).save(path, compression="tiff_lzw", dpi=dpi)
    (page,) = list(iter_pages(path))
    h, w = invoice_image.shape
    assert page.image.shape == (round(h * scale[1]), round(w * scale[0]))


def test_photo_formats_are_marked_as_possible_photos(tmp_path, invoice_image):
    path = tmp_path / "photo.jpg"
    Image.fromarray(invoice_image).save(path, quality=80)
    (page,) = list(iter_pages(path))
    assert page.may_be_photo and page.image.shape == invoice_image.shape


def test_type_is_decided_by_bytes_not_name(tmp_path):
    fake = tmp_path / "invoice.pdf"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "hello")
    fake.write_bytes(buf.getvalue())
    with pytest.raises(UnsupportedFileType):
        list(iter_pages(fake))
    text = tmp_path / "notes.pdf"
    text.write_text("just some text, not a pdf\n")
    with pytest.raises(UnsupportedFileType):
        sniff(text)


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFile):
        list(iter_pages(empty))


def test_truncated_pdf_is_corrupt(tmp_path, invoice_lines):
    pdf = write_text_pdf(tmp_path / "inv.pdf", [invoice_lines])
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(pdf.read_bytes()[:400])
    with pytest.raises(CorruptFile):
        list(iter_pages(cut))


def test_encrypted_pdf(tmp_path, invoice_lines):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Invoice 1")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    with pytest.raises(EncryptedDocument):
        list(iter_pages(path))


@pytest.mark.parametrize("fmt,suffix", [("PNG", "png"), ("JPEG", "jpg"), ("TIFF", "tif")])
def test_truncated_images_are_corrupt(tmp_path, fmt, suffix):
    noise = (np.random.default_rng(1).random((600, 800)) * 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(noise).save(buf, fmt)
    path = tmp_path / f"cut.{suffix}"
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 3])
    with pytest.raises(CorruptFile):
        list(iter_pages(path))


def test_decompression_bomb_is_refused_without_decoding(tmp_path):
    path = tmp_path / "bomb.png"
    Image.new("1", (20000, 20000), 1).save(path)  # 400 MP, a few KB on disk
    with pytest.raises(DocumentTooLarge):
        list(iter_pages(path, Limits(max_pixels=50_000_000)))


def test_page_limit(tmp_path):
    pdf = write_text_pdf(tmp_path / "long.pdf", [["Page text long enough for a text layer"]] * 5)
    with pytest.raises(DocumentTooLarge):
        list(iter_pages(pdf, Limits(max_pages=3)))


def test_pdf_page_of_absurd_size_is_refused(tmp_path):
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format=(6000, 6000))  # ~236 inches square, beyond PDF's own limit
    pdf.add_page()
    pdf.set_font("helvetica", size=40)
    pdf.text(100, 100, "A page far larger than any paper, with enough text for a layer")
    path = tmp_path / "huge.pdf"
    pdf.output(str(path))
    with pytest.raises(DocumentTooLarge):
        list(iter_pages(path))
