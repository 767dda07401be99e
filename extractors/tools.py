"""The one place that talks to external tools: Tesseract and the PDF libraries.

Every tool failure leaves here as an `IntakeError` subclass carrying a short,
content-free reason, so callers can turn it into an UNREADABLE_DOCUMENT finding
without ever echoing document text into logs or messages.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

log = logging.getLogger(__name__)
# pdfminer (under pdfplumber) logs every token it parses at DEBUG: document text. A
# batch run with logging at DEBUG must still log ids and codes only.
for _noisy in ("pdfminer", "pdfplumber"):
    logging.getLogger(_noisy).setLevel(logging.WARNING)

# One Tesseract process per core: its own OpenMP threads only fight each other.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import pytesseract  # noqa: E402  (after OMP_THREAD_LIMIT so children inherit it)

from extractors import tesslib  # noqa: E402  (libtesseract reads OMP_THREAD_LIMIT when loaded)


class IntakeError(Exception):
    """Base of the project's typed errors; `reason` is safe to log and show."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class UnreadableDocument(IntakeError):
    """The file cannot be turned into pages of text."""


class EmptyFile(UnreadableDocument):
    pass


class UnsupportedFileType(UnreadableDocument):
    pass


class CorruptFile(UnreadableDocument):
    pass


class EncryptedDocument(UnreadableDocument):
    pass


class DocumentTooLarge(UnreadableDocument):
    pass


class OcrError(IntakeError):
    """Tesseract failed or timed out on a page."""


class ToolMissing(IntakeError):
    """A required program (tesseract, a language pack) is not installed."""


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one hostile file from taking the batch down."""

    max_file_bytes: int = 200 * 1024 * 1024
    max_pages: int = 300
    max_pixels: int = 80_000_000  # per page image, after rasterising
    max_pdf_page_points: float = 14_400.0  # 200 inches: PDF's own upper bound
    ocr_timeout_s: float = 120.0
    raster_dpi: int = 300


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class OcrWord:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float  # 0..1
    block: int
    par: int
    line: int


@dataclass(frozen=True)
class Orientation:
    rotate: int  # degrees clockwise to turn the image upright
    script: str
    orientation_conf: float
    script_conf: float


def tesseract_languages() -> set[str]:
    try:
        return set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise ToolMissing("tesseract is not installed") from exc


def _write_pgm(image: np.ndarray, directory: str) -> str:
    """Uncompressed PGM: far cheaper to write than the PNG pytesseract would make."""
    path = os.path.join(directory, "page.pgm")
    if not cv2.imwrite(path, image):
        raise OcrError("could not hand page image to tesseract")
    return path


def _words_from_tsv(rows: list[list[str]]) -> list[OcrWord]:
    """Word rows of Tesseract's TSV, parsed as pytesseract does (conf truncated to whole percent)."""
    words: list[OcrWord] = []
    for row in rows:
        if len(row) < 12:
            continue
        text = row[11].strip()
        try:
            conf = float(int(float(row[10])))
            left, top, width, height, block, par, line = (int(float(row[k])) for k in (6, 7, 8, 9, 2, 3, 4))
        except ValueError:
            continue
        if not text or conf < 0:
            continue
        words.append(OcrWord(text, left, top, width, height, conf / 100.0, block, par, line))
    return words


def tesseract_words(image: np.ndarray, lang: str, psm: int = 3, dpi: int = 300,
                    timeout: float = DEFAULT_LIMITS.ocr_timeout_s) -> list[OcrWord]:
    """Words with pixel boxes and confidences from one grayscale page image.

    In-process (`tesslib`: each model loaded once per worker thread) where libtesseract
    can be loaded, else the CLI; both give the same words."""
    if tesslib.available():
        try:
            tsv = tesslib.engine(lang, psm, {"user_defined_dpi": str(dpi), "preserve_interword_spaces": "0"}) \
                .tsv(image, timeout)
        except TimeoutError:
            raise OcrError(f"tesseract timed out after {timeout:g}s") from None
        except tesslib.TesslibError as exc:
            raise OcrError(str(exc)) from None
        return _words_from_tsv([line.split("\t") for line in tsv.split("\n") if line])
    return tesseract_words_cli(image, lang, psm, dpi, timeout)


