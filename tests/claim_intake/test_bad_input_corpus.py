"""The bad-input corpus: every kind of hostile or broken input the mailroom may get, in one
inbox, through the real command (`claim-intake process`) once.

Each bad file must become UNREADABLE_DOCUMENT with a content-free reason (or, for active
content, a warning while its pages are read), the rest of the batch must be processed,
the exit code must say that something needs attention (3), no input may be changed,
moved or deleted, and the run must stay within generous time and memory bounds (a
sanity bound, not a performance target). The table of what each input produced is
written to `corpus-report.json` in the test's temporary folder and printed with `-s`.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import badfiles
from tests.conftest import INVOICE_ES, write_text_pdf

RECEIVED = "2026-04-20"
BAD_NAME = os.fsdecode(b"scan\xff\xfe.pdf")  # not UTF-8: a name from another system's code page
LONG_NAME = "faktura_" + "x" * 230 + ".pdf"  # 242 bytes: near the 255-byte limit
LONG_CLAIM = "claim-" + "y" * 244  # with ".json" this would not fit in a file name

# file in claim "hostile" -> (expected error reason, or None for a read document; what it is)
HOSTILE: dict[str, tuple[str | None, str]] = {
    "empty.pdf": ("the file is empty", "zero-byte file"),
    "truncated.pdf": ("the PDF is damaged or not a valid PDF", "PDF cut at 40%"),
    "truncated.jpg": ("the JPEG image is damaged or truncated", "JPEG cut at 40%"),
    "truncated.png": ("the PNG image is damaged or truncated", "PNG cut at 40%"),
    "truncated.tif": ("the TIFF image is damaged or truncated", "TIFF cut at 40%"),
    "wrong-header.pdf": ("not a PDF, TIFF, JPEG or PNG file", "PostScript renamed .pdf (wrong header)"),
    "junk-before-header.pdf": (None, "valid PDF after 200 bytes of junk"),
    "encrypted.pdf": ("the PDF is encrypted or password-protected", "password-protected PDF"),
    "javascript.pdf": (None, "PDF with /OpenAction and document-level JavaScript"),
    "attachment.pdf": (None, "PDF with an embedded file (/EmbeddedFiles)"),
    "notes.pdf": ("not a PDF, TIFF, JPEG or PNG file", "text file renamed .pdf"),
    "archive.pdf": ("an archive (ZIP, gzip, RAR or 7z), not a PDF, TIFF, JPEG or PNG file",
                    "ZIP file (holding a PDF) renamed .pdf"),
    "bomb.png": ("the image has more pixels than the configured limit", "PNG declaring 100,000 x 100,000 px"),
    "absurd-page.pdf": ("a PDF page is larger than 200 inches", "PDF page of 20,000 x 20,000 pt"),
    "huge-scan.pdf": ("a PDF page is too large to rasterise", "PDF image page of 14,000 x 14,000 pt"),
    "journal-300.pdf": (None, "300-page born-digital PDF"),
    "journal-301.pdf": ("the PDF has 301 pages, more than the limit of 300", "301-page PDF"),
    "factura.pdf": (None, "a normal invoice beside them"),
}
NAMES = ["faktura mars 2026.pdf", "Rechnung_Müller_ØÆÅ_αβγ.pdf", "a..b.pdf", "faktura ..\\..\\x.pdf", LONG_NAME]
HIDDEN = "..\\..\\evil.pdf"  # starts with a dot: a hidden file, skipped like .DS_Store (README: process)
MANY = 200


def _tree(root: Path) -> dict[str, str]:
    """Every file and folder under root, with the content hash of each file."""
    return {os.fsencode(p.relative_to(root)).hex(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(root.rglob("*"))}


def build_inbox(box: Path) -> None:
    hostile = box / "hostile"
    hostile.mkdir(parents=True)
    text_pdf = write_text_pdf(hostile / "factura.pdf", [INVOICE_ES]).read_bytes()
    files = {
        "empty.pdf": b"",
        "truncated.pdf": badfiles.truncated(text_pdf),
        "truncated.jpg": badfiles.truncated(badfiles.image_bytes("JPEG")),
        "truncated.png": badfiles.truncated(badfiles.image_bytes("PNG")),
        "truncated.tif": badfiles.truncated(badfiles.image_bytes("TIFF")),
        "wrong-header.pdf": b"%!PS-Adobe-3.0\n%%Title: factura\n/Helvetica findfont 12 scalefont setfont\nshowpage\n",
        "junk-before-header.pdf": b"\x00JUNK" * 40 + badfiles.raw_pdf(),
        "encrypted.pdf": badfiles.encrypted_pdf(),
        "javascript.pdf": badfiles.javascript_pdf(),
        "attachment.pdf": badfiles.attachment_pdf(box),
        "notes.pdf": "Paciente Ole Hansen, 205,00 EUR\n".encode(),
        "archive.pdf": badfiles.zip_bytes(),
        "bomb.png": badfiles.png_bomb(),
        "absurd-page.pdf": badfiles.absurd_page_pdf(),
        "huge-scan.pdf": badfiles.raw_pdf([], media=(14_000, 14_000)),
    }
    for name, data in files.items():
        (hostile / name).write_bytes(data)
    badfiles.long_pdf(hostile / "journal-300.pdf", 300)
    badfiles.long_pdf(hostile / "journal-301.pdf", 301)

    names = box / "names ø..1"
    names.mkdir()
    for n, name in enumerate(NAMES + [BAD_NAME, HIDDEN]):
        (names / name).write_bytes(badfiles.raw_pdf([f"FACTURA 2026-90{n}", "Total a pagar   1{n}5,00 EUR"]))
    (box / LONG_CLAIM).mkdir()
    (box / LONG_CLAIM / "factura.pdf").write_bytes(text_pdf)
    (box / "empty-claim").mkdir()
    many = box / "many"
    many.mkdir()
    for n in range(MANY):
        (many / f"recibo-{n:03d}.pdf").write_bytes(badfiles.raw_pdf(
            [f"RECIBO {n:03d}", f"Fecha de pago: {1 + n % 28:02d}/03/2026", f"Pagado   {n + 10},00 EUR"]))


@dataclass
class Run:
    out: Path
    exit_code: int
    seconds: float
    max_rss_mb: float
    records: dict[str, dict]
    before: dict[str, str]
    after: dict[str, str]


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    root = tmp_path_factory.mktemp("corpus")
    box, out = root / "inbox", root / "out"
    build_inbox(box)
    before = _tree(box)
    # Output to a file, not a pipe: Prefect's local server is a grandchild that could hold
    # a pipe open; its own session, so what is left of it is stopped with the command.
    env = {**os.environ, "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180"}
    log = root / "cli.log"
    start = time.perf_counter()
    with log.open("w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "claim_intake.cli", "process", str(box), "--out", str(out),
                                 "--received", RECEIVED, "--workers", "2"],
                                stdout=fh, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        try:
            exit_code = proc.wait(timeout=900)
        finally:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    seconds = time.perf_counter() - start
    max_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    records = {}
    for path in out.glob("*.json"):
        if path.name != "triage.json":
            data = json.loads(path.read_text(encoding="utf-8"))
            records[data["claim_id"]] = data
    assert records, log.read_text(errors="replace")[-3000:]
    return Run(out, exit_code, seconds, max_rss_mb, records, before, _tree(box))


def _doc(record: dict, name: str) -> dict:
    return next(d for d in record["documents"] if d["file"] == name)


def _findings(record: dict, name: str) -> dict[str, dict]:
    return {f["code"]: f for f in record["findings"] if f["document"] == name}


def test_exit_code_says_something_needs_attention(run):
    assert run.exit_code == 3


def test_no_input_file_is_changed_moved_or_deleted(run):
    assert run.after == run.before


def test_every_claim_folder_has_exactly_one_whole_record(run):
    assert sorted(run.records) == sorted(["hostile", "names ø..1", LONG_CLAIM, "empty-claim", "many"])
    leftovers = [p.name for p in run.out.iterdir() if p.is_file() and not p.name.endswith(".json")]
    assert leftovers == []  # no temp files of half-done writes
    triage = json.loads((run.out / "triage.json").read_text(encoding="utf-8"))
    assert sorted(e["claim_id"] for e in triage["claims"]) == sorted(run.records)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_file_is_reported_with_its_reason(run, name):
    reason, _what = HOSTILE[name]
    record = run.records["hostile"]
    doc, found = _doc(record, name), _findings(record, name)
    if reason is None:
        assert doc["errors"] == [] and "UNREADABLE_DOCUMENT" not in found
    else:
        assert doc["errors"] == [reason]
        f = found["UNREADABLE_DOCUMENT"]
        assert f["severity"] == "error" and name in f["message"] and name in f["message_no"]


def test_readable_neighbours_of_bad_files_are_fully_read(run):
    record = run.records["hostile"]
    assert _doc(record, "factura.pdf")["total"] == "205.00"
    assert _doc(record, "junk-before-header.pdf")["total"] == "205.00"
    journal = _doc(record, "journal-300.pdf")
    assert journal["pages"] == 300 and journal["text_source"] == "text_layer"
    assert record["status"] == "needs_review" or record["status"] == "incomplete"


@pytest.mark.parametrize("name,warning", [("javascript.pdf", "JavaScript, which was not run"),
                                          ("attachment.pdf", "1 attached file, which was not opened")])
def test_active_content_is_not_run_but_the_visible_page_is_read(run, name, warning):
    record = run.records["hostile"]
    doc = _doc(record, name)
    assert doc["errors"] == [] and doc["total"] == "205.00"
    assert any(warning in w for w in doc["warnings"])
    f = _findings(record, name)["ACTIVE_CONTENT_IGNORED"]
    assert f["severity"] == "warning" and "None of it was run or opened" in f["message"]


def test_odd_file_and_folder_names_are_read_and_recorded(run):
    record = run.records["names ø..1"]
    recorded = sorted(d["file"] for d in record["documents"])
    assert recorded == sorted(NAMES + ["scan\ufffd\ufffd.pdf"])  # non-UTF-8 bytes shown as U+FFFD
    assert all(d["errors"] == [] and d["total"] for d in record["documents"])
    assert run.records[LONG_CLAIM]["documents"][0]["total"] == "205.00"
    assert [p for p in run.out.glob("claim-*.json")][0].name.endswith(".json")


def test_an_empty_claim_folder_is_an_incomplete_claim(run):
    record = run.records["empty-claim"]
    assert record["documents"] == [] and record["status"] == "incomplete"
    assert {"ITEMISED_INVOICE_MISSING", "PROOF_OF_PAYMENT_MISSING"} <= {f["code"] for f in record["findings"]}


def test_a_claim_of_200_files_is_read_whole(run):
    record = run.records["many"]
    assert len(record["documents"]) == MANY
    assert all(d["errors"] == [] for d in record["documents"])
    assert "DUPLICATE_DOCUMENT" not in {f["code"] for f in record["findings"]}  # 200 different receipts


def _alone(path: Path):
    """Process one file in this process (imports already warm): wall seconds and the result."""
    from claim_intake import pipeline

    start = time.perf_counter()
    result = pipeline.process_document(path, path.name)
    return time.perf_counter() - start, result


def test_the_batch_stays_within_bounds_and_reports_what_each_input_produced(run, tmp_path_factory):
    """Sanity bounds only (2 cores, shared): minutes and gigabytes would mean a limit failed."""
    assert run.seconds < 600, run.seconds
    assert run.max_rss_mb < 2048, run.max_rss_mb
    record = run.records["hostile"]
    _alone(run.out.parent / "inbox" / "hostile" / "factura.pdf")  # warm the imports
    table = []
    for name, (_reason, what) in HOSTILE.items():
        seconds, alone = _alone(run.out.parent / "inbox" / "hostile" / name)
        assert alone.errors == _doc(record, name)["errors"]  # the same outcome outside the batch
        assert seconds < 120, (name, seconds)
        table.append({"input": what, "file": name, "produced": ",".join(sorted(_findings(record, name))) or "read",
                      "reason": "; ".join(_doc(record, name)["errors"] + _doc(record, name)["warnings"]),
                      "seconds_alone": round(seconds, 2)})
    docs = [d for r in run.records.values() for d in r["documents"]]
    report = {"batch_seconds": round(run.seconds, 1), "max_rss_mb": round(run.max_rss_mb),
              "exit_code": run.exit_code, "documents": len(docs), "pages_read": sum(d["pages"] for d in docs),
              "inputs": table}
    path = run.out.parent / "corpus-report.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(report, indent=2, ensure_ascii=False))


def test_ocr_time_per_page_is_bounded(tmp_path):
    """A page Tesseract cannot finish within the limit is unreadable, with the reason; the
    Tesseract process is stopped, not waited for."""
    from claim_intake import pipeline
    from extractors.tools import Limits

    path = tmp_path / "scan.png"
    path.write_bytes(badfiles.image_bytes("PNG"))
    start = time.perf_counter()
    result = pipeline.process_document(path, path.name, limits=Limits(ocr_timeout_s=0.05))
    assert result.errors == ["tesseract timed out after 0.05s"]
    assert time.perf_counter() - start < 30  # sanity bound: not the seconds a full OCR takes


def test_a_tiff_with_more_pages_than_the_limit_is_refused_before_decoding(tmp_path):
    from PIL import Image

    from claim_intake import pipeline
    from extractors.tools import Limits

    path = tmp_path / "fax.tif"
    frames = [Image.new("L", (64, 64), 255) for _ in range(12)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    result = pipeline.process_document(path, path.name, limits=Limits(max_pages=10))
    assert result.errors == ["the image has 12 pages, more than the limit of 10"]
