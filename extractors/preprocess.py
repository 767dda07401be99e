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
FRAME_MARGIN = 0.015  # a corner this near the image edge lies on the frame, not on a sheet in a photo
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
    if quad is None:
        quad = _order_quad(cv2.boxPoints(cv2.minAreaRect(sheet)))
    return None if _on_frame(quad, small.shape) >= 3 else quad / scale


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

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rotated = cv2.warpAffine(ink, m, (ink.shape[1], ink.shape[0]), flags=cv2.INTER_NEAREST)
        rows = rotated.sum(axis=1, dtype=np.float64)
        return float(np.var(np.diff(rows)))

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
    angle = estimate_skew(gray)
    if abs(angle) >= 0.3:
        gray = rotate(gray, angle)
    if photo and noise_sigma(gray) >= NOISY_SIGMA:
        gray = cv2.medianBlur(gray, 3)
    return gray, photo, angle


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