def tesseract_words_cli(image: np.ndarray, lang: str, psm: int = 3, dpi: int = 300,
                        timeout: float = DEFAULT_LIMITS.ocr_timeout_s) -> list[OcrWord]:
    """The same through the `tesseract` CLI (one process and one model load per call)."""
    config = f"--oem 1 --psm {psm} --dpi {dpi} -c preserve_interword_spaces=0"
    with tempfile.TemporaryDirectory(prefix="ci-ocr-") as tmp:
        path = _write_pgm(image, tmp)
        try:
            data = pytesseract.image_to_data(path, lang=lang, config=config, timeout=timeout,
                                             output_type=pytesseract.Output.STRING)
        except pytesseract.TesseractNotFoundError as exc:
            raise ToolMissing("tesseract is not installed") from exc
        except RuntimeError as exc:  # pytesseract's timeout
            raise OcrError(f"tesseract timed out after {timeout:g}s") from exc
        except pytesseract.TesseractError as exc:
            raise OcrError(f"tesseract failed (status {exc.status})") from exc
    return _words_from_tsv([line.split("\t") for line in data.split("\n")[1:] if line])


def tesseract_orientation(image: np.ndarray, timeout: float = 30.0) -> Orientation | None:
    """Tesseract's orientation and script detection; None where it finds too little text."""
    if tesslib.available():
        try:
            found = tesslib.engine("osd", tesslib.PSM_OSD_ONLY, {"user_defined_dpi": "300"}).orientation(image)
        except tesslib.TesslibError:
            return None
        return None if found is None else Orientation(*found)
    return tesseract_orientation_cli(image, timeout)


def tesseract_orientation_cli(image: np.ndarray, timeout: float = 30.0) -> Orientation | None:
    """The same through the `tesseract` CLI."""
    with tempfile.TemporaryDirectory(prefix="ci-osd-") as tmp:
        path = _write_pgm(image, tmp)
        try:
            osd = pytesseract.image_to_osd(path, config="--psm 0 --dpi 300", timeout=timeout,
                                           output_type=pytesseract.Output.DICT)
        except pytesseract.TesseractNotFoundError as exc:
            raise ToolMissing("tesseract is not installed") from exc
        except (pytesseract.TesseractError, RuntimeError):
            return None  # too few characters to decide: the caller keeps the page as is
    return Orientation(int(osd["rotate"]), str(osd["script"]), float(osd["orientation_conf"]),
                       float(osd["script_conf"]))


# --- PDF -----------------------------------------------------------------------------

# PDFium is not thread-safe, not even across documents (pypdfium2's documentation: calls
# from two threads at once corrupt the process). Documents are read in a thread pool, so
# every PDFium call here holds this lock, and nothing PDFium owns outlives it: pages and
# bitmaps are closed and pixels copied inside. A batch of 200 PDFs crashed the process
# with "malloc_consolidate(): unaligned fastbin chunk detected" before it.
PDFIUM_LOCK = threading.RLock()

@dataclass(frozen=True)
class PdfWord:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class PdfPageText:
    width: float
    height: float
    words: list[PdfWord]
    ocr_layer: bool = False  # the words are an earlier OCR's invisible layer (see _is_ocr_layer)


def _pdf_error(exc: Exception) -> UnreadableDocument:
    name = type(exc).__name__.lower()
    text = str(exc).lower()
    if "password" in name or "password" in text or "encrypt" in text:
        return EncryptedDocument("the PDF is encrypted or password-protected")
    return CorruptFile("the PDF is damaged or not a valid PDF")


def _level_or_not_char(obj: dict) -> bool:
    matrix = obj.get("matrix") if obj.get("object_type") == "char" else None
    return matrix is None or (abs(matrix[1]) < 0.02 and abs(matrix[2]) < 0.02)


