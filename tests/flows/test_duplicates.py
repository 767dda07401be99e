"""DUPLICATE_DOCUMENT through the mailroom flow: across batches into one results folder,
within a claim, and never for a claim re-run against itself."""

import json

import cv2
import numpy as np
import pytest
from PIL import Image

from flows.mailroom import run_mailroom
from tests.conftest import INVOICE_ES, render_page, write_image_pdf, write_text_pdf
from tests.flows.test_mailroom import RECEIVED
from tests.s3server import s3_server, storage, storage_env, upload  # noqa: F401 (fixtures)


def _photo(path, lines, angle):
    """The paper photographed again: tilted and noisy, so no byte and little pixel is the same."""
    page = render_page(lines)
    h, w = page.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 0.95)
    out = cv2.warpAffine(page, m, (w, h), borderValue=255).astype(np.float32)
    out += np.random.default_rng(3).normal(0, 8, out.shape)
    Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)).save(path)


def _record(out, claim_id):
    return json.loads((out / f"{claim_id}.json").read_text(encoding="utf-8"))


def _dups(record):
    return {f["document"]: f for f in record["findings"] if f["code"] == "DUPLICATE_DOCUMENT"}


def test_the_same_bill_in_a_later_batch_is_flagged_and_a_rerun_is_not_its_own_duplicate(tmp_path):
    out = tmp_path / "out"
    monday = tmp_path / "monday"
    (monday / "a1").mkdir(parents=True)
    write_text_pdf(monday / "a1" / "factura.pdf", [INVOICE_ES])
    run_mailroom(monday, out, RECEIVED, workers=2)
    assert _dups(_record(out, "a1")) == {}
    index = json.loads((out / "_index" / "documents.json").read_text())
    assert index["claims"] == {"a1": 0} and len(index["documents"]) == 1
    assert "205" not in json.dumps(index) and "López" not in json.dumps(index)  # keys only as digests

    tuesday = tmp_path / "tuesday"
    for claim in ("b1", "b2", "b3"):
        (tuesday / claim).mkdir(parents=True)
    _photo(tuesday / "b1" / "IMG_0001.png", INVOICE_ES, angle=4)  # a photo of Monday's invoice
    other = list(INVOICE_ES)
    other[0], other[-2], other[-1] = ("FACTURA Nº 2026-0177", "Biopsia cutánea              130,00 €",
                                      "Total a pagar                215,00 €")
    write_text_pdf(tuesday / "b2" / "factura.pdf", [other])  # same clinic and template, another bill
    (tuesday / "b3" / "factura (1).pdf").write_bytes((monday / "a1" / "factura.pdf").read_bytes())
    run_mailroom(tuesday, out, RECEIVED, workers=2)

    b1 = _record(out, "b1")
    assert b1["status"] == "needs_review" or b1["status"] == "incomplete"
    photo = _dups(b1)["IMG_0001.png"]
    assert photo["related"] == {"claim_id": "a1", "file": "factura.pdf"} and "a1" in photo["message"]
    assert "same bill" in photo["message"] and "205" not in photo["message"]
    assert _dups(_record(out, "b2")) == {}  # the near miss: same look, other number and total
    same = _dups(_record(out, "b3"))["factura (1).pdf"]
    assert same["related"]["claim_id"] == "a1" and "same file" in same["message"]

    # Re-running either batch gives the same findings: no claim is its own duplicate,
    # and the earlier claim is not flagged against the later ones.
    run_mailroom(monday, out, RECEIVED, workers=2)
    run_mailroom(tuesday, out, RECEIVED, workers=2)
    assert _dups(_record(out, "a1")) == {}
    assert _dups(_record(out, "b1"))["IMG_0001.png"]["related"]["claim_id"] == "a1"
    assert json.loads((out / "_index" / "documents.json").read_text())["claims"] == {
        "a1": 0, "b1": 1, "b2": 2, "b3": 3}


def test_a_second_scan_in_the_same_claim_is_flagged(tmp_path):
    """The scan and a photo of the same paper: near pHash, same provider, date and total."""
    box = tmp_path / "inbox"
    (box / "c1").mkdir(parents=True)
    write_image_pdf(box / "c1" / "factura.pdf", [render_page(INVOICE_ES)])
    _photo(box / "c1" / "factura foto.png", INVOICE_ES, angle=-1)
    run_mailroom(box, tmp_path / "out", RECEIVED, workers=2)
    record = _record(tmp_path / "out", "c1")
    (flag,) = _dups(record).values()
    assert flag["related"]["claim_id"] == "c1" and "this claim" in flag["message"]
    assert {flag["document"], flag["related"]["file"]} == {"factura.pdf", "factura foto.png"}


@pytest.fixture(autouse=True)
def fresh_document_cache(tmp_path):
    from prefect.settings import PREFECT_LOCAL_STORAGE_PATH, temporary_settings

    with temporary_settings(updates={PREFECT_LOCAL_STORAGE_PATH: tmp_path / "prefect-cache"}):
        yield


@pytest.mark.parametrize("storage_env", ["local"], indirect=True)
def test_the_nightly_run_flags_a_bill_sent_again_on_a_later_night(storage, tmp_path):
    from claim_intake.doc_index import INDEX_KEY
    from flows.nightly import nightly_intake

    invoice = write_text_pdf(tmp_path / "factura.pdf", [INVOICE_ES]).read_bytes()
    upload(storage, "n1", "factura.pdf", invoice)
    nightly_intake(received=RECEIVED)
    assert "n1" in storage.read_internal(INDEX_KEY)

    # Night 2: the same invoice in a new envelope, and a receipt added to the first claim.
    # The index is lost as if the last run was killed before writing it: rebuilt from the records.
    storage.write_internal(INDEX_KEY, "")
    upload(storage, "n2", "faktura.pdf", invoice)
    upload(storage, "n1", "recibo.pdf", write_text_pdf(tmp_path / "r.pdf", [["RECIBO", "Pagado 205,00 €"]]).read_bytes())
    summary = nightly_intake(received=RECEIVED)
    assert summary["processed"] == ["n1", "n2"]
    first, second = (json.loads(storage.read_result(c)) for c in ("n1", "n2"))
    assert _dups(first) == {}  # re-checked with a new file: still not a duplicate of itself
    assert _dups(second)["faktura.pdf"]["related"] == {"claim_id": "n1", "file": "factura.pdf"}
    assert second["status"] != "ready"
