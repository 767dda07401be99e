import numpy as np
import pytest
from fpdf import FPDF
from PIL import Image

from extractors import tools
from extractors.tools import pdf_text_pages, rasterize_pdf_page
from tests.conftest import FONT


def _text_pdf(path, runs: list[tuple[float, float, float, str]], turned: float = 0.0):
    """A one-page PDF of text runs (font size, x, y, text) in mm; `turned`: the last run
    is printed turned by that many degrees, as a stamp."""
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.add_page()
    for i, (size, x, y, text) in enumerate(runs):
        pdf.set_font("DejaVu", size=size)
        if turned and i == len(runs) - 1:
            with pdf.rotation(turned, x + 20, y):
                pdf.text(x, y, text)
        else:
            pdf.text(x, y, text)
    pdf.output(str(path))
    return path


def test_rotated_stamp_text_in_a_pdf_is_read_as_words(tmp_path):
    path = _text_pdf(tmp_path / "stamped.pdf", [(11, 20, 30, "FAKTURA 10357"), (22, 100, 60, "BETALT")], turned=14)
    (page,) = pdf_text_pages(path)
    words = [w.text for w in page.words]
    assert "BETALT" in words and "FAKTURA" in words


def _copy_stamped_header(path):
    """A big level COPY laid over two header lines, as a copy stamp printed onto the PDF."""
    return _text_pdf(path, [(9, 130, 40, "Invoice date: 4 July 2026"),
                            (9, 130, 45, "Date of consultation: 29 June 2026"), (30, 122, 46, "COPY")])


def test_a_level_stamp_over_print_is_a_word_of_its_own(tmp_path):
    (page,) = pdf_text_pages(_copy_stamped_header(tmp_path / "copy.pdf"))
    words = [w.text for w in page.words]
    assert "COPY" in words
    assert {"Invoice", "date:", "Date", "consultation:", "July", "June"} <= set(words)


def test_a_level_stamp_over_two_lines_does_not_join_them(tmp_path):
    from extractors.ocr import text_layer_page

    (text,) = pdf_text_pages(_copy_stamped_header(tmp_path / "copy.pdf"))
    lines = [" ".join(w.text for w in line.words) for line in text_layer_page(1, text).lines]
    assert "Invoice date: 4 July 2026" in lines
    assert "Date of consultation: 29 June 2026" in lines
    assert "COPY" in lines


def _scan_pdf(path, image, dpi: float, colour: bool = False):
    from PIL import Image

    pil = Image.fromarray(image).convert("RGB") if colour else Image.fromarray(image)
    pil.save(path, "PDF", resolution=dpi)
    return path


@pytest.mark.parametrize("dpi,colour,fast", [(300.0, False, True), (300.0, True, True), (200.0, False, False),
                                             (400.0, False, False)])
def test_a_scanners_page_image_at_the_raster_resolution_is_taken_as_is(tmp_path, invoice_image, dpi, colour, fast):
    """The same pixels as rendering, at the same 300 dpi scale; at another resolution the
    page is rendered (scaled pixels would differ from PDFium's by a grey level or two)."""
    import pypdfium2 as pdfium

    page = invoice_image[:2100, :1600]  # 384 x 504 pt at 300 dpi: PDFium renders exactly 1600 x 2100 px
    path = _scan_pdf(tmp_path / "scan.pdf", page, dpi, colour)
    doc = pdfium.PdfDocument(str(path))
    with tools.PDFIUM_LOCK:
        assert (tools._full_page_image(doc[0], 300 / 72, tools.DEFAULT_LIMITS) is not None) == fast
    doc.close()
    rendered = rasterize_pdf_page(path, 0, 300)
    taken = rasterize_pdf_page(path, 0, 300, embedded=True)
    assert np.array_equal(taken, rendered)


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


def _words(page):
    return [(w.text, round(w.x0, 1), round(w.top, 1), round(w.x1, 1), round(w.bottom, 1)) for w in page.words]


def test_born_digital_words_and_boxes_are_pdfplumbers(tmp_path, invoice_lines):
    """PDFium's characters grouped by pdfplumber's own word grouping: the same words in the
    same order with the same boxes as pdfplumber's reading, a stamp's turned word included."""
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.add_page()
    for size, (y, line) in zip([9, 11, 14] * 10, enumerate(invoice_lines, start=2)):
        pdf.set_font("DejaVu", size=size)
        pdf.text(15, y * 9, line)
    pdf.set_font("DejaVu", size=22)
    with pdf.rotation(14, 120, 60):
        pdf.text(100, 60, "BETALT")
    path = tmp_path / "invoice.pdf"
    pdf.output(str(path))
    (fast,) = pdf_text_pages(path)
    (slow,) = tools._pdfplumber_text_pages(path)
    assert (fast.width, fast.height) == pytest.approx((slow.width, slow.height))
    fast_words, slow_words = _words(fast), _words(slow)
    assert [w[0] for w in fast_words] == [w[0] for w in slow_words]
    assert len(fast_words) > 30 and "BETALT" in [w[0] for w in fast_words]
    level = [(a, b) for a, b in zip(fast_words, slow_words) if a[0] != "BETALT"]
    assert all(max(abs(x - y) for x, y in zip(a[1:], b[1:])) < 0.6 for a, b in level)


def test_a_turned_page_is_read_by_pdfplumber(tmp_path, invoice_lines, monkeypatch):
    """PDFium's user-space coordinates do not map plainly onto a page shown turned."""
    import pypdfium2 as pdfium

    path = tmp_path / "turned.pdf"
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    for y, line in enumerate(invoice_lines, start=2):
        pdf.text(15, y * 9, line)
    pdf.output(str(path))
    doc = pdfium.PdfDocument(str(path))
    doc[0].set_rotation(90)
    doc.save(str(path.with_name("t90.pdf")))
    doc.close()
    used = []
    real = tools._pdfplumber_text_pages
    monkeypatch.setattr(tools, "_pdfplumber_text_pages", lambda *a: used.append(1) or real(*a))
    (page,) = pdf_text_pages(path.with_name("t90.pdf"))
    assert used and "FACTURA" in " ".join(w.text for w in page.words).upper()


def _overflowing_cells(path, overlap_mm: float):
    """A header table whose first cell's date runs on into the next cell's date, the next
    run starting `overlap_mm` before the first one ends (a date too wide for its cell)."""
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.add_page()
    pdf.set_font("DejaVu", size=10)
    first = "18 de setembro de 2026"
    pdf.text(60, 40, first)
    pdf.text(60 + pdf.get_string_width(first) - overlap_mm, 40, "31 de agosto de 2026")
    pdf.output(str(path))
    return path


@pytest.mark.parametrize("read", [pdf_text_pages, tools._pdfplumber_text_pages])
def test_text_overflowing_its_cell_into_the_next_is_two_words(tmp_path, read):
    (page,) = read(_overflowing_cells(tmp_path / "cells.pdf", overlap_mm=1.5))
    words = [w.text for w in page.words]
    assert words == ["18", "de", "setembro", "de", "2026", "31", "de", "agosto", "de", "2026"]


@pytest.mark.parametrize("read", [pdf_text_pages, tools._pdfplumber_text_pages])
def test_runs_that_touch_without_overlapping_stay_one_word(tmp_path, read):
    (page,) = read(_overflowing_cells(tmp_path / "cells.pdf", overlap_mm=0.0))
    assert "202631" in [w.text for w in page.words]  # as printed: nothing tells them apart