def _slanted_words(chars: list[dict]) -> list[PdfWord]:
    """Rotated text (stamps such as PAID/BETALT drawn at an angle) as words of its own:
    pdfplumber's line grouping splits such characters apart."""
    words: list[PdfWord] = []
    run: list[dict] = []

    def flush() -> None:
        if run:
            words.append(_word_of_chars(run))
            run.clear()

    for char in chars:
        same_run = run and char["matrix"][:4] == run[-1]["matrix"][:4] and abs(char["x0"] - run[-1]["x1"]) < 2 * max(
            1.0, char["size"])
        if char["text"].isspace() or not same_run:
            flush()
        if not char["text"].isspace():
            run.append(char)
    flush()
    return words


@contextmanager
def _pdfium_document(path: Path) -> Iterator:
    """A PDFium document, held under PDFIUM_LOCK and closed after; a file PDFium will not
    open is a typed error (PdfiumError carries a code `_pdf_error` maps)."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except Exception as exc:
            raise _pdf_error(exc) from None
        try:
            yield pdf
        finally:
            pdf.close()


def pdf_page_count(path: Path) -> int:
    with _pdfium_document(path) as pdf:
        return len(pdf)


def pdf_text_pages(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[PdfPageText]:
    """Words of each page's text layer: PDFium's characters, grouped into words exactly as
    pdfplumber groups its own (same tolerances, same code), at a third of its cost; a page
    PDFium's coordinates would not map plainly (turned, cropped, offset) goes to pdfplumber."""
    pages: list[PdfPageText | None] = []
    ocr_layers: list[bool] = []
    with _pdfium_document(path) as pdf:
        try:
            for index in range(min(len(pdf), limits.max_pages)):
                page = pdf[index]
                try:
                    width, height = page.get_size()
                    if max(width, height) > limits.max_pdf_page_points:
                        raise DocumentTooLarge("a PDF page is larger than 200 inches")
                    plain = page.get_rotation() % 360 == 0 and page.get_mediabox() == page.get_cropbox() \
                        and page.get_mediabox()[:2] == (0.0, 0.0)
                    pages.append(PdfPageText(width, height, _pdfium_chars(page, height)) if plain else None)
                    ocr_layers.append(_is_ocr_layer(page))
                finally:
                    page.close()
        except UnreadableDocument:
            raise
        except Exception as exc:
            raise _pdf_error(exc) from None
    if any(p is None for p in pages):
        by_pdfplumber = _pdfplumber_text_pages(path, limits)
        pages = [p if p is not None else by_pdfplumber[i] for i, p in enumerate(pages)]
    return [PdfPageText(p.width, p.height, _words_of_chars(p.words), layer)  # type: ignore[union-attr]
            for p, layer in zip(pages, ocr_layers)]


