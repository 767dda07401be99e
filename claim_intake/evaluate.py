"""Score pipeline results against the expected JSON kept beside sample documents.

`<file>.expected.json` beside each document and `claim.expected.json` in each claim
folder are the ground truth; see `sample_docs/generate.py`.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field
from rapidfuzz import fuzz

from claim_intake.model import ClaimResult, DocumentResult, FindingCode
from claim_intake.pipeline import EXPECTED_SUFFIX
from extractors.labels import normalize

DOC_FIELDS = ("doc_type", "language", "language_accepted", "is_copy", "is_translation", "translation_of",
              "doctor_name", "doctor_fuzzy", "dates.treatment", "dates.invoice", "dates.payment",
              "currency", "total")
FUZZY_DOCTOR = 90.0


class ExpectedItem(BaseModel):
    description: str = ""
    amount: str


class ExpectedDocument(BaseModel):
    file: str
    render: str = "unknown"
    pages: int | None = None
    doc_type: str | None = None
    language: str | None = None
    is_copy: bool = False
    is_translation: bool = False
    translation_of: str | None = None
    doctor_name: str | None = None
    dates: dict[str, str | None] = Field(default_factory=dict)
    currency: str | None = None
    total: str | None = None
    line_items: list[ExpectedItem] = Field(default_factory=list)

    model_config = {"extra": "ignore"}


class ExpectedFinding(BaseModel):
    code: str
    document: str | None = None


class ExpectedClaim(BaseModel):
    claim_id: str
    received_date: str | None = None
    status: str
    findings: list[ExpectedFinding] = Field(default_factory=list)

    model_config = {"extra": "ignore"}


class Score(BaseModel):
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1


class PrecisionRecall(BaseModel):
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class EvalReport(BaseModel):
    documents: int = 0
    claims: int = 0
    pages: int = 0
    seconds: float = 0.0
    fields: dict[str, Score] = Field(default_factory=dict)
    line_items: PrecisionRecall = Field(default_factory=PrecisionRecall)
    by_language: dict[str, Score] = Field(default_factory=dict)
    by_render: dict[str, Score] = Field(default_factory=dict)
    findings: dict[str, PrecisionRecall] = Field(default_factory=dict)
    claim_status: Score = Field(default_factory=Score)
    claim_exact_findings: Score = Field(default_factory=Score)
    misses: list[str] = Field(default_factory=list, description="claim/file: field, for debugging")

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def field(self, name: str) -> float:
        return self.fields[name].value


def _dec(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def _name(value: str | None) -> str:
    return normalize(value or "")


def _doc_checks(exp: ExpectedDocument, got: DocumentResult) -> dict[str, bool]:
    exp_dates = exp.dates or {}
    checks = {
        "doc_type": got.doc_type.value == exp.doc_type,
        "language": got.language == exp.language,
        "language_accepted": got.language_accepted == (exp.language in {"no", "da", "sv", "en"}),
        "is_copy": got.is_copy == exp.is_copy,
        "is_translation": got.is_translation == exp.is_translation,
        "translation_of": got.translation_of == exp.translation_of,
        "doctor_name": _name(got.doctor_name) == _name(exp.doctor_name),
        "doctor_fuzzy": (not exp.doctor_name and not got.doctor_name)
        or (bool(exp.doctor_name and got.doctor_name)
            and fuzz.ratio(_name(got.doctor_name), _name(exp.doctor_name)) >= FUZZY_DOCTOR),
        "currency": (got.currency or None) == (exp.currency or None),
        "total": _dec(got.total) == _dec(exp.total),
    }
    for role in ("treatment", "invoice", "payment"):
        want = exp_dates.get(role)
        have = getattr(got.dates, role)
        checks[f"dates.{role}"] = (have.isoformat() if have else None) == want
    return checks


def _item_counts(amounts: list[Any]) -> Counter:
    return Counter(d for d in (_dec(a) for a in amounts) if d is not None)


def load_expected(sample_dir: Path) -> tuple[dict[str, ExpectedClaim], dict[tuple[str, str], ExpectedDocument]]:
    claims: dict[str, ExpectedClaim] = {}
    docs: dict[tuple[str, str], ExpectedDocument] = {}
    for claim_file in sorted(sample_dir.glob(f"*/claim{EXPECTED_SUFFIX}")):
        claim = ExpectedClaim.model_validate_json(claim_file.read_text(encoding="utf-8"))
        claims[claim.claim_id] = claim
        for doc_file in sorted(claim_file.parent.glob(f"*{EXPECTED_SUFFIX}")):
            if doc_file == claim_file:
                continue
            doc = ExpectedDocument.model_validate_json(doc_file.read_text(encoding="utf-8"))
            docs[(claim.claim_id, doc.file)] = doc
    return claims, docs


def received_date(sample_dir: Path) -> str | None:
    manifest = sample_dir / "manifest.json"
    if manifest.is_file():
        return json.loads(manifest.read_text(encoding="utf-8")).get("received_date")
    return None


def score(sample_dir: Path, results: list[ClaimResult], seconds: float = 0.0) -> EvalReport:
    exp_claims, exp_docs = load_expected(sample_dir)
    got = {r.claim_id: r for r in results}
    report = EvalReport(seconds=seconds)
    report.fields = {f: Score() for f in DOC_FIELDS}
    by_lang: dict[str, Score] = defaultdict(Score)
    by_render: dict[str, Score] = defaultdict(Score)
    findings: dict[str, PrecisionRecall] = {c.value: PrecisionRecall() for c in FindingCode}

    for claim_id, exp_claim in exp_claims.items():
        result = got.get(claim_id)
        report.claims += 1
        if result is None:
            report.misses.append(f"{claim_id}: no result")
            report.claim_status.add(False)
            report.claim_exact_findings.add(False)
            continue
        report.claim_status.add(result.status.value == exp_claim.status)
        want = {(f.code, f.document) for f in exp_claim.findings}
        have = {(f.code.value, f.document) for f in result.findings}
        report.claim_exact_findings.add(want == have)
        for code, pr in findings.items():
            w = {x for x in want if x[0] == code}
            h = {x for x in have if x[0] == code}
            pr.tp += len(w & h)
            pr.fp += len(h - w)
            pr.fn += len(w - h)
        if want != have:
            report.misses.append(f"{claim_id}: findings want {sorted(map(str, want))} got {sorted(map(str, have))}")

        results_by_file = {d.file: d for d in result.documents}
        for (cid, file), exp in exp_docs.items():
            if cid != claim_id or exp.render == "bad":
                continue
            doc = results_by_file.get(file)
            if doc is None:
                report.misses.append(f"{claim_id}/{file}: missing from result")
                continue
            report.documents += 1
            report.pages += doc.pages
            for name, ok in _doc_checks(exp, doc).items():
                report.fields[name].add(ok)
                by_lang[exp.language or "?"].add(ok)
                by_render[exp.render].add(ok)
                if not ok:
                    report.misses.append(f"{claim_id}/{file}: {name}")
            w_items = _item_counts([i.amount for i in exp.line_items])
            h_items = _item_counts([i.amount for i in doc.line_items])
            report.line_items.tp += sum((w_items & h_items).values())
            report.line_items.fp += sum((h_items - w_items).values())
            report.line_items.fn += sum((w_items - h_items).values())
    report.by_language = dict(sorted(by_lang.items()))
    report.by_render = dict(sorted(by_render.items()))
    report.findings = findings
    return report
