"""OpenCV clean-up that makes scans and phone photos easy for Tesseract.

Photos: find the sheet of paper, undo perspective, flatten uneven lighting.
Scans: remove skew (projection-profile search). Both: grayscale; a photo is denoised
only where its noise is measured (a 3x3 median: measured to read better than
non-local-means at every noise level, at 1/500 of its cost).
Whole-page orientation (90/180/270) is decided in `ocr.py`, because only OCR
confidence says whether a page reads upright.
"""

from __future__ import annotations

import cv2
import numpy as np

MIN_PAGE_AREA = 0.20  # a sheet must fill at least this much of a photo
MAX_PAGE_AREA = 0.95  # nearer the frame than this, it is a scan, not a photo
TARGET_PHOTO_LONG_SIDE = 3000  # ~ 250 dpi on A4 after warping
DIM_PAPER = 190  # paper darker than this (a dim scan, grey or yellowed paper) is brought back to white
SNAP_REACH = 0.12  # how far outside Otsu's mask a side is looked for (share of the image's long side)
SNAP_SAMPLES = 24  # points along each side
SNAP_STEP = 12.0  # grey levels: the drop from paper to table, after the 5x5 blur, over two pixels
SNAP_MAX_GROWTH = 1.35  # a snapped sheet is at most this much larger than the mask's
SNAP_MAX_TURN = 4.0  # degrees: a sheet's edge runs along the mask's side, only further out
SNAP_ON_LINE = 2.0  # pixels (of the 800-pixel working image) from the fitted edge
SNAP_MIN_ON_LINE = 0.6  # share of the steps found that must lie on it
CORNER_MIN_SINE = 0.5  # edges beside a cut corner meet at 30 degrees or more (a sheet's corner: ~90)
MAX_CORNER_SKEW = 35.0  # degrees off square a photographed sheet's corner may be (perspective)
CORNER_OUTSIDE = 0.01  # a restored corner lies in the frame (a sheet photographed whole), give or take
FRAME_MARGIN = 0.015  # a corner this near the image edge lies on the frame, not on a sheet in a photo
SPECK_AREA = 4  # pixels (8-connected, at 300 dpi): a dark blob this small on a scan is dust or scanner
#                 noise; the smallest print (a 6 pt full stop) measures ~7
NOISY_SIGMA = 2.0  # grey levels of sensor noise above which a photo is median-filtered (phone JPEGs of a
#                    lit sheet measure ~0-0.3; added noise of sigma 8 measures ~5)


def to_gray(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def _order_quad(pts: np.ndarray) -> np.ndarray:
    pts = pts.reshape(4, 2).astype(np.float32)
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]],
                    dtype=np.float32)


