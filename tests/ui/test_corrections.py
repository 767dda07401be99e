"""Corrections beside the record, and their export as the evaluation set's expected JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from claim_intake.cli import app as cli
from claim_intake.evaluate import load_expected, score
from claim_intake.model import ClaimResult
from claim_intake.pipeline import load_results
from claim_intake.ui import corrections as corr
from claim_intake.ui.source import FolderSource
from tests.ui.conftest import CLAIMS, SAMPLES


def _write(dest: Path, files: dict[str, dict]) -> None:
    for rel, data in files.items():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_text(json.dumps(data), encoding="utf-8")


def test_export_without_corrections_scores_the_pipeline_perfectly(ui_data, tmp_path):
    """The export is in the evaluation's own format: the results score 100% against it."""
    out, _ = ui_data
    results = load_results(out)
    for r in results:
        _write(tmp_path, corr.expected_files(r, []))
    claims, docs = load_expected(tmp_path)
    assert set(claims) == {r.claim_id for r in results}
    assert len(docs) == sum(len(r.documents) for r in results)
    report = score(tmp_path, results)
    assert report.claim_status.value == 1.0 and report.claim_exact_findings.value == 1.0
    assert all(s.value == 1.0 for s in report.fields.values()), report.misses
    assert report.line_items.f1 == 1.0
    assert report.documents == sum(1 for r in results for d in r.documents if not d.errors)


def test_export_has_the_keys_of_the_sample_sets_expected_files(ui_data):
    out, _ = ui_data
    result = ClaimResult.model_validate_json((out / "c013_no_gp.json").read_text(encoding="utf-8"))
    files = corr.expected_files(result, [])
    assert len(files) == 2
    for rel, data in files.items():
        sample = json.loads((SAMPLES / rel).read_text(encoding="utf-8"))
        assert set(data) == set(sample), rel
        if "dates" in sample:
            assert set(data["dates"]) == set(sample["dates"])
            assert data["line_items"] == sample["line_items"]


def test_corrected_values_and_dismissed_findings_change_the_export(ui_data, tmp_path):
    out, _ = ui_data
    result = ClaimResult.model_validate_json((out / "c032_da_gp.json").read_text(encoding="utf-8"))
    invoice = result.documents[0].file
    made = [
        corr.Correction(document=invoice, field="doctor_name", value="Wrong Name"),
        corr.Correction(document=invoice, field="doctor_name", value="Mette Holm"),  # the last one wins
        corr.Correction(document=invoice, field="dates.treatment", value="2026-09-24"),
        corr.Correction(document=invoice, field="line_items[1].amount", value=""),  # not an item after all
        corr.Correction(document=invoice, field="line_items[5].amount", value="12.00"),
        corr.Correction(document=invoice, field="is_copy", value="true"),
        corr.Correction(document=None, dismissed="DOCTOR_NAME_MISSING"),
    ]
    stored = corr.parse(corr.dump(made))
    assert stored == made
    files = corr.expected_files(result, stored)
    doc = files[f"c032_da_gp/{invoice}.expected.json"]
    assert doc["doctor_name"] == "Mette Holm"
    assert doc["dates"]["treatment"] == "2026-09-24"
    assert doc["is_copy"] is True
    amounts = [i["amount"] for i in doc["line_items"]]
    assert amounts == [result.documents[0].line_items[0].amount, "12.00"]
    claim = files["c032_da_gp/claim.expected.json"]
    assert claim["findings"] == [] and claim["status"] == "ready"
    _write(tmp_path, files)
    report = score(tmp_path, [result])
    misses = {m.split(": ", 1)[1] for m in report.misses if "/" in m.split(":")[0]}
    assert misses == {"doctor_name", "doctor_fuzzy", "dates.treatment", "is_copy"}
    assert report.claim_status.value == 0.0  # the pipeline said incomplete; the caseworker says ready


def test_a_correction_is_a_value_or_a_dismissal_of_a_known_field():
    with pytest.raises(ValidationError):
        corr.Correction(document="a.pdf", field="total", value="1", dismissed="AMOUNT_MISMATCH")
    with pytest.raises(ValidationError):
        corr.Correction(document="a.pdf")
    with pytest.raises(ValidationError):
        corr.Correction(document=None, field="total", value="1")
    with pytest.raises(ValidationError):
        corr.Correction(document="a.pdf", field="__class__", value="1")
    with pytest.raises(ValidationError):
        corr.Correction(document="a.pdf", field="total", value="9" * 1000)
    with pytest.raises(ValidationError):
        corr.Correction(dismissed="NOT_A_CODE")
    assert corr.correctable("line_items[3].description") and not corr.correctable("line_items[x].amount")


def test_cli_export_writes_corrected_claims_and_never_touches_the_records(fresh_out, tmp_path):
    out, _ = fresh_out
    source = FolderSource(out)
    before = {p.name: p.read_bytes() for p in out.glob("*.json")}
    source.write_corrections("c013_no_gp", corr.dump([corr.Correction(document="faktura_10357.pdf", field="total",
                                                                       value="1.00")]))
    dest = tmp_path / "expected"
    run = CliRunner().invoke(cli, ["ui-export", str(out), str(dest)])
    assert run.exit_code == 0, run.output
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*.json")) == [
        "c013_no_gp/claim.expected.json", "c013_no_gp/faktura_10357.pdf.expected.json"]
    assert json.loads((dest / "c013_no_gp/faktura_10357.pdf.expected.json").read_text())["total"] == "1.00"
    assert {p.name: p.read_bytes() for p in out.glob("*.json") if not p.name.endswith(".corrections.json")} == before
    shutil.rmtree(dest)
    run = CliRunner().invoke(cli, ["ui-export", str(out), str(dest), "--all"])
    assert run.exit_code == 0, run.output
    assert {p.name for p in dest.iterdir()} == set(CLAIMS) | {"c900_long_record"}
