"""The nightly intake run: what arrived in the intake store since the last run, checked once.

Storage comes from the environment (`claim_intake.storage.storage_from_env`), so the same
flow runs against local folders and MinIO. Per claim the flow keeps a fingerprint (file
names and ETags) in the results store (`_state/nightly.json`): a claim whose files are
unchanged is skipped; one with a new or changed file is checked again as a whole.
Per file a task downloads it and keeps the original (retried on transient storage
errors), then `flows.mailroom.document_task` reads it (cached by content hash, so a file
is OCRed once however often its claim is re-checked). Unreadable files go to quarantine
with the reason. Logs and the artifact carry claim ids, file hashes and codes only.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE as NO_CACHE
from prefect.futures import as_completed
from prefect.settings import get_current_settings
from prefect.task_runners import ThreadPoolTaskRunner
from pydantic import BaseModel, Field

from claim_intake import pipeline
from claim_intake.doc_index import load_store_index, save_store_index
from claim_intake.model import ClaimResult, DocumentResult
from claim_intake.storage import (
    Storage,
    StorageError,
    StoredClaim,
    TransientStorageError,
    storage_from_env,
)
from extractors.ocr import DEFAULT_OCR, OcrSettings
from flows.mailroom import claim_task, document_task, publish_triage_artifact

STATE_KEY = "_state/nightly.json"
NIGHTLY_CRON = "0 2 * * *"
NIGHTLY_TIMEZONE = "Europe/Oslo"
DEPLOYMENT_NAME = "nightly"
# Files uploaded while the last run was listing are listed again; fingerprints make it harmless.
LISTING_OVERLAP = dt.timedelta(minutes=10)
STORAGE_RETRY_DELAYS = [2, 10, 60]


class ClaimState(BaseModel):
    files: dict[str, str] = Field(description="file name -> ETag when last checked")
    status: str
    checked_at: dt.datetime


class NightlyState(BaseModel):
    """What the last runs did: when, and which file set each claim was checked with."""

    last_run: dt.datetime | None = None
    claims: dict[str, ClaimState] = Field(default_factory=dict)
    retry: list[str] = Field(default_factory=list, description="claims that failed: listed again next run")


class Fetched(BaseModel):
    path: str
    sha256: str


def load_state(storage: Storage) -> NightlyState:
    text = storage.read_internal(STATE_KEY)
    return NightlyState.model_validate_json(text) if text else NightlyState()


def save_state(storage: Storage, state: NightlyState) -> None:
    storage.write_internal(STATE_KEY, state.model_dump_json(indent=2) + "\n")


def _transient_only(_task: Any, _task_run: Any, state: Any) -> bool:
    """Retry storage hiccups; a missing object or a refused request will not get better."""
    try:
        state.result()
    except TransientStorageError:
        return True
    except Exception:  # noqa: BLE001
        return False
    return False


@task(name="fetch-and-keep-original", cache_policy=NO_CACHE, retries=len(STORAGE_RETRY_DELAYS),
      retry_delay_seconds=STORAGE_RETRY_DELAYS, retry_condition_fn=_transient_only)
def fetch_task(storage: Storage, claim_id: str, name: str, workdir: str) -> Fetched:
    """Download one intake file and keep it, unchanged, in the originals store."""
    path = storage.open_original(claim_id, name, into=Path(workdir))
    kept = storage.keep_original(claim_id, name, path)
    get_run_logger().info("claim %s: file %s kept (%s)", claim_id, kept.sha256[:12],
                          "new" if kept.created else "already kept")
    return Fetched(path=str(path), sha256=kept.sha256)


@task(name="store-claim", cache_policy=NO_CACHE, retries=len(STORAGE_RETRY_DELAYS),
      retry_delay_seconds=STORAGE_RETRY_DELAYS, retry_condition_fn=_transient_only)
def store_task(storage: Storage, result: ClaimResult, paths: dict[str, str]) -> list[str]:
    """Quarantine the claim's unreadable files, then write its record; returns the quarantined names."""
    logger = get_run_logger()
    quarantined = []
    for doc in result.documents:
        if doc.errors and doc.file in paths:
            storage.quarantine(result.claim_id, doc.file, Path(paths[doc.file]), "; ".join(doc.errors))
            logger.info("claim %s: file %s quarantined", result.claim_id, doc.sha256[:12] or "-")
            quarantined.append(doc.file)
    storage.write_result(result.claim_id, pipeline.result_json(result))
    return quarantined


def received_date(claim: StoredClaim) -> dt.date:
    """The day (Oslo time) the first file of the claim arrived in intake."""
    first = min(f.modified for f in claim.files)
    return first.astimezone(ZoneInfo(NIGHTLY_TIMEZONE)).date()


def due_claims(storage: Storage, state: NightlyState, rescan_all: bool) -> tuple[list[StoredClaim], list[str]]:
    """(claims to check, ids listed but unchanged since their last check)."""
    since = None if rescan_all or state.last_run is None else state.last_run - LISTING_OVERLAP
    listed = {c.claim_id: c for c in storage.list_claims(since)}
    for claim_id in state.retry:
        if claim_id not in listed and (claim := storage.claim(claim_id)) is not None:
            listed[claim_id] = claim
    due, unchanged = [], []
    for claim_id in sorted(listed):
        previous = state.claims.get(claim_id)
        if previous is not None and previous.files == listed[claim_id].fingerprint:
            unchanged.append(claim_id)
        else:
            due.append(listed[claim_id])
    return due, unchanged


