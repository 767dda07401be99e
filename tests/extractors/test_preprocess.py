import cv2
import numpy as np
import pytest

from extractors import preprocess
from tests.conftest import render_page


@pytest.mark.parametrize("angle", [-3.0, -1.2, 2.5])
def test_skew_is_measured(invoice_lines, angle):
    page = render_page(invoice_lines * 3)
    skewed = preprocess.rotate(page, angle)
    assert preprocess.estimate_skew(skewed) == pytest.approx(-angle, abs=0.3)


def test_straight_page_needs_no_rotation(invoice_image):
    assert abs(preprocess.estimate_skew(invoice_image)) < 0.3


def _photo_of(page: np.ndarray) -> np.ndarray:
    """The page laid on a dark table and photographed at an angle."""
    h, w = page.shape
    canvas = np.full((int(h * 1.5), int(w * 1.6)), 60, np.uint8)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[300, 200], [w + 420, 300], [w + 360, h + 380], [220, h + 250]])
    m = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(page, m, canvas.shape[::-1], dst=canvas, borderMode=cv2.BORDER_TRANSPARENT)


def test_page_is_found_in_a_photo_and_unwarped(invoice_image):
    photo = _photo_of(invoice_image)
    quad = preprocess.find_page_quad(photo)
    assert quad is not None
    assert quad[0] == pytest.approx([300, 200], abs=25)  # top-left corner
    flat = preprocess.warp_page(photo, quad)
    assert flat.shape[0] > flat.shape[1]  # portrait page again
    assert flat.mean() > 200  # background gone: mostly paper


def test_flat_scan_has_no_page_border(invoice_image):
    assert preprocess.find_page_quad(invoice_image) is None