def find_page_quad(gray: np.ndarray) -> np.ndarray | None:
    """Corners of a bright sheet on a darker background, or None for a flat scan."""
    h, w = gray.shape
    scale = 800.0 / max(h, w)
    small = cv2.resize(gray, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    _, mask = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    sheet = _sheet_contour(mask)
    if sheet is None:
        return None
    quad = _quad(sheet)
    if quad is None or not _fits(quad, sheet):
        # One global threshold cuts a shaded corner off the sheet (light falling off
        # across the photo): its outline is no quadrilateral and warping to it bends the
        # page. Thresholding after the light is divided out finds the whole sheet.
        evened = _sheet_contour(_mask_under_even_light(blur, mask))
        even_quad = _quad(evened) if evened is not None else None
        if even_quad is not None and _fits(even_quad, evened):
            sheet, quad = evened, even_quad
    if quad is None or not _fits(quad, sheet):
        # A shadow with a hard edge (a hand, a phone) is no smooth light field: the
        # outline keeps a cut corner. The corner is where the sides beside the cut meet.
        restored = _restored_quad(sheet, blur.shape)
        quad = restored if restored is not None else quad
    if quad is None:
        quad = _order_quad(cv2.boxPoints(cv2.minAreaRect(sheet)))
    if _on_frame(quad, small.shape) >= 3:
        return None
    return _snap_to_edges(blur, quad) / scale


def _sheet_contour(mask: np.ndarray) -> np.ndarray | None:
    """The outline of the biggest bright region, if it is the size a photographed sheet is."""
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    biggest = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(biggest) / float(mask.shape[0] * mask.shape[1])
    return biggest if MIN_PAGE_AREA <= area <= MAX_PAGE_AREA else None


def _quad(contour: np.ndarray) -> np.ndarray | None:
    peri = cv2.arcLength(contour, True)
    for eps in (0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(contour, eps * peri, True)
        if len(approx) == 4 and cv2.isContourConvex(approx):
            return _order_quad(approx)
    return None


QUAD_FIT = 0.985  # a sheet's four corners cover this much of its outline's convex hull


def _restored_quad(contour: np.ndarray, shape: tuple[int, ...]) -> np.ndarray | None:
    peri = cv2.arcLength(contour, True)
    for eps in (0.02, 0.03):
        approx = cv2.approxPolyDP(contour, eps * peri, True)
        if len(approx) in (5, 6) and cv2.isContourConvex(approx):
            restored = _restore_cut_corners(approx.reshape(-1, 2).astype(np.float64), shape)
            if restored is not None:  # convex: _without_edge keeps only convex polygons
                return _order_quad(restored)
    return None


def _fits(quad: np.ndarray, contour: np.ndarray) -> bool:
    """Four corners that describe the whole outline, not a chord across a cut-off corner."""
    hull = cv2.contourArea(cv2.convexHull(contour))
    return hull > 0 and cv2.contourArea(quad) >= QUAD_FIT * hull


def _mask_under_even_light(blur: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Sheet vs table after dividing out a smooth light field.

    Light multiplies paper and table alike, so in log intensity both are one smooth
    (quadratic) field plus a constant step where the paper is: fitted by least squares
    to the pixels clearly inside and clearly outside the first mask (the print closed
    over first), twice, each time re-thresholding at half the step.
    """
    h, w = blur.shape
    shade = np.log(cv2.morphologyEx(blur, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8)).astype(np.float32) + 1.0)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    xx, yy = xx / w, yy / h
    terms = [np.ones_like(xx), xx, yy, xx * xx, xx * yy, yy * yy]
    step, ring = 4, np.ones((9, 9), np.uint8)
    for _ in range(2):
        inside = cv2.erode(mask, ring)[::step, ::step].ravel() > 0
        outside = cv2.dilate(mask, ring)[::step, ::step].ravel() == 0
        use = inside | outside
        if inside[use].sum() < 100 or outside[use].sum() < 100:
            return mask  # no table around the sheet to measure the light on
        a = np.stack([t[::step, ::step].ravel()[use] for t in terms] + [inside[use].astype(np.float32)], axis=1)
        coef, *_ = np.linalg.lstsq(a, shade[::step, ::step].ravel()[use], rcond=None)
        if coef[-1] <= 0:
            return mask
        field = sum(c * t for c, t in zip(coef[:-1], terms))
        mask = ((shade - field > coef[-1] / 2) * 255).astype(np.uint8)
    return mask


def _snap_to_edges(blur: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """Move each side of the quad out to the sheet's own edge. Where the paper lies in
    shadow it is as dark as a lit table, so Otsu's mask stops short of the edge (a strip
    of the sheet, and the amounts printed in it, cut off); the edge itself is still a step
    from paper to table. Looked for outward only, as the last step down to a darker
    region (a line of text or a rule is dark only for a stroke's width)."""
    h, w = blur.shape
    image = blur.astype(np.float32)
    reach = int(SNAP_REACH * max(h, w))
    offsets = np.arange(-2, reach + 1, dtype=np.float32)
    lines = []
    for k in range(4):
        p0, p1 = quad[k].astype(np.float64), quad[(k + 1) % 4].astype(np.float64)
        d = (p1 - p0) / (np.linalg.norm(p1 - p0) + 1e-9)
        normal = np.array([d[1], -d[0]])  # corners run clockwise: this points off the sheet
        found = []
        for t in np.linspace(0.1, 0.9, SNAP_SAMPLES):
            base = p0 + t * (p1 - p0)
            xs = (base[0] + offsets * normal[0]).reshape(1, -1).astype(np.float32)
            ys = (base[1] + offsets * normal[1]).reshape(1, -1).astype(np.float32)
            profile = cv2.remap(image, xs, ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE).ravel()
            edge = _last_step_down(profile)
            if edge is not None:
                found.append(base + offsets[edge] * normal)
        if len(found) < SNAP_SAMPLES // 2:
            lines.append((p0, d))
            continue
        points = np.array(found, dtype=np.float32)
        vx, vy, x0, y0 = cv2.fitLine(points, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        direction, origin = np.array([vx, vy], dtype=np.float64), np.array([x0, y0], dtype=np.float64)
        off_line = np.abs((points[:, 0] - x0) * vy - (points[:, 1] - y0) * vx)
        turned = np.degrees(np.arcsin(min(1.0, abs(direction[0] * d[1] - direction[1] * d[0]))))
        outward = np.array([-direction[1], direction[0]])
        outward = outward if np.dot(outward, normal) >= 0 else -outward
        moved = [float(np.dot(origin - end, outward)) for end in (p0, p1)]  # > 0: the side moved out there
        if (turned > SNAP_MAX_TURN or np.mean(off_line <= SNAP_ON_LINE) < SNAP_MIN_ON_LINE
                or min(moved) < -SNAP_ON_LINE):
            lines.append((p0, d))  # the steps found are no straight edge: keep the mask's side
            continue
        lines.append((origin, direction))
    corners = []
    for k in range(4):
        met = _meet(*lines[(k - 1) % 4], *lines[k])
        if met is None:
            return quad
        corners.append(met[1])
    snapped = np.array(corners, dtype=np.float32)
    inside = all(_in_frame(corner, w, h) for corner in snapped)
    grown = cv2.contourArea(snapped) / max(1.0, cv2.contourArea(quad))
    if not (inside and cv2.isContourConvex(snapped) and 0.98 <= grown <= SNAP_MAX_GROWTH):
        return quad
    return snapped


def _last_step_down(profile: np.ndarray) -> int | None:
    """Index of the outermost drop from paper to a darker region in a brightness profile
    running off the sheet: darker for several pixels after it, not just a stroke."""
    steps = profile[2:] - profile[:-2]
    best = None
    for i in np.nonzero(steps < -SNAP_STEP)[0]:
        at = i + 1
        before, after = profile[max(0, at - 6):max(1, at - 2)], profile[at + 2:at + 8]
        if len(after) >= 3 and before.mean() - after.max() > SNAP_STEP:
            best = at
    return best


def _restore_cut_corners(poly: np.ndarray, shape: tuple[int, ...]) -> np.ndarray | None:
    """A sheet whose corner lies in shadow reads as a pentagon: Otsu cuts the corner off.
    The corner is where the two edges beside the cut meet. The cut is the edge whose
    removal leaves the most sheet-like quad (corners nearest 90 degrees), with its corner
    in the frame. None when no edge does (a bump in a straight edge, a step)."""
    h, w = shape[:2]
    while len(poly) > 4:
        best: tuple[float, np.ndarray] | None = None
        for i in range(len(poly)):
            candidate = _without_edge(poly, i, w, h)
            if candidate is None:
                continue
            score = _squareness(candidate) if len(candidate) == 4 else 0.0
            if best is None or score < best[0]:
                best = (score, candidate)
        if best is None:
            return None
        poly = best[1]
    if _squareness(poly) > MAX_CORNER_SKEW:
        return None
    return poly


def _without_edge(poly: np.ndarray, i: int, w: int, h: int) -> np.ndarray | None:
    """The polygon with edge i (poly[i] -> poly[i + 1]) replaced by the corner where the
    edges beside it meet; None when they do not meet in the frame."""
    n = len(poly)
    a0, a1 = poly[(i - 1) % n], poly[i]
    b0, b1 = poly[(i + 1) % n], poly[(i + 2) % n]
    da, db = a1 - a0, b1 - b0
    sine = abs(da[0] * db[1] - da[1] * db[0]) / (np.linalg.norm(da) * np.linalg.norm(db) + 1e-9)
    if sine < CORNER_MIN_SINE:
        return None
    met = _meet(a0, da, b0, db)
    if met is None or met[0] < 1.0:  # the corner lies beyond the cut, not back along the edge
        return None
    corner = met[1]
    if not _in_frame(corner, w, h):
        return None
    keep = [poly[j] for j in range(n) if j not in (i, (i + 1) % n)]
    restored = np.array(keep[:i] + [corner] + keep[i:]) if i + 1 < n else np.array([corner] + keep)
    return restored if cv2.isContourConvex(restored.astype(np.float32)) else None


def _meet(a: np.ndarray, da: np.ndarray, b: np.ndarray, db: np.ndarray) -> tuple[float, np.ndarray] | None:
    """Where the line through `a` along `da` meets the one through `b` along `db`: (how
    many `da` from `a`, the point); None for parallel lines."""
    cross = da[0] * db[1] - da[1] * db[0]
    if abs(cross) < 1e-6:
        return None
    t = ((b - a)[0] * db[1] - (b - a)[1] * db[0]) / cross
    return t, a + t * da


def _in_frame(point: np.ndarray, w: int, h: int) -> bool:
    """Inside the photo, give or take CORNER_OUTSIDE: a sheet photographed whole."""
    x, y = point
    return -CORNER_OUTSIDE * w <= x <= (1 + CORNER_OUTSIDE) * w and -CORNER_OUTSIDE * h <= y <= (1 + CORNER_OUTSIDE) * h


def _squareness(poly: np.ndarray) -> float:
    """The largest departure of a corner from 90 degrees."""
    worst = 0.0
    n = len(poly)
    for k in range(n):
        u, v = poly[k - 1] - poly[k], poly[(k + 1) % n] - poly[k]
        cos = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9))
        worst = max(worst, abs(np.degrees(np.arccos(np.clip(cos, -1, 1))) - 90))
    return worst


def _on_frame(quad: np.ndarray, shape: tuple[int, ...]) -> int:
    """How many corners lie on the image's edge. A sheet photographed on a table has
    background around it; three corners on the edge is a scan (or a page cropped to the
    frame) whose shaded margin Otsu cut off, and warping to it would distort the page."""
    h, w = shape[:2]
    mx, my = w * FRAME_MARGIN, h * FRAME_MARGIN
    return sum(1 for x, y in quad if x <= mx or y <= my or x >= w - 1 - mx or y >= h - 1 - my)


def warp_page(gray: np.ndarray, quad: np.ndarray) -> np.ndarray:
    tl, tr, br, bl = quad
    width = max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))
    height = max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))
    k = TARGET_PHOTO_LONG_SIDE / max(width, height)
    k = min(k, 1.6)
    out_w, out_h = int(width * k), int(height * k)
    dst = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), dst)
    return cv2.warpPerspective(gray, matrix, (out_w, out_h), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)


