"""`claim-intake`: the mailroom's command line."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
import time
from pathlib import Path

import os

# Prefect reads these when first imported (by the commands below): quiet console, no telemetry.
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# The local server is stopped when the batch ends, and its event services then report the
# events they had not yet flushed as tracebacks: noise on the mailroom's console, never
# a lost result (records are on disk by then). A Prefect server of one's own is not affected.
os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")
# Local mode starts Prefect's own server in a subprocess; its 20 s default is too short on
# a busy mailroom PC (seen: a batch refused while both cores were OCRing another batch).
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

# The same shutdown, seen from the local server's database pool: a cancelled rollback
# logged as an ERROR with a traceback after the batch's summary. Nothing is lost. The
# server is a subprocess, so the level is set in the logging config it reads as well.
logging.getLogger("sqlalchemy.pool").setLevel(logging.CRITICAL)
os.environ.setdefault("PREFECT_LOGGING_SETTINGS_PATH", str(Path(__file__).with_name("prefect_logging.yml")))

import typer  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Intake and OCR pipeline for EU/EEA healthcare reimbursement claims.")
console = Console(stderr=True)
out_console = Console()

EXIT_UNREADABLE = 3  # the batch ran, but some file needs the mailroom's attention (re-scan)
STATUS_STYLE = {"ready": "green", "incomplete": "yellow", "needs_review": "red"}


def _parse_date(value: str | None) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter("use YYYY-MM-DD") from None


def _run_batch(inbox: Path, out: Path, received: dt.date, workers: int, quiet: bool = False,
               ocr_first_pass: str = "Latin", ocr_second_pass: bool = False, dask: str | None = None) -> float:
    """Run the mailroom flow with a progress bar; returns wall seconds."""
    from extractors.ocr import OcrSettings
    from flows.mailroom import run_mailroom, set_reporter

    start = time.perf_counter()
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=quiet, disable=quiet) as progress:
        bar = progress.add_task("starting Prefect", total=None)

        def report(stage: str, done: int, total: int) -> None:
            progress.update(bar, description=stage, completed=done, total=total)

        set_reporter(report)
        try:
            run_mailroom(inbox, out, received, workers,
                         OcrSettings(first_pass=ocr_first_pass, second_pass=ocr_second_pass), dask)
        finally:
            set_reporter(None)
    return time.perf_counter() - start


def _summary_table(out: Path) -> Table:
    from claim_intake.pipeline import load_results, triage_queue

    queue = triage_queue(load_results(out))
    table = Table(title=f"{len(queue.claims)} claims")
    for col in ("claim", "status", "documents", "findings"):
        table.add_column(col)
    for entry in queue.claims:
        style = STATUS_STYLE.get(entry.status.value, "")
        table.add_row(entry.claim_id, f"[{style}]{entry.status.value}[/]", str(entry.documents),
                      " ".join(entry.codes) or "-")
    return table


@app.command()
def process(
    inbox: Path = typer.Argument(..., exists=True, file_okay=False, help="one subfolder per claim"),
    out: Path = typer.Option(..., "--out", "-o", help="where claim records are written"),
    received: str = typer.Option(None, help="date the post arrived, YYYY-MM-DD (default today)"),
    workers: int = typer.Option(2, min=1, help="documents read in parallel"),
    dask: str = typer.Option(None, help="'local' for a local Dask cluster, or a scheduler address"),
    ocr_first_pass: str = typer.Option("Latin", help="Tesseract model(s) of the first pass, e.g. Latin, eng, spa+eng"),
    ocr_second_pass: bool = typer.Option(False, help="re-read each page in its detected language"),
) -> None:
    """Process a folder of claim folders into OUT/<claim_id>.json and OUT/triage.json."""
    seconds = _run_batch(inbox, out, _parse_date(received), workers, False, ocr_first_pass, ocr_second_pass, dask)
    out_console.print(_summary_table(out))
    console.print(f"done in {seconds:.1f}s; results in {out}")
    from claim_intake.pipeline import load_results

    unreadable = any(f.code.value == "UNREADABLE_DOCUMENT" for r in load_results(out) for f in r.findings)
    if unreadable:
        console.print("[red]some documents could not be read: see UNREADABLE_DOCUMENT findings[/]")
    raise typer.Exit(code=EXIT_UNREADABLE if unreadable else 0)


@app.command("eval")
def evaluate(
    sample_dir: Path = typer.Argument(Path("sample_docs"), exists=True, file_okay=False),
    out: Path = typer.Option(None, "--out", "-o", help="keep results here (default: a temporary folder)"),
    workers: int = typer.Option(2, min=1),
    misses: bool = typer.Option(False, help="list every miss (claim/file: field)"),
    ocr_first_pass: str = typer.Option("Latin", help="Tesseract model(s) of the first pass, e.g. Latin, eng, spa+eng"),
    ocr_second_pass: bool = typer.Option(False, help="re-read each page in its detected language"),
) -> None:
    """Run the pipeline on a sample set and score it against the expected JSON."""
    from claim_intake.evaluate import received_date, score
    from claim_intake.pipeline import load_results

    received = _parse_date(received_date(sample_dir))
    with tempfile.TemporaryDirectory(prefix="claim-intake-eval-") as tmp:
        target = out or Path(tmp)
        seconds = _run_batch(sample_dir, target, received, workers, True, ocr_first_pass, ocr_second_pass)
        report = score(sample_dir, load_results(target), seconds)
    print_report(report, misses)


@app.command()
def queue(
    out: Path = typer.Argument(..., exists=True, file_okay=False, help="a folder of claim records"),
    as_json: bool = typer.Option(False, "--json", help="print the queue as JSON"),
    as_csv: bool = typer.Option(False, "--csv", help="print the queue as CSV"),
) -> None:
    """Print the caseworker triage queue: incomplete, then needs_review, then ready;
    oldest treatment first within each."""
    from claim_intake.pipeline import load_results, triage_queue

    tq = triage_queue(load_results(out))
    if as_json:
        print(tq.model_dump_json(indent=2))
    elif as_csv:
        import csv
        import sys

        writer = csv.writer(sys.stdout)
        writer.writerow(["claim_id", "status", "earliest_treatment", "codes", "ask_claimant"])
        for e in tq.claims:
            writer.writerow([e.claim_id, e.status.value, e.earliest_treatment or "", " ".join(e.codes),
                             " | ".join(e.ask_claimant)])
    else:
        table = Table(title=f"Triage queue: {len(tq.claims)} claims")
        for col in ("claim", "status", "oldest treatment", "findings", "ask the claimant for"):
            table.add_column(col)
        for e in tq.claims:
            style = STATUS_STYLE.get(e.status.value, "")
            table.add_row(e.claim_id, f"[{style}]{e.status.value}[/]", str(e.earliest_treatment or "-"),
                          " ".join(e.codes) or "-", "\n".join(e.ask_claimant) or "-")
        out_console.print(table)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the claim record (claim_intake/schema/claim.schema.json)."""
    from claim_intake.schema import claim_schema_json

    out_console.print_json(claim_schema_json())


