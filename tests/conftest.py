"""Fixtures that make real documents (images, PDFs) for the reading tests."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

import tempfile

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
# Prefect's local mode keeps a database under PREFECT_HOME: never the user's own.
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="claim-intake-prefect-"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# On a shared 2-core machine Prefect's local server can take longer than its 20 s default to start.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

INVOICE_ES = [
    "FACTURA Nº 2026-0142",
    "Clínica Dermatológica Costa del Sol",
    "Fecha de la consulta: 12/03/2026",
    "Médico: Dra. María López García",
    "Consulta dermatológica        85,00 €",
    "Biopsia cutánea              120,00 €",
    "Total a pagar                205,00 €",
]


def render_page(lines: list[str], size: tuple[int, int] = (1700, 2200), font_px: int = 34) -> np.ndarray:
    """A clean grayscale page (~200 dpi A4) with the lines printed on it."""
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, font_px)
    for i, text in enumerate(lines):
        draw.text((140, 160 + i * int(font_px * 2.2)), text, font=font, fill=0)
    return np.asarray(img).copy()


def write_text_pdf(path: Path, pages: list[list[str]]) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=11)
    for lines in pages:
        pdf.add_page()
        for text in lines:
            pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_image_pdf(path: Path, images: list[np.ndarray]) -> Path:
    pil = [Image.fromarray(a) for a in images]
    pil[0].save(path, "PDF", resolution=200.0, save_all=True, append_images=pil[1:])
    return path


@pytest.fixture
def invoice_lines() -> list[str]:
    return list(INVOICE_ES)


@pytest.fixture
def invoice_image(invoice_lines) -> np.ndarray:
    return render_page(invoice_lines)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session, exitstatus):
    """Stop Prefect's temporary server while pytest's streams are still open, so its
    shutdown log line does not land after the test summary as a logging error."""
    import sys

    if "prefect.server.api.server" not in sys.modules:
        return
    from prefect.logging.handlers import APILogHandler
    from prefect.server.api.server import SubprocessASGIServer

    APILogHandler().flush()  # send pending run logs while the server is still up

    for server in list(SubprocessASGIServer._instances.values()):
        logging.getLogger("prefect").disabled = True  # its shutdown line would follow the summary
        server.stop()
