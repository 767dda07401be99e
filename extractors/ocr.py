"""From raw pages to the domain model's `Page`s of visual rows of words.

OCR strategy (measured, see README): one pass with Tesseract's `Latin` script model,
which reads every Latin-alphabet language of the mailroom with its diacritics. Only
a page that comes back weak (rotated, or not in Latin script) pays for Tesseract's
orientation-and-script detection and a second pass, upright and in `Greek` where
the script says so. Rows are rebuilt from word boxes rather than Tesseract's blocks,
so a table row reads as one line from description to amount.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from rapidfuzz import fuzz

from claim_intake.model import BBox, Line, Page, ReadDocument, Word
from extractors import preprocess
from extractors.fingerprint import raster_hash
from extractors.labels import normalize
from extractors.readers import RawPage, iter_pages, sha256_of
from extractors.stamps import Stamp, bold_only, find_stamps
from extractors.tools import DEFAULT_LIMITS, Limits, OcrWord, PdfPageText, tesseract_orientation, tesseract_words

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OcrSettings:
    first_pass: str = "Latin"
    greek: str = "Greek+eng"
    stamps: str = "eng"  # small model: stamp words are short capitals, and Latin takes ~1 s just to load
    stamps_greek: str = "ell"
    retry_below_conf: float = 0.76  # below this mean word confidence a page is re-examined (measured: only
    #                                 the Greek photos of sample_docs fall under it)
    min_words: int = 8
    second_pass: bool = False  # re-read every page in its detected language (+eng): measured, costs 2x
    reread_unread_ink: float = 0.06  # above this share of letter-sized ink outside every word read, the
    #                                  page is re-read as one block (held-out seed 71: pages whose rows
    #                                  the automatic layout dropped measured 0.08-0.33, all others <= 0.04)

    @property
    def key(self) -> str:
        """Part of the cache key: results read with other settings are other results."""
        return f"{self.first_pass}-{self.greek}-{self.second_pass}-{self.stamps}"


DEFAULT_OCR = OcrSettings()


SPECK_HEIGHT = 0.3  # times the median word's height: a speck, too low to be a letter of the print


def _rows(items: list[tuple[BBox, Word]], slope: float = 0.0) -> list[Line]:
    """Group words into visual rows by vertical overlap, each row read left to right.
    `slope` (page heights per page width): how much a printed row still climbs from left
    to right (a photo's leftover tilt), taken out before comparing heights, so that a
    row's amount at the right edge stays with its description at the left."""
    levelled = []  # (y0, y1 with the tilt taken out, box, word)
    for box, word in items:
        shift = slope * (box.cx - 0.5)
        levelled.append((box.y0 - shift, box.y1 - shift, box, word))
    heights = sorted(box.y1 - box.y0 for box, _ in items)
    speck = SPECK_HEIGHT * heights[len(heights) // 2] if heights else 0.0
    rows: list[list[tuple[float, float, BBox, Word]]] = []
    anchors: list[tuple[float, float]] = []  # each row's last word that is not a speck
    for item in sorted(levelled, key=lambda it: (it[0] + it[1], it[2].x0)):
        y0, y1 = item[0], item[1]
        for n in range(len(rows) - 1, max(len(rows) - 5, -1), -1):
            r0, r1 = anchors[n]
            if min(r1, y1) - max(r0, y0) > 0.5 * min(r1 - r0, y1 - y0):
                rows[n].append(item)
                # a speck between two rows (a dot of dust, a stroke of the rule read as 'i')
                # joins one but never carries it on to the next
                if y1 - y0 >= speck or all(it[1] - it[0] < speck for it in rows[n]):
                    anchors[n] = (y0, y1)
                break
        else:
            rows.append([item])
            anchors.append((y0, y1))
    return [Line(words=[w for _, _, _, w in sorted(row, key=lambda it: it[2].x0)]) for row in rows]


def _row_slope(words: list[OcrWord], width: int, height: int) -> float:
    """The median climb of Tesseract's own text lines (it follows each line's baseline),
    in page heights per page width; 0 where too few lines span enough of the page."""
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for ow in words:
        lines.setdefault((ow.block, ow.par, ow.line), []).append(ow)
    slopes = []
    for line in lines.values():
        if len(line) < 3 or _mixed_sizes(line):
            continue
        first, last = min(line, key=lambda w: w.left), max(line, key=lambda w: w.left + w.width)
        dx = (last.left + last.width / 2) - (first.left + first.width / 2)
        if dx < 0.2 * width:
            continue
        dy = (last.top + last.height) - (first.top + first.height)  # along the baseline
        slopes.append((dy / height) / (dx / width))
    if len(slopes) < 3:
        return 0.0
    slopes.sort()
    return slopes[len(slopes) // 2]


MIXED_SIZES = 2.4  # a line whose tallest word is this many times its shortest holds a stamp's or a logo's letters


def _mixed_sizes(line: list[OcrWord]) -> bool:
    """A line of print Tesseract ran into a tilted stamp's big letters ('Strandveien 221 C O PY'):
    its ends climb with the stamp, not with the page. Words of two letters or more are
    compared, so a dash or a comma counts for nothing."""
    heights = [ow.height for ow in line if sum(c.isalnum() for c in ow.text) >= 2]
    return len(heights) >= 2 and max(heights) > MIXED_SIZES * min(heights)


def _clip(v: float) -> float:
    return min(1.0, max(0.0, v))


def text_layer_page(number: int, text: PdfPageText) -> Page:
    items = []
    for w in text.words:
        box = BBox(x0=_clip(w.x0 / text.width), y0=_clip(w.top / text.height),
                   x1=_clip(w.x1 / text.width), y1=_clip(w.bottom / text.height))
        items.append((box, Word(text=w.text, box=box, conf=1.0)))
    scale = 300 / 72
    bridging = _bridging(items, taller=1.6)
    rows = _rows([it for it in items if it not in bridging]) + _rows(bridging)
    return Page(number=number, width=int(text.width * scale), height=int(text.height * scale),
                source="text_layer", lines=rows)


BRIDGING_FRAGMENT = 1.6  # times the median word's height: a one- or two-letter word this tall over two lines


def _bridging(items: list[tuple[BBox, Word]], taller: float) -> list[tuple[BBox, Word]]:
    """Words far taller than the print around them that span two or more of its lines (a
    level COPY stamp or watermark laid across the header; on a scan, the stamp's letters
    read among the print): each would join those lines into one row, so they make rows
    of their own. `taller`: the least height over the median word's: a text layer's boxes
    are the font's, all one height a line; Tesseract's are the ink's, and a word with
    ascenders and descenders ('(GBP)', 'Leki') stands up to ~1.8 times a word without."""
    heights = sorted(box.y1 - box.y0 for box, _ in items)
    if not heights:
        return []
    body = heights[len(heights) // 2]

    def tall(box: BBox, word: Word) -> bool:
        # a letter or two standing over two lines is a stamp's piece or a speck, whatever
        # its height: a short word has no room for both an ascender and a descender
        least = min(taller, BRIDGING_FRAGMENT) if sum(c.isalnum() for c in word.text) <= 2 else taller
        return box.y1 - box.y0 >= least * body

    # specks (a dot of dust under a line) span nothing
    regular = [box for box, word in items if not tall(box, word) and box.y1 - box.y0 >= SPECK_HEIGHT * body]
    found = []
    for box, word in items:
        if not tall(box, word):
            continue
        spanned = [r for r in regular if min(r.y1, box.y1) - max(r.y0, box.y0) > 0.5 * (r.y1 - r.y0)]
        # two lines of print stand one over the other; the words of one line of a tilted scan
        # stand at heights a little apart, all overlapping (a figure read again in a tall crop
        # beside them, '1 639,00', seed 255, is of that line)
        if spanned and min(r.y1 for r in spanned) <= max(r.y0 for r in spanned):
            found.append((box, word))
    return found


def _mean_conf(words: list[OcrWord]) -> float:
    weight = sum(len(w.text) for w in words)
    return sum(w.conf * len(w.text) for w in words) / weight if weight else 0.0


def _score(words: list[OcrWord]) -> float:
    """Prefer the reading with more confidently read letters and digits: a rule one
    reading makes 64 dashes of, and another garbles, is no print read (seed 236: Greek
    outscored Latin on a German scan by its dashes, and read 'Krüger' as 'Kriger')."""
    return sum(w.conf * sum(c.isalnum() for c in w.text) for w in words if w.conf > 0.5)


def _sideways(words: list[OcrWord]) -> bool:
    """Tesseract reads 90°-turned text as vertical words: taller than wide."""
    long_words = [w for w in words if len(w.text) >= 4]
    if len(long_words) < 3:
        return False
    tall = sum(1 for w in long_words if w.height > w.width)
    return tall > 0.5 * len(long_words)


def _downward(words: list[OcrWord]) -> int:
    """+1 where Tesseract read the page's lines running down (the page lies turned a quarter
    clockwise), -1 running up, 0 where it cannot tell: from the word order within its lines."""
    by_line: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in words:
        by_line.setdefault((w.block, w.par, w.line), []).append(w)
    down = up = 0
    for line in by_line.values():
        for a, b in zip(line, line[1:]):
            if b.top > a.top + a.height / 2:
                down += 1
            elif b.top + b.height < a.top + a.height / 2:
                up += 1
    if down >= 5 and up * 4 <= down:
        return 1
    if up >= 5 and down * 4 <= up:
        return -1
    return 0


def _turn_words(words: list[OcrWord], width: int, height: int, turn: int) -> list[OcrWord]:
    """Word boxes of a `width` x `height` image in the frame of the image turned `turn`
    degrees clockwise (90 or 270), as `preprocess.rotate_right_angle` turns it."""
    out = []
    for w in words:
        if turn == 90:  # (x, y) -> (height - 1 - y, x)
            left, top = height - (w.top + w.height), w.left
        else:  # 270: (x, y) -> (y, width - 1 - x)
            left, top = w.top, width - (w.left + w.width)
        out.append(OcrWord(w.text, left, top, w.height, w.width, w.conf, w.block, w.par, w.line))
    return out


def ocr_image(image: np.ndarray, number: int, may_be_photo: bool = False,
              settings: OcrSettings = DEFAULT_OCR, limits: Limits = DEFAULT_LIMITS) -> Page:
    """One OCR pass per page; more only where that pass is weak.

    A page lying sideways that Tesseract still read well (it reads vertical lines) keeps
    its words, with the boxes turned upright: no orientation detection, no second read.
    A weak page pays for OSD and re-reads, turned and/or in Greek, stopping at the first
    reading that is no longer weak."""
    clean, photo, _skew = preprocess.prepare(image, may_be_photo)
    words = tesseract_words(clean, settings.first_pass, timeout=limits.ocr_timeout_s)
    if not words:
        # the automatic layout took the whole page for a picture (a small, soft photo) and
        # returned no word at all: one block reading reads what print there is, before any
        # turn is tried (a turned page's garbled glyphs outscore no word, seed 165)
        words = _block_words(clean, settings.first_pass, limits)
    # a few words, all read surely ('Handelsbanken', a footer): the page is upright and the
    # layout took its body (a light table on a photo) for a picture, which the unread-ink
    # re-reads below recover; a turned reading of garbled glyphs must not outscore it (seed 226)
    few_but_sure = 0 < len(words) < settings.min_words and _mean_conf(words) >= settings.retry_below_conf
    langs, rotation = settings.first_pass, 0
    weak = _weak(words, settings)
    if not weak and _sideways(words) and _downward(words):
        rotation = 270 if _downward(words) > 0 else 90
        h, w = clean.shape[:2]
        words = _turn_words(words, w, h, rotation)
        clean = preprocess.rotate_right_angle(clean, rotation)
    elif weak or _sideways(words):
        osd = tesseract_orientation(clean)
        turn = osd.rotate if osd is not None and osd.orientation_conf >= 1.0 else 0
        greek = osd is not None and osd.script == "Greek" and osd.script_conf >= 0.5
        tries = []
        if turn or greek:
            tries.append((turn, settings.greek if greek else settings.first_pass))
        if greek and turn:
            tries.append((0, settings.greek))  # OSD at times turns an upright photo of Greek print (seed 169)
        if weak and not greek and (osd is None or osd.orientation_conf < 1.0):
            tries.append((180, settings.first_pass))  # OSD is often unsure of an upside-down photo
        if weak and not greek:
            tries.append((turn, settings.greek))  # OSD's script call is unreliable on photos
        if weak and not greek and turn:
            tries.append((0, settings.greek))  # and its turn: an upright Greek slip it called Fraktur, upside down (seed 192)
        for try_turn, try_langs in tries:
            candidate_img = preprocess.rotate_right_angle(clean, try_turn)
            candidate = tesseract_words(candidate_img, try_langs, timeout=limits.ocr_timeout_s)
            if few_but_sure and _mean_conf(candidate) < settings.retry_below_conf:
                continue
            if _score(candidate) > _score(words) or (try_turn and rotation == 0 and _sideways(words)):
                words, langs, rotation = candidate, try_langs, try_turn
            if not _weak(words, settings) and not (rotation == 0 and _sideways(words)):
                break  # a strong reading: another model would not read it better
        clean = preprocess.rotate_right_angle(clean, rotation)
    if not words and (rotation, langs) != (0, settings.first_pass):  # nor any turn or model tried
        words = _block_words(clean, langs, limits)  # the upright page in that model was read so above
    if words:
        letters, unread, tall, run_together = _blobs(clean, words)
        if photo and letters and len(unread) / letters > settings.reread_unread_ink:
            # An out-of-focus photo's print runs together, and the layout drops whole blocks
            # of it as pictures: the sharpened page reads them (the letters' edges restored).
            sharp = preprocess.sharpen(clean)
            again = tesseract_words(sharp, langs, timeout=limits.ocr_timeout_s)
            if _score(again) > _score(words):
                clean, words = sharp, again + _left_out(words, again)
                letters, unread, tall, run_together = _blobs(clean, words)
        if letters and len(unread) / letters > settings.reread_unread_ink:
            block = _patched(tesseract_words(clean, langs, psm=6, timeout=limits.ocr_timeout_s), words)
            if _score(block) > _score(words):
                words = block
        else:
            if unread or run_together:
                words = words + _read_unread_lines(clean, words, unread + run_together, langs, limits)
            if tall:
                words = words + _read_unread_headings(clean, words, tall, langs, limits)
    words = _unsure_figures_read_again(clean, words, langs, limits)
    words = _split_figures_read_again(clean, words, langs, limits)
    if settings.second_pass and words:
        words, langs = _second_pass(clean, words, langs, limits)
    stamps = find_stamps(clean)
    words = _beside_stamps_read_again(clean, words, stamps, langs, limits)
    h, w = clean.shape[:2]
    items = []
    for ow in words:
        box = BBox(x0=_clip(ow.left / w), y0=_clip(ow.top / h), x1=_clip((ow.left + ow.width) / w),
                   y1=_clip((ow.top + ow.height) / h))
        items.append((box, Word(text=ow.text, box=box, conf=round(ow.conf, 4))))
    bridging = _bridging(items, taller=2.2)
    lines = _rows([it for it in items if it not in bridging], _row_slope(words, w, h)) + _rows(bridging) + \
        _stamp_lines(clean, stamps, settings.stamps_greek if "Greek" in langs else settings.stamps, limits)
    return Page(number=number, width=w, height=h, source="ocr", rotation=rotation,
                ocr_confidence=round(_mean_conf(words), 4), ocr_languages=langs, lines=lines)


def _block_words(clean: np.ndarray, langs: str, limits: Limits) -> list[OcrWord]:
    """The page read as one block of text (psm 6), without the empty words it returns."""
    return [ow for ow in tesseract_words(clean, langs, psm=6, timeout=limits.ocr_timeout_s) if ow.text.strip()]


HEADING_LETTERS = 3.0  # times the words' median height: taller blobs are a logo's or a rule's, not a title's
HEADING_RUN_LETTERS = 4  # a title's letters side by side ('Reçu'); fewer are a logo's initials


def _ink_blobs(clean: np.ndarray, words: list[OcrWord]) -> tuple[int, list[tuple[int, int, int, int]],
                                                                   list[tuple[int, int, int, int]]]:
    """(letter-sized ink blobs, the boxes of those outside every word Tesseract read, the
    boxes of the unread blobs taller than the print and up to HEADING_LETTERS times it).

    Tesseract's automatic layout now and then takes a whole block of print (item rows,
    the lower half of a slip) for a picture and returns no words for it; a single-block
    reading does read them. Blobs are counted by size against the words' median height,
    so specks, table rules and logos do not count. The taller ones are a title's letters,
    which the share of unread print leaves out (one title is no dropped block) but which
    type the document ('HENVISNING' on a speckled scan, seed 194, that the layout took for
    a picture)."""
    letters, unread, tall, _ = _blobs(clean, words)
    return letters, unread, tall


WORD_BLOB_WIDTH = 12.0  # times the words' median height: the widest a word whose letters ran together stands
WORD_BLOB_FILL = (0.15, 0.7)  # share of its box a word's ink fills: less is a frame's corner, more a bar


def _blobs(clean: np.ndarray, words: list[OcrWord]) -> tuple[int, list[tuple[int, int, int, int]],
                                                              list[tuple[int, int, int, int]],
                                                              list[tuple[int, int, int, int]]]:
    """`_ink_blobs`, and the boxes of unread words whose letters ran together into one blob
    (a soft photo's small print: 'Consultant' one blob ten letters wide), cut into pieces a
    letter wide. These are left out of the unread share, which decides a whole page's
    second reading, and only find the lines `_read_unread_lines` reads."""
    mh = _median_height(words)
    if mh < 4:
        return 0, [], [], []
    _, ink = cv2.threshold(clean, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    n, _labels, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = clean.shape[:2]
    covered = _covered(words, (h, w))
    letters, unread, tall, run_together = 0, [], [], []
    for i in range(1, n):
        bw, bh, area = stats[i, cv2.CC_STAT_WIDTH], stats[i, cv2.CC_STAT_HEIGHT], stats[i, cv2.CC_STAT_AREA]
        cx, cy = int(centres[i][0]), int(centres[i][1])
        blob = (int(stats[i, cv2.CC_STAT_LEFT]), int(stats[i, cv2.CC_STAT_TOP]), int(bw), int(bh))
        if 1.5 * mh < bh <= HEADING_LETTERS * mh and bw <= 1.5 * bh and area >= 0.04 * bh * bh:
            if not covered[min(cy, h - 1), min(cx, w - 1)]:
                tall.append(blob)
            continue
        if not 0.3 * mh <= bh <= 1.5 * mh:
            continue
        if 3 * mh < bw <= WORD_BLOB_WIDTH * mh and WORD_BLOB_FILL[0] * bw * bh <= area <= WORD_BLOB_FILL[1] * bw * bh:
            if not covered[min(cy, h - 1), min(cx, w - 1)]:
                pieces = max(1, round(bw / (0.6 * mh)))
                run_together += [(blob[0] + k * bw // pieces, blob[1], bw // pieces, bh) for k in range(pieces)]
            continue
        if not (bw <= 3 * mh and area >= 0.02 * mh * mh):
            continue
        letters += 1
        if not covered[min(cy, h - 1), min(cx, w - 1)]:
            unread.append(blob)
    return letters, unread, tall, run_together


UNREAD_RUN_LETTERS = 5  # a word or two: fewer unread blobs in a line are a logo's or a signature's
COLUMN_RUN_LETTERS = 3  # fewer, right-aligned with another run or on a read line: a column's shorter figures


def _unread_runs(unread: list[tuple[int, int, int, int]], mh: int, min_letters: int = UNREAD_RUN_LETTERS,
                 read_rows: tuple[float, ...] = ()) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of lines of unread letters: blobs side by side on one line,
    at most three letter heights apart, `min_letters` or more of them. `read_rows`: the
    centres of the lines of print the page's reading did read."""
    runs: list[list[tuple[int, int, int, int]]] = []
    for blob in sorted(unread, key=lambda b: b[0]):
        cy = blob[1] + blob[3] / 2
        for run in runs:
            last = run[-1]
            if abs((last[1] + last[3] / 2) - cy) < 0.6 * mh and blob[0] - (last[0] + last[2]) < 3 * mh:
                run.append(blob)
                break
        else:
            runs.append([blob])
    def box(run: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
        return (min(b[0] for b in run), min(b[1] for b in run),
                max(b[0] + b[2] for b in run), max(b[1] + b[3] for b in run))

    boxes = [box(run) for run in runs if len(run) >= min_letters]
    short = [box(run) for run in runs if COLUMN_RUN_LETTERS <= len(run) < min_letters]
    # A column of figures the layout dropped (an item table's amounts) holds shorter ones
    # too ('47.00', four glyphs and a dot): a shorter run counts where its right edge lines
    # up with another run's, as right-aligned figures of one column do ('43.00' over
    # '27.00', seed 190), or where it ends a line whose label was read ('Total GBP' and
    # its '70.00' dropped) or is a longer run itself ('GP consultation' and its '71.50',
    # both dropped, seed 208).
    rows = read_rows + tuple((b[1] + b[3]) / 2 for b in boxes)

    def aligned(b: tuple[int, int, int, int]) -> bool:
        return any(abs(b[2] - o[2]) <= mh / 2 for o in boxes + short if o is not b)

    def on_a_read_row(b: tuple[int, int, int, int]) -> bool:
        return any(abs((b[1] + b[3]) / 2 - y) < 0.5 * mh for y in rows)

    boxes += [b for b in short if aligned(b) or on_a_read_row(b)]
    return sorted(boxes, key=lambda b: (b[1], b[0]))[:MAX_UNREAD_RUNS]


def _median_height(words: list[OcrWord]) -> int:
    heights = sorted(w.height for w in words)
    return heights[len(heights) // 2]


def _covered(words: list[OcrWord], shape: tuple[int, int]) -> np.ndarray:
    """1 where a word was read (with a margin of 3 pixels), 0 elsewhere."""
    covered = np.zeros(shape, np.uint8)
    for ow in words:
        covered[max(0, ow.top - 3): ow.top + ow.height + 3, max(0, ow.left - 3): ow.left + ow.width + 3] = 1
    return covered


def _left_out(first: list[OcrWord], again: list[OcrWord]) -> list[OcrWord]:
    """The first reading's sure words where the second read nothing at all: sharpening an
    out-of-focus photo brings its small print back, but its layout may then drop a bold
    heading the first reading had ('HENVISNING', seed 195), and a lost title is a lost
    document type."""
    def overlaps(a: OcrWord, b: OcrWord) -> bool:
        return a.left < b.left + b.width and b.left < a.left + a.width and \
            a.top < b.top + b.height and b.top < a.top + a.height

    return [w for w in first if w.conf >= BLOCK_SURE and w.text.strip() and not any(overlaps(w, b) for b in again)]


def _patched(block: list[OcrWord], words: list[OcrWord]) -> list[OcrWord]:
    """A block reading, with the first reading's sure words wherever the block read no sure
    word: a bordered table read as one block comes out as a few huge, unsure words
    ('E oo o me O') or none, over cells the first reading had read word by word."""
    def inside(w: OcrWord, box: OcrWord) -> bool:
        cx, cy = w.left + w.width / 2, w.top + w.height / 2
        return box.left <= cx <= box.left + box.width and box.top <= cy <= box.top + box.height

    unsure = [b for b in block if b.conf < BLOCK_SURE]
    sure = [b for b in block if b.conf >= BLOCK_SURE]
    back = [w for w in words if w.conf >= BLOCK_SURE and not any(inside(w, b) for b in sure)]
    if not back:
        return block
    return sure + [b for b in unsure if not any(inside(w, b) for w in back)] + back


MAX_UNREAD_RUNS = 12  # a page with more lines unread than this is re-read whole (the share above)
BLOCK_SURE = 0.6  # a block reading's word under this gives way to the first reading's words inside it
UNREAD_MIN_CONF = 0.5  # a word read again counts when read this surely (as `_score` counts them)


def _read_unread_lines(clean: np.ndarray, words: list[OcrWord], unread: list[tuple[int, int, int, int]],
                       langs: str, limits: Limits) -> list[OcrWord]:
    """Each line of print that the page's reading left out (an item row between two dashed
    rules, taken for a picture), read on its own as one line: a few small crops where a
    second reading of the whole page would cost a full pass."""
    mh = _median_height(words)
    read_rows = tuple(ow.top + ow.height / 2 for ow in words
                      if ow.conf >= UNREAD_MIN_CONF and any(c.isalpha() for c in ow.text))
    return _read_runs(clean, words, _unread_runs(unread, mh, read_rows=read_rows), mh, langs, limits)


def _read_unread_headings(clean: np.ndarray, words: list[OcrWord], tall: list[tuple[int, int, int, int]],
                          langs: str, limits: Limits) -> list[OcrWord]:
    """Each line of unread letters taller than the print, read on its own: a title."""
    heights = sorted(b[3] for b in tall)
    th = heights[len(heights) // 2]
    return _read_runs(clean, words, _unread_runs(tall, th, HEADING_RUN_LETTERS), th, langs, limits)


def _read_runs(clean: np.ndarray, words: list[OcrWord], runs: list[tuple[int, int, int, int]], mh: int,
               langs: str, limits: Limits) -> list[OcrWord]:
    h, w = clean.shape[:2]
    covered = _covered(words, (h, w))
    found = []
    for x0, y0, x1, y1 in runs:
        cx0, cy0 = max(0, x0 - mh), max(0, y0 - mh // 2)
        cx1, cy1 = min(w, x1 + mh), min(h, y1 + mh // 2)
        read = tesseract_words(clean[cy0:cy1, cx0:cx1], langs, psm=7, timeout=limits.ocr_timeout_s)
        if any(ow.conf < UNSURE_FIGURE for ow in read):
            # a clean '27.00' read '217900' with half a line of paper around it, and right with
            # a quarter (seed 190): the tighter crop, where it reads surer
            ty0, ty1 = max(0, y0 - mh // 4), min(h, y1 + mh // 4)
            tight = tesseract_words(clean[ty0:ty1, cx0:cx1], langs, psm=7, timeout=limits.ocr_timeout_s)
            if _mean_conf(tight) > _mean_conf(read):
                read, cy0 = tight, ty0
        for ow in read:
            cx, cy = cx0 + ow.left + ow.width // 2, cy0 + ow.top + ow.height // 2
            if ow.conf >= UNREAD_MIN_CONF and any(c.isalnum() for c in ow.text) and not covered[cy, cx]:
                found.append(replace(ow, left=ow.left + cx0, top=ow.top + cy0, block=-1, par=0, line=y0))
    return found


UNSURE_FIGURE = 0.7  # a word with digits read less surely than this is read again on its own
MAX_FIGURE_REREADS = 16  # per page: the unsurest first
FIGURE_GAIN = 0.15  # the word read alone replaces the page's reading when this much surer


def _unsure_figures_read_again(clean: np.ndarray, words: list[OcrWord], langs: str, limits: Limits) -> list[OcrWord]:
    """Each barely read word with digits (a date, an amount), or garbled past reading, read
    again alone, as a one-line crop: on a noisy page a table's rules and specks beside a
    word throw the page's reading ('29.1:2026' for '25.7.2026') and not the word's own. A
    few small crops, only for the words a check may rest on."""
    unsure = sorted((i for i, ow in enumerate(words) if (ow.conf < UNSURE_FIGURE and any(c.isdigit() for c in ow.text))
                     or _garbled_figure(ow)), key=lambda i: words[i].conf)[:MAX_FIGURE_REREADS]
    if not unsure:
        return words
    out = list(words)
    for i in unsure:
        ow = words[i]
        # half a line of paper around the word, then, where that reads it no surer, a tight
        # crop: a table's rule in the margin throws the reading ('6.8.2026' at 0%, at 94%
        # with the rule cut off, seed 204)
        for m in (max(8, ow.height // 2), max(3, ow.height // 10)):
            crop = _with_margin(clean, ow.left, ow.top, ow.left + ow.width, ow.top + ow.height, m)
            again = [a for a in tesseract_words(crop, langs, psm=7, timeout=limits.ocr_timeout_s)
                     if any(c.isalnum() for c in a.text)]
            if len(again) == 1 and again[0].conf >= ow.conf + FIGURE_GAIN and (
                    _same_shape(again[0].text, ow.text) or (_garbled_figure(ow) and _sure_figure(again[0]))):
                out[i] = replace(ow, text=again[0].text, conf=again[0].conf)
                break
    return out


GARBLED_WORD = 0.1  # a word of letters read less surely than this may be a figure the page's reading garbled
SURE_FIGURE = 0.8


def _garbled_figure(ow: OcrWord) -> bool:
    """A barely read word of three or more letters and no digit: what a table's amount can
    come out as ('TES' for '77,50', at 0%, seed 201)."""
    return ow.conf < GARBLED_WORD and sum(c.isalnum() for c in ow.text) >= 3 and not any(c.isdigit() for c in ow.text)


def _sure_figure(ow: OcrWord) -> bool:
    """A crop's reading that is a figure, surely read: digits and separators, no letter."""
    return ow.conf >= SURE_FIGURE and any(c.isdigit() for c in ow.text) and not any(c.isalpha() for c in ow.text)


SPLIT_GAP = 0.6  # times a word's height: a narrower gap between two figures is a split in one, not a space


def _split_figures_read_again(clean: np.ndarray, words: list[OcrWord], langs: str, limits: Limits) -> list[OcrWord]:
    """A figure Tesseract split in two and barely read ('27' '.:3:2026', both at 0%, for
    27.3.2026) read again as one word: no crop of either half reads it. Kept where the
    crop reads one word surer than the halves, with as many characters (one more or
    less: a separator read twice) and no digit fewer (a '7' read as 'T' comes back)."""
    out, k = [], 0
    while k < len(words):
        a = words[k]
        b = words[k + 1] if k + 1 < len(words) else None
        if b is None or not _split_pair(a, b):
            out.append(a)
            k += 1
            continue
        left, top = a.left, min(a.top, b.top)
        right, bottom = b.left + b.width, max(a.top + a.height, b.top + b.height)
        crop = _with_margin(clean, left, top, right, bottom, max(8, (bottom - top) // 2))
        again = [x for x in tesseract_words(crop, langs, psm=8, timeout=limits.ocr_timeout_s)
                 if any(c.isalnum() for c in x.text)]
        if len(again) == 1 and _reads_both(again[0], a, b):
            out.append(replace(a, text=again[0].text, conf=again[0].conf, top=top, width=right - left, height=bottom - top))
            k += 2
        else:
            out.append(a)
            k += 1
    return out


def _with_margin(clean: np.ndarray, x0: int, y0: int, x1: int, y1: int, m: int) -> np.ndarray:
    """The page cut to a box and `m` pixels of paper around it, within the page."""
    h, w = clean.shape[:2]
    return clean[max(0, y0 - m): min(h, y1 + m), max(0, x0 - m): min(w, x1 + m)]


def _reads_both(again: OcrWord, a: OcrWord, b: OcrWord) -> bool:
    """The one word surer than the two halves, as long as both (a character more or less)
    and with no digit fewer, at most one more."""
    joined = a.text + b.text
    digits, digits_again = sum(c.isdigit() for c in joined), sum(c.isdigit() for c in again.text)
    return again.conf >= (a.conf + b.conf) / 2 + FIGURE_GAIN and abs(len(again.text) - len(joined)) <= 1 \
        and digits <= digits_again <= digits + 1


def _split_pair(a: OcrWord, b: OcrWord) -> bool:
    """Two words with digits side by side on one line, at least one barely read, closer
    than a space."""
    return (a.block, a.par, a.line) == (b.block, b.par, b.line) and min(a.conf, b.conf) < UNSURE_FIGURE \
        and any(c.isdigit() for c in a.text) and any(c.isdigit() for c in b.text) \
        and 0 <= b.left - (a.left + a.width) < SPLIT_GAP * max(a.height, b.height)


def _same_shape(a: str, b: str) -> bool:
    """As many characters and as many digits: the crop corrects misread glyphs, it does not
    add a digit (a speck beside '544,00' read as '544.001') or drop one."""
    return len(a) == len(b) and sum(c.isdigit() for c in a) == sum(c.isdigit() for c in b) > 0


def _weak(words: list[OcrWord], settings: OcrSettings) -> bool:
    return _mean_conf(words) < settings.retry_below_conf or len(words) < settings.min_words


GARBLED = 0.3  # a word beside a stamp read less surely than this is the stamp's doing


def _beside_stamps_read_again(clean: np.ndarray, words: list[OcrWord], stamps: list[Stamp], langs: str,
                              limits: Limits) -> list[OcrWord]:
    """The print on a stamp's rows read again as one block, the stamp painted out, where a
    word there came out garbled: Tesseract's layout takes a stamp and the lines beside it
    (a signature, a total) for one block, and the lines' letters come out run together
    ('Birgitte Mort ; e iall' and 'anari' for a name and a clinic). The block reading
    replaces the words it covers only when it reads them more surely. A crop per stamp,
    on the few pages that need one."""
    if not stamps or not words:
        return words
    mh = _median_height(words)
    h, w = clean.shape[:2]
    out = list(words)
    for s in stamps:
        beside = [ow for ow in out if ow.top < s.y1 + mh and ow.top + ow.height > s.y0 - mh and not _in_stamp(ow, s)]
        garbled = [ow for ow in beside if ow.conf < GARBLED and any(c.isalnum() for c in ow.text)]
        if not garbled:
            continue
        x0, y0 = min(ow.left for ow in garbled), min(ow.top for ow in garbled)
        x1, y1 = max(ow.left + ow.width for ow in garbled), max(ow.top + ow.height for ow in garbled)
        region = [ow for ow in beside if ow.left < x1 and ow.left + ow.width > x0 and ow.top < y1 and ow.top + ow.height > y0]
        x0, y0 = max(0, min(ow.left for ow in region) - mh), max(0, min(ow.top for ow in region) - mh // 2)
        x1 = min(w, max(ow.left + ow.width for ow in region) + mh)
        y1 = min(h, max(ow.top + ow.height for ow in region) + mh // 2)
        crop = clean[y0:y1, x0:x1].copy()
        crop[max(0, s.y0 - y0): max(0, s.y1 - y0), max(0, s.x0 - x0): max(0, s.x1 - x0)] = preprocess.paper_shade(clean)
        again = [replace(ow, left=ow.left + x0, top=ow.top + y0, block=-2, par=0, line=y0 + ow.line)
                 for ow in tesseract_words(crop, langs, psm=6, timeout=limits.ocr_timeout_s)
                 if any(c.isalnum() for c in ow.text)]
        if _score(again) > _score(region):
            out = [ow for ow in out if ow not in region] + again
    return out


def _in_stamp(ow: OcrWord, stamp: Stamp) -> bool:
    cx, cy = ow.left + ow.width / 2, ow.top + ow.height / 2
    return stamp.x0 <= cx <= stamp.x1 and stamp.y0 <= cy <= stamp.y1


def _stamp_lines(clean: np.ndarray, stamps: list[Stamp], lang: str, limits: Limits) -> list[Line]:
    """Each tilted stamp read on its own (it may hold a second line: a date), as lines
    placed where the stamp is."""
    h, w = clean.shape[:2]
    lines = []
    for stamp in stamps:
        words = _stamp_words(stamp, lang, limits)
        if not any(any(c.isalpha() for c in ow.text) for ow in words):
            continue
        if stamp.level and not any(_stamp_word(ow.text) for ow in words):
            continue  # a straight box that says no stamp word is the page's own; its print is read already
        sh = stamp.image.shape[0]
        items = []
        for ow in words:  # a word's place inside the level stamp, mapped into the stamp's frame on the page
            fy0, fy1 = ow.top / sh, (ow.top + ow.height) / sh
            y0 = stamp.y0 + fy0 * (stamp.y1 - stamp.y0)
            y1 = stamp.y0 + fy1 * (stamp.y1 - stamp.y0)
            box = BBox(x0=_clip(stamp.x0 / w), y0=_clip(y0 / h), x1=_clip(stamp.x1 / w), y1=_clip(y1 / h))
            # rubber stamps are set in capitals; Tesseract's case on a small tilted crop is a guess
            items.append((box, Word(text=ow.text.upper(), box=box, conf=round(ow.conf, 4))))
        lines += _rows(items)
    return lines


_STAMP_EDGE = " -_,.;:'\"“”‘’„|[](){}"


def _stamp_words(stamp: Stamp, lang: str, limits: Limits) -> list[OcrWord]:
    """Read as one word first (most stamps are one big word, and a word read is not
    thrown by the print showing through); that drops a stamp's small second line (its
    date) as often as a sparse read drops the big word, so the sparse read's other
    words are added. When neither says a stamp word, the stamp is read again cut to
    its frame's full length (a word that runs to its frame lost its end letters), in its
    bold strokes alone (print under it broke a letter) and at the frame's whole length
    with the frame's lines wiped (a letter pressed over the frame is one blob with it),
    until one does: a few reads of a small crop, on the few stamps that need them."""
    def read(image: np.ndarray, psm: int) -> list[OcrWord]:
        found = tesseract_words(image, lang, psm=psm, timeout=limits.ocr_timeout_s)
        trimmed = [replace(ow, text=_stamp_text(ow.text)) for ow in found]  # the frame's edge: '-KOPI,'
        return [ow for ow in trimmed if any(c.isalnum() for c in ow.text)]

    words = read(stamp.image, 8)
    seen = {w.text.casefold() for w in words}
    words += [ow for ow in read(stamp.image, 11) if ow.text.casefold() not in seen]
    if any(_stamp_word(ow.text) for ow in words):
        return words
    again = ([(stamp.wide, 8), (stamp.wide, 11)] if stamp.wide is not None else []) + \
        [(bold, 7) for bold in bold_only(stamp.image)] + \
        ([(stamp.unframed, 7)] if stamp.unframed is not None else [])
    for image, psm in again:
        hits = [ow for ow in read(image, psm) if _stamp_word(ow.text)]
        if hits:
            return words + hits
    return words


_I_LOOKALIKE = re.compile(r"(?<=[^\W\d_])[\]\[|!)1l](?=[^\W\d_]|[^\w]*$)")  # 'KOP]', 'KOP)', 'Kop!', 'KOP|A'


def _stamp_text(text: str) -> str:
    """A stamp word without its frame's edge; a capital I read as a bracket, bar, '!' or
    '1' ('KOP]' for 'KOPI', the frame's edge pressed against the I) is put right where
    only that makes the word a stamp word."""
    plain = text.strip(_STAMP_EDGE)
    if _stamp_word(plain):
        return plain
    mended = _I_LOOKALIKE.sub("I", text).strip(_STAMP_EDGE)
    return mended if _stamp_word(mended) else plain


STAMP_WORD_SCORE = 85.0  # a bold-only read counts when this close to a stamp word: 'ZAPLACONC'


@cache
def _stamp_vocabulary() -> tuple[str, ...]:
    """The one-word copy and paid stamps of every language, normalized."""
    from extractors import lexicon

    words = lexicon.phrases("copy", "markers") + lexicon.phrases("amounts", "paid_stamp")
    return tuple(w for w in dict.fromkeys(words) if " " not in w)


def _stamp_word(text: str) -> bool:
    token = normalize("".join(c for c in text if c.isalpha()))
    if len(token) < 4:
        return False
    # a letter off only in words of five or more: 'KOPJ' is no 'KOPI', 'OPIA' no 'KOPIA'
    return any(token == w or (min(len(token), len(w)) >= 5 and fuzz.ratio(token, w) >= STAMP_WORD_SCORE)
               for w in _stamp_vocabulary())


def _second_pass(clean: np.ndarray, words: list[OcrWord], langs: str,
                 limits: Limits) -> tuple[list[OcrWord], str]:
    from extractors import langdata
    from extractors.language import detect_language

    code, _conf = detect_language(" ".join(w.text for w in words))
    if code is None:
        return words, langs
    model = langdata.load(code)["language"]["tesseract"]
    target = model if model == "eng" else f"{model}+eng"
    again = tesseract_words(clean, target, timeout=limits.ocr_timeout_s)
    return (again, target) if _score(again) >= _score(words) else (words, langs)


def read_page(raw: RawPage, settings: OcrSettings = DEFAULT_OCR, limits: Limits = DEFAULT_LIMITS) -> Page:
    if raw.text is not None:
        return text_layer_page(raw.number, raw.text)
    assert raw.image is not None
    return ocr_image(raw.image, raw.number, raw.may_be_photo, settings, limits)


def read_document(path: Path, name: str | None = None, settings: OcrSettings = DEFAULT_OCR,
                  limits: Limits = DEFAULT_LIMITS, sha256: str | None = None) -> ReadDocument:
    """Read every page of one file; raises `UnreadableDocument` subclasses for bad input.
    Where page 1 is a scan (a PDF page or TIFF frame, not a photo), its pHash is taken from
    the raster in hand; else `phash` stays None for the caller to compute from the file."""
    pages, first_hash = [], None
    for raw in iter_pages(path, limits):
        if raw.number == 1 and raw.image is not None and not raw.may_be_photo:
            first_hash = raster_hash(raw.image)
        pages.append(read_page(raw, settings, limits))
    return ReadDocument(file=name or path.name, sha256=sha256 or sha256_of(path), pages=pages, phash=first_hash)
