"""The mailroom batch as a Prefect flow: thin orchestration over `claim_intake.pipeline`.

A task per document does the heavy work (read, OCR, interpret) and is cached by
the file's content hash, so a re-run or a renamed copy never OCRs twice; a task
per claim runs the checks. Logs and artifacts carry ids and codes only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NONE as NO_CACHE
from prefect.futures import as_completed
from prefect.settings import (
    PREFECT_LOCAL_STORAGE_PATH,
    PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
    temporary_settings,
)
from prefect.task_runners import ThreadPoolTaskRunner

from claim_intake import pipeline
from claim_intake.doc_index import load_folder_index, save_folder_index
from claim_intake.files import safe_name
from claim_intake.model import ClaimResult, DocumentResult, ReadOutcome
from extractors.ocr import DEFAULT_OCR, OcrSettings
from extractors.readers import sha256_of
from validators.duplicates import IndexedDocument

READ_VERSION = "30"  # bump when reading/OCR changes, to invalidate cached reads (30: a tall word spans two lines of print only where they stand one over the other, a level stamp's letters 1.75 times the print's; 29: the lines a tilted stamp's letters joined no longer set the slope rows are levelled by; 28: a speck between two rows never carries one row on into the next, readings compared by their letters and digits read surely; 27: a nearly blank page's paper grain whitened before it is read, a text layer's words split where text overflows into the next cell, a page of a few sure words turned only for a reading as sure; 26: words garbled past reading read again alone, kept as sure figures; 25: a short unread figure on the line of a longer unread run read; 24: an unsure figure read no better alone read again in a tight crop; 23: a weak page OSD turns and calls another script also read upright in Greek; 22: short unread figures lined up with each other or ending a read line read, an unsure run read again in a tighter crop; 21: a figure split in two and barely read read again as one word; 20: unread titles read on their own, a sharpened photo keeps the first reading's sure words where it read none, level stamps of a big word over a small date; 19: a page the layout returned no word of read as one block before any turn; 18: a weak page OSD calls Greek and turned also read upright in Greek; 17: print garbled beside a stamp re-read as a block, a page with no word read as one block, a letter or two over two lines a row of its own, short figures of a dropped column read, a stamp word's I read as a bracket; 16: out-of-focus photos that leave print unread read sharpened, level stamps of letters far taller than the print, barely read figures read again alone, level stamps on photos (strokes compared at 1800 px, without the ink at the image edge), a stamp word over its frame read with the frame wiped; 15: lines of print the layout left out read on their own, level stamp frames with letters filling 40% of their height; 14: a born-digital page's large level words in words and rows of their own; 13: specks painted out of scans; 12: sheets in shadow found whole, stamps read again, level stamps, scan pHash from the raster; 5: pHash, warnings; 6-7: stamps; 8: in-process Tesseract; 9: photo median filter only where noisy, scan images taken from the PDF, PDFium text layer; 10: scans to 300 dpi, grey paper, 180-degree retry, OCR layers re-read; 11: rows levelled by the lines' slope)
CACHE_DIR = ".cache"
INTERNAL_ERROR = "the document could not be processed (an error in claim-intake; see the run's log)"
# Prefect's 20 s wait for its local server is too short on a busy 2-core machine where the
# documents are already being read (ReadAhead) while the server starts.
SERVER_STARTUP_TIMEOUT_S = 180

Reporter = Callable[[str, int, int], None]  # (stage, done, total)
_reporter: Reporter | None = None


def set_reporter(reporter: Reporter | None) -> None:
    """Let the CLI draw a progress bar without passing a callable through flow parameters."""
    global _reporter
    _reporter = reporter


def _report(stage: str, done: int, total: int) -> None:
    if _reporter is not None:
        _reporter(stage, done, total)


def _content_key(_context: Any, parameters: dict[str, Any]) -> str:
    return f"read-v{READ_VERSION}-{parameters['ocr'].key}-{parameters['sha256']}"


class ReadAhead:
    """Reads the batch's documents in a pool of its own from the moment the files are known.

    Prefect's local mode takes seconds to start its temporary server (10 s and more on a
    busy 2-core machine); OCR need not wait for it. The flow's read task takes each outcome
    over (`take`), so Prefect still runs, caches and reports every read. Documents whose
    read is already in the cache are not read ahead. `workers` threads: the OCR concurrency
    stays what the user asked for, while the task threads only wait and interpret."""

    def __init__(self, workers: int):
        self._pool = ThreadPoolExecutor(max(1, workers), thread_name_prefix="claim-intake-read")
        self._futures: dict[str, Future] = {}

    def submit(self, key: str, path: Path, name: str, ocr: OcrSettings) -> None:
        if key not in self._futures:
            self._futures[key] = self._pool.submit(pipeline.read_safely, path, name, settings=ocr)

    def take(self, key: str) -> ReadOutcome | None:
        """The outcome read ahead for this content, once (a retry reads afresh)."""
        future = self._futures.pop(key, None)
        return None if future is None else future.result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


_read_ahead: ReadAhead | None = None


@task(name="read", cache_key_fn=_content_key, persist_result=True, result_serializer="json",
      retries=2, retry_delay_seconds=1, log_prints=False)
def read_task(path: str, name: str, sha256: str, ocr: OcrSettings) -> ReadOutcome:
    """The expensive stage (rasterise, preprocess, OCR), cached by content hash: a re-run
    or a renamed copy is never read twice, yet better extraction applies at once."""
    try:
        ahead = _read_ahead.take(_content_key(None, {"ocr": ocr, "sha256": sha256})) if _read_ahead else None
        return ahead if ahead is not None else pipeline.read_safely(Path(path), name, settings=ocr)
    except Exception as exc:  # noqa: BLE001 (see _internal_error)
        return ReadOutcome(file=name, sha256=sha256, error=_internal_error(exc, sha256))


@task(name="read-and-extract", cache_policy=NO_CACHE, retries=1, log_prints=False)
def document_task(path: str, name: str, sha256: str, ocr: OcrSettings) -> list[DocumentResult]:
    """A file's documents: one, or each document of a packet scanned as one file."""
    try:
        return pipeline.interpret_file(read_task(path, name, sha256, ocr), name)
    except Exception as exc:  # noqa: BLE001 (see _internal_error)
        return [pipeline.unreadable(name, sha256, _internal_error(exc, sha256))]