def _pdfium_chars(page, height: float) -> list[dict]:  # noqa: ANN001 (a PdfPage)
    """pdfminer-style character dicts (top-down coordinates) from PDFium's text page, called
    under PDFIUM_LOCK. A level character gets pdfminer's box: from the font's descent below
    the baseline, one font size high, the advance wide (PDFium's loose box); a turned one
    PDFium's tight box. Spaces PDFium makes up between words are left out: the grouping
    decides words by the gaps, as pdfplumber does."""
    import ctypes
    import math

    import pypdfium2.raw as pdfium_c

    text_page = pdfium_c.FPDFText_LoadPage(page)
    if not text_page:
        return []
    try:
        chars = []
        ox, oy = ctypes.c_double(), ctypes.c_double()
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        rect, matrix, descent = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX(), ctypes.c_float()
        descents: dict[tuple[int | None, float], float] = {}
        for i in range(pdfium_c.FPDFText_CountChars(text_page)):
            if pdfium_c.FPDFText_IsGenerated(text_page, i) == 1:
                continue
            code = pdfium_c.FPDFText_GetUnicode(text_page, i)
            if code == 0 or code in (0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
                continue
            size = pdfium_c.FPDFText_GetFontSize(text_page, i)
            pdfium_c.FPDFText_GetMatrix(text_page, i, matrix)
            a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
            level = abs(b) < 0.02 * math.hypot(a, b) and abs(c) < 0.02 * math.hypot(c, d)
            if level:
                pdfium_c.FPDFText_GetLooseCharBox(text_page, i, rect)
                pdfium_c.FPDFText_GetCharOrigin(text_page, i, ox, oy)
                obj = pdfium_c.FPDFText_GetTextObject(text_page, i)
                key = (ctypes.cast(obj, ctypes.c_void_p).value, size)
                below = descents.get(key)
                if below is None:
                    font = pdfium_c.FPDFTextObj_GetFont(obj) if obj else None
                    ok = font and pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(size), descent)
                    below = descents[key] = descent.value if ok else -0.2 * size
                base = oy.value + below
                chars.append(dict(text=chr(code), x0=rect.left, x1=rect.right, top=height - (base + size),
                                  bottom=height - base, doctop=height - (base + size), upright=True, size=size,
                                  level=True))
            else:
                pdfium_c.FPDFText_GetCharBox(text_page, i, left, right, bottom, top)
                norm = math.hypot(a, b) or 1.0
                chars.append(dict(text=chr(code), x0=left.value, x1=right.value, top=height - top.value,
                                  bottom=height - bottom.value, size=size, level=False,
                                  matrix=tuple(round(v / norm, 4) for v in (a, b, c, d))))
        return chars
    finally:
        pdfium_c.FPDFText_ClosePage(text_page)


def _words_of_chars(chars: list) -> list[PdfWord]:
    """Level characters into words as pdfplumber's `extract_words` (x and y tolerance 3),
    turned ones (stamps) into words of their own. Already words (pdfplumber's path): kept."""
    if not chars or isinstance(chars[0], PdfWord):
        return chars
    from pdfplumber.utils.text import WordExtractor

    level = [ch for ch in chars if ch["level"]]
    extractor = WordExtractor(x_tolerance=3, y_tolerance=3, keep_blank_chars=False, use_text_flow=False)
    words = extractor.extract_words(level, return_chars=True) if level else []
    if any(len({_size(c) for c in w["chars"]}) > 1 for w in words):
        # a level stamp or watermark ('COPY' over two lines of print) threaded through the
        # words under it ('COInvoPice'): words are made one font size at a time
        by_size: dict[float, list[dict]] = {}
        for ch in level:
            by_size.setdefault(_size(ch), []).append(ch)
        words = [w for same in by_size.values() for w in extractor.extract_words(same, return_chars=True)]
        words.sort(key=lambda w: (round(w["top"]), w["x0"]))
    found = [piece for w in words for piece in _overflow_split(w)]
    return found + _slanted_words([ch for ch in chars if not ch["level"]])


OVERFLOW_OVERLAP = 0.4  # of a glyph's width: a character laid this far over the one before starts other text


def _overflow_split(word: dict) -> list[PdfWord]:
    """A word of the grouping split where a character lies far over the one before: text
    that overflowed its table cell runs into the next cell's ('... de 2026' over '31 de
    agosto', read as '202631', seed 221). Kerning moves a glyph a little, never this far."""
    chars = word.get("chars") or []
    pieces: list[list[dict]] = [[]]
    for prev, ch in zip([None, *chars], chars):
        if prev is not None and prev["x1"] - ch["x0"] > OVERFLOW_OVERLAP * (prev["x1"] - prev["x0"]):
            pieces.append([])
        pieces[-1].append(ch)
    if len(pieces) == 1:
        return [PdfWord(word["text"], float(word["x0"]), float(word["top"]), float(word["x1"]), float(word["bottom"]))]
    return [_word_of_chars(p) for p in pieces]


