import datetime as dt

import jsonschema
import pytest

from claim_intake.model import ClaimResult, ClaimStatus, DocumentResult, Finding, FindingCode, LineItem
from claim_intake.schema import SCHEMA_FILE, claim_schema, claim_schema_json


def test_committed_schema_matches_the_model():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == claim_schema_json(), (
        "regenerate with: python -m claim_intake.schema")


def test_a_claim_record_validates_against_the_schema():
    result = ClaimResult(
        claim_id="c1", received_date=dt.date(2026, 11, 20), status=ClaimStatus.incomplete,
        documents=[DocumentResult(file="a.pdf", sha256="0" * 64, pages=1, text_source="ocr",
                                  line_items=[LineItem(description="x", amount="1.00")], total="1.00")],
        findings=[Finding(code=FindingCode.PROOF_OF_PAYMENT_MISSING, message="m")],
    )
    jsonschema.validate(result.model_dump(mode="json"), claim_schema())


def test_schema_rejects_an_unknown_status():
    bad = {"claim_id": "c1", "received_date": "2026-11-20", "status": "approved", "documents": [], "findings": []}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, claim_schema())
