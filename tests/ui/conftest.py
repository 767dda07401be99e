"""Claim records made by the real pipeline (no OCR: born-digital sample claims and a
50-page text PDF made here), and the caseworker page served on a free local port."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from claim_intake.pipeline import check, discover, process_document, write_result, write_triage
from tests.conftest import write_text_pdf

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_docs"
RECEIVED = dt.date(2026, 11, 20)
TODAY = dt.date(2026, 11, 25)
# Born-digital claims of the sample set, one per status (read from the text layer: fast).
CLAIMS = ("c013_no_gp", "c032_da_gp", "c055_sv_gp")
LONG_CLAIM = "c900_long_record"
LONG_PAGES = 50


def _long_invoice(path: Path) -> None:
    pages = [["FAKTURA nr 900-1", "Dato: 02.09.2026", "Lege: Dr. Kari Nordmann",
              "Konsultasjon                500,00 NOK", "Totalt                      500,00 NOK"]]
    pages += [[f"Journalnotat side {n}", "Pasienten kom til kontroll.", "Ingen nye funn ved undersøkelsen."]
              for n in range(2, LONG_PAGES + 1)]
    write_text_pdf(path, pages)


@pytest.fixture(scope="session")
def ui_data(tmp_path_factory) -> tuple[Path, Path]:
    """(OUT, INBOX): results of the pipeline for the sample claims and a 50-page claim."""
    base = tmp_path_factory.mktemp("ui")
    inbox, out = base / "inbox", base / "out"
    inbox.mkdir()
    for claim_id in CLAIMS:
        shutil.copytree(SAMPLES / claim_id, inbox / claim_id)
    (inbox / LONG_CLAIM).mkdir()
    _long_invoice(inbox / LONG_CLAIM / "journal_og_faktura.pdf")
    results = []
    for claim in discover(inbox):
        docs = [process_document(p, p.relative_to(claim.folder).as_posix()) for p in claim.files]
        result = check(claim.claim_id, RECEIVED, docs)
        write_result(out, result)
        results.append(result)
    write_triage(out, results)
    return out, inbox


@pytest.fixture
def fresh_out(ui_data, tmp_path) -> tuple[Path, Path]:
    """(OUT, INBOX) with OUT a copy of its own without corrections, for tests that store some."""
    out, inbox = ui_data
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    for stale in copy.glob("*.corrections.json"):
        stale.unlink()
    return copy, inbox


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServedApp:
    def __init__(self, app) -> None:  # noqa: ANN001
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    access_log=False, lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ServedApp:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the UI server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def served(ui_data):
    from claim_intake.ui.app import create_app
    from claim_intake.ui.source import FolderSource

    out, inbox = ui_data
    with ServedApp(create_app(FolderSource(out, inbox), today=TODAY, read_cache=out / ".cache")) as s:
        yield s


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, served):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=served.url)
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    yield p
    context.close()
    assert not errors, f"JavaScript errors: {errors}"
