"""DUPLICATE_DOCUMENT: the same bill twice, in one claim or across claims."""

import datetime as dt

from claim_intake.model import DocType
from validators import check_claim
from validators.duplicates import PHASH_MAX_DISTANCE, duplicate_findings, index_entry, same_document

from .factory import DOCTOR, INVOICE_NO, RECEIVED, TOTAL, doc, invoice, receipt

PAGE = "f0e1d2c3b4a59687"
NEAR = f"{int(PAGE, 16) ^ 0b1011:016x}"  # 3 bits apart: a re-scan
FAR = f"{int(PAGE, 16) ^ ((1 << 40) - 1):016x}"  # 40 bits apart: another photo of it, turned


def entries(claim_id, docs):
    return [e for d in docs if (e := index_entry(claim_id, d)) is not None]


def test_the_same_file_in_an_earlier_claim_is_flagged_with_a_pointer_to_it():
    first = invoice("factura.pdf", phash=PAGE)
    again = first.model_copy(update={"file": "scan 2.pdf"})
    (f,) = duplicate_findings("c2", [again], entries("c1", [first]))
    assert f.code.value == "DUPLICATE_DOCUMENT" and f.document == "scan 2.pdf" and f.severity.value == "error"
    assert f.related.claim_id == "c1" and f.related.file == "factura.pdf"
    assert "c1" in f.message and "factura.pdf" in f.message and "c1" in f.message_no
    assert "same file" in f.message


def test_a_rescan_with_the_same_keys_and_a_near_phash_is_flagged():
    first = invoice("factura.pdf", phash=PAGE, invoice_number=None)
    rescan = invoice("rescan.jpg", phash=NEAR, invoice_number=None)
    assert rescan.sha256 != first.sha256
    (f,) = duplicate_findings("c2", [rescan], entries("c1", [first]))
    assert f.related.file == "factura.pdf" and "same bill" in f.message


def test_same_number_date_total_and_provider_flag_even_when_the_page_looks_different():
    first = invoice("factura.pdf", phash=PAGE)
    photo = invoice("photo.jpg", phash=FAR)  # same INVOICE_NO, DOCTOR, date, TOTAL
    assert len(duplicate_findings("c2", [photo], entries("c1", [first]))) == 1


def test_near_miss_same_template_other_invoice_is_not_flagged():
    """Invoices printed from one template have the same pHash: the keys decide."""
    first = invoice("march.pdf", phash=PAGE)
    other_number = invoice("april.pdf", phash=PAGE, invoice_number="INV-2026-77414")
    other_total = invoice("may.pdf", phash=PAGE, invoice_number=None, total="460.00", items=("322.40", "137.60"))
    other_day = invoice("june.pdf", phash=PAGE, invoice_number=None, treatment=dt.date(2026, 3, 3),
                        invoice=dt.date(2026, 3, 3))
    other_doctor = invoice("july.pdf", phash=PAGE, invoice_number=None, doctor_name="Dr. Per Olsen")
    assert duplicate_findings("c2", [other_number], entries("c1", [first])) == []
    # Where no invoice number was read, a differing total, date or provider still tells them apart.
    unnumbered = entries("c1", [first.model_copy(update={"invoice_number": None})])
    for d in (other_total, other_day, other_doctor):
        assert duplicate_findings("c2", [d], entries("c1", [first]) + unnumbered) == [], d.file


def test_near_phash_without_any_key_agreement_is_not_flagged():
    first = invoice("a.pdf", phash=PAGE, invoice_number=None, total=None, items=())
    second = invoice("b.pdf", phash=NEAR, invoice_number=None, total=None, items=())
    assert index_entry("c1", first).bill is None
    assert duplicate_findings("c2", [second], entries("c1", [first])) == []


def test_phash_threshold():
    a = index_entry("c1", invoice("a.pdf", phash=PAGE, invoice_number=None))
    b = index_entry("c2", invoice("b.pdf", phash=PAGE, invoice_number=None))
    edge = f"{int(PAGE, 16) ^ ((1 << PHASH_MAX_DISTANCE) - 1):016x}"
    beyond = f"{int(PAGE, 16) ^ ((1 << (PHASH_MAX_DISTANCE + 1)) - 1):016x}"
    assert same_document(b.model_copy(update={"phash": edge, "sha256": "x"}), a)
    assert not same_document(b.model_copy(update={"phash": beyond, "sha256": "x"}), a)


def test_duplicate_within_one_claim_points_to_the_first_file():
    first = receipt("kvittering.jpg", phash=PAGE)
    second = first.model_copy(update={"file": "kvittering kopi.jpg", "sha256": "0" * 64, "phash": NEAR})
    result = check_claim("c7", RECEIVED, [first, second, invoice("factura.pdf")])
    dup = [f for f in result.findings if f.code.value == "DUPLICATE_DOCUMENT"]
    # name order: "kvittering kopi.jpg" sorts first, so it is the one kept as the first
    assert len(dup) == 1 and dup[0].document == "kvittering.jpg"
    assert dup[0].related.claim_id == "c7" and dup[0].related.file == "kvittering kopi.jpg"
    assert "this claim" in dup[0].message and result.status.value == "needs_review"


def test_a_recheck_of_the_same_claim_is_not_its_own_duplicate():
    docs = [invoice("factura.pdf", phash=PAGE), receipt("receipt.jpg")]
    assert duplicate_findings("c1", docs, entries("c1", docs)) == []


def test_only_payment_documents_are_compared():
    record = doc("journal.pdf", DocType.medical_record, doctor_name=DOCTOR, treatment=RECEIVED, phash=PAGE)
    referral = doc("henvisning.pdf", DocType.referral, language="no")
    translation = invoice("translation.pdf", is_translation=True)
    unreadable = doc("broken.pdf", DocType.other, errors=["the file is empty"])
    for d in (record, referral, translation, unreadable):
        assert index_entry("c1", d) is None
        assert duplicate_findings("c2", [d.model_copy(update={"file": "x.pdf"})], entries("c1", [d])) == []


def test_an_invoice_and_its_receipt_are_not_duplicates():
    bill = invoice("factura.pdf", phash=PAGE)
    paid = receipt("recibo.jpg", phash=PAGE, doctor_name=DOCTOR, total=TOTAL, invoice_number=INVOICE_NO)
    assert duplicate_findings("c1", [bill, paid]) == []


def test_the_index_holds_no_values_in_clear():
    entry = index_entry("c1", invoice("factura.pdf", phash=PAGE))
    text = entry.model_dump_json()
    for value in (DOCTOR, "Solheim", INVOICE_NO, TOTAL, "450", "2026-03-02"):
        assert value not in text


def _parts(file):
    bill = invoice(f"{file} (page 1)", phash=PAGE)
    paid = receipt(f"{file} (page 2)")
    sha = "9" * 64  # both cut from one file
    return [d.model_copy(update={"sha256": sha, "part_of": file, "first_page": n}) for n, d in ((1, bill), (2, paid))]


def test_the_parts_of_one_packet_file_are_not_one_file_sent_twice():
    assert duplicate_findings("c1", _parts("packet.pdf")) == []


def test_a_packet_file_sent_again_repeats_each_of_its_parts():
    found = duplicate_findings("c2", _parts("scan 2.pdf"), entries("c1", _parts("packet.pdf")))
    assert [(f.document, f.related.file) for f in found] == [
        ("scan 2.pdf (page 1)", "packet.pdf (page 1)"), ("scan 2.pdf (page 2)", "packet.pdf (page 2)")]
