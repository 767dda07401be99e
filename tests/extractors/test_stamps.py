import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractors.ocr import ocr_image
from extractors.stamps import find_stamps
from tests.conftest import FONT, render_page


def _press(page: np.ndarray, stamp: Image.Image, angle: float, at: tuple[int, int]) -> np.ndarray:
    """The stamp turned by `angle` degrees and inked onto the page at `at`."""
    turned = stamp.rotate(angle, expand=True, fillcolor=255)
    out = Image.fromarray(page)
    region = out.crop((at[0], at[1], at[0] + turned.width, at[1] + turned.height))
    out.paste(Image.fromarray(np.minimum(np.asarray(region), np.asarray(turned))), at)
    return np.asarray(out).copy()


def _stamp(page: np.ndarray, text: str, angle: float, at: tuple[int, int]) -> np.ndarray:
    """A framed rubber stamp, inked gray, turned by `angle` degrees, pressed onto the page."""
    font = ImageFont.truetype(FONT, 64)
    w = int(font.getlength(text)) + 60
    stamp = Image.new("L", (w, 120), 255)
    draw = ImageDraw.Draw(stamp)
    draw.rectangle([4, 4, w - 5, 115], outline=90, width=6)
    draw.text((30, 22), text, font=font, fill=90)
    return _press(page, stamp, angle, at)


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


def _dated_stamp(page: np.ndarray, word: str, date: str, angle: float, at: tuple[int, int],
                 ink: int = 150) -> np.ndarray:
    """A pale double-framed stamp with a big word and a small date under it."""
    big, small = ImageFont.truetype(FONT, 80), ImageFont.truetype(FONT, 34)
    w = int(big.getlength(word)) + 80
    stamp = Image.new("L", (w, 170), 255)
    draw = ImageDraw.Draw(stamp)
    draw.rectangle([4, 4, w - 5, 165], outline=ink, width=5)
    draw.rectangle([14, 14, w - 15, 155], outline=ink, width=2)
    draw.text((40, 22), word, font=big, fill=ink)
    draw.text((int((w - small.getlength(date)) / 2), 112), date, font=small, fill=ink)
    return _press(page, stamp, angle, at)


def test_a_pale_stamp_with_a_date_reads_both_lines(invoice_lines):
    page = _dated_stamp(render_page(invoice_lines), "PAGADO", "22-09-2026", 17, (800, 1500))
    text = " ".join(line.text for line in ocr_image(page, 1).lines if line.box.y0 > 0.5)
    assert "PAGADO" in text and "22-09-2026" in text


def test_stamp_crop_is_black_on_white_without_its_frame(invoice_lines):
    page = _dated_stamp(render_page(invoice_lines), "BETALT", "01.10.2026", -12, (700, 1400))
    (stamp,) = find_stamps(page)
    assert set(np.unique(stamp.image)) <= {0, 255}  # binarised for Tesseract
    border = np.concatenate([stamp.image[:14].ravel(), stamp.image[-14:].ravel(),
                             stamp.image[:, :14].ravel(), stamp.image[:, -14:].ravel()])
    assert border.min() == 255  # no frame strokes left at the edges to read as 'I'


def test_a_stamp_pressed_over_table_rules_is_found_and_read_in_capitals(invoice_lines):
    page = render_page(invoice_lines)
    cv2.rectangle(page, (700, 1480), (1500, 1700), 0, 2)  # a thin-ruled table box ...
    cv2.line(page, (1100, 1480), (1100, 1700), 0, 2)
    page = _stamp(page, "copy", -9, (850, 1460))  # ... with the stamp over it, touching its rules
    (stamp,) = find_stamps(page)
    assert 5 < abs(stamp.tilt) < 13
    stamp_lines = [line.text for line in ocr_image(page, 1).lines if "COPY" in line.text]
    assert stamp_lines  # read as one word, in capitals as stamps are set


