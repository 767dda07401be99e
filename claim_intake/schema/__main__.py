from claim_intake.schema import SCHEMA_FILE, claim_schema_json

SCHEMA_FILE.write_text(claim_schema_json(), encoding="utf-8")