def _internal_error(exc: Exception, sha256: str) -> str:
    """A bug met by one document makes that document unreadable, not the batch fail. Caught
    inside the task, so Prefect never logs or stores the exception, whose text may quote
    the document: the log gets its type only."""
    get_run_logger().error("document %s failed: %s", sha256[:12], type(exc).__name__)
    return INTERNAL_ERROR


@task(name="check-claim", cache_policy=NO_CACHE, retries=1)
def claim_task(claim_id: str, received: dt.date, docs: list[DocumentResult],
               earlier: list[IndexedDocument] | None = None) -> ClaimResult:
    """`earlier`: the few payment documents of earlier claims this claim's may repeat. A bug
    in the checks makes this claim needs_review, not the batch fail; caught inside the task
    so that Prefect never logs the exception's text (see _internal_error)."""
    try:
        return pipeline.check(claim_id, received, docs, earlier)
    except Exception as exc:  # noqa: BLE001
        get_run_logger().error("claim %s: the checks failed: %s", claim_id, type(exc).__name__)
        return pipeline.checks_not_made(claim_id, received, docs)


def _hash_or_none(path: Path) -> str | None:
    try:
        return sha256_of(path)
    except OSError:
        return None


@flow(name="mailroom-batch", log_prints=False)
def mailroom_batch(inbox: str, out: str, received: dt.date | None = None, workers: int = 2,
                   ocr_first_pass: str = DEFAULT_OCR.first_pass,
                   ocr_second_pass: bool = DEFAULT_OCR.second_pass) -> list[str]:
    """Process every claim folder under `inbox`, write `out/<claim_id>.json` and `out/triage.json`.

    Returns the claim ids processed.
    """
    logger = get_run_logger()
    received = received or dt.date.today()
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    ocr = OcrSettings(first_pass=ocr_first_pass, second_pass=ocr_second_pass)
    claims = pipeline.discover(Path(inbox))
    logger.info("batch: %d claims", len(claims))

    futures = {}
    paths = {}
    skipped: dict[str, list[DocumentResult]] = {c.claim_id: [] for c in claims}
    for claim in claims:
        for path in claim.files:
            name = safe_name(str(path.relative_to(claim.folder)))
            sha = _hash_or_none(path)
            if sha is None:
                skipped[claim.claim_id].append(pipeline.unreadable(name, "", "the file could not be opened"))
                continue
            fut = document_task.submit(str(path), name, sha, ocr)
            futures[fut] = (claim.claim_id, name)
            paths[fut] = str(path)

    by_claim: dict[str, list[DocumentResult]] = {c.claim_id: list(skipped[c.claim_id]) for c in claims}
    total = len(futures)
    _report("documents", 0, total)
    for done, fut in enumerate(as_completed(list(futures)), start=1):
        claim_id, name = futures[fut]
        try:
            found: list[DocumentResult] = fut.result()
        except Exception as exc:  # noqa: BLE001 (a bug on one document must not stop the batch)
            # The type only: an exception's text may quote the document.
            logger.error("claim %s: a document failed: %s", claim_id, type(exc).__name__)
            found = [pipeline.unreadable(name, _hash_or_none(Path(paths[fut])) or "", INTERNAL_ERROR)]
        # A cached result may come from a renamed copy: it is this file now.
        by_claim[claim_id].extend(pipeline.named(result, name) for result in found)
        _report("documents", done, total)

    results: list[ClaimResult] = []
    index = load_folder_index(out_dir)  # earlier claims' payment documents, for DUPLICATE_DOCUMENT
    for claim in claims:
        docs = sorted(by_claim[claim.claim_id], key=lambda d: d.file)
        result = claim_task(claim.claim_id, received, docs, index.candidates(claim.claim_id, docs))
        pipeline.write_result(out_dir, result)
        index.add_result(result)
        results.append(result)
        logger.info("claim %s: %s %s", result.claim_id, result.status.value, ",".join(result.codes))
    save_folder_index(out_dir, index)
    pipeline.write_triage(out_dir, results)
    publish_triage_artifact(results)
    return [r.claim_id for r in results]


