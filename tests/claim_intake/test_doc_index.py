"""The index of earlier claims' payment documents: order, replacement, repair, size."""

import datetime as dt

from claim_intake import pipeline
from claim_intake.doc_index import DocumentIndex, index_path, load_folder_index, save_folder_index
from tests.validators.factory import doc, invoice, receipt
from claim_intake.model import DocType

PAGE = "f0e1d2c3b4a59687"


def test_candidates_come_only_from_claims_checked_before():
    index = DocumentIndex()
    bill = invoice("factura.pdf", phash=PAGE)
    index.add("c1", [bill])
    index.add("c2", [bill.model_copy(update={"file": "again.pdf"})])
    assert [(e.claim_id, e.file) for e in index.candidates("c2", [bill])] == [("c1", "factura.pdf")]
    assert index.candidates("c1", [bill]) == []  # c2 came later: c1 is not its duplicate
    assert [e.claim_id for e in index.candidates("c3", [bill])] == ["c1", "c2"]  # a new claim


def test_re_adding_a_claim_replaces_its_entries_and_keeps_its_place():
    index = DocumentIndex()
    index.add("c1", [invoice("a.pdf"), receipt("r.jpg")])
    index.add("c2", [invoice("b.pdf", invoice_number="X-1")])
    index.add("c1", [invoice("a.pdf")])
    assert len(index) == 2 and index.claims == {"c1": 0, "c2": 1}


def test_only_payment_documents_are_kept_and_the_json_round_trips():
    index = DocumentIndex()
    index.add("c1", [invoice("a.pdf", phash=PAGE), doc("journal.pdf", DocType.medical_record)])
    again = DocumentIndex.from_json(index.to_json())
    assert len(again) == 1 and again.claims == {"c1": 0}
    assert again.candidates("c9", [invoice("copy.pdf", phash=PAGE)])[0].file == "a.pdf"


def test_a_record_written_without_its_index_entry_is_added_back(tmp_path):
    """A batch killed between writing a record and writing the index loses nothing."""
    out = tmp_path / "out"
    first = pipeline.check("c1", dt.date(2026, 4, 10), [invoice("factura.pdf")])
    pipeline.write_result(out, first)
    index = load_folder_index(out)
    assert index.claims == {"c1": 0} and len(index) == 1
    save_folder_index(out, index)
    second = pipeline.check("c2", dt.date(2026, 4, 10), [receipt("r.jpg")])
    pipeline.write_result(out, second)
    assert load_folder_index(out).claims == {"c1": 0, "c2": 1}
    assert index_path(out).parent.name == "_index" and pipeline.load_results(out)  # records still load


def test_the_index_is_compact():
    index = DocumentIndex()
    for n in range(1000):
        index.add(f"claim-{n:05d}", [invoice("factura.pdf", phash=PAGE, invoice_number=f"INV-{n}"),
                                    receipt("kvittering.jpg", total=f"{n}.00")])
    per_entry = len(index.to_json().encode()) / len(index)
    assert per_entry < 300, per_entry  # about 6 MB for 10,000 claims of two payment documents
