"""No personal data in logs, artifacts or error messages: only ids, hashes and codes."""

import datetime as dt
import json
import logging

from flows.mailroom import run_mailroom
from tests.conftest import render_page, write_image_pdf, write_text_pdf

SECRETS = ["Ole Hansen", "Hansen", "María López", "López", "01.02.1960", "010260 12345",
           "205,00", "205.00", "85,00", "Biopsia", "2026-0142", "Dermatológica"]


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
        assert secret not in logged, f"log leaks {secret!r}"
        assert all(secret not in a for a in artifacts), f"artifact leaks {secret!r}"

    result = json.loads((tmp_path / "out" / "c1.json").read_text())
    broken = next(d for d in result["documents"] if d["file"] == "broken.pdf")
    messages = broken["errors"] + [f["message"] + f["message_no"] for f in result["findings"]]
    for secret in SECRETS:
        assert all(secret not in m for m in messages), f"message leaks {secret!r}"