def print_report(report, show_misses: bool = False) -> None:  # noqa: ANN001 (EvalReport)
    fields = Table(title=f"Fields over {report.documents} documents")
    fields.add_column("field")
    fields.add_column("accuracy", justify="right")
    fields.add_column("n", justify="right")
    for name, s in report.fields.items():
        fields.add_row(name, f"{s.value:.1%}", str(s.total))
    li = report.line_items
    fields.add_row("line_items (F1)", f"{li.f1:.1%}", f"P {li.precision:.1%} R {li.recall:.1%}")
    out_console.print(fields)

    groups = Table(title="All fields by language and rendering")
    groups.add_column("group")
    groups.add_column("accuracy", justify="right")
    groups.add_column("n", justify="right")
    for label, scores in (("lang", report.by_language), ("render", report.by_render)):
        for key, s in scores.items():
            groups.add_row(f"{label}={key}", f"{s.value:.1%}", str(s.total))
    out_console.print(groups)

    codes = Table(title=f"Findings over {report.claims} claims")
    for col in ("code", "precision", "recall", "tp", "fp", "fn"):
        codes.add_column(col, justify="right" if col != "code" else "left")
    for code, pr in report.findings.items():
        if pr.tp + pr.fp + pr.fn:
            codes.add_row(code, f"{pr.precision:.1%}", f"{pr.recall:.1%}", str(pr.tp), str(pr.fp), str(pr.fn))
    out_console.print(codes)
    out_console.print(
        f"claims with right status: {report.claim_status.value:.1%}; "
        f"with exactly the right findings: {report.claim_exact_findings.value:.1%}\n"
        f"pages: {report.pages} in {report.seconds:.1f}s = {report.pages_per_second:.2f} pages/s (end to end)")
    if show_misses:
        for miss in report.misses:
            out_console.print(f"  miss {miss}")