def _word_of_chars(chars: list[dict]) -> PdfWord:
    """One word of a run of characters: their text, and the box around them all."""
    return PdfWord("".join(c["text"] for c in chars), float(min(c["x0"] for c in chars)),
                   float(min(c["top"] for c in chars)), float(max(c["x1"] for c in chars)),
                   float(max(c["bottom"] for c in chars)))


def _size(char: dict) -> float:
    return round(char["size"] * 2) / 2


def _pdfplumber_text_pages(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[PdfPageText]:
    """Words of each page's text layer, via pdfplumber (pdfminer's coordinates for any page)."""
    import pdfplumber

    try:
        with pdfplumber.open(str(path)) as pdf:
            pages: list[PdfPageText] = []
            for page in pdf.pages[: limits.max_pages]:
                if max(page.width, page.height) > limits.max_pdf_page_points:
                    raise DocumentTooLarge("a PDF page is larger than 200 inches")
                level = page.filter(_level_or_not_char)
                words = level.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=[],
                                            return_chars=True)
                pdf_words = [piece for w in words for piece in _overflow_split(w)]
                pdf_words += _slanted_words([c for c in page.chars if not _level_or_not_char(c)])
                pages.append(PdfPageText(float(page.width), float(page.height), pdf_words))
                page.close()  # frees pdfminer's layout cache: memory stays flat on long PDFs
            return pages
    except UnreadableDocument:
        raise
    except Exception as exc:
        raise _pdf_error(exc) from None


def rasterize_pdf_page(path: Path, index: int, dpi: int = DEFAULT_LIMITS.raster_dpi,
                       limits: Limits = DEFAULT_LIMITS, embedded: bool = False) -> np.ndarray:
    """One PDF page as a grayscale image, via pdfium (fast, no Ghostscript).

    With `embedded`, a scanner's page (one opaque grey or RGB image covering the page and
    nothing else) scanned at the raster's resolution is taken from the image itself: the
    pixels rendering gives, at a tenth of the cost (measured 0.012 s against 0.11 s a page)."""
    with _pdfium_document(path) as pdf:
        try:
            page = pdf[index]
            w_pt, h_pt = page.get_size()
            scale = dpi / 72.0
            if w_pt * h_pt * scale * scale > limits.max_pixels:
                scale = (limits.max_pixels / (w_pt * h_pt)) ** 0.5
                if scale * 72 < min(100, dpi):
                    raise DocumentTooLarge("a PDF page is too large to rasterise")
            if embedded:
                found = _full_page_image(page, scale, limits)
                if found is not None:
                    page.close()
                    return found
            bitmap = page.render(scale=scale, grayscale=True)
            array = bitmap.to_numpy()
            if array.ndim == 3:
                array = cv2.cvtColor(array, cv2.COLOR_BGR2GRAY if array.shape[2] == 3 else cv2.COLOR_BGRA2GRAY)
            array = np.array(array, copy=True, order="C")  # own the pixels before PDFium frees its buffer
            bitmap.close()
            page.close()
            return array
        except UnreadableDocument:
            raise
        except Exception as exc:
            raise _pdf_error(exc) from None


