import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractors.ocr import ocr_image
from extractors.stamps import find_stamps
from tests.conftest import FONT, render_page


def _stamp(page: np.ndarray, text: str, angle: float, at: tuple[int, int]) -> np.ndarray:
    """A framed rubber stamp, inked gray, turned by `angle` degrees, pressed onto the page."""
    font = ImageFont.truetype(FONT, 64)
    w = int(font.getlength(text)) + 60
    stamp = Image.new("L", (w, 120), 255)
    draw = ImageDraw.Draw(stamp)
    draw.rectangle([4, 4, w - 5, 115], outline=90, width=6)
    draw.text((30, 22), text, font=font, fill=90)
    turned = stamp.rotate(angle, expand=True, fillcolor=255)
    out = Image.fromarray(page)
    region = out.crop((at[0], at[1], at[0] + turned.width, at[1] + turned.height))
    out.paste(Image.fromarray(np.minimum(np.asarray(region), np.asarray(turned))), at)
    return np.asarray(out).copy()


def test_a_tilted_stamp_is_found_and_read(invoice_lines):
    page = _stamp(render_page(invoice_lines), "KOPI", 14, (900, 1500))
    stamps = find_stamps(page)
    assert len(stamps) == 1
    assert 10 < abs(stamps[0].tilt) < 18
    read = ocr_image(page, 1)
    assert any(line.text.strip() == "KOPI" for line in read.lines)
    stamp_line = next(line for line in read.lines if line.text.strip() == "KOPI")
    assert stamp_line.box.y0 > 0.5  # placed where the stamp is, in the lower half


def test_level_boxes_and_plain_pages_have_no_stamps(invoice_lines):
    page = render_page(invoice_lines)
    assert find_stamps(page) == []
    boxed = page.copy()
    cv2.rectangle(boxed, (100, 1200), (900, 1320), 0, 4)  # a level table frame
    assert find_stamps(boxed) == []