@app.command()
def serve(
    name: str = typer.Option("nightly", help="deployment name on the Prefect server"),
    limit: int = typer.Option(None, min=1, help="at most this many flow runs at once"),
) -> None:
    """Serve the nightly intake flow (02:00 Europe/Oslo) from this process, for a Prefect
    server at PREFECT_API_URL; storage from CLAIM_INTAKE_* variables. Runs until stopped."""
    from prefect import serve as prefect_serve

    from flows.nightly import nightly_deployment

    prefect_serve(nightly_deployment(name), limit=limit)


def _ui_source(out: Path | None, inbox: Path | None, storage: str):  # noqa: ANN202 (ResultSource)
    from claim_intake.ui.source import FolderSource, StorageSource

    if storage == "folder":
        if out is None:
            raise typer.BadParameter("give the results folder OUT (or --storage local|s3)")
        if not out.is_dir():
            raise typer.BadParameter(f"not a folder: {out}")
        return FolderSource(out, inbox)
    from claim_intake.storage import StorageSettings, storage_from_env

    settings = StorageSettings() if storage == "env" else StorageSettings(storage=storage)
    return StorageSource(storage_from_env(settings), cache_dir=(out / ".ui-cache") if out else None)


@app.command()
def ui(
    out: Path = typer.Argument(None, file_okay=False, help="results folder (claim-intake process --out)"),
    inbox: Path = typer.Option(None, exists=True, file_okay=False,
                               help="where the originals are: INBOX/<claim_id>/<file> (for page images)"),
    storage: str = typer.Option("folder", help="folder (OUT and --inbox), or the storage results area: "
                                             "local, s3, env (CLAIM_INTAKE_* settings)"),
    host: str = typer.Option("127.0.0.1", help=f"bind address; anything but localhost needs CLAIM_INTAKE_UI_TOKEN"),
    port: int = typer.Option(8765, min=1, max=65535),
) -> None:
    """Serve the caseworker's triage page: the queue, and each claim's values on its page images."""
    import uvicorn

    from claim_intake.ui.app import TOKEN_ENV, create_app

    if storage not in ("folder", "local", "s3", "env"):
        raise typer.BadParameter("--storage is folder, local, s3 or env")
    source = _ui_source(out, inbox, storage)
    try:
        web = create_app(source, host=host, token=os.environ.get(TOKEN_ENV) or None,
                         read_cache=(out / ".cache") if out else None)
    except RuntimeError as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(code=2) from None
    console.print(f"caseworker page on http://{host}:{port}/")
    # The app logs each request's method, path and status itself (claim_intake.ui.access);
    # uvicorn's access log would also print query strings, where a login token can be.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("claim_intake.ui.access").setLevel(logging.INFO)
    uvicorn.run(web, host=host, port=port, log_level="warning", access_log=False)


@app.command("ui-export")
def ui_export(
    out: Path = typer.Argument(..., file_okay=False, help="results folder with the caseworker's corrections"),
    dest: Path = typer.Argument(..., file_okay=False, help="writes DEST/<claim_id>/<file>.expected.json"),
    storage: str = typer.Option("folder", help="folder, local, s3 or env: as for `ui`"),
    all_claims: bool = typer.Option(False, "--all", help="every claim, not only those a caseworker corrected"),
) -> None:
    """Write the corrected claims as expected JSON for the evaluation set (sample_docs layout)."""
    import json

    from claim_intake.files import atomic_write_text
    from claim_intake.ui import corrections as corr

    source = _ui_source(out, None, storage)
    written = 0
    for claim_id in source.claim_ids():
        text = source.read_corrections(claim_id)
        if text is None and not all_claims:
            continue
        result = source.result(claim_id)
        if result is None:
            continue
        for rel, data in corr.expected_files(result, corr.parse(text)).items():
            atomic_write_text(dest / rel, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        written += 1
    console.print(f"{written} claims written to {dest}")


def main() -> None:  # pragma: no cover
    logging.basicConfig(level=logging.WARNING)
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