def publish_triage_artifact(results: list[ClaimResult]) -> None:
    queue = pipeline.triage_queue(results)
    create_table_artifact(
        key="triage-queue",
        table=[{"claim_id": e.claim_id, "status": e.status.value, "codes": " ".join(e.codes)}
               for e in queue.claims],
        description="Claims in triage order: ids, status and finding codes only.",
    )


def task_runner(workers: int, dask: str | None = None):
    """Threads on this machine by default (Tesseract runs in its own processes, so threads
    keep every core busy); `dask='local'` starts a local Dask cluster, any other value is
    the address of an existing Dask scheduler to spread documents over more machines."""
    if dask is None:
        return ThreadPoolTaskRunner(max_workers=max(1, workers))
    from prefect_dask import DaskTaskRunner

    if dask == "local":
        return DaskTaskRunner(cluster_kwargs={"n_workers": max(1, workers), "threads_per_worker": 1,
                                              "processes": False, "dashboard_address": None})
    return DaskTaskRunner(address=dask)


def run_mailroom(inbox: Path, out: Path, received: dt.date, workers: int = 2,
                 ocr: OcrSettings = DEFAULT_OCR, dask: str | None = None) -> list[str]:
    """Run the batch; cached reads live beside the results, in OUT/.cache (on a remote Dask
    cluster, make OUT a path every worker shares)."""
    runner = task_runner(workers, dask)
    cache = (Path(out) / CACHE_DIR).resolve()
    global _read_ahead
    # On Dask the reads run on other machines: nothing to read ahead here.
    _read_ahead = None if dask is not None else _start_read_ahead(Path(inbox), cache, workers, ocr)
    try:
        with temporary_settings(updates={PREFECT_LOCAL_STORAGE_PATH: cache,
                                         PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: SERVER_STARTUP_TIMEOUT_S}):
            return mailroom_batch.with_options(task_runner=runner)(
                str(inbox), str(out), received, workers, ocr.first_pass, ocr.second_pass)
    finally:
        if _read_ahead is not None:
            _read_ahead.close()
            _read_ahead = None


def _start_read_ahead(inbox: Path, cache: Path, workers: int, ocr: OcrSettings) -> ReadAhead | None:
    """Start reading the batch in the flow's order, skipping reads already cached."""
    try:
        claims = pipeline.discover(inbox)
    except OSError:
        return None  # the flow reports the inbox problem itself
    ahead = ReadAhead(workers)
    for claim in claims:
        for path in claim.files:
            sha = _hash_or_none(path)
            if sha is None:
                continue
            key = _content_key(None, {"ocr": ocr, "sha256": sha})
            if not (cache / key).exists():  # Prefect's result store names each record by its cache key
                ahead.submit(key, path, str(path.relative_to(claim.folder)), ocr)
    return ahead
