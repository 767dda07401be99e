from fpdf import FPDF

from extractors.tools import pdf_text_pages
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
