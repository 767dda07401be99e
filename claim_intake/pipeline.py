"""The pipeline's steps as plain functions; `flows/` orchestrates them with Prefect.

Inputs are only read: results go to the output folder by atomic rename, so a
crash never leaves a half-written record and never touches an original.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from claim_intake.files import atomic_write_text, fitting_name, safe_name
from claim_intake.model import (ClaimResult, DocumentResult, FindingCode, ReadDocument, ReadOutcome, Severity,
                                TriageEntry, TriageQueue)
from extractors.ocr import DEFAULT_OCR, OcrSettings, read_document
from extractors.readers import sha256_of
from extractors.tools import DEFAULT_LIMITS, IntakeError, Limits, UnreadableDocument

log = logging.getLogger(__name__)

EXPECTED_SUFFIX = ".expected.json"  # ground truth kept beside sample documents
TRACE_ENV = "CLAIM_INTAKE_TRACE"


def trace(event: str, sha256: str) -> None:
    """With CLAIM_INTAKE_TRACE=<file>, append '<unix time> <event> <hash12>' (hashes only, no
    content): how the benchmark sees when the first page is read and where time goes."""
    target = os.environ.get(TRACE_ENV)
    if target:
        with open(target, "a", encoding="ascii") as fh:
            fh.write(f"{time.time():.3f} {event} {sha256[:12]}\n")


@dataclass(frozen=True)
class ClaimInput:
    claim_id: str
    folder: Path
    files: list[Path] = field(default_factory=list)


def is_document(path: Path) -> bool:
    name = path.name
    return path.is_file() and not name.startswith(".") and not name.endswith(EXPECTED_SUFFIX)


def discover(inbox: Path) -> list[ClaimInput]:
    """One claim per subfolder of the inbox (one envelope), its files in name order."""
    if not inbox.is_dir():
        raise FileNotFoundError(f"inbox folder not found: {inbox}")
    claims = []
    for folder in sorted(p for p in inbox.iterdir() if p.is_dir() and not p.name.startswith(".")):
        files = sorted((p for p in folder.rglob("*") if is_document(p)), key=lambda p: str(p))
        claims.append(ClaimInput(safe_name(folder.name), folder, files))
    return claims


def unreadable(name: str, sha256: str, reason: str) -> DocumentResult:
    return DocumentResult(file=name, sha256=sha256, errors=[reason])


def read(path: Path, name: str, sha256: str, settings: OcrSettings = DEFAULT_OCR,
         limits: Limits = DEFAULT_LIMITS) -> ReadDocument:
    from extractors.active_content import content_warnings
    from extractors.fingerprint import first_page_hash

    doc = read_document(path, name=name, settings=settings, limits=limits, sha256=sha256)
    # Both cheap beside OCR, and cached with it: a re-scan's fingerprint (from the page image
    # read_document had in hand where page 1 is a scan), what was left out.
    return doc.model_copy(update={"phash": doc.phash or first_page_hash(path, limits),
                                  "warnings": content_warnings(path)})


def read_safely(path: Path, name: str, settings: OcrSettings = DEFAULT_OCR,
                limits: Limits = DEFAULT_LIMITS) -> ReadOutcome:
    """Read and OCR one file; bad input becomes an outcome with `error`, never an exception."""
    try:
        sha = sha256_of(path)
    except OSError:
        return ReadOutcome(file=name, sha256="", error="the file could not be opened for reading")
    trace("read-start", sha)
    try:
        return ReadOutcome(file=name, sha256=sha, document=read(path, name, sha, settings, limits))
    except UnreadableDocument as exc:
        log.info("document %s unreadable: %s", sha[:12], exc.reason)
        return ReadOutcome(file=name, sha256=sha, error=exc.reason)
    except IntakeError as exc:  # OCR failure/timeout on an otherwise valid file
        log.warning("document %s failed: %s", sha[:12], exc.reason)
        return ReadOutcome(file=name, sha256=sha, error=exc.reason)
    except MemoryError:
        return ReadOutcome(file=name, sha256=sha, error="the document needs more memory than is available")
    finally:
        trace("read-done", sha)


def interpret_outcome(outcome: ReadOutcome, name: str | None = None) -> DocumentResult:
    """Interpret a read file under the name it has in this claim (a cached read may be a renamed copy)."""
    from extractors.interpret import interpret

    name = name or outcome.file
    if outcome.document is None:
        return unreadable(name, outcome.sha256, outcome.error or "the file could not be read")
    return interpret(outcome.document.model_copy(update={"file": name}))


def interpret_file(outcome: ReadOutcome, name: str | None = None) -> list[DocumentResult]:
    """A read file's documents: one, or several where the file holds a packet scanned as one
    (`extractors.segment`), each a part named by its pages."""
    from extractors.interpret import interpret
    from extractors.segment import cut, document_starts

    name = name or outcome.file
    if outcome.document is None:
        return [interpret_outcome(outcome, name)]
    doc = outcome.document.model_copy(update={"file": name})
    starts = document_starts(doc)
    if len(starts) <= 1:
        return [interpret(doc)]
    ends = starts[1:] + [len(doc.pages)]
    return [named(interpret(cut(doc, a, b)).model_copy(update={"part_of": name, "first_page": a + 1}), name)
            for a, b in zip(starts, ends)]


def part_name(file: str, first: int, last: int) -> str:
    return f"{file} (page {first})" if first == last else f"{file} (pages {first}-{last})"


def named(result: DocumentResult, name: str) -> DocumentResult:
    """The result under the name its file has in this claim (a cached read may come from
    a renamed copy); a part is named by its file and pages."""
    if result.part_of is None:
        return result.model_copy(update={"file": name})
    last = result.first_page + max(result.pages, 1) - 1
    return result.model_copy(update={"file": part_name(name, result.first_page, last), "part_of": name})


def process_file(path: Path, name: str, settings: OcrSettings = DEFAULT_OCR,
                 limits: Limits = DEFAULT_LIMITS) -> list[DocumentResult]:
    return interpret_file(read_safely(path, name, settings, limits))


def process_document(path: Path, name: str, settings: OcrSettings = DEFAULT_OCR,
                     limits: Limits = DEFAULT_LIMITS) -> DocumentResult:
    return interpret_outcome(read_safely(path, name, settings, limits))


def check(claim_id: str, received: dt.date, docs: list[DocumentResult], earlier: list | None = None) -> ClaimResult:
    """`earlier`: `validators.duplicates.IndexedDocument`s of earlier claims (see `claim_intake.doc_index`)."""
    from validators import check_claim, link_translations

    return check_claim(claim_id, received, link_translations(docs), earlier or [])


def checks_not_made(claim_id: str, received: dt.date, docs: list[DocumentResult]) -> ClaimResult:
    """The record of a claim whose checks raised: its documents as read, and a finding that
    sends it to a caseworker (needs_review), so the batch goes on and nothing passes unseen."""
    from validators.check import claim_status
    from validators.messages import finding

    findings = [finding(FindingCode.LOW_CONFIDENCE, None, "checks_failed", severity=Severity.warning)]
    return ClaimResult(claim_id=claim_id, received_date=received, status=claim_status(findings),
                       documents=docs, findings=findings)


def empty_claim(claim_id: str, received: dt.date) -> ClaimResult:
    return check(claim_id, received, [])


def result_json(result: ClaimResult) -> str:
    return result.model_dump_json(indent=2) + "\n"


def write_result(out: Path, result: ClaimResult) -> Path:
    target = out / fitting_name(result.claim_id, ".json")
    atomic_write_text(target, result_json(result))
    return target


def load_result(path: Path) -> ClaimResult:
    return ClaimResult.model_validate_json(path.read_text(encoding="utf-8"))


def load_results(out: Path) -> list[ClaimResult]:
    """Every claim record in OUT; the triage queue and the caseworker's corrections
    (`<claim_id>.corrections.json`, see claim_intake/ui) live beside them and are skipped."""
    return [load_result(p) for p in sorted(out.glob("*.json"))
            if p.name != "triage.json" and not p.name.endswith(".corrections.json")]


def triage_queue(results: list[ClaimResult]) -> TriageQueue:
    """The caseworker queue in working order (see `validators.queue.triage_order`)."""
    from validators.queue import ask_claimant, earliest_treatment, triage_order

    return TriageQueue(claims=[
        TriageEntry(claim_id=r.claim_id, status=r.status, codes=r.codes, documents=len(r.documents),
                    earliest_treatment=earliest_treatment(r), ask_claimant=ask_claimant(r))
        for r in triage_order(results)])


def write_triage(out: Path, results: list[ClaimResult]) -> Path:
    target = out / "triage.json"
    atomic_write_text(target, triage_queue(results).model_dump_json(indent=2) + "\n")
    return target
