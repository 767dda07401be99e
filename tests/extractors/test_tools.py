import numpy as np
import pytest
from fpdf import FPDF
from PIL import Image

from extractors import tools
from extractors.tools import pdf_text_pages, rasterize_pdf_page
from tests.conftest import FONT


def test_rotated_stamp_text_in_a_pdf_is_read_as_words(tmp_path):
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    pdf.text(20, 30, "FAKTURA 10357")
    pdf.set_font("DejaVu", size=22)
    with pdf.rotation(14, 120, 60):
        pdf.text(100, 60, "BETALT")
    path = tmp_path / "stamped.pdf"
    pdf.output(str(path))
    (page,) = pdf_text_pages(path)
    words = [w.text for w in page.words]
    assert "BETALT" in words and "FAKTURA" in words


def _scan_pdf(path, image, dpi: float, colour: bool = False):
    from PIL import Image

    pil = Image.fromarray(image).convert("RGB") if colour else Image.fromarray(image)
    pil.save(path, "PDF", resolution=dpi)
    return path


@pytest.mark.parametrize("dpi,colour", [(200.0, False), (300.0, False), (240.0, True), (400.0, False)])
def test_a_scanners_page_image_is_taken_as_is_at_the_size_and_pixels_rendering_gives(tmp_path, invoice_image,
                                                                                      dpi, colour):
    import pypdfium2 as pdfium

    path = _scan_pdf(tmp_path / "scan.pdf", invoice_image, dpi, colour)
    doc = pdfium.PdfDocument(str(path))
    with tools.PDFIUM_LOCK:
        assert tools._full_page_image(doc[0], 300 / 72, tools.DEFAULT_LIMITS) is not None  # the fast path
    doc.close()
    rendered = rasterize_pdf_page(path, 0, 300)
    taken = rasterize_pdf_page(path, 0, 300, embedded=True)
    assert taken.shape == rendered.shape  # the 300 dpi scale is kept
    assert np.abs(taken.astype(int) - rendered.astype(int)).mean() < 1.5


def test_a_page_with_more_than_its_image_is_rendered(tmp_path, invoice_image):
    """Text or a stamp drawn over the scan, or an image with a margin: only rendering shows it all."""
    import pypdfium2 as pdfium

    image_path = tmp_path / "page.png"
    Image.fromarray(invoice_image).save(image_path)
    pdf = FPDF(unit="pt", format=(612, 792))
    pdf.add_page()
    pdf.image(str(image_path), x=36, y=36, w=540, h=720)  # a margin round the image
    path = tmp_path / "margin.pdf"
    pdf.output(str(path))
    doc = pdfium.PdfDocument(str(path))
    with tools.PDFIUM_LOCK:
        assert tools._full_page_image(doc[0], 300 / 72, tools.DEFAULT_LIMITS) is None
    doc.close()
    taken = rasterize_pdf_page(path, 0, 300, embedded=True)
    assert np.array_equal(taken, rasterize_pdf_page(path, 0, 300))