def test_flatten_illumination_evens_out_shadow(invoice_image):
    h, w = invoice_image.shape
    shade = np.tile(np.linspace(0.45, 1.0, w), (h, 1))
    shadowed = (invoice_image * shade).astype(np.uint8)
    flat = preprocess.flatten_illumination(shadowed)
    left, right = np.median(flat[:, : w // 10]), np.median(flat[:, -w // 10:])
    assert abs(float(left) - float(right)) < 15


def test_resolution_normalising_ignores_missing_or_odd_metadata(invoice_image):
    from extractors.preprocess import to_ocr_resolution

    for dpi in (None, (), ("x", "y"), (0, 0), (1, 1)):
        assert to_ocr_resolution(invoice_image, dpi) is invoice_image
    big = np.zeros((9000, 9000), np.uint8)  # would pass the pixel limit once scaled
    assert to_ocr_resolution(big, (200, 200)) is big


def test_a_grey_sheet_is_deskewed_with_grey_corners_and_comes_out_white(invoice_lines):
    """A dim scan (paper at 60% grey) that is also skewed: the corners the rotation uncovers
    take the paper's shade, not white (white corners made Tesseract's threshold turn the
    whole sheet black and read nothing), and the paper is brought back to white."""
    dim = (render_page(invoice_lines * 3).astype(np.float32) * 0.6).astype(np.uint8)
    turned = preprocess.rotate(dim, 3.0)
    assert turned[0, 0] == preprocess.paper_shade(dim) == 153
    clean, photo, angle = preprocess.prepare(turned, may_be_photo=False)
    assert not photo and angle == pytest.approx(-3.0, abs=0.3)
    assert preprocess.paper_shade(clean) > 240 and clean.min() < 60  # white paper, ink kept
    assert np.median(clean[:40, :40]) > 200  # no dark corners left to look like ink


def test_a_scan_with_a_shaded_margin_is_not_taken_for_a_photographed_sheet(invoice_image):
    """A flatbed scan as PNG with a dark band along one edge (the lid's shadow): Otsu may
    cut it off as 'background', leaving a quad with its corners on the frame. Warping to
    it would stretch the page; it is treated as the flat scan it is."""
    scan = invoice_image.copy()
    h, w = scan.shape
    band = np.linspace(0, 1, w // 6)
    scan[:, : w // 6] = (scan[:, : w // 6] * (0.25 + 0.75 * band)).astype(np.uint8)
    assert preprocess.find_page_quad(scan) is None
    assert preprocess.find_page_quad(_photo_of(invoice_image)) is not None


def test_noise_is_measured_in_grey_levels_and_print_is_not_noise(invoice_image):
    rng = np.random.default_rng(3)
    grey = (invoice_image * 0.6 + 50).astype(np.float32)  # paper at 203: noise is not clipped at white
    noisy = np.clip(grey + rng.normal(0, 10, grey.shape), 0, 255).astype(np.uint8)
    assert preprocess.noise_sigma(invoice_image) < 1.0  # clean print on paper: its edges are not noise
    assert preprocess.noise_sigma(noisy) == pytest.approx(10, abs=2)


def test_a_clean_photo_is_not_filtered_and_a_noisy_one_is(invoice_image, monkeypatch):
    """The median filter is paid for only where noise is measured."""
    filtered = []
    real_median = cv2.medianBlur
    monkeypatch.setattr(preprocess.cv2, "medianBlur",
                        lambda img, k: filtered.append(img.shape) or real_median(img, k))
    preprocess.prepare(_photo_of(invoice_image), may_be_photo=True)
    before = len([s for s in filtered if s[0] > 1000])  # illumination flattening blurs a small image
    rng = np.random.default_rng(4)
    photo = _photo_of(invoice_image)
    noisy = np.clip(photo + rng.normal(0, 30, photo.shape), 0, 255).astype(np.uint8)
    clean, was_photo, _ = preprocess.prepare(noisy, may_be_photo=True)
    assert was_photo
    assert before == 0
    assert len([s for s in filtered if s[0] > 1000]) == 1
    assert preprocess.noise_sigma(clean) < preprocess.noise_sigma(preprocess.warp_page(
        noisy, preprocess.find_page_quad(noisy)))


def test_a_sheet_whose_corner_lies_in_shadow_is_found_whole(invoice_image):
    """Otsu cuts a shadowed corner off the sheet: a pentagon. The corner is where the
    edges beside the cut meet, not the far end of the cut (that warp lost half a page)."""
    photo = _photo_of(invoice_image)
    h, w = invoice_image.shape
    shadow = np.zeros_like(photo)
    cut = np.int32([[280, 180], [300 + w // 4, 180], [200, 200 + h // 4]])
    cv2.fillPoly(shadow, [cut], 255)
    photo[(shadow > 0) & (photo > 100)] = 75  # paper in shadow, near the table's grey
    quad = preprocess.find_page_quad(photo)
    assert quad is not None
    assert quad[0] == pytest.approx([300, 200], abs=40)  # the shadowed top-left corner
    assert quad[2] == pytest.approx([w + 360, h + 380], abs=25)


def test_a_vertex_inside_a_straight_edge_leaves_the_sheets_own_corners():
    pentagon = np.array([[0, 0], [500, 0], [1000, 3], [1000, 1400], [0, 1400]], dtype=np.float64)
    restored = preprocess._restore_cut_corners(pentagon, (1500, 1100))
    assert restored is not None and len(restored) == 4
    corners = sorted(map(tuple, restored.round().astype(int).tolist()))
    assert np.abs(np.array(corners) - np.array([(0, 0), (0, 1400), (1000, 0), (1000, 1400)])).max() <= 3


def test_edges_beside_a_short_edge_that_never_meet_give_no_corner():
    # a step in the right edge: the short edge lies between two parallel edges
    pentagon = np.array([[0, 0], [1000, 0], [1000, 700], [1010, 705], [1010, 1400], [0, 1400]], dtype=np.float64)
    assert preprocess._restore_cut_corners(pentagon, (1500, 1100)) is None


def test_a_restored_corner_outside_the_frame_is_refused():
    # the cut's neighbours meet far below the photo: no sheet corner there
    pentagon = np.array([[0, 0], [900, 0], [1000, 1300], [600, 1400], [100, 1400]], dtype=np.float64)
    restored = preprocess._restore_cut_corners(pentagon, (1400, 1100))
    assert restored is None or all(0 <= x <= 1100 * 1.01 and 0 <= y <= 1400 * 1.01 for x, y in restored)


def test_a_strip_of_the_sheet_in_shadow_is_kept(invoice_image):
    """The right strip of the sheet in shadow is darker than Otsu's threshold, yet still a
    step above the table: the sheet's side is found at that step, not at the shadow's edge."""
    photo = _photo_of(invoice_image)
    h, w = invoice_image.shape
    strip = np.zeros_like(photo)
    cv2.fillPoly(strip, [np.int32([[w + 420 - w // 6, 150], [w + 500, 150], [w + 500, h + 450], [w + 360 - w // 6, h + 450]])], 255)
    photo[(strip > 0) & (photo > 100)] = 115  # shaded paper; the table is 60
    quad = preprocess.find_page_quad(photo)
    assert quad is not None
    assert quad[1] == pytest.approx([w + 420, 300], abs=30)  # top-right corner, inside the shadow
    assert quad[2] == pytest.approx([w + 360, h + 380], abs=30)
    assert quad[0] == pytest.approx([300, 200], abs=25)


def test_snapping_leaves_a_well_found_sheet_where_it_is(invoice_image):
    photo = _photo_of(invoice_image)
    h, w = invoice_image.shape
    quad = preprocess.find_page_quad(photo)
    want = np.float32([[300, 200], [w + 420, 300], [w + 360, h + 380], [220, h + 250]])
    assert np.abs(quad - want).max() < 25


def _photo_in_falling_light(page: np.ndarray) -> np.ndarray:
    """The page on a mid-grey table, the light falling off towards the bottom-left
    corner as a phone's own shadow or a lamp to one side leaves it: there the paper
    is darker than the table is elsewhere."""
    h, w = page.shape
    canvas = np.full((int(h * 1.3), int(w * 1.35)), 110, np.float32)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[250, 160], [w + 290, 190], [w + 260, h + 200], [220, h + 170]])
    m = cv2.getPerspectiveTransform(src, dst)
    photo = cv2.warpPerspective(page.astype(np.float32), m, canvas.shape[::-1], dst=canvas,
                                borderMode=cv2.BORDER_TRANSPARENT)
    yy, xx = np.mgrid[0:photo.shape[0], 0:photo.shape[1]].astype(np.float32)
    light = 1.0 + 0.55 * ((xx / photo.shape[1] - 0.5) - (yy / photo.shape[0] - 0.5))
    return np.clip(photo * light, 0, 255).astype(np.uint8)


def test_a_sheet_with_a_shaded_corner_is_found_whole(invoice_image):
    photo = _photo_in_falling_light(invoice_image)
    quad = preprocess.find_page_quad(photo)
    assert quad is not None
    h, w = invoice_image.shape
    expected = [[250, 160], [w + 290, 190], [w + 260, h + 200], [220, h + 170]]
    for corner, want in zip(quad, expected):  # the shaded bottom-left corner too, not a chord short of it
        assert corner == pytest.approx(want, abs=30)


def _speckled(page: np.ndarray, count: int, seed: int = 3) -> np.ndarray:
    """Scanner salt-and-pepper: single dark pixels and pairs strewn over the sheet."""
    rng = np.random.default_rng(seed)
    out = page.copy()
    h, w = page.shape
    ys, xs = rng.integers(0, h - 1, count), rng.integers(0, w - 1, count)
    out[ys, xs] = 0
    pairs = rng.random(count) < 0.3
    out[ys[pairs], xs[pairs] + 1] = 0
    return out


def test_specks_are_painted_out_and_the_smallest_print_is_kept():
    from tests.conftest import render_page

    # a 6 pt line at 300 dpi: full stops, commas and i-dots are the smallest print there is
    page = render_page(["Total: 1.234,56 i.e. 3 x 4,00 ; Fakt. nr. 12"], size=(1400, 200), font_px=25)
    assert np.array_equal(preprocess.remove_specks(page), page)  # nothing on it is a speck
    noisy = _speckled(page, 400)
    cleaned = preprocess.remove_specks(noisy)
    ink = page < 128
    assert np.array_equal(cleaned[ink], noisy[ink])  # no printed pixel lost
    stray = (noisy < 128) & ~ink
    assert (cleaned[stray] < 128).mean() < 0.05  # the specks (but those touching print) are gone


def test_a_speckled_scan_is_despeckled_before_it_is_read(invoice_image):
    noisy = _speckled(invoice_image, 3000)
    scan, photo, _ = preprocess.prepare(noisy, may_be_photo=False)
    assert not photo
    assert (scan < 128).sum() < (noisy < 128).sum() - 2500


def test_sharpening_restores_a_blurred_edge_and_leaves_flat_paper_alone():
    import cv2

    edge = np.full((60, 60), 250, np.uint8)
    edge[:, 30:] = 40
    blurred = cv2.GaussianBlur(edge, (0, 0), 3)
    sharp = preprocess.sharpen(blurred)
    steepest = lambda img: int(np.abs(np.diff(img[30].astype(int))).max())
    assert steepest(sharp) > 1.3 * steepest(blurred)
    assert sharp[30, 5] == blurred[30, 5] and sharp[30, 55] == blurred[30, 55]  # paper and ink far from the edge


def _bare_page(grain_scale: float = 3.0) -> np.ndarray:
    """A record's last page: two short lines of grey print on grainy grey paper."""
    page = render_page(["Ortopedi Bergen - Side 2", "Kontroll ved behov."], font_px=22)
    grain = cv2.GaussianBlur(np.random.default_rng(7).normal(0, 6, page.shape), (0, 0), 1.0) * grain_scale
    ink = page.astype(float) / 255
    return np.clip(ink * 231 + (1 - ink) * 90 + grain, 0, 255).astype(np.uint8)


def _otsu_ink_share(gray: np.ndarray) -> float:
    otsu, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return float((gray < otsu).mean())


def test_a_nearly_blank_page_has_its_paper_grain_whitened_and_its_print_kept():
    bare = _bare_page()
    assert _otsu_ink_share(bare) > 0.3  # Otsu splits the grain: what Tesseract would see
    white = preprocess.whiten_bare_paper(bare)
    assert _otsu_ink_share(white) < 0.02
    print_pixels = bare < 150
    assert print_pixels.any() and (white[print_pixels] == bare[print_pixels]).all()


def test_a_nearly_blank_page_is_read_after_preparing():
    from extractors.tools import tesseract_words

    clean, _, _ = preprocess.prepare(_bare_page(), may_be_photo=False)
    words = {w.text for w in tesseract_words(clean, "nor")}
    assert {"Kontroll", "behov."} <= words


def test_a_page_with_print_or_a_black_border_is_left_as_it_is(invoice_image):
    assert preprocess.whiten_bare_paper(invoice_image) is invoice_image
    bordered = invoice_image.copy()
    bordered[:, : bordered.shape[1] * 2 // 5] = 10  # the scanner lid left open
    assert preprocess.whiten_bare_paper(bordered) is bordered
