"""No personal data in logs, artifacts or error messages: only ids, hashes and codes."""

import datetime as dt
import json
import logging
import re

from flows.mailroom import run_mailroom
from tests.conftest import render_page, write_image_pdf, write_text_pdf

SECRETS = ["Ole Hansen", "Hansen", "María López", "López", "01.02.1960", "010260 12345",
           "205,00", "205.00", "85,00", "Biopsia", "2026-0142", "Dermatológica"]

_IDS = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b[0-9a-f]{16,}\b")


def _leaks(secret: str, text: str) -> bool:
    """Whether the secret stands in the text as a value of its own: ids (Prefect's run UUIDs,
    content hashes) may hold any digits, and a bare number only counts as a whole token."""
    text = _IDS.sub("<id>", text)
    if secret.isdigit():
        return re.search(rf"(?<![\w.]){secret}(?!\w)", text) is not None
    return secret in text


def test_a_debug_batch_logs_ids_and_codes_only(tmp_path, caplog, invoice_lines, monkeypatch):
    lines = invoice_lines + ["Paciente: Ole Hansen", "Fecha de nacimiento: 01.02.1960",
                             "Fødselsnummer 010260 12345"]
    box = tmp_path / "inbox"
    (box / "c1").mkdir(parents=True)
    write_text_pdf(box / "c1" / "factura.pdf", [lines])
    write_image_pdf(box / "c1" / "scan.pdf", [render_page(lines)])
    (box / "c1" / "broken.pdf").write_bytes(b"%PDF-1.7\nPaciente Ole Hansen 205,00 garbage")

    artifacts = []
    import flows.mailroom as mailroom

    real = mailroom.create_table_artifact

    def spy(**kwargs):
        artifacts.append(json.dumps(kwargs.get("table"), ensure_ascii=False) + str(kwargs.get("description")))
        return real(**kwargs)

    monkeypatch.setattr(mailroom, "create_table_artifact", spy)
    caplog.set_level(logging.DEBUG)
    run_mailroom(box, tmp_path / "out", dt.date(2026, 11, 20), workers=2)

    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert "c1" in logged  # the claim is referred to by id
    assert artifacts and "c1" in artifacts[0]
    for secret in SECRETS:
        assert not _leaks(secret, logged), f"log leaks {secret!r}"
        assert not any(_leaks(secret, a) for a in artifacts), f"artifact leaks {secret!r}"

    result = json.loads((tmp_path / "out" / "c1.json").read_text())
    broken = next(d for d in result["documents"] if d["file"] == "broken.pdf")
    messages = broken["errors"] + [f["message"] + f["message_no"] for f in result["findings"]]
    for secret in SECRETS:
        assert not any(_leaks(secret, m) for m in messages), f"message leaks {secret!r}"


def test_duplicates_and_hostile_files_leak_nothing_either(tmp_path, caplog, invoice_lines, monkeypatch):
    """The new findings (DUPLICATE_DOCUMENT, ACTIVE_CONTENT_IGNORED), the limits' reasons and
    the document index hold ids, hashes and codes only."""
    from tests import badfiles

    lines = invoice_lines + ["Paciente: Ole Hansen", "Fødselsnummer 010260 12345"]
    box = tmp_path / "inbox"
    for claim in ("c1", "c2"):
        (box / claim).mkdir(parents=True)
    write_text_pdf(box / "c1" / "factura.pdf", [lines])
    (box / "c2" / "factura igjen.pdf").write_bytes((box / "c1" / "factura.pdf").read_bytes())
    (box / "c2" / "skript.pdf").write_bytes(badfiles.javascript_pdf())
    (box / "c2" / "bomb.png").write_bytes(badfiles.png_bomb())
    badfiles.long_pdf(box / "c2" / "journal.pdf", 301)

    artifacts = []
    import flows.mailroom as mailroom

    real = mailroom.create_table_artifact
    monkeypatch.setattr(mailroom, "create_table_artifact",
                        lambda **kw: artifacts.append(json.dumps(kw, ensure_ascii=False, default=str)) or real(**kw))
    caplog.set_level(logging.DEBUG)
    out = tmp_path / "out"
    run_mailroom(box, out, dt.date(2026, 11, 20), workers=2)

    record = json.loads((out / "c2.json").read_text())
    codes = {f["code"] for f in record["findings"]}
    assert {"DUPLICATE_DOCUMENT", "ACTIVE_CONTENT_IGNORED", "UNREADABLE_DOCUMENT"} <= codes
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    texts = {
        "logs": logged,
        "artifacts": "\n".join(artifacts),
        "messages": "\n".join(f["message"] + f["message_no"] for f in record["findings"]),
        "errors and warnings": "\n".join(e for d in record["documents"] for e in d["errors"] + d["warnings"]),
        "index": (out / "_index" / "documents.json").read_text(),
        "triage": (out / "triage.json").read_text(),
    }
    for where, text in texts.items():
        for secret in SECRETS + ["205", "Consulta"]:
            assert not _leaks(secret, text), f"{where} leaks {secret!r}"


def test_the_leak_check_still_catches_a_bare_amount_but_not_an_id():
    assert _leaks("205", "claim c2: total 205 EUR")
    assert _leaks("Hansen", "patient Ole Hansen")
    assert not _leaks("205", "GET /api/flow_runs/1c0e4384-5edb-4205-b5d2-b268415ad6e3 422")
    assert not _leaks("205", "sha256 9f2054aa0b1c2d3e4f5a6b7c8d9e0f11")
