"""A PDF's JavaScript, launch actions and attachments: noticed, never run or opened."""

from extractors.active_content import content_warnings
from extractors.tools import pdf_active_content
from tests import badfiles


def test_javascript_on_opening_is_noticed(tmp_path):
    path = tmp_path / "js.pdf"
    path.write_bytes(badfiles.javascript_pdf())
    found = pdf_active_content(path)
    assert found.javascript and not found.launch and found.attachments == 0
    assert content_warnings(path) == ["the PDF contains JavaScript, which was not run"]


def test_a_launch_action_is_noticed(tmp_path):
    path = tmp_path / "launch.pdf"
    path.write_bytes(badfiles.raw_pdf(catalog_extra=b"/OpenAction << /S /Launch /F (cmd.exe) >>"))
    assert pdf_active_content(path).launch
    assert "would start a program" in content_warnings(path)[0]


def test_attached_files_are_counted_not_opened(tmp_path):
    path = tmp_path / "att.pdf"
    path.write_bytes(badfiles.attachment_pdf(tmp_path))
    assert pdf_active_content(path).attachments == 1
    assert content_warnings(path) == ["the PDF has 1 attached file, which was not opened"]


def test_plain_documents_have_no_warnings(tmp_path):
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(badfiles.raw_pdf())
    png = tmp_path / "page.png"
    png.write_bytes(badfiles.image_bytes("PNG"))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj garbage")
    assert content_warnings(plain) == content_warnings(png) == content_warnings(broken) == []
