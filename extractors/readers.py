"""Turn an input file into pages: text-layer words where a PDF has them, images otherwise.

The file type is decided by its bytes, never its name (a ZIP renamed .pdf is not a
PDF). Inputs are only ever opened for reading.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from extractors.preprocess import to_ocr_resolution
from extractors.tools import (
    DEFAULT_LIMITS,
    CorruptFile,
    DocumentTooLarge,
    EmptyFile,
    Limits,
    PdfPageText,
    UnsupportedFileType,
    pdf_page_count,
    pdf_text_pages,
    rasterize_pdf_page,
)

FileKind = Literal["pdf", "tiff", "jpeg", "png"]
MIN_TEXT_LAYER_CHARS = 25  # fewer real characters than this: treat the page as a scan

_MAGIC: list[tuple[bytes, FileKind]] = [
    (b"%PDF-", "pdf"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
]


_ARCHIVES = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c")


def sniff(path: Path) -> FileKind:
    with path.open("rb") as fh:
        head = fh.read(1024)
    if not head:
        raise EmptyFile("the file is empty")
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(_ARCHIVES):  # a stored PDF inside would otherwise pass as junk before a header
        raise UnsupportedFileType("an archive (ZIP, gzip, RAR or 7z), not a PDF, TIFF, JPEG or PNG file")
    if b"%PDF-" in head:  # junk before the header is tolerated by PDF readers
        return "pdf"
    raise UnsupportedFileType("not a PDF, TIFF, JPEG or PNG file")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class RawPage:
    """A page before OCR: either text-layer words or an image to OCR."""

    number: int
    text: PdfPageText | None = None
    image: np.ndarray | None = None
    may_be_photo: bool = False


def iter_pages(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[RawPage]:
    size = path.stat().st_size
    if size == 0:
        raise EmptyFile("the file is empty")
    if size > limits.max_file_bytes:
        raise DocumentTooLarge("the file is larger than the configured limit")
    kind = sniff(path)
    if kind == "pdf":
        yield from _pdf_pages(path, limits)
    else:
        yield from _image_pages(path, kind, limits)


def reads_text_layer(text: PdfPageText) -> bool:
    """The page is read from its text layer, not OCRed: enough real characters, and not an
    earlier OCR's invisible layer over a scan."""
    return sum(len(w.text) for w in text.words) >= MIN_TEXT_LAYER_CHARS and not text.ocr_layer


def _pdf_pages(path: Path, limits: Limits) -> Iterator[RawPage]:
    count = pdf_page_count(path)
    if count == 0:
        raise CorruptFile("the PDF has no pages")
    if count > limits.max_pages:
        raise DocumentTooLarge(f"the PDF has {count} pages, more than the limit of {limits.max_pages}")
    for index, text in enumerate(pdf_text_pages(path, limits)):
        if reads_text_layer(text):
            yield RawPage(index + 1, text=text)
        else:
            yield RawPage(index + 1, image=rasterize_pdf_page(path, index, limits.raster_dpi, limits, embedded=True))


def _image_pages(path: Path, kind: FileKind, limits: Limits) -> Iterator[RawPage]:
    Image.MAX_IMAGE_PIXELS = limits.max_pixels
    try:
        with Image.open(path) as img:
            frames = getattr(img, "n_frames", 1)
            if frames > limits.max_pages:
                raise DocumentTooLarge(f"the image has {frames} pages, more than the limit of {limits.max_pages}")
            for number, frame in enumerate(ImageSequence.Iterator(img), start=1):
                if frame.width * frame.height > limits.max_pixels:
                    raise DocumentTooLarge("the image has more pixels than the configured limit")
                if kind == "jpeg":
                    frame = ImageOps.exif_transpose(frame)
                gray = to_ocr_resolution(np.asarray(frame.convert("L")), frame.info.get("dpi") or img.info.get("dpi"))
                yield RawPage(number, image=np.ascontiguousarray(gray), may_be_photo=kind in ("jpeg", "png"))
    except Image.DecompressionBombError:
        raise DocumentTooLarge("the image has more pixels than the configured limit") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise CorruptFile(f"the {kind.upper()} image is damaged or truncated") from None
