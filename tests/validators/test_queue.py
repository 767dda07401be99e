import datetime as dt

from claim_intake.model import ClaimResult, ClaimStatus, Dates, DocumentResult
from validators import ask_claimant, triage_order

from .factory import check, ready_claim, replace


def result(claim_id: str, status: str, *treatments: dt.date | None) -> ClaimResult:
    docs = [
        DocumentResult(file=f"d{i}.pdf", sha256="0", dates=Dates(treatment=t)) for i, t in enumerate(treatments)
    ]
    return ClaimResult(claim_id=claim_id, received_date=dt.date(2026, 6, 1), status=ClaimStatus(status),
                       documents=docs)


def test_incomplete_then_needs_review_then_ready_oldest_treatment_first():
    claims = [
        result("r-old", "ready", dt.date(2025, 1, 1)),
        result("i-new", "incomplete", dt.date(2026, 5, 1)),
        result("n-old", "needs_review", dt.date(2026, 1, 1), dt.date(2026, 4, 1)),
        result("i-nodate", "incomplete"),
        result("n-mid", "needs_review", dt.date(2026, 5, 1), dt.date(2026, 3, 1)),
        result("b-same", "incomplete", dt.date(2026, 5, 1)),
        result("r-nodate", "ready", None),
        result("r-new", "ready", dt.date(2026, 2, 1)),
    ]
    order = [r.claim_id for r in triage_order(claims)]
    assert order == ["b-same", "i-new", "i-nodate", "n-old", "n-mid", "r-old", "r-new", "r-nodate"]


def test_triage_does_not_modify_input():
    claims = [result("b", "ready", dt.date(2026, 1, 1)), result("a", "incomplete")]
    triage_order(claims)
    assert [r.claim_id for r in claims] == ["b", "a"]


def test_nothing_to_ask_on_a_ready_claim():
    assert ask_claimant(check(ready_claim())) == []


def test_asks_for_what_is_missing():
    docs = [d for d in ready_claim() if d.file != "receipt.jpg"]
    docs = replace(docs, "invoice.pdf", doctor_name=None)
    asks = ask_claimant(check(docs))
    assert len(asks) == 2
    assert any("doctor's name" in a for a in asks) and any("paid" in a for a in asks)


def test_asks_name_the_file_and_come_once():
    docs = replace(ready_claim(), "invoice.pdf", is_copy=True, errors=["ocr failed"])
    asks = ask_claimant(check(docs))
    assert sum("invoice.pdf" in a for a in asks) == 1  # unreadable: ask for a clear scan
    assert len(asks) == len(set(asks))


def test_handler_only_findings_ask_nothing():
    docs = ready_claim()
    bill = docs[1]
    low = bill.model_copy(update={"fields": [f.model_copy(update={"confidence": 0.1}) for f in bill.fields]})
    result = check([docs[0], low, docs[2]])
    assert result.codes == ["LOW_CONFIDENCE"]
    assert ask_claimant(result) == []