def _bold_word_under_thin_print() -> tuple[np.ndarray, tuple[slice, slice]]:
    """A stamp-sized crop: one bold word, a thin line of print crossing its first letter."""
    from extractors.stamps import _for_ocr

    img = Image.new("L", (420, 120), 255)
    draw = ImageDraw.Draw(img)
    draw.text((40, 10), "KOPI", font=ImageFont.truetype(FONT, 96), fill=60, stroke_width=3, stroke_fill=60)
    draw.text((0, 56), "Fødselsdato", font=ImageFont.truetype(FONT, 20), fill=0)
    draw.text((250, 100), "Pasient", font=ImageFont.truetype(FONT, 14), fill=0)  # print clear of the word
    crop = _for_ocr(np.asarray(img).copy())
    f = crop.shape[0] / (120 + 24)  # _for_ocr scales to its height and adds a 12 px margin
    thin_only = (slice(int((100 + 12) * f), int((118 + 12) * f)), slice(int((250 + 12) * f), int((330 + 12) * f)))
    return crop, thin_only


def test_bold_only_keeps_the_stamp_word_and_drops_thin_print():
    from extractors.stamps import bold_only

    crop, thin_only = _bold_word_under_thin_print()
    assert (crop[thin_only] < 128).any()  # the thin print is there before
    variants = bold_only(crop)
    assert len(variants) == 2
    for v in variants:
        assert not (v[thin_only] < 128).any()  # and gone after
        kept = (v < 128).sum() / max(1, (crop < 128).sum())
        assert kept > 0.6  # the bold letters stay


def test_bold_only_of_a_blank_crop_is_nothing():
    from extractors.stamps import bold_only

    assert bold_only(np.full((80, 200), 255, np.uint8)) == []


def test_a_stamp_crossing_its_frame_keeps_its_end_letters(invoice_lines):
    """A word as wide as its frame (stamps are cut to fit): its first and last letters
    stay inside the crop that is read."""
    font = ImageFont.truetype(FONT, 64)
    word = "BETALT"
    w = int(font.getlength(word)) + 16
    stamp = Image.new("L", (w, 110), 255)
    draw = ImageDraw.Draw(stamp)
    draw.rectangle([4, 4, w - 5, 105], outline=90, width=6)
    draw.text((8, 18), word, font=font, fill=90)
    page = _press(render_page(invoice_lines), stamp, 9, (900, 1500))
    read = ocr_image(page, 1)
    assert any("BETALT" in line.text for line in read.lines)


def _level_stamp(page: np.ndarray, word: str, at: tuple[int, int], size: int = 110, date: str | None = None) -> np.ndarray:
    """A straight rubber stamp: one big bold word filling its frame, or (with a date) a big
    word, a gap, and its date in far smaller print."""
    font = ImageFont.truetype(FONT, size)
    w = int(font.getlength(word)) + 50
    h = int(size * (2.3 if date else 1.1))
    stamp = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(stamp)
    draw.rounded_rectangle([3, 3, w - 4, h - 4], radius=18, outline=80, width=7)
    draw.text((25, int(size * (0.2 if date else 0.02))), word, font=font, fill=80, stroke_width=4, stroke_fill=80)
    if date:
        small = ImageFont.truetype(FONT, 30)
        draw.text((int((w - small.getlength(date)) / 2), int(size * 1.6)), date, font=small, fill=80)
    return _press(page, stamp, 0, at)


def test_a_level_stamp_of_big_bold_letters_is_found_and_read(invoice_lines):
    page = _level_stamp(render_page(invoice_lines), "KOPIE", (850, 1500))
    stamps = find_stamps(page)
    assert [s.level for s in stamps] == [True]
    read = ocr_image(page, 1)
    assert any("KOPIE" in line.text and line.box.y0 > 0.6 for line in read.lines)


def test_level_boxes_of_the_pages_own_print_are_no_stamps(invoice_lines):
    page = render_page(invoice_lines)
    font = ImageFont.truetype(FONT, 34)
    img = Image.fromarray(page)
    draw = ImageDraw.Draw(img)
    draw.rectangle([900, 1500, 1500, 1560], outline=0, width=2)  # a tight total box
    draw.text((915, 1508), "Total 1 234,00", font=font, fill=0)
    draw.rectangle([200, 1700, 900, 1800], outline=0, width=2)  # a cell: label over value
    draw.text((215, 1705), "Invoice no.", font=ImageFont.truetype(FONT, 24), fill=0)
    draw.text((215, 1745), "2026-0042", font=font, fill=0)
    draw.rectangle([1000, 1700, 1500, 1800], fill=0)  # a filled bar with white print
    draw.text((1030, 1730), "INVOICE", font=font, fill=255)
    assert find_stamps(np.asarray(img).copy()) == []