def _full_page_image(page, scale: float, limits: Limits) -> np.ndarray | None:  # noqa: ANN001 (a PdfPage)
    """The page's one image, grey, where it has the render's size; None where the page is
    anything else (more objects, a turn, a crop, an image not covering the page or at another
    resolution, a colour space or depth whose pixels need PDFium's rendering). Called under
    PDFIUM_LOCK."""
    import math

    import pypdfium2.raw as pdfium_c

    if page.get_rotation() % 360 or page.get_mediabox() != page.get_cropbox():
        return None
    left, bottom, right, top = page.get_mediabox()
    objects = list(page.get_objects(max_depth=1))
    if len(objects) != 1 or objects[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
        return None
    image = objects[0]
    a, b, c, d, e, f = image.get_matrix().get()
    if abs(b) > 1e-6 or abs(c) > 1e-6 or a <= 0 or d <= 0:
        return None  # turned or mirrored
    if max(abs(e - left), abs(f - bottom), abs(a - (right - left)), abs(d - (top - bottom))) > 0.5:
        return None  # not exactly the page (a margin, an offset): rendering places it
    meta = image.get_metadata()
    if meta.colorspace not in (pdfium_c.FPDF_COLORSPACE_DEVICEGRAY, pdfium_c.FPDF_COLORSPACE_DEVICERGB) or \
            meta.bits_per_pixel not in (8, 24):
        return None
    px_w, px_h = image.get_px_size()
    w_pt, h_pt = page.get_size()
    if (px_h, px_w) != (math.ceil(h_pt * scale), math.ceil(w_pt * scale)):  # as pypdfium2 sizes a render
        # Scaled, the pixels would differ from PDFium's by a grey level or two, and Tesseract's
        # reading of a fragile page with them (measured: 4 of 63 sample scans read otherwise).
        return None
    bitmap = image.get_bitmap(render=False)
    try:
        array = bitmap.to_numpy()
        if array.ndim == 3:
            if array.shape[2] == 4:
                return None  # an alpha channel: only rendering composes it on paper
            array = cv2.cvtColor(array, cv2.COLOR_BGR2GRAY)
        array = np.array(array, copy=True, order="C")
    finally:
        bitmap.warn_on_close = False  # safe: the pixels were copied out above
        bitmap.close()
    return array


@dataclass(frozen=True)
class PdfActiveContent:
    """What a PDF carries besides its pages. None of it is ever run or opened."""

    javascript: bool = False
    launch: bool = False  # an action that would start another program
    attachments: int = 0


def _resolved(obj):  # noqa: ANN001, ANN202 (pdfminer objects)
    from pdfminer.pdftypes import resolve1

    return resolve1(obj)


def _action_kind(action) -> str | None:  # noqa: ANN001
    action = _resolved(action)
    if not isinstance(action, dict):
        return None
    kind = _resolved(action.get("S"))
    name = getattr(kind, "name", None)
    return name if name in ("JavaScript", "Launch") else None


def pdf_active_content(path: Path) -> PdfActiveContent:
    """JavaScript (document-level or run on opening), launch actions and attached files,
    read from the PDF's catalog without running or extracting any of them."""
    import pypdfium2 as pdfium
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    javascript = launch = False
    names_attached = False
    try:
        with path.open("rb") as fh:
            catalog = PDFDocument(PDFParser(fh)).catalog
            kinds = [_action_kind(catalog.get("OpenAction"))]
            extra = _resolved(catalog.get("AA"))
            if isinstance(extra, dict):
                kinds += [_action_kind(a) for a in extra.values()]
            names = _resolved(catalog.get("Names"))
            if isinstance(names, dict):
                javascript = "JavaScript" in names
                names_attached = "EmbeddedFiles" in names
            javascript = javascript or "JavaScript" in kinds
            launch = "Launch" in kinds
    except Exception:  # noqa: BLE001 (a catalog pdfminer cannot parse carries nothing we can see)
        pass
    attachments = 0
    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(str(path))
            try:
                attachments = int(pdf.count_attachments())
            finally:
                pdf.close()
        except Exception:  # noqa: BLE001
            pass
    return PdfActiveContent(javascript, launch, max(attachments, int(names_attached)))


INVISIBLE_SHARE = 0.8  # of a page's text objects drawn invisible: a scan's OCR layer


def _is_ocr_layer(page) -> bool:  # noqa: ANN001 (a PdfPage, under PDFIUM_LOCK)
    """The page's text is an earlier OCR's invisible layer under a page image (a scanner's
    'searchable PDF', or OCRmyPDF's output). Such text is not the provider's: it has no
    confidences, keeps what that OCR misread, and carries no stamps, so the page is read
    from its image like any scan."""
    import pypdfium2.raw as pdfium_c

    texts = invisible = images = 0
    for obj in page.get_objects(max_depth=2):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            texts += 1
            invisible += pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
    return bool(images and texts and invisible >= INVISIBLE_SHARE * texts)