def flatten_illumination(gray: np.ndarray) -> np.ndarray:
    """Divide out the paper's shading (shadows, vignetting) so Otsu sees ink vs paper."""
    h, w = gray.shape
    k = max(31, (min(h, w) // 25) | 1)
    small = cv2.resize(gray, (w // 4 or 1, h // 4 or 1), interpolation=cv2.INTER_AREA)
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((k // 4 | 1, k // 4 | 1), np.uint8))
    background = cv2.resize(cv2.medianBlur(background, 5), (w, h), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(gray, background, scale=255)
    return cv2.normalize(flat, None, 0, 255, cv2.NORM_MINMAX)


def estimate_skew(gray: np.ndarray, max_angle: float = 6.0) -> float:
    """Angle in degrees (counter-clockwise positive) that makes text rows horizontal.

    Projection profile: rows of text give the sharpest row-sum histogram when level.
    """
    h, w = gray.shape
    scale = 1000.0 / max(h, w)
    small = cv2.resize(gray, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if ink.mean() < 0.5:  # blank page
        return 0.0
    centre = (ink.shape[1] / 2, ink.shape[0] / 2)
    seen: dict[float, float] = {}  # the fine search repeats three of the coarse angles

    def sharpness(angle: float) -> float:
        if angle not in seen:
            m = cv2.getRotationMatrix2D(centre, angle, 1.0)
            rotated = cv2.warpAffine(ink, m, (ink.shape[1], ink.shape[0]), flags=cv2.INTER_NEAREST)
            # exact integer row sums (OpenCV's reduce: a tenth of numpy's float sum)
            rows = cv2.reduce(rotated, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel().astype(np.float64)
            seen[angle] = float(np.var(np.diff(rows)))
        return seen[angle]

    coarse = np.arange(-max_angle, max_angle + 0.01, 0.5)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    return float(max(fine, key=sharpness))


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """The corners uncovered are filled with the paper's own shade: white corners on grey
    paper would make Tesseract's global threshold take the whole sheet for ink."""
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=paper_shade(gray))


def paper_shade(gray: np.ndarray) -> int:
    """The sheet's grey level: most of a document page is paper."""
    return int(np.median(gray[::8, ::8]))


def rotate_right_angle(gray: np.ndarray, degrees_clockwise: int) -> np.ndarray:
    turns = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    code = turns.get(degrees_clockwise % 360)
    return gray if code is None else cv2.rotate(gray, code)


def prepare(gray: np.ndarray, may_be_photo: bool) -> tuple[np.ndarray, bool, float]:
    """(clean page image, was a photo, skew corrected in degrees)."""
    gray = to_gray(gray)
    photo = False
    if may_be_photo:
        quad = find_page_quad(gray)
        if quad is not None:
            gray = warp_page(gray, quad)
            photo = True
    if photo or _uneven(gray) or paper_shade(gray) < DIM_PAPER:
        gray = flatten_illumination(gray)
    if not photo:
        gray = remove_specks(gray)
    angle = estimate_skew(gray)
    if abs(angle) >= 0.3:
        gray = rotate(gray, angle)
    if photo and noise_sigma(gray) >= NOISY_SIGMA:
        gray = cv2.medianBlur(gray, 3)
    return whiten_bare_paper(gray), photo, angle


BARE_PAPER_INK = 0.25  # share of a page Otsu calls ink above which it is splitting the paper's grain


def whiten_bare_paper(gray: np.ndarray) -> np.ndarray:
    """A page with two short lines on it (a record's last page) gives Otsu, and Tesseract's
    own binariser, so little ink that it splits the paper's grain instead: a third of the
    sheet read as letters ('REE E Ai a EE ...'), which then reads as some language. There
    the triangle threshold, made for one tall peak with a thin tail, finds the print, and
    the paper above it is made white. A page with much real dark (a black scanner border,
    a photo) has no thin tail and is left as it is."""
    sample = gray[::4, ::4]
    otsu, _ = cv2.threshold(sample, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    if (sample < otsu).mean() <= BARE_PAPER_INK:
        return gray
    triangle, _ = cv2.threshold(sample, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_TRIANGLE)
    if (sample < triangle).mean() > BARE_PAPER_INK:
        return gray
    out = gray.copy()
    out[gray > triangle] = 255
    return out


UNSHARP_SIGMA = 3.0  # pixels (at ~250 dpi): the blur of a phone photo's print that the mask takes back
UNSHARP_AMOUNT = 1.5


def sharpen(gray: np.ndarray) -> np.ndarray:
    """Unsharp mask: the page less a blurred copy of itself, so blurred print regains its edges."""
    blurred = cv2.GaussianBlur(gray, (0, 0), UNSHARP_SIGMA)
    return cv2.addWeighted(gray, 1 + UNSHARP_AMOUNT, blurred, -UNSHARP_AMOUNT, 0)


def remove_specks(gray: np.ndarray, max_area: int = SPECK_AREA) -> np.ndarray:
    """Paint out dark blobs of a few pixels (a scanner's salt-and-pepper, dust on the glass).

    Tesseract reads each speck as a letter: a speckled page reads weak, which sends it to
    OSD and re-reads, and a speck beside a figure joins it ('.', ',', '9'). The smallest
    print, a full stop or the dot of an i, is bigger than `max_area`."""
    _, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] <= max_area)
    small = small[small > 0]  # label 0 is the paper
    if small.size == 0:
        return gray
    speck = np.zeros(n, bool)
    speck[small] = True
    out = gray.copy()
    out[speck[labels]] = paper_shade(gray)
    return out


def noise_sigma(gray: np.ndarray) -> float:
    """Standard deviation of pixel noise, estimated from the median absolute response of a
    Laplacian-difference kernel (Immerkaer 1996) over the page's central area: the median
    ignores edges of print, so text does not count as noise."""
    h, w = gray.shape
    centre = gray[h // 4: h - h // 4, w // 4: w - w // 4]
    if centre.size == 0:
        return 0.0
    kernel = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float32)
    response = cv2.filter2D(centre.astype(np.float32), -1, kernel)
    return float(np.median(np.abs(response))) * 1.4826 / 6.0


def _uneven(gray: np.ndarray) -> bool:
    """True where the paper is far from evenly lit (corners much darker than centre)."""
    h, w = gray.shape
    cy, cx = h // 2, w // 2
    centre = float(np.median(gray[cy - h // 8: cy + h // 8, cx - w // 8: cx + w // 8]))
    corners = [gray[: h // 10, : w // 10], gray[: h // 10, -w // 10:], gray[-h // 10:, : w // 10],
               gray[-h // 10:, -w // 10:]]
    darkest = min(float(np.median(c)) for c in corners)
    return centre - darkest > 40


OCR_DPI = 300  # what Tesseract reads best, and what PDF pages are rasterised at
MIN_STATED_DPI = 90  # below: a placeholder (JPEG's 72), not a scanner's resolution
MAX_UPSCALED_PIXELS = 60_000_000


def to_ocr_resolution(gray: np.ndarray, dpi: tuple[float, float] | None) -> np.ndarray:
    """A scan stated at under 250 dpi (200 dpi is many office scanners' default; fax TIFFs
    are 204 x 98 or 204 x 196) is scaled to 300 dpi with square pixels: at 200 dpi a
    10 pt digit is small enough for Tesseract to misread dates and amounts it reads
    cleanly at 300. Photos carry no real resolution; they are scaled when warped."""
    if not dpi:
        return gray
    try:
        x_dpi, y_dpi = (float(v) for v in dpi)
    except (TypeError, ValueError):
        return gray
    fx, fy = (OCR_DPI / d if MIN_STATED_DPI <= d < 250 else 1.0 for d in (x_dpi, y_dpi))
    if fx == fy == 1.0 or gray.size * fx * fy > MAX_UPSCALED_PIXELS:
        return gray
    return cv2.resize(gray, None, fx=fx, fy=fy, interpolation=cv2.INTER_CUBIC)