def test_a_level_box_of_big_letters_that_say_no_stamp_word_adds_no_line(invoice_lines):
    from extractors.ocr import DEFAULT_LIMITS, _stamp_lines

    page = _level_stamp(render_page(invoice_lines), "NOTE", (850, 1500))
    assert [s.level for s in find_stamps(page)] == [True]
    assert _stamp_lines(page, find_stamps(page), "eng", DEFAULT_LIMITS) == []


def test_a_nearly_square_tilted_stamp_with_a_date_is_found(invoice_lines):
    """'PAGO' over its date makes a frame not much longer than it is tall."""
    big, small = ImageFont.truetype(FONT, 80), ImageFont.truetype(FONT, 36)
    w = int(big.getlength("PAGO")) + 50
    stamp = Image.new("L", (w, 205), 255)
    draw = ImageDraw.Draw(stamp)
    draw.rounded_rectangle([4, 4, w - 5, 200], radius=16, outline=90, width=6)
    draw.text((25, 18), "PAGO", font=big, fill=90, stroke_width=2, stroke_fill=90)
    draw.text((int((w - small.getlength("11/07/2026")) / 2), 130), "11/07/2026", font=small, fill=90)
    page = _press(render_page(invoice_lines), stamp, 14, (800, 1500))
    (stamp_found,) = find_stamps(page)
    assert 1.2 <= (stamp_found.x1 - stamp_found.x0) / (stamp_found.y1 - stamp_found.y0) < 1.6
    text = " ".join(line.text for line in ocr_image(page, 1).lines if line.box.y0 > 0.6)
    assert "PAGO" in text


def _roomy_level_stamp(page: np.ndarray, word: str, at: tuple[int, int], size: int = 90) -> np.ndarray:
    """A straight stamp whose capitals fill well under half its frame's height, in a roomy
    frame (the letters' height a little over a third of the frame's, as on the held-out KOPI stamps)."""
    font = ImageFont.truetype(FONT, size)
    left, top, right, bottom = font.getbbox(word)
    w, h = right - left + 60, int((bottom - top) / 0.36)
    stamp = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(stamp)
    draw.rounded_rectangle([3, 3, w - 4, h - 4], radius=18, outline=80, width=7)
    draw.text((30 - left, (h - (bottom - top)) // 2 - top), word, font=font, fill=80, stroke_width=3, stroke_fill=80)
    return _press(page, stamp, 0, at)


def test_a_level_stamp_in_a_roomy_frame_is_found_and_read(invoice_lines):
    page = _roomy_level_stamp(render_page(invoice_lines), "KOPIA", (850, 1500))
    assert [s.level for s in find_stamps(page)] == [True]
    read = ocr_image(page, 1)
    assert any("KOPIA" in line.text and line.box.y0 > 0.6 for line in read.lines)


def test_a_roomy_level_box_of_the_pages_own_print_is_still_no_stamp(invoice_lines):
    """Print of the page's own weight in a roomy box: not bold enough to be a stamp."""
    page = render_page(invoice_lines)
    img = Image.fromarray(page)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 34)
    draw.rectangle([900, 1480, 1400, 1580], outline=0, width=3)
    draw.text((930, 1510), "Total 450,00", font=font, fill=0)
    assert not [s for s in find_stamps(np.array(img)) if s.level]


def _bold_print(page: np.ndarray) -> np.ndarray:
    """Bold headings and a bold total in the page's own print size."""
    img = Image.fromarray(page)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 40)
    for y, text in ((1250, "Privatliquidation"), (1330, "Endbetrag EUR 401,50")):
        draw.text((140, y), text, font=font, fill=0, stroke_width=3, stroke_fill=0)
    return np.asarray(img).copy()


def test_a_level_stamp_of_big_letters_no_bolder_than_the_pages_bold_print_is_found(invoice_lines):
    """A 'BEZAHLT' in plain big capitals on a page with bold print: its strokes are not
    far bolder than the page's, but its letters are far taller."""
    font = ImageFont.truetype(FONT, 110)
    w = int(font.getlength("BEZAHLT")) + 50
    stamp = Image.new("L", (w, 125), 255)
    draw = ImageDraw.Draw(stamp)
    draw.rounded_rectangle([3, 3, w - 4, 121], radius=18, outline=60, width=5)
    draw.text((25, 2), "BEZAHLT", font=font, fill=60)
    page = _press(_bold_print(render_page(invoice_lines)), stamp, 0, (850, 1700))
    assert [s.level for s in find_stamps(page)] == [True]
    assert any("BEZAHLT" in line.text for line in ocr_image(page, 1).lines)


