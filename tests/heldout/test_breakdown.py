"""The per-layout breakdown scores results against the held-out truth by layout."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from claim_intake.model import ClaimResult, ClaimStatus, Dates, DocType, DocumentResult, LineItem
from claim_intake.pipeline import write_result
from heldout import breakdown as B
from heldout import generate as G


def _result_from_truth(folder: Path) -> ClaimResult:
    docs = []
    for f in sorted(folder.glob("*.expected.json")):
        if f.name == "claim.expected.json":
            continue
        e = json.loads(f.read_text(encoding="utf-8"))
        docs.append(DocumentResult(
            file=e["file"], sha256="0" * 64, pages=e["pages"], doc_type=DocType(e["doc_type"]), language=e["language"],
            language_accepted=e["language"] in G.ACCEPTED, is_copy=e["is_copy"], is_translation=e["is_translation"],
            translation_of=e["translation_of"], doctor_name=e["doctor_name"],
            dates=Dates(**{k: dt.date.fromisoformat(v) if v else None for k, v in e["dates"].items()}),
            currency=e["currency"], total=e["total"], line_items=[LineItem(**i) for i in e["line_items"]]))
    return ClaimResult(claim_id=folder.name, received_date=dt.date(2026, 11, 20), status=ClaimStatus.ready,
                       documents=docs)


def test_breakdown_groups_by_layout_and_lists_the_wrong_value(tmp_path: Path) -> None:
    sample, results = tmp_path / "set", tmp_path / "out"
    results.mkdir()
    (claim_id,) = G.generate(sample, seed=4, claims=1, received=dt.date(2026, 11, 20), only_render="born_digital")
    result = _result_from_truth(sample / claim_id)
    wrong = result.documents[0]
    wrong.dates.treatment = dt.date(1999, 1, 1)
    write_result(results, result)

    scores, misses = B.breakdown(sample, results)

    layout = json.loads((sample / claim_id / f"{wrong.file}.expected.json").read_text(encoding="utf-8"))["layout"]
    assert scores[layout].right == scores[layout].total - 1
    assert all(s.value == 1.0 for k, s in scores.items() if layout not in k)
    assert len(misses) == 1 and "dates.treatment" in misses[0] and wrong.file in misses[0]
