"""Page images for the caseworker page, made on demand from the original file.

Extracted boxes are relative to the page image the pipeline read: a PDF page with a
text layer as it is, a scanned page or photo after `extractors.preprocess.prepare`
(unwarp, flatten, deskew) and the right-angle turn OCR chose. The same reader and
preprocess functions make the image here, so the boxes fall where the values are.
Images are downscaled JPEGs cached under `<cache>/pages/<sha256>-<page>.jpg`.
"""

from __future__ import annotations

import io
import json
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image

from claim_intake.model import DocumentResult
from extractors import preprocess
from extractors.readers import iter_pages, reads_text_layer, sniff
from extractors.tools import DEFAULT_LIMITS, IntakeError, pdf_text_pages, rasterize_pdf_page

log = logging.getLogger(__name__)

LONG_SIDE = 1400      # px of the long side of a served page image: sharp on a laptop screen
TEXT_LAYER_DPI = 150  # enough for LONG_SIDE on A4; far cheaper than the pipeline's 300
JPEG_QUALITY = 82


class PageUnavailable(Exception):
    """The page image cannot be made (original missing or unreadable); the page shows values only."""


@lru_cache(maxsize=64)
def _text_layer_pages(path: str, mtime: float) -> tuple[bool, ...]:
    """Per page of a PDF: does it have the text layer the pipeline reads instead of OCR?"""
    return tuple(reads_text_layer(page) for page in pdf_text_pages(Path(path)))


def _has_text_layer(path: Path, doc: DocumentResult, index: int) -> bool:
    if doc.text_source == "text_layer":
        return True
    if doc.text_source == "ocr":
        return False
    flags = _text_layer_pages(str(path), path.stat().st_mtime)
    return index < len(flags) and flags[index]


def page_rotations(read_cache: Path | None, sha256: str) -> dict[int, int]:
    """The right-angle turn OCR chose per page, from the pipeline's read cache
    (`OUT/.cache/`, keyed by content hash) where it is there; else no turn."""
    if read_cache is None or not read_cache.is_dir() or not sha256:
        return {}
    for path in sorted(read_cache.glob(f"*{sha256}")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            outcome = record.get("result", record)
            if isinstance(outcome, str):
                outcome = json.loads(outcome)
            outcome = outcome.get("data", outcome)  # Prefect's JSON serializer wraps the model
            pages = (outcome.get("document") or {}).get("pages") or []
            return {int(p["number"]): int(p.get("rotation", 0)) for p in pages}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
    return {}


def page_array(path: Path, doc: DocumentResult, page: int, rotation: int = 0) -> np.ndarray:
    """The grayscale page image the pipeline read (at a lower resolution for text-layer pages).
    `page` counts from the document's first page, which for a part is a later page of its file."""
    if not 1 <= page <= max(doc.pages, 1):
        raise PageUnavailable("no such page")
    page = doc.first_page - 1 + page
    try:
        if sniff(path) == "pdf":
            index = page - 1
            if _has_text_layer(path, doc, index):
                return rasterize_pdf_page(path, index, TEXT_LAYER_DPI)
            raw_image, photo = rasterize_pdf_page(path, index, DEFAULT_LIMITS.raster_dpi), False
        else:
            raw = next((r for r in iter_pages(path) if r.number == page), None)
            if raw is None or raw.image is None:
                raise PageUnavailable("no such page")
            raw_image, photo = raw.image, raw.may_be_photo
    except IntakeError:
        raise PageUnavailable("the original could not be read") from None
    clean, _photo, _skew = preprocess.prepare(raw_image, photo)
    return preprocess.rotate_right_angle(clean, rotation)


def to_jpeg(gray: np.ndarray, long_side: int = LONG_SIDE) -> bytes:
    img = Image.fromarray(gray)
    scale = long_side / max(img.size)
    if scale < 1:
        img = img.resize((max(1, round(img.width * scale)), max(1, round(img.height * scale))), Image.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buf.getvalue()


def _atomic_write_bytes(target: Path, data: bytes) -> None:
    """Two requests for one page may race: each writes its own temporary file, renames win whole."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def page_jpeg(cache_dir: Path, original: Path | None, doc: DocumentResult, page: int,
              read_cache: Path | None = None) -> bytes:
    """The cached JPEG of one page, made once per content hash and page."""
    if not doc.sha256:
        raise PageUnavailable("the document has no content hash")
    target = cache_dir / "pages" / f"{doc.sha256}-{doc.first_page - 1 + page}.jpg"
    if target.is_file():
        return target.read_bytes()
    if original is None or not original.is_file():
        raise PageUnavailable("original not found")
    if 1 <= page <= len(doc.page_turns):
        rotation = doc.page_turns[page - 1]  # the record says how OCR turned the page
    else:  # a record written before page_turns: the read cache may know
        rotation = page_rotations(read_cache, doc.sha256).get(doc.first_page - 1 + page, 0)
    data = to_jpeg(page_array(original, doc, page, rotation))
    _atomic_write_bytes(target, data)
    return data
