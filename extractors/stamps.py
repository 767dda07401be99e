"""Rubber stamps (COPY, KOPI, PAID, BETALT ...) on scanned pages.

A stamp is printed at an angle, so a page-level OCR pass reads it as noise. Stamps
are framed, though: find rotated rectangular frames with OpenCV, turn each level,
and read it as a single line. A few small crops cost far less than re-reading the
page at other angles.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import cv2
import numpy as np

MIN_TILT = 2.5  # degrees: level frames are table cells and boxes, unless big letters fill them
MIN_ASPECT = 1.0  # a short word over a date is nearly square ('PAGO' over '11/07/2026'), or square ('PAID' over '20.06.2026')
LEVEL_MIN_ASPECT = 1.6
LEVEL_BOLDER = 1.55  # a level stamp's strokes against the page's print: 'KOPIE' set big and bold
LEVEL_TALLER = 1.75  # a level stamp's line of letters against the page's print letters (their median blob): 'BEZAHLT' set big,
#                      not bold; pieces of the print a stamp was pressed over pull its median down ('CÓPIA' over a boxed date, seed 253)
LEVEL_INK_ROWS = 0.55  # of a level frame's inner height (0.7 of the frame): one line of letters filling 40% of the frame or more
LEVEL_WORD_ROWS = 0.35  # less, over a gap and a smaller line (a date): the stamp's word alone must be big
MAX_TILT = 45.0
MAX_STAMPS = 3
THIN_STROKE = 0.15  # of the crop's height: a frame's stroke, on average along its length, is no thicker
OCR_HEIGHT = 80  # px: a stamp's lines come out at the letter size Tesseract's LSTM reads best
INSIDE_LONG = 0.9  # of the frame's length read first: clear of its rounded ends and a double frame
INSIDE_LONG_WIDE = 0.97  # read when that fails: a stamp's word often runs to (or over) its frame's ends
INSIDE_SHORT = 0.85
FRAME_LINE_SHORT = 0.75  # of the crop's height: a frame's end runs across it, a letter's stem does not
FRAME_LINE_LONG = 0.5  # of the crop's length: a frame's side runs along it, a letter's bar does not
STROKE_SIDE = 1800  # px: the long side strokes are compared at; at the finder's 1200 the page's print is
#                     2-3 px wide, a pixel of rounding a third of it, and a photo's stamp came out only
#                     1.5 times its print
BOLD_OPENINGS = (0.45, 0.65)  # of the stamp's stroke width: openings that keep its letters, not thinner print


@dataclass(frozen=True)
class Stamp:
    image: np.ndarray  # the stamp, turned level, ready for single-line OCR
    x0: int
    y0: int
    x1: int
    y1: int
    tilt: float
    wide: np.ndarray | None = None  # the same, cut to nearly the whole frame's length
    unframed: np.ndarray | None = None  # cut to the frame's whole length, its straight lines wiped
    level: bool = False  # printed straight: may be a box of the page, counts only if it reads as a stamp


def _long_edge_angle(points: np.ndarray) -> tuple[float, float, float]:
    """(angle of the long edge in degrees, long side, short side) of a rotated rectangle."""
    edges = [(points[i], points[(i + 1) % 4]) for i in range(4)]
    lengths = [float(np.linalg.norm(b - a)) for a, b in edges]
    k = int(np.argmax(lengths))
    a, b = edges[k]
    angle = math.degrees(math.atan2(float(b[1] - a[1]), float(b[0] - a[0])))
    if angle > 90:
        angle -= 180
    elif angle <= -90:
        angle += 180
    return angle, max(lengths), min(lengths)


def find_stamps(gray: np.ndarray) -> list[Stamp]:
    h, w = gray.shape
    scale = 1200.0 / max(h, w)
    small = cv2.resize(gray, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 12)
    # A stamp pressed over a table touches its thin rules and stops being a closed
    # frame of its own; its frame is thick, the rules are not, so an opening parts them.
    thick = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    contours = [c for img in (ink, thick) for c in cv2.findContours(img, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)[0]]
    sw, sh = small.shape[1], small.shape[0]
    page_print = _Print(gray, scale, ink)
    found: list[tuple[bool, float, tuple[float, float], float, float, float]] = []
    for contour in contours:
        if len(contour) < 4:
            continue
        rect = cv2.minAreaRect(contour)
        (cx, cy), (rw, rh), _ = rect
        if min(rw, rh) < 0.012 * sh:
            continue
        angle, long_side, short_side = _long_edge_angle(cv2.boxPoints(rect))
        level = abs(angle) < MIN_TILT
        if not level and abs(angle) > MAX_TILT:
            continue
        if not (0.05 * sw <= long_side <= 0.5 * sw and MIN_ASPECT <= long_side / short_side <= 8):
            continue
        if cv2.contourArea(contour) < 0.8 * long_side * short_side:  # a closed frame, not a blob of text
            continue
        if level and not (long_side / short_side >= LEVEL_MIN_ASPECT
                          and _one_line_of_big_letters(small, ink, cx, cy, long_side, short_side, page_print)):
            continue  # level frames are table cells and boxes, unless big bold letters fill them
        # tilted stamps first: a level frame is only a stamp when it reads as one
        found.append((not level, long_side * short_side, (cx, cy), long_side, short_side, angle))
    found.sort(reverse=True)
    stamps: list[Stamp] = []
    for tilted, _, (cx, cy), long_side, short_side, angle in found:
        if any(abs(cx / scale - (s.x0 + s.x1) / 2) < (s.x1 - s.x0) / 2 and
               abs(cy / scale - (s.y0 + s.y1) / 2) < (s.y1 - s.y0) / 2 for s in stamps):
            continue  # the inner line of a double frame
        stamps.append(replace(_level_crop(gray, cx / scale, cy / scale, long_side / scale, short_side / scale, angle),
                              level=not tilted))
        if len(stamps) == MAX_STAMPS:
            break
    return stamps


def _stroke(ink: np.ndarray) -> float:
    """Width of the boldest strokes (most pixels lie in thinner ones), in pixels."""
    return _boldest(_depth(ink))


def _depth(ink: np.ndarray) -> np.ndarray:
    """Each ink pixel's distance to the paper: half the width of the stroke it lies in."""
    return cv2.distanceTransform((ink > 0).astype(np.uint8), cv2.DIST_L2, 3)


