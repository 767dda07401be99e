"""A caseworker's corrections: kept beside the pipeline's record, never in it.

`<claim_id>.corrections.json` is a list, in the order they were made, of
`{document, field, value, dismissed, by, at}`: a corrected value (`field` + `value`)
or a dismissed finding (`dismissed` = its code, `document` = the file it names or
null). The last correction of a (document, field) wins. `expected_files` turns a
record with its corrections into the evaluation set's expected JSON
(`sample_docs/<claim>/<file>.expected.json`, `claim.expected.json`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from claim_intake.model import ClaimResult, DocType, DocumentResult, FindingCode

# The values a caseworker may correct: the expected JSON's keys (claim_intake/evaluate.py).
SCALAR_FIELDS = ("doc_type", "language", "is_copy", "is_translation", "translation_of", "doctor_name",
                 "dates.treatment", "dates.invoice", "dates.payment", "currency", "total",
                 "invoice_number", "marked_paid", "specialty")
BOOL_FIELDS = frozenset({"is_copy", "is_translation", "marked_paid"})
ITEM_FIELD = re.compile(r"^line_items\[(\d{1,3})\]\.(amount|description)$")
MAX_VALUE_CHARS = 500


class Correction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document: str | None = None
    field: str | None = None
    value: str | None = None
    dismissed: FindingCode | None = None
    by: str = "caseworker"
    at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))

    @model_validator(mode="after")
    def _one_kind(self) -> Correction:
        if (self.field is None) == (self.dismissed is None):
            raise ValueError("a correction sets a field's value or dismisses a finding")
        if self.field is not None:
            if self.document is None:
                raise ValueError("a corrected value belongs to a document")
            if not correctable(self.field):
                raise ValueError("this field cannot be corrected")
            if self.value is not None and len(self.value) > MAX_VALUE_CHARS:
                raise ValueError("value too long")
        return self


def correctable(field: str) -> bool:
    return field in SCALAR_FIELDS or ITEM_FIELD.match(field) is not None


def parse(text: str | None) -> list[Correction]:
    if not text:
        return []
    return [Correction.model_validate(c) for c in json.loads(text)]


def dump(corrections: list[Correction]) -> str:
    return json.dumps([c.model_dump(mode="json") for c in corrections], indent=2, ensure_ascii=False) + "\n"


def corrected_values(corrections: list[Correction]) -> dict[tuple[str, str], str | None]:
    """(document, field) -> the caseworker's value; the last correction wins."""
    values: dict[tuple[str, str], str | None] = {}
    for c in corrections:
        if c.field is not None and c.document is not None:
            values[(c.document, c.field)] = c.value
    return values


def dismissed(corrections: list[Correction]) -> set[tuple[str, str | None]]:
    return {(c.dismissed.value, c.document) for c in corrections if c.dismissed is not None}


def _blank(value: str | None) -> str | None:
    value = value.strip() if value is not None else None
    return value or None


def _bool(value: str | None) -> bool:
    return (value or "").strip().lower() in ("true", "yes", "ja", "1")


def expected_document(doc: DocumentResult, values: dict[tuple[str, str], str | None]) -> dict[str, Any]:
    """One document as `<file>.expected.json`, with the caseworker's values in place."""
    exp: dict[str, Any] = {
        "file": doc.file,
        # reviewed by hand, not generated: the rendering is unknown; an unreadable file is
        # "bad" as in the sample set, so the evaluation scores its findings, not its fields
        "render": "bad" if doc.errors else "caseworker",
        "pages": doc.pages,
        "doc_type": doc.doc_type.value,
        "language": doc.language,
        "is_copy": doc.is_copy,
        "is_translation": doc.is_translation,
        "translation_of": doc.translation_of,
        "doctor_name": doc.doctor_name,
        "dates": {k: (v.isoformat() if v else None) for k, v in doc.dates.model_dump().items()},
        "currency": doc.currency,
        "total": doc.total,
        "line_items": [item.model_dump() for item in doc.line_items],
        "invoice_number": doc.invoice_number,
        "marked_paid": doc.marked_paid,
        "specialty": doc.specialty,
    }
    items = exp["line_items"]
    for (file, field), value in values.items():
        if file != doc.file:
            continue
        if field in BOOL_FIELDS:
            exp[field] = _bool(value)
        elif field.startswith("dates."):
            exp["dates"][field.split(".", 1)[1]] = _blank(value)
        elif field == "doc_type":
            exp[field] = value if value in {t.value for t in DocType} else exp[field]
        elif (m := ITEM_FIELD.match(field)) is not None:
            index, key = int(m.group(1)), m.group(2)
            while len(items) <= index:
                items.append({"description": "", "amount": ""})
            items[index][key] = (value or "").strip()
        else:
            exp[field] = _blank(value)
    exp["line_items"] = [i for i in items if i.get("amount")]  # clearing an amount removes the item
    return exp


def expected_claim(result: ClaimResult, corrections: list[Correction]) -> dict[str, Any]:
    """`claim.expected.json`: the pipeline's findings less those the caseworker dismissed,
    and the status those remaining findings give."""
    from validators import claim_status

    gone = dismissed(corrections)
    kept = [f for f in result.findings if (f.code.value, f.document) not in gone]
    return {
        "claim_id": result.claim_id,
        "received_date": result.received_date.isoformat(),
        "status": claim_status(kept).value,
        "findings": [{"code": f.code.value, "document": f.document} for f in kept],
    }


def expected_files(result: ClaimResult, corrections: list[Correction]) -> dict[str, dict[str, Any]]:
    """Relative path -> JSON of the expected files of one claim."""
    values = corrected_values(corrections)
    files = {f"{result.claim_id}/claim.expected.json": expected_claim(result, corrections)}
    for doc in result.documents:
        files[f"{result.claim_id}/{doc.file}.expected.json"] = expected_document(doc, values)
    return files
