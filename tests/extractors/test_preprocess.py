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
