"""The claim record's JSON Schema: generated from the model, committed for other tools."""

from __future__ import annotations

import json
from pathlib import Path

from claim_intake.model import ClaimResult

SCHEMA_FILE = Path(__file__).with_name("claim.schema.json")


def claim_schema() -> dict:
    schema = ClaimResult.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://github.com/claim-intake/claim-intake/claim.schema.json"
    return schema


def claim_schema_json() -> str:
    return json.dumps(claim_schema(), indent=2, ensure_ascii=False) + "\n"