def test_a_level_box_of_several_lines_of_the_pages_print_is_no_stamp(invoice_lines):
    """Lines of print packed in a box (the invoice's number and dates): ink in every row,
    but in letters of the page's own size."""
    img = Image.fromarray(_bold_print(render_page(invoice_lines)))
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 34)
    draw.rectangle([900, 1700, 1500, 1870], outline=0, width=3)
    for i, text in enumerate(("Invoice no. 2026-0042", "Invoice date 07/06/2026", "Due 21/06/2026", "Page 1 of 1")):
        draw.text((915, 1705 + i * 40), text, font=font, fill=0, stroke_width=1, stroke_fill=0)
    assert not [s for s in find_stamps(np.array(img)) if s.level]


def test_a_frames_remnant_is_dropped_but_letters_pressed_onto_a_table_rule_are_kept():
    from extractors.stamps import _without_frame

    font = ImageFont.truetype(FONT, 60)
    crop = Image.new("L", (333, 80), 255)
    draw = ImageDraw.Draw(crop)
    draw.text((20, 8), "KOPIA", font=font, fill=0, stroke_width=2, stroke_fill=0)
    draw.line([(0, 40), (332, 40)], fill=0, width=3)  # a table's rule runs through the letters to both edges
    with_rule = np.asarray(crop).copy()
    kept = _without_frame(with_rule)
    assert (kept < 128).sum() == (with_rule < 128).sum()

    remnant = np.full((80, 333), 255, np.uint8)
    remnant[2:6, :] = 0  # the frame's top edge, cut by the crop
    remnant[20:60, 100:130] = 0  # a letter's stem
    cleaned = _without_frame(remnant)
    assert (cleaned[2:6] == 255).all() and (cleaned[20:60, 100:130] == 0).all()


def _photo_of(page: np.ndarray, ink_bgr: tuple[int, int, int] | None = None,
              stamp_mask: np.ndarray | None = None) -> np.ndarray:
    """The page (its stamp inked in colour where `stamp_mask` is set) laid on a brown table,
    photographed at an angle under a lamp to one side: perspective, uneven light, a colour JPEG."""
    colour = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR).astype(np.float32)
    paper = np.array([215, 232, 236], np.float32)  # a warm white sheet
    colour = colour / 255.0 * paper
    if stamp_mask is not None and ink_bgr is not None:
        strength = (stamp_mask.astype(np.float32) / 255.0)[..., None]
        colour = colour * (1 - strength) + np.array(ink_bgr, np.float32) * strength
    h, w = page.shape
    canvas = np.empty((int(h * 1.35), int(w * 1.45), 3), np.float32)
    canvas[:] = (60, 95, 140)  # a brown table
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[180, 120], [w + 260, 170], [w + 300, h + 230], [130, h + 160]])
    m = cv2.getPerspectiveTransform(src, dst)
    photo = cv2.warpPerspective(colour, m, canvas.shape[1::-1], dst=canvas, borderMode=cv2.BORDER_TRANSPARENT)
    ch, cw = photo.shape[:2]
    light = np.linspace(1.0, 0.72, cw, dtype=np.float32)[None, :] * np.linspace(1.0, 0.85, ch, dtype=np.float32)[:, None]
    photo = np.clip(photo * light[..., None], 0, 255).astype(np.uint8)
    ok, jpeg = cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return cv2.imdecode(jpeg, cv2.IMREAD_COLOR)