def _boldest(depth: np.ndarray) -> float:
    inside = depth[depth > 0]
    return 2.0 * float(np.percentile(inside, 90)) if inside.size else 0.0


class _Print:
    """The page's print around a frame: its stroke width (compared with a frame's letters'
    at STROKE_SIDE) and its letters' height, each measured once and only if a level frame
    asks. Ink touching the image's edge is no print: the sheet's edge and the table left
    round a photographed page, a scan's dark margin, are wider than any letter."""

    def __init__(self, gray: np.ndarray, finder_scale: float, ink: np.ndarray) -> None:
        self._gray, self._finder_scale, self._ink = gray, finder_scale, ink
        self._depth: np.ndarray | None = None
        self._letter: float | None = None
        self._f = 1.0  # from the finder's image to the one strokes are measured on

    def _depths(self) -> np.ndarray:
        if self._depth is None:
            h, w = self._gray.shape
            scale = min(1.0, STROKE_SIDE / max(h, w))
            img = self._gray if scale == 1.0 else cv2.resize(
                self._gray, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
            self._f = scale / self._finder_scale
            block = max(3, int(25 * self._f)) | 1  # the finder's threshold window, at this size
            ink = cv2.adaptiveThreshold(img, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 12)
            self._depth = _depth(_without_edge_ink(ink))
        return self._depth

    def _box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        f = self._f
        return max(0, int(x0 * f)), max(0, int(y0 * f)), max(0, int(x1 * f)), max(0, int(y1 * f))

    def inside(self, x0: float, y0: float, x1: float, y1: float) -> float:
        depth = self._depths()
        bx0, by0, bx1, by1 = self._box(x0, y0, x1, y1)
        return _boldest(depth[by0:by1, bx0:bx1])

    def around(self, x0: float, y0: float, x1: float, y1: float) -> float:
        outside = self._depths().copy()
        bx0, by0, bx1, by1 = self._box(x0, y0, x1, y1)
        outside[by0:by1, bx0:bx1] = 0  # the frame's own letters do not count
        return _boldest(outside)

    def letter_height(self) -> float:
        """The page's letter size: most of its letter-sized blobs are the body text's letters."""
        if self._letter is None:
            h, w = self._ink.shape
            self._letter = _letter_height(self._ink, h, tallest=0.03 * h, widest=0.03 * w)
        return self._letter


def _letter_height(ink: np.ndarray, page_height: int, tallest: float = np.inf, widest: float = np.inf) -> float:
    """The median height of the blobs of ink in `ink` no smaller than a small letter of the
    page (dashes, dots and specks left out) and no larger than `tallest` by `widest`."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = [bh for _, _, bw, bh, _ in stats[1:] if 0.004 * page_height <= bh <= tallest and bw <= widest]
    return float(np.median(heights)) if heights else 0.0


def _without_edge_ink(ink: np.ndarray) -> np.ndarray:
    """The ink without the blobs that touch the image's edge."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = ink.shape
    x, y = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    edge = (x == 0) | (y == 0) | (x + stats[:, cv2.CC_STAT_WIDTH] >= w) | (y + stats[:, cv2.CC_STAT_HEIGHT] >= h)
    edge[0] = False  # the paper
    if not edge.any():
        return ink
    out = ink.copy()
    out[edge[labels]] = 0
    return out


def _one_line_of_big_letters(small: np.ndarray, ink: np.ndarray, cx: float, cy: float, long_side: float,
                             short_side: float, page_print: _Print) -> bool:
    """A level stamp holds one line of big letters about as tall as its frame: ink in
    nearly every row inside it, without a gap, in strokes far bolder than the page's
    print or letters far taller than its letters. A table cell holds a label or a value
    in the page's own print, with blank rows around it; a filled bar or logo is ink all over."""
    x0, x1 = int(cx - 0.42 * long_side), int(cx + 0.42 * long_side)
    y0, y1 = int(cy - 0.35 * short_side), int(cy + 0.35 * short_side)
    inner = ink[max(0, y0):y1, max(0, x0):x1] > 0
    if inner.shape[0] < 4 or inner.shape[1] < 4:
        return False
    density = float(inner.mean())
    if not (0.08 <= density <= 0.6):
        return False
    if float((small[max(0, y0):y1, max(0, x0):x1] < 128).mean()) > 0.7:
        return False  # a dark bar or logo (its inside is no edge to the local threshold)
    rows = inner.sum(axis=1) >= 2
    run = best = best_end = 0
    for i, has_ink in enumerate(rows):
        run = run + 1 if has_ink else 0
        if run > best:
            best, best_end = run, i + 1
    if best < LEVEL_INK_ROWS * len(rows):
        # a stamp's word over a line of smaller print ('BETALD' over its date, seed 195):
        # the word's letters alone must then stand far taller than the page's
        word = inner[best_end - best:best_end].astype(np.uint8) * 255
        return best >= LEVEL_WORD_ROWS * len(rows) and \
            _letter_height(word, len(ink)) >= LEVEL_TALLER * page_print.letter_height() > 0
    if page_print.inside(x0, y0, x1, y1) >= LEVEL_BOLDER * page_print.around(
            cx - long_side / 2, cy - short_side / 2, cx + long_side / 2, cy + short_side / 2):
        return True
    return _letter_height(inner.astype(np.uint8) * 255, len(ink)) >= LEVEL_TALLER * page_print.letter_height() > 0


def _level_crop(gray: np.ndarray, cx: float, cy: float, long_side: float, short_side: float, angle: float) -> Stamp:
    h, w = gray.shape
    r = int(math.hypot(long_side, short_side) / 2) + 4
    x0, y0, x1, y1 = max(0, int(cx) - r), max(0, int(cy) - r), min(w, int(cx) + r), min(h, int(cy) + r)
    roi = gray[y0:y1, x0:x1]
    m = cv2.getRotationMatrix2D((cx - x0, cy - y0), angle, 1.0)
    level = cv2.warpAffine(roi, m, (roi.shape[1], roi.shape[0]), flags=cv2.INTER_LINEAR,
                           borderMode=cv2.BORDER_REPLICATE)
    lx, ly = (cx - x0), (cy - y0)
    # inside the frame only, so its border is not read as letters
    hh = short_side / 2 * INSIDE_SHORT

    def inside(share: float, wipe_lines: bool = False) -> np.ndarray:
        hw = long_side / 2 * share
        return _for_ocr(level[max(0, int(ly - hh)): int(ly + hh), max(0, int(lx - hw)): int(lx + hw)], wipe_lines)

    return Stamp(inside(INSIDE_LONG), int(cx - long_side / 2), int(cy - short_side / 2),
                 int(cx + long_side / 2), int(cy + short_side / 2), angle, inside(INSIDE_LONG_WIDE),
                 inside(1.0, wipe_lines=True))


def _for_ocr(crop: np.ndarray, wipe_lines: bool = False) -> np.ndarray:
    """Black ink on white at a moderate size with a margin. Stamp ink is pale and its
    letters are large: on the grey crop as cut, Tesseract reads noise. With `wipe_lines`,
    the frame's straight lines are wiped first (see `_without_frame_lines`)."""
    if crop.size == 0:
        return np.full((OCR_HEIGHT, OCR_HEIGHT), 255, np.uint8)
    if crop.shape[0] > OCR_HEIGHT:
        f = OCR_HEIGHT / crop.shape[0]
        crop = cv2.resize(crop, (max(1, int(crop.shape[1] * f)), OCR_HEIGHT), interpolation=cv2.INTER_AREA)
    _, paper = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    if wipe_lines:
        paper = _without_frame_lines(paper)
    paper = _without_frame(paper)
    return np.ascontiguousarray(cv2.copyMakeBorder(paper, 12, 12, 12, 12, cv2.BORDER_CONSTANT, value=255))


def _without_frame(paper: np.ndarray) -> np.ndarray:
    """Drop thin strokes touching the crop's edge: what is left of the frame reads as
    'I' or '|'. Letters cut by the edge stay: they are not four times longer than wide;
    nor do a table's rules with the stamp's letters pressed onto them (as thick, on
    average along their length, as letters are tall)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(255 - paper, connectivity=8)
    h, w = paper.shape
    out = paper.copy()
    for i in range(1, count):
        x, y, cw, ch, area = stats[i]
        thin = max(cw, ch) >= 4 * min(cw, ch) and area <= THIN_STROKE * min(h, w) * max(cw, ch)
        if thin and (x == 0 or y == 0 or x + cw >= w or y + ch >= h):
            out[labels == i] = 255
    return out


def _without_frame_lines(paper: np.ndarray) -> np.ndarray:
    """The crop without the straight lines of the frame: a word pressed over its frame's
    end ('PAGADO' whose O crosses it) is one blob with it, which no cut of the crop parts
    and `_without_frame` cannot drop. A frame's end runs across nearly the whole crop,
    its sides along half of it or more; a letter's strokes are shorter both ways."""
    ink = 255 - paper
    h, w = ink.shape
    if h < 8 or w < 8:
        return paper
    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN,
                              cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(3, int(FRAME_LINE_SHORT * h)))))
    along = cv2.morphologyEx(ink, cv2.MORPH_OPEN,
                             cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(FRAME_LINE_LONG * w)), 1)))
    lines = cv2.dilate(across | along, np.ones((3, 3), np.uint8))
    kept = ink & ~lines
    # what is left of the frame's rounded corners: short bits at the crop's edge (a letter
    # the edge cuts is still about as tall as the letters)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(kept, connectivity=8)
    tallest = int(stats[1:, cv2.CC_STAT_HEIGHT].max()) if count > 1 else 0
    for i in range(1, count):
        x, y, cw, ch, _area = stats[i]
        if ch < 0.5 * tallest and (x == 0 or y == 0 or x + cw >= w or y + ch >= h):
            kept[labels == i] = 0
    return 255 - kept


def bold_only(image: np.ndarray) -> list[np.ndarray]:
    """The stamp's own letters without the page's print under it, one image per opening.

    A rubber stamp's letters are big and bold; the text it is pressed over is set
    in thin strokes, and so is the frame. An opening (erode, then dilate) by a bit
    less than the stamp's stroke width wipes the thin strokes and keeps the bold
    ones: 'Pasient' crossing the K of 'KOPI' no longer turns it into 'HS'. Two sizes,
    because the ink spreads differently on a scan and a photo. Works in black and
    white, so a grey scan or a bilevel fax is served as well as a colour photo."""
    ink = (image < 128).astype(np.uint8)
    if not ink.any():
        return []
    stroke = _stroke(ink)  # the boldest strokes: the stamp's
    out = []
    for share in BOLD_OPENINGS:
        k = max(3, int(round(share * stroke)))
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
        kept = cv2.morphologyEx(ink * 255, cv2.MORPH_OPEN, kernel)
        out.append(np.ascontiguousarray(255 - kept))
    return out
