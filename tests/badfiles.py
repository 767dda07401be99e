"""Makers of hostile and broken input files, for the bad-input corpus and reader tests.

Every file is made by the tests themselves, small on disk (the 'gigapixel' PNG is a
few hundred bytes that declare a 100,000 x 100,000 image).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

from tests.conftest import INVOICE_ES, render_page, write_text_pdf

LINES_ASCII = ["FACTURA 2026-0142", "Clinica Dermatologica Costa del Sol", "Fecha de la consulta: 12/03/2026",
               "Medico: Dra. Maria Lopez Garcia", "Consulta dermatologica   85,00 EUR",
               "Biopsia cutanea   120,00 EUR", "Total a pagar   205,00 EUR"]


def raw_pdf(lines: list[str] = LINES_ASCII, catalog_extra: bytes = b"", extra_objects: tuple[bytes, ...] = (),
            media: tuple[int, int] = (595, 842)) -> bytes:
    """A small valid PDF written by hand (correct xref): one page of Helvetica text,
    optional catalog entries and further objects numbered from 6."""
    def esc(text: str) -> bytes:
        return text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    content = b"BT /F1 11 Tf 50 780 Td 14 TL " + b" ".join(b"(" + esc(t) + b") Tj T*" for t in lines) + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>" % media,
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra_objects,
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def javascript_pdf() -> bytes:
    """Runs JavaScript on opening (/OpenAction) and carries a document-level script."""
    return raw_pdf(catalog_extra=b"/OpenAction 6 0 R /Names << /JavaScript 7 0 R >>",
                   extra_objects=(b"<< /S /JavaScript /JS (app.alert\\(1\\);) >>",
                                  b"<< /Names [(init) 8 0 R] >>",
                                  b"<< /S /JavaScript /JS (this.print\\(\\);) >>"))


def attachment_pdf(tmp: Path) -> bytes:
    """A born-digital invoice with a file attached (/EmbeddedFiles)."""
    from fpdf import FPDF

    from tests.conftest import FONT

    inner = tmp / "attached-invoice.txt"
    inner.write_text("an attached file the reader must never open\n")
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for text in INVOICE_ES:
        pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.embed_file(str(inner), desc="attachment")
    inner.unlink()
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Factura 2026-0142 Total 205,00 EUR")
    return bytes(pdf.output())


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG whose header declares width x height 1-bit pixels (10 gigapixels by default),
    with a tiny, truncated image stream: a decoder that trusted it would need 1.25 GB."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 4096, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def absurd_page_pdf() -> bytes:
    """One page 14,400 x 14,400 points (200 x 200 inches): 3.7 gigapixels at 300 dpi."""
    return raw_pdf(media=(20_000, 20_000))


def image_bytes(fmt: str, seed: int = 1) -> bytes:
    page = render_page(INVOICE_ES)
    noise = (np.random.default_rng(seed).random(page.shape) * 40).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(np.maximum(page, noise)).save(buf, fmt)
    return buf.getvalue()


def truncated(data: bytes, keep: float = 0.4) -> bytes:
    return data[: int(len(data) * keep)]


def zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("factura.pdf", raw_pdf())
    return buf.getvalue()


def long_pdf(path: Path, pages: int) -> Path:
    """A born-digital PDF of `pages` pages with a text layer (fast: no OCR)."""
    return write_text_pdf(path, [[f"Journal page {n}", "Consulta dermatologica, control de la lesion cutanea"]
                                 for n in range(1, pages + 1)])