def _level_stamp_mask(shape: tuple[int, int], word: str, at: tuple[int, int], size: int = 80,
                      stroke: int = 3) -> np.ndarray:
    """Where a straight rounded-frame stamp of one bold word inks the page (255 = full ink)."""
    font = ImageFont.truetype(FONT, size)
    left, top, right, bottom = font.getbbox(word, stroke_width=stroke)
    w, h = right - left + 50, int((bottom - top) * 1.7)
    mask = Image.new("L", shape[::-1], 0)
    draw = ImageDraw.Draw(mask)
    x, y = at
    draw.rounded_rectangle([x, y, x + w, y + h], radius=16, outline=255, width=6)
    draw.text((x + 25 - left, y + (h - (bottom - top)) // 2 - top), word, font=font, fill=255,
              stroke_width=stroke, stroke_fill=255)
    return np.asarray(mask).copy()


def _stamp_texts(image: np.ndarray, may_be_photo: bool) -> list[str]:
    from extractors import preprocess
    from extractors.ocr import DEFAULT_LIMITS, _stamp_lines

    clean, _photo, _skew = preprocess.prepare(image, may_be_photo)
    return [line.text for line in _stamp_lines(clean, find_stamps(clean), "eng", DEFAULT_LIMITS)]


def test_a_level_stamp_on_a_photographed_page_is_found_and_read(invoice_lines):
    """A blue 'BETALD' pressed straight on a page photographed on a table under uneven
    light: the table left round the unwarped sheet is no print to measure the stamp's
    strokes against, and its bold letters are far bolder than the page's print."""
    page = render_page(invoice_lines)
    mask = _level_stamp_mask(page.shape, "BETALD", (700, 1500))
    photo = _photo_of(page, (150, 50, 30), mask)
    assert _stamp_texts(photo, may_be_photo=True) == ["BETALD"]


def test_a_grey_level_copy_stamp_on_a_photographed_page_is_found_and_read(invoice_lines):
    page = render_page(invoice_lines)
    mask = _level_stamp_mask(page.shape, "COPIA", (950, 1150), size=70, stroke=2)
    photo = _photo_of(page, (70, 70, 70), mask)
    assert _stamp_texts(photo, may_be_photo=True) == ["COPIA"]


def test_a_level_stamp_on_a_scan_with_a_dark_margin_is_found(invoice_lines):
    """A scanner's dark margin (the lid's shadow) runs along the image's edge: it is
    wider than any stroke of print, and a stamp is not measured against it."""
    page = render_page(invoice_lines)
    mask = _level_stamp_mask(page.shape, "KOPIE", (800, 1500))
    page = np.minimum(page, (255 - 0.7 * mask).astype(np.uint8))
    page[:, :40] = 30
    stamps = find_stamps(page)
    assert [s.level for s in stamps] == [True]
    assert 750 < stamps[0].x0 < 850


def test_boxes_and_print_on_a_photographed_page_are_no_stamps(invoice_lines):
    """Near misses on a photo: a box of the page's own print, a table, a card slip's
    'CUSTOMER COPY' in the page's print (bare and boxed) and a boxed bold heading that
    says no stamp word."""
    img = Image.fromarray(render_page(invoice_lines))
    draw = ImageDraw.Draw(img)
    font, bold = ImageFont.truetype(FONT, 34), ImageFont.truetype(FONT.replace("Sans", "Sans-Bold"), 60)
    draw.rectangle([900, 1500, 1500, 1570], outline=0, width=3)
    draw.text((915, 1512), "Total 1 234,00", font=font, fill=0)
    for i in range(4):  # a table
        draw.rectangle([140, 1700 + 60 * i, 1560, 1760 + 60 * i], outline=0, width=2)
        draw.text((160, 1712 + 60 * i), f"Concepto {i}        {i + 1}0,00", font=font, fill=0)
    draw.text((600, 2000), "CUSTOMER COPY", font=font, fill=0)
    draw.rectangle([1000, 1180, 1420, 1250], outline=0, width=3)
    draw.text((1020, 1192), "CUSTOMER COPY", font=font, fill=0)
    draw.rectangle([1050, 1300, 1420, 1400], outline=0, width=3)
    draw.text((1070, 1310), "FACTURA", font=bold, fill=0)
    photo = _photo_of(np.asarray(img).copy())
    assert _stamp_texts(photo, may_be_photo=True) == []


def _crossing_stamp(page: np.ndarray, word: str, angle: float, at: tuple[int, int]) -> np.ndarray:
    """A rounded-frame stamp whose word was set a little wider than its frame: its first
    and last letters run over the frame's ends."""
    font = ImageFont.truetype(FONT.replace("Sans", "Sans-Bold"), 72)
    left, top, right, bottom = font.getbbox(word)
    tw, th = right - left, bottom - top
    w, h = tw + 40, int(th * 2.0)
    stamp = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(stamp)
    draw.rounded_rectangle([26, 4, w - 27, h - 5], radius=22, outline=70, width=7)
    draw.text((20 - left, (h - th) // 2 - top), word, font=font, fill=70)
    return _press(page, stamp, angle, at)


def test_a_stamp_word_pressed_over_its_frames_ends_is_read(invoice_lines):
    """Its end letters are one blob with the frame's ends: read with the frame's straight
    lines wiped."""
    from extractors.ocr import DEFAULT_LIMITS, _stamp_words, _stamp_word

    page = _crossing_stamp(render_page(invoice_lines), "PAGADO", 9, (800, 1500))
    (stamp,) = find_stamps(page)
    assert any(_stamp_word(ow.text) for ow in _stamp_words(stamp, "eng", DEFAULT_LIMITS))


def test_wiping_frame_lines_keeps_the_letters():
    """The frame's sides and ends go, and its rounded corners' bits at the edge; the
    letters, their stems as tall as the line, stay."""
    from extractors.stamps import _without_frame_lines

    paper = np.full((80, 300), 255, np.uint8)
    cv2.rectangle(paper, (0, 0), (299, 79), 0, 4)  # what the crop kept of the frame
    cv2.putText(paper, "KOPI", (40, 62), cv2.FONT_HERSHEY_SIMPLEX, 1.8, 0, 6)
    out = _without_frame_lines(paper)
    assert (out[:3, :] == 255).all() and (out[:, :3] == 255).all() and (out[:, -3:] == 255).all()
    letters = (paper[10:70, 30:280] == 0).sum()
    assert (out[10:70, 30:280] == 0).sum() > 0.85 * letters


def test_a_square_tilted_stamp_of_a_short_word_over_its_date_is_found():
    """'PAID' over '20.06.2026' in a square frame, pressed at 16 degrees."""
    big, small = ImageFont.truetype(FONT, 80), ImageFont.truetype(FONT, 34)
    stamp = Image.new("L", (250, 250), 255)
    draw = ImageDraw.Draw(stamp)
    draw.rounded_rectangle([4, 4, 245, 245], radius=20, outline=90, width=7)
    draw.text((125 - big.getlength("PAID") / 2, 45), "PAID", font=big, fill=90, stroke_width=2, stroke_fill=90)
    draw.text((125 - small.getlength("20.06.2026") / 2, 160), "20.06.2026", font=small, fill=90)
    page = _press(render_page(["INVOICE INV-88703", "Urgent care attendance 214.00", "Total amount 214.00 EUR"]),
                  stamp, 16, (900, 1500))
    (found,) = find_stamps(page)
    assert 0.9 <= (found.x1 - found.x0) / (found.y1 - found.y0) < 1.2
    assert "PAID" in " ".join(line.text for line in ocr_image(page, 1).lines)


def test_a_level_square_box_is_still_no_stamp():
    img = Image.fromarray(render_page(["INVOICE INV-88703", "Total amount 214.00 EUR"]))
    draw = ImageDraw.Draw(img)
    draw.rectangle([900, 1500, 1150, 1750], outline=0, width=6)  # a square box: a QR code's frame, a logo's
    draw.text((930, 1600), "QR", font=ImageFont.truetype(FONT, 80), fill=0)
    assert find_stamps(np.asarray(img).copy()) == []


def test_a_level_stamp_of_a_big_word_over_its_small_date_is_found_and_read(invoice_lines):
    """'BETALD' over '02/10/2026' (seed 195): the ink rows have a gap, so the frame is not
    one line of letters, but the word alone stands far taller than the page's print."""
    page = _level_stamp(render_page(invoice_lines), "BETALD", (800, 1500), size=80, date="02/10/2026")
    assert [s.level for s in find_stamps(page)] == [True]
    assert any("BETALD" in line.text and line.box.y0 > 0.6 for line in ocr_image(page, 1).lines)


def test_a_level_box_of_a_heading_over_smaller_print_is_no_stamp(invoice_lines):
    """A total box: a bold line a little bigger than the page's print over a line of it."""
    img = Image.fromarray(render_page(invoice_lines))
    draw = ImageDraw.Draw(img)
    draw.rectangle([900, 1650, 1500, 1800], outline=0, width=3)
    draw.text((920, 1665), "Belopp att betala", font=ImageFont.truetype(FONT, 44), fill=0, stroke_width=1, stroke_fill=0)
    draw.text((920, 1745), "varav moms 1 906,00", font=ImageFont.truetype(FONT, 30), fill=0)
    assert not [s for s in find_stamps(np.array(img)) if s.level]