def _task_runner() -> ThreadPoolTaskRunner:
    """One document (one Tesseract process) per core, unless
    PREFECT_TASKS_RUNNER_THREAD_POOL_MAX_WORKERS says otherwise; Prefect's default is unbounded."""
    configured = get_current_settings().tasks.runner.thread_pool_max_workers
    return ThreadPoolTaskRunner(max_workers=configured or os.cpu_count() or 2)


@flow(name="nightly-intake", log_prints=False, task_runner=_task_runner())
def nightly_intake(received: dt.date | None = None, ocr_first_pass: str = DEFAULT_OCR.first_pass,
                   ocr_second_pass: bool = DEFAULT_OCR.second_pass, rescan_all: bool = False) -> dict[str, list[str]]:
    """Check every claim in the intake store that is new or changed since it was last checked.

    `received` overrides the received date of every claim (default: the day its first
    file arrived); `rescan_all` lists the whole intake store instead of what changed
    since the last run (unchanged claims are still skipped). Returns the claim ids
    processed, skipped, failed and those with quarantined files.
    """
    logger = get_run_logger()
    storage = storage_from_env()
    storage.ensure_ready()
    state = load_state(storage)
    started = dt.datetime.now(dt.timezone.utc)
    ocr = OcrSettings(first_pass=ocr_first_pass, second_pass=ocr_second_pass)
    due, unchanged = due_claims(storage, state, rescan_all)
    index = load_store_index(storage, state.claims)  # earlier claims' payment documents
    logger.info("nightly: %d claims to check, %d unchanged", len(due), len(unchanged))

    failed: set[str] = set()
    results: list[ClaimResult] = []
    quarantined: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="claim-intake-nightly-") as workdir:
        fetches = {fetch_task.submit(storage, c.claim_id, f.name, workdir): (c.claim_id, f.name)
                   for c in due for f in c.files}
        fetched: dict[str, dict[str, Fetched]] = {c.claim_id: {} for c in due}
        for fut in as_completed(list(fetches)):
            claim_id, name = fetches[fut]
            try:
                fetched[claim_id][name] = fut.result()
            except Exception as exc:  # noqa: BLE001 (one claim's failure must not stop the others)
                failed.add(claim_id)
                logger.error("claim %s: a file could not be fetched: %s", claim_id, _safe(exc))

        # One read per distinct content: the same file in two envelopes is read once.
        wanted: dict[str, list[tuple[str, str]]] = {}
        first_path: dict[str, str] = {}
        for claim_id, files in fetched.items():
            if claim_id in failed:
                continue
            for name, f in files.items():
                wanted.setdefault(f.sha256, []).append((claim_id, name))
                first_path.setdefault(f.sha256, f.path)
        reads = {document_task.submit(first_path[sha], users[0][1], sha, ocr): sha for sha, users in wanted.items()}
        docs: dict[str, list[DocumentResult]] = {c.claim_id: [] for c in due}
        for fut in as_completed(list(reads)):
            sha = reads[fut]
            try:
                read = fut.result()
            except Exception as exc:  # noqa: BLE001
                failed.update(claim_id for claim_id, _ in wanted[sha])
                logger.error("file %s: the document task failed: %s", sha[:12], type(exc).__name__)
                continue
            for claim_id, name in wanted[sha]:
                # A result read (or cached) under another name is this file now.
                docs[claim_id].extend(pipeline.named(result, name) for result in read)

        for claim in due:
            claim_id = claim.claim_id
            if claim_id in failed:
                continue
            try:
                claim_docs = sorted(docs[claim_id], key=lambda d: d.file)
                result = claim_task(claim_id, received or received_date(claim), claim_docs,
                                    index.candidates(claim_id, claim_docs))
                paths = {name: f.path for name, f in fetched[claim_id].items()}
                if store_task(storage, result, paths):
                    quarantined.add(claim_id)
            except Exception as exc:  # noqa: BLE001
                failed.add(claim_id)
                logger.error("claim %s: could not be checked or stored: %s", claim_id, _safe(exc))
                continue
            results.append(result)
            index.add_result(result)
            state.claims[claim_id] = ClaimState(files=claim.fingerprint, status=result.status.value,
                                                checked_at=dt.datetime.now(dt.timezone.utc))
            state.retry = [c for c in state.retry if c != claim_id]
            save_state(storage, state)  # progress survives a crash later in the run
            logger.info("claim %s: %s %s", claim_id, result.status.value, ",".join(result.codes))

    state.retry = sorted(set(state.retry) | failed)
    state.last_run = started
    save_store_index(storage, index)  # a run killed before this is repaired from the records next time
    save_state(storage, state)
    if results:
        publish_triage_artifact(results)
    summary = {"processed": sorted(r.claim_id for r in results), "skipped": unchanged,
               "failed": sorted(failed), "quarantined": sorted(quarantined)}
    if failed:
        raise RuntimeError(f"{len(failed)} claims failed and will be retried next run: {', '.join(sorted(failed))}")
    return summary


def _safe(exc: Exception) -> str:
    """Our storage errors name claim/file only; anything else is reported by type alone."""
    return str(exc) if isinstance(exc, StorageError) else type(exc).__name__


def nightly_deployment(name: str = DEPLOYMENT_NAME):  # noqa: ANN201 (prefect RunnerDeployment)
    """The nightly deployment as `claim-intake serve` runs it (prefect.yaml has the same schedule)."""
    from prefect.schedules import Cron

    return nightly_intake.to_deployment(
        name=name,
        schedules=[Cron(NIGHTLY_CRON, timezone=NIGHTLY_TIMEZONE)],
        concurrency_limit=1,  # two runs at once would race on the state object
        description="Check what arrived in the intake store since the last run.",
        tags=["claim-intake", "nightly"],
    )


__all__ = ["NightlyState", "load_state", "nightly_deployment", "nightly_intake"]
