import datetime as dt
import hashlib

from claim_intake import pipeline
from tests.conftest import write_text_pdf


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_discover_makes_one_claim_per_folder_and_skips_ground_truth(tmp_path):
    (tmp_path / "c2").mkdir()
    (tmp_path / "c1").mkdir()
    (tmp_path / "c1" / "b.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "c1" / "a.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "c1" / "a.jpg.expected.json").write_text("{}")
    (tmp_path / "c1" / ".DS_Store").write_text("")
    (tmp_path / "loose.pdf").write_bytes(b"%PDF-1.4")
    claims = pipeline.discover(tmp_path)
    assert [c.claim_id for c in claims] == ["c1", "c2"]
    assert [p.name for p in claims[0].files] == ["a.jpg", "b.pdf"]
    assert claims[1].files == []


def test_bad_files_become_errors_and_stay_untouched(tmp_path):
    from fpdf import FPDF

    locked = FPDF()
    locked.set_encryption(owner_password="o", user_password="u")
    locked.add_page()
    locked.output(str(tmp_path / "locked.pdf"))
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "notes.pdf").write_text("Patient Ole Hansen, born 01.02.1960\n")
    (tmp_path / "cut.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    for name in ("locked.pdf", "empty.pdf", "notes.pdf", "cut.png"):
        path = tmp_path / name
        before = _digest(path)
        result = pipeline.process_document(path, name)
        assert result.errors, name
        assert "Hansen" not in result.errors[0] and "1960" not in result.errors[0]
        assert _digest(path) == before


def test_atomic_write_replaces_whole_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out" / "c1.json"
    pipeline.atomic_write_text(target, "first")
    pipeline.atomic_write_text(target, "second")
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == ["c1.json"]


def test_born_digital_invoice_is_interpreted(tmp_path, invoice_lines):
    path = write_text_pdf(tmp_path / "factura.pdf", [invoice_lines])
    doc = pipeline.process_document(path, "factura.pdf")
    assert not doc.errors
    assert doc.text_source == "text_layer" and doc.pages == 1
    assert doc.doc_type.value == "invoice" and doc.language == "es" and not doc.language_accepted
    assert doc.total == "205.00" and doc.currency == "EUR"
    assert doc.dates.treatment.isoformat() == "2026-03-12"
    assert doc.doctor_name == "María López García"


def test_awkward_file_names_are_read_and_reported_as_named(tmp_path, invoice_lines):
    claim = tmp_path / "inbox" / "c1"
    claim.mkdir(parents=True)
    names = ["faktura mars 2026.pdf", "Rechnung_Müller_ØÆÅ_αβγ.pdf", ("x" * 200) + ".pdf"]
    for name in names:
        write_text_pdf(claim / name, [invoice_lines])
    (found,) = pipeline.discover(tmp_path / "inbox")
    assert sorted(p.name for p in found.files) == sorted(names)
    for path in found.files:
        result = pipeline.process_document(path, path.name)
        assert result.file == path.name and not result.errors and result.total == "205.00"


def test_empty_claim_folder_is_an_incomplete_claim_not_an_error():
    import datetime as dt

    result = pipeline.empty_claim("c-empty", dt.date(2026, 11, 20))
    assert result.status.value == "incomplete" and result.documents == []
    assert {"ITEMISED_INVOICE_MISSING", "PROOF_OF_PAYMENT_MISSING", "DOCTOR_NAME_MISSING"} <= set(result.codes)


PACKET_INVOICE = ["FAKTURA", "Oslo Legesenter AS", "Fakturanr: 4711", "Fakturadato: 12.09.2026",
                  "Behandler: Dr. Kari Hansen", "Konsultasjon                 450,00",
                  "Totalt                       450,00 NOK"]
PACKET_RECEIPT = ["KVITTERING", "Oslo Legesenter AS", "Betalt 12.09.2026", "Beløp betalt: 450,00 NOK"]


def test_a_packet_scanned_as_one_file_is_read_as_its_documents(tmp_path):
    """One PDF holding the invoice and its receipt: two documents, each named by its pages,
    each checked as its own; the file itself is left as it was."""
    path = write_text_pdf(tmp_path / "packet.pdf", [PACKET_INVOICE, PACKET_INVOICE[5:], PACKET_RECEIPT])
    before = _digest(path)
    invoice, receipt = pipeline.process_file(path, "packet.pdf")
    assert (invoice.file, invoice.part_of, invoice.first_page, invoice.pages) == ("packet.pdf (pages 1-2)", "packet.pdf", 1, 2)
    assert (receipt.file, receipt.part_of, receipt.first_page, receipt.pages) == ("packet.pdf (page 3)", "packet.pdf", 3, 1)
    assert invoice.doc_type.value == "invoice" and receipt.doc_type.value == "receipt"
    assert receipt.amount_paid == "450.00" and all(f.page == 1 for f in receipt.fields if f.page is not None)
    assert invoice.sha256 == receipt.sha256 == before == _digest(path)
    assert invoice.source_file == receipt.source_file == "packet.pdf"
    codes = pipeline.check("c1", dt.date(2026, 11, 20), [invoice, receipt]).codes
    assert "PROOF_OF_PAYMENT_MISSING" not in codes and "ITEMISED_INVOICE_MISSING" not in codes
    assert "DUPLICATE_DOCUMENT" not in codes  # two parts of one file are not one file sent twice


def test_a_file_of_one_document_is_one_result_under_its_own_name(tmp_path):
    path = write_text_pdf(tmp_path / "faktura.pdf", [PACKET_INVOICE, PACKET_INVOICE[5:]])
    (only,) = pipeline.process_file(path, "faktura.pdf")
    assert (only.file, only.part_of, only.first_page, only.pages) == ("faktura.pdf", None, 1, 2)


def test_a_renamed_copy_of_a_packet_names_its_parts_anew(tmp_path):
    path = write_text_pdf(tmp_path / "packet.pdf", [PACKET_INVOICE, PACKET_RECEIPT])
    parts = [pipeline.named(p, "scan 2.pdf") for p in pipeline.process_file(path, "packet.pdf")]
    assert [(p.file, p.part_of) for p in parts] == [("scan 2.pdf (page 1)", "scan 2.pdf"), ("scan 2.pdf (page 2)", "scan 2.pdf")]
    assert pipeline.named(pipeline.process_document(path, "packet.pdf"), "x.pdf").file == "x.pdf"
