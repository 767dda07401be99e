import dataclasses
import pytest
import numpy as np

from extractors import preprocess
from extractors.ocr import ocr_image, read_document
from tests.conftest import render_page, write_image_pdf, write_text_pdf


def test_scanned_page_reads_with_word_boxes(invoice_image):
    page = ocr_image(invoice_image, 1)
    assert page.source == "ocr" and page.ocr_confidence > 0.8
    text = page.text
    assert "2026-0142" in text and "205,00" in text
    total_line = next(line for line in page.lines if "205,00" in line.text)
    assert total_line.words[0].text == "Total"  # a table row stays one line, left to right
    box = total_line.words[-2].box
    assert 0 < box.x0 < box.x1 <= 1 and 0 < box.y0 < box.y1 <= 1


def test_rotated_page_is_turned_upright(invoice_lines):
    page_img = render_page(invoice_lines * 2)
    sideways = preprocess.rotate_right_angle(page_img, 90)
    page = ocr_image(sideways, 1)
    assert page.rotation == 270
    assert "205,00" in page.text


def test_greek_page_is_read_in_greek():
    lines = ["ΤΙΜΟΛΟΓΙΟ ΠΑΡΟΧΗΣ ΥΠΗΡΕΣΙΩΝ", "Ημερομηνία επίσκεψης: 12 Μαρτίου 2026",
             "Ιατρός: Δρ. Νίκος Παπαδόπουλος", "Καρδιολογική εξέταση   120,00 €", "Σύνολο   120,00 €"] * 2
    page = ocr_image(render_page(lines), 1)
    assert "Greek" in page.ocr_languages
    assert "Μαρτίου" in page.text and "Σύνολο" in page.text


def test_document_reports_its_sources(tmp_path, invoice_lines, invoice_image):
    digital = read_document(write_text_pdf(tmp_path / "a.pdf", [invoice_lines]))
    assert digital.text_source == "text_layer" and digital.ocr_confidence == 1.0
    assert "205,00" in digital.text
    scanned = read_document(write_image_pdf(tmp_path / "b.pdf", [invoice_image]))
    assert scanned.text_source == "ocr" and 0.5 < scanned.ocr_confidence <= 1.0
    assert len(scanned.sha256) == 64
    # page 1's pHash comes with a scan's reading (from the raster OCRed); a text layer's is
    # left to the caller (claim_intake.pipeline.read hashes the file)
    assert scanned.phash is not None and len(scanned.phash) == 16 and digital.phash is None


def test_weak_page_tries_greek_even_when_osd_cannot_tell_the_script(monkeypatch):
    import extractors.ocr as ocr

    monkeypatch.setattr(ocr, "tesseract_orientation", lambda image: None)
    lines = ["ΑΠΟΔΕΙΞΗ ΕΙΣΠΡΑΞΗΣ", "Ιατρικό Κέντρο Χανίων", "Ποσό: 164,86 €", "Ημερομηνία: 17/09/2026"] * 2
    page = ocr.ocr_image(render_page(lines), 1)
    assert "Greek" in page.ocr_languages and "ΑΠΟΔΕΙΞΗ" in page.text


def test_a_weak_greek_page_osd_turns_wrongly_is_read_upright_in_greek(monkeypatch):
    """OSD calls the script of a weak Greek photo right but its orientation wrong (seed 169:
    'rotate 180' with confidence 2 for an upright page): the turned reading stays weak, so
    the page is read upright in Greek too, and the better reading kept."""
    import extractors.ocr as ocr
    from extractors.tools import Orientation

    monkeypatch.setattr(ocr, "tesseract_orientation",
                        lambda image: Orientation(rotate=180, script="Greek", orientation_conf=2.0, script_conf=1.7))
    lines = ["ΑΠΟΔΕΙΞΗ ΕΙΣΠΡΑΞΗΣ", "Ιατρικό Κέντρο Χανίων", "Ποσό: 164,86 €", "Ημερομηνία: 17/09/2026"] * 2
    page = ocr.ocr_image(render_page(lines), 1)
    assert page.rotation == 0 and "Greek" in page.ocr_languages and "ΑΠΟΔΕΙΞΗ" in page.text


def test_a_weak_page_osd_turns_and_calls_another_script_is_read_upright_in_greek_too(monkeypatch):
    """Seed 192: a Greek card slip's photo, OSD 'rotate 180, Fraktur' (1.1) for an upright
    page. The turned readings stay weak, so the page is read upright in Greek as well."""
    import extractors.ocr as ocr
    from extractors.tools import Orientation

    monkeypatch.setattr(ocr, "tesseract_orientation",
                        lambda image: Orientation(rotate=180, script="Fraktur", orientation_conf=1.1, script_conf=1.11))
    lines = ["ΑΠΟΔΕΙΞΗ ΕΙΣΠΡΑΞΗΣ", "Ιατρικό Κέντρο Χανίων", "Ποσό: 164,86 €", "Ημερομηνία: 17/09/2026"] * 2
    page = ocr.ocr_image(render_page(lines), 1)
    assert page.rotation == 0 and "Greek" in page.ocr_languages and "ΑΠΟΔΕΙΞΗ" in page.text


def test_a_weak_latin_page_osd_turns_is_not_also_read_upright_in_greek(monkeypatch, invoice_lines):
    """The upright Greek reading is only for a page OSD calls Greek: a Latin page OSD turns
    (rightly) is read turned, no more."""
    import extractors.ocr as ocr
    from extractors.tools import Orientation

    monkeypatch.setattr(ocr, "tesseract_orientation",
                        lambda image: Orientation(rotate=180, script="Latin", orientation_conf=3.0, script_conf=1.0))
    calls: list[tuple[str, bool]] = []
    real_words = ocr.tesseract_words
    monkeypatch.setattr(ocr, "tesseract_words", lambda img, lang, **k: calls.append(lang) or real_words(img, lang, **k))
    upside_down = preprocess.rotate_right_angle(render_page(invoice_lines * 2), 180)
    monkeypatch.setattr(ocr, "_weak", lambda words, settings: not calls or len(calls) == 1)
    page = ocr.ocr_image(upside_down, 1)
    assert page.rotation == 180 and "Greek" not in calls[:2]


def test_sideways_page_read_well_is_not_read_twice_and_its_boxes_are_turned_upright(monkeypatch, invoice_lines):
    import extractors.ocr as ocr

    upright_img = render_page(invoice_lines * 2)
    upright = ocr.ocr_image(upright_img, 1)
    calls: list[str] = []
    real_words, real_osd = ocr.tesseract_words, ocr.tesseract_orientation
    monkeypatch.setattr(ocr, "tesseract_words", lambda img, lang, **k: calls.append(lang) or real_words(img, lang, **k))
    monkeypatch.setattr(ocr, "tesseract_orientation", lambda img: calls.append("osd") or real_osd(img))
    page = ocr.ocr_image(preprocess.rotate_right_angle(upright_img, 90), 1)
    assert page.rotation == 270
    assert calls.count("Latin") == 1 and "osd" not in calls  # one pass, no orientation detection
    assert (page.width, page.height) == (upright.width, upright.height)

    def centre(p, text):
        box = next(w.box for line in p.lines for w in line.words if w.text == text)
        return box.cx, box.cy

    for text in ("205,00", "Total"):
        (ax, ay), (bx, by) = centre(page, text), centre(upright, text)
        assert abs(ax - bx) < 0.02 and abs(ay - by) < 0.02, text
    total_line = next(line for line in page.lines if "205,00" in line.text)
    assert total_line.words[0].text == "Total"  # rows rebuilt from the turned boxes, left to right


def test_turned_word_boxes_match_the_turned_image():
    from extractors.ocr import _turn_words
    from extractors.tools import OcrWord

    img = np.zeros((100, 200), np.uint8)  # height 100, width 200
    img[10:20, 30:70] = 255  # a 'word' at left 30, top 10, 40 wide, 10 high
    word = OcrWord("x", 30, 10, 40, 10, 0.9, 1, 1, 1)
    for turn in (90, 270):
        turned = preprocess.rotate_right_angle(img, turn)
        ys, xs = np.nonzero(turned)
        (t,) = _turn_words([word], 200, 100, turn)
        assert (t.left, t.top, t.left + t.width - 1, t.top + t.height - 1) == (xs.min(), ys.min(), xs.max(), ys.max())


def test_a_dim_skewed_scan_is_read(invoice_lines):
    """Grey paper (a dim scan or yellowed sheet), tilted 2.5 degrees: read as a clean one."""
    dim = (render_page(invoice_lines).astype(np.float32) * 0.6).astype(np.uint8)
    page = ocr_image(preprocess.rotate(dim, 2.5), 1, may_be_photo=True)
    text = " ".join(w.text for line in page.lines for w in line.words)
    assert "205,00" in text and "2026-0142" in text


def test_upside_down_page_is_turned_when_osd_is_unsure(monkeypatch, invoice_lines):
    """OSD is often unsure of an upside-down photo (orientation confidence under 1): a weak
    reading is then tried turned 180 degrees before another script."""
    import extractors.ocr as ocr
    from extractors.tools import Orientation

    monkeypatch.setattr(ocr, "tesseract_orientation",
                        lambda image: Orientation(rotate=0, script="Latin", orientation_conf=0.3, script_conf=0.2))
    upside_down = preprocess.rotate_right_angle(render_page(invoice_lines * 2), 180)
    page = ocr.ocr_image(upside_down, 1)
    assert page.rotation == 180 and page.ocr_languages == "Latin"
    assert "205,00" in page.text and page.ocr_confidence > 0.8


def test_rows_of_a_tilted_photo_keep_their_amounts():
    """A photo's leftover tilt: each printed row climbs 1.5% of the page height across its
    width, so a row's amount at the right edge sits level with the next row's description.
    Levelled by the slope of Tesseract's own lines, each amount stays in its row."""
    from claim_intake.model import BBox, Word
    from extractors.ocr import _row_slope, _rows
    from extractors.tools import OcrWord

    width, height, climb = 2000, 2800, 0.015
    rows = [("Konsultasjon", "450,00"), ("Blodprøver", "120,00"), ("Totalt", "570,00")]
    words, items = [], []
    for n, (label, amount) in enumerate(rows):
        for k, (text, x) in enumerate(((label, 200), ("til", 700), ("sammen", 1100), (amount, 1700))):
            y = 1000 + n * 42 - int(climb * height * (x / width))  # rows 42 px apart, 30 px high
            words.append(OcrWord(text, x, y, 200, 30, 0.95, 1, 1, n + 1))
    for ow in words:
        box = BBox(x0=ow.left / width, y0=ow.top / height, x1=(ow.left + ow.width) / width,
                   y1=(ow.top + ow.height) / height)
        items.append((box, Word(text=ow.text, box=box, conf=ow.conf)))
    slope = _row_slope(words, width, height)
    assert slope == pytest.approx(-climb, abs=0.002)
    levelled = [line.text for line in _rows(items, slope)]
    assert levelled == ["Konsultasjon til sammen 450,00", "Blodprøver til sammen 120,00", "Totalt til sammen 570,00"]
    assert [line.text for line in _rows(items)] != levelled  # grouped flat, amounts change rows


def test_row_slope_is_zero_without_enough_long_lines():
    from extractors.ocr import _row_slope
    from extractors.tools import OcrWord

    assert _row_slope([OcrWord("Kvittering", 100, 100, 300, 30, 0.9, 1, 1, 1)], 2000, 2800) == 0.0


@pytest.mark.parametrize(("text", "is_stamp"), [
    ("KOPI", True), ("ZAPLACONG", True), ("Betaald", True), ("ΑΝΤΙΓΡΑΦΟ", True),
    ("OPIA", False),  # 'KOPIA' without its K: four letters one off are too many words
    ("KOPJ", False), ("CUSTOMER", False), ("Pasient", False), ("12.09.2026", False),
])
def test_a_stamp_word_is_one_of_the_stamp_words_of_any_language(text, is_stamp):
    from extractors.ocr import _stamp_word

    assert _stamp_word(text) is is_stamp


def _line_words(lines: list[str], font_px: int = 34) -> list:
    """One word box over each printed line of `render_page`, where its text stands."""
    from PIL import ImageFont

    from extractors.tools import OcrWord
    from tests.conftest import FONT

    font = ImageFont.truetype(FONT, font_px)
    words = []
    for i, text in enumerate(lines):
        x0, y0, x1, y1 = font.getbbox(text)
        top = 160 + i * int(font_px * 2.2)
        words.append(OcrWord(text, 140 + x0, top + y0, x1 - x0, y1 - y0, 0.9, 1, 1, i + 1))
    return words


def test_print_left_unread_is_measured_against_the_words_read():
    from extractors.ocr import _ink_blobs

    def unread_share(page, words):
        letters, unread, _ = _ink_blobs(page, words)
        return len(unread) / letters

    lines = ["Konsultasjon fastlege 771,00", "Legemidler 3 413,00 1 239,00", "Blodprover 146,00",
             "Til betaling 2 010,00 NOK"]
    page = render_page(lines)
    words = _line_words(lines)
    assert unread_share(page, words) < 0.02  # every letter inside a word read
    dropped = unread_share(page, words[:1])  # the automatic layout returned only the first row
    assert 0.6 < dropped < 0.9


def test_a_page_whose_rows_the_layout_dropped_is_read_again_as_one_block(monkeypatch, invoice_lines):
    import extractors.ocr as ocr_mod

    page = render_page(invoice_lines)
    full = _line_words(invoice_lines)
    calls = []

    def fake_words(image, lang, psm=3, **kw):
        calls.append(psm)
        return full if psm == 6 else full[:2]  # the automatic layout loses all but two rows

    monkeypatch.setattr(ocr_mod, "tesseract_words", fake_words)
    monkeypatch.setattr(ocr_mod, "_stamp_lines", lambda *a, **k: [])
    monkeypatch.setattr(ocr_mod, "tesseract_orientation", lambda *a, **k: None)
    read = ocr_image(page, 1)
    assert 6 in calls
    assert len(read.lines) == len(invoice_lines)



@pytest.mark.parametrize(("sure", "upright"), [(0.9, True), (0.5, False)])
def test_a_page_of_a_few_sure_words_is_not_turned_for_garbled_glyphs(monkeypatch, invoice_lines, sure, upright):
    """Seed 226: upright, the layout read 'Handelsbanken' and a footer and took the light
    table for a picture; turned upside down, its garbled glyphs outscored those words. The
    page stays upright and the re-reads of unread ink read its table."""
    import extractors.ocr as ocr_mod
    from extractors.tools import OcrWord

    page = render_page(invoice_lines)
    full = _line_words(invoice_lines)
    few = [dataclasses.replace(w, conf=sure) for w in full[:3]]
    garbled = [OcrWord("uøpn", 100 + 100 * (i % 10), 100 + 40 * (i // 10), 90, 30, 0.6, 1, 1, i + 1) for i in range(100)]

    def fake_words(image, lang, psm=3, **kw):
        turned = not np.array_equal(image, page)
        if turned:
            return garbled
        return full if psm == 6 else few

    monkeypatch.setattr(ocr_mod.preprocess, "prepare", lambda image, may_be_photo: (page, False, 0.0))
    monkeypatch.setattr(ocr_mod, "tesseract_words", fake_words)
    monkeypatch.setattr(ocr_mod, "_stamp_lines", lambda *a, **k: [])
    monkeypatch.setattr(ocr_mod, "tesseract_orientation", lambda *a, **k: None)
    read = ocr_image(page, 1)
    assert (read.rotation == 0) is upright
    if upright:
        assert [" ".join(w.text for w in line.words) for line in read.lines] == invoice_lines


def _fake_sharpening(monkeypatch, page, sharp, fake_words, photo: bool) -> None:
    """The page prepared as given (a photo or a scan), sharpened to `sharp`, read by `fake_words`."""
    import extractors.ocr as ocr_mod

    monkeypatch.setattr(ocr_mod.preprocess, "prepare", lambda image, may_be_photo: (page, photo, 0.0))
    monkeypatch.setattr(ocr_mod.preprocess, "sharpen", lambda image: sharp)
    monkeypatch.setattr(ocr_mod, "tesseract_words", fake_words)
    monkeypatch.setattr(ocr_mod, "_stamp_lines", lambda *a, **k: [])
    monkeypatch.setattr(ocr_mod, "tesseract_orientation", lambda *a, **k: None)


@pytest.mark.parametrize("photo", [True, False])
def test_a_photo_whose_print_the_layout_dropped_is_read_sharpened(monkeypatch, invoice_lines, photo):
    """An out-of-focus photo reads whole once sharpened, with no block re-read; a scan that
    leaves print unread is not sharpened (its print is not blurred by a lens)."""
    import extractors.ocr as ocr_mod

    page = render_page(invoice_lines)
    sharp = page.copy()
    full = _line_words(invoice_lines)
    calls = []

    def fake_words(image, lang, psm=3, **kw):
        calls.append(("sharp" if image is sharp else "page", psm))
        return full if image is sharp or psm == 6 else full[:2]

    _fake_sharpening(monkeypatch, page, sharp, fake_words, photo=photo)
    read = ocr_image(page, 1, may_be_photo=True)
    assert len(read.lines) == len(invoice_lines)
    assert (("sharp", 3) in calls) == photo  # (two rows of words read: weak, so OSD and re-reads first)
    assert (("page", 6) in calls) != photo


def test_a_heading_the_sharpened_reading_drops_is_kept_from_the_first(monkeypatch, invoice_lines):
    """Sharpening brings a blurred photo's small print back, but its layout may drop the bold
    title the first reading had (a referral's 'HENVISNING', seed 195): that word stays."""
    page = render_page(invoice_lines)
    sharp = page.copy()
    full = _line_words(invoice_lines)

    def fake_words(image, lang, psm=3, **kw):
        return full[1:] if image is sharp else full[:2]

    _fake_sharpening(monkeypatch, page, sharp, fake_words, photo=True)
    read = ocr_image(page, 1, may_be_photo=True)
    assert [" ".join(w.text for w in line.words) for line in read.lines] == invoice_lines  # once each


def test_only_sure_words_the_second_reading_left_blank_come_back():
    from extractors.ocr import _left_out
    from extractors.tools import OcrWord

    first = [OcrWord("HENVISNING", 190, 370, 310, 46, 0.96, 1, 1, 1),
             OcrWord("Fakt", 190, 500, 80, 30, 0.90, 1, 1, 2),
             OcrWord("~%", 600, 500, 40, 30, 0.40, 1, 1, 2)]
    again = [OcrWord("Faktura", 195, 502, 140, 30, 0.95, 1, 1, 1)]
    assert [w.text for w in _left_out(first, again)] == ["HENVISNING"]  # not 'Fakt' under 'Faktura', nor a speck


def test_a_photo_read_whole_is_not_sharpened(monkeypatch, invoice_lines):
    import extractors.ocr as ocr_mod

    page = render_page(invoice_lines)
    monkeypatch.setattr(ocr_mod.preprocess, "prepare", lambda image, may_be_photo: (page, True, 0.0))
    monkeypatch.setattr(ocr_mod.preprocess, "sharpen", lambda image: pytest.fail("read whole: nothing to sharpen"))
    monkeypatch.setattr(ocr_mod, "tesseract_words", lambda image, lang, psm=3, **kw: _line_words(invoice_lines))
    monkeypatch.setattr(ocr_mod, "_stamp_lines", lambda *a, **k: [])
    assert len(ocr_image(page, 1, may_be_photo=True).lines) == len(invoice_lines)


def test_a_line_the_layout_left_out_is_read_on_its_own_with_real_tesseract():
    """One row of eighteen dropped (under the whole-page re-read's share): only that line is
    read again, as a crop, and its words come back where they are on the page."""
    from extractors.ocr import _ink_blobs, _read_unread_lines
    from extractors.tools import DEFAULT_LIMITS

    lines = ["FAKTURA 2026-0142", "Behandlet den 14. mai 2026", "Konsultasjon fastlege 771,00",
             "Akutbesok 1 383,00", "Blodprover 146,00", "Legemidler 239,00", "Sum eks. mva 2 539,00",
             "Mva 25 % 634,75", "Til betaling 3 173,75 NOK", "Forfall 30. mai 2026",
             "Kontonummer 1234 56 78903", "Organisasjonsnummer 987 654 321", "Pasient Kari Nordmann",
             "Fodt 12. juni 1987", "Adresse Storgata 1, 0155 Oslo", "Behandler Dr. Lars Berg",
             "Side 1 av 1", "Takk for besoket"]
    page = render_page(lines)
    words = [w for w in _line_words(lines) if w.line != 4]  # each test word is a whole line
    letters, unread, _ = _ink_blobs(page, words)
    assert 0 < len(unread) / letters < 0.06
    found = _read_unread_lines(page, words, unread, "Latin", DEFAULT_LIMITS)
    assert " ".join(w.text for w in found) == "Akutbesok 1 383,00"
    row = next(w for w in _line_words(lines) if w.line == 4)
    assert all(abs(w.top - row.top) < 10 and row.left - 10 <= w.left <= row.left + row.width for w in found)


def test_a_line_whose_letters_ran_together_is_read_on_its_own_with_real_tesseract():
    """Seed 237: a soft photo's 'Clinician: Consultant Catherine Hughes' the layout left
    out; its letters ran together into a blob a word, too wide for a letter, so the line
    had counted no unread print. A word's blob is cut into letters to find the line,
    and the page's unread share, which decides a whole second reading, stays as it was."""
    import cv2

    from extractors.ocr import _blobs, _ink_blobs, _read_unread_lines
    from extractors.tools import DEFAULT_LIMITS

    lines = ["INVOICE", "Invoice issued 26/06/2026", "Date seen 26/06/2026",
             "Clinician: Consultant Catherine Hughes", "GP consultation 41.50", "Amount due 272.00 GBP"]
    page = cv2.erode(render_page(lines), np.ones((1, 8), np.uint8))  # the ink spread: letters touch
    words = [w for w in _line_words(lines) if w.line != 4]
    letters, unread, _, run_together = _blobs(page, words)
    assert len(unread) < 5 <= len(run_together)  # the line's letters, found only in its word blobs
    assert (letters, unread) == _ink_blobs(page, words)[:2]
    found = _read_unread_lines(page, words, unread + run_together, "Latin", DEFAULT_LIMITS)
    assert "Hughes" in " ".join(w.text for w in found)
    assert not _read_unread_lines(page, words, unread, "Latin", DEFAULT_LIMITS)  # the letters alone find no line
    tiny = [w.__class__(w.text, w.left, w.top, w.width, 3, w.conf, 1, 1, w.line) for w in words]
    assert _blobs(page, tiny) == (0, [], [], [])  # words too small to measure letters against: none counted


def test_a_page_read_whole_and_a_few_stray_blobs_get_no_line_reads(monkeypatch):
    import extractors.ocr as ocr_mod
    from extractors.ocr import _ink_blobs, _read_unread_lines
    from extractors.tools import DEFAULT_LIMITS

    lines = ["Konsultasjon fastlege 771,00", "Til betaling 771,00 NOK"]
    page = render_page(lines)
    page[900:940, 400:420] = 0  # a blot and two strokes of a signature: letter-sized, unread
    page[900:940, 480:490] = 0
    page[905:930, 560:575] = 0
    words = _line_words(lines)
    monkeypatch.setattr(ocr_mod, "tesseract_words", lambda *a, **k: pytest.fail("nothing to re-read"))
    _, unread, _ = _ink_blobs(page, words)
    assert len(unread) == 3
    assert _read_unread_lines(page, words, unread, "Latin", DEFAULT_LIMITS) == []



def _titled_page(title: str, lines: list[str]) -> np.ndarray:
    """`render_page` of the lines, under a bold title twice the print's size in the top margin."""
    from PIL import Image, ImageDraw, ImageFont

    from tests.conftest import FONT

    img = Image.fromarray(render_page(lines, font_px=30))
    ImageDraw.Draw(img).text((140, 40), title, font=ImageFont.truetype(FONT, 64), fill=0, stroke_width=1, stroke_fill=0)
    return np.asarray(img).copy()


def test_a_title_the_layout_dropped_is_read_on_its_own_with_real_tesseract():
    """A referral's 'HENVISNING' the first reading left out (a speckled scan, seed 194): its
    letters are taller than the print, so they are no unread print, but read as a title."""
    from extractors.ocr import _ink_blobs, _read_unread_headings
    from extractors.tools import DEFAULT_LIMITS

    lines = ["Til: Hudlege / poliklinikk", "Fra: Fastlege Terje Olsen", "Pasient: Henrik Saether",
             "Dato: 26.08.2026", "Henvisningsarsak", "Seboreisk keratose. Onsker vurdering."]
    page = _titled_page("HENVISNING", lines)
    words = _line_words(lines, font_px=30)
    letters, unread, tall = _ink_blobs(page, words)
    assert unread == [] and len(tall) >= 10
    found = _read_unread_headings(page, words, tall, "Latin", DEFAULT_LIMITS)
    assert [w.text for w in found] == ["HENVISNING"]
    assert all(w.top < 160 for w in found)  # where the title stands, above the first line


def test_a_logos_two_big_letters_are_no_title_to_read(monkeypatch):
    import extractors.ocr as ocr_mod
    from extractors.ocr import _ink_blobs, _read_unread_headings
    from extractors.tools import DEFAULT_LIMITS

    lines = ["Neurologmottagningen Goteborg AB", "Kungsgatan 8, 411 05 Goteborg"]
    page = _titled_page("NG", lines)
    words = _line_words(lines, font_px=30)
    _, _, tall = _ink_blobs(page, words)
    assert len(tall) == 2
    monkeypatch.setattr(ocr_mod, "tesseract_words", lambda *a, **k: pytest.fail("no title to read"))
    assert _read_unread_headings(page, words, tall, "Latin", DEFAULT_LIMITS) == []


def test_the_block_reading_keeps_the_first_readings_words_where_it_read_nothing_sure(monkeypatch, invoice_lines):
    """A bordered table read as one block comes out as a few huge, unsure words ('E oo o
    me O') over cells the first reading had read word by word."""
    import extractors.ocr as ocr_mod
    from extractors.tools import OcrWord

    page = render_page(invoice_lines)
    full = _line_words(invoice_lines)
    first = full[:2] + full[4:5]  # the automatic layout lost all rows but three
    top, bottom = full[0].top, full[1].top + full[1].height
    garbage = [OcrWord("E", full[0].left - 10, top - 10, 1200, bottom - top + 20, 0.45, 1, 1, 1)]

    def fake_words(image, lang, psm=3, **kw):
        return garbage + full[2:] if psm == 6 else first

    monkeypatch.setattr(ocr_mod, "tesseract_words", fake_words)
    monkeypatch.setattr(ocr_mod, "_stamp_lines", lambda *a, **k: [])
    monkeypatch.setattr(ocr_mod, "tesseract_orientation", lambda *a, **k: None)
    read = ocr_image(page, 1)
    assert [" ".join(w.text for w in line.words) for line in read.lines] == invoice_lines


def test_a_sure_block_word_wins_over_the_first_readings_word_in_its_place():
    from extractors.ocr import _patched
    from extractors.tools import OcrWord

    first = [OcrWord("FA202609", 100, 50, 120, 20, 0.95, 1, 1, 1), OcrWord("Total", 100, 200, 60, 20, 0.95, 1, 1, 2)]
    block = [OcrWord("FA202609-4010", 100, 50, 190, 20, 0.93, 1, 1, 1)]  # the row's second word
    assert [w.text for w in _patched(block, first)] == ["FA202609-4010", "Total"]

def test_a_heavily_speckled_scan_reads_in_latin_with_its_accents():
    """Specks read as letters drag a page's confidence under the retry line, and the
    Greek re-read (whose `eng` has no accents) then wins: 'Lépez', 'Clinica'."""
    from tests.conftest import INVOICE_ES
    from tests.extractors.test_preprocess import _speckled

    noisy = _speckled(render_page(list(INVOICE_ES)), 15000)
    page = ocr_image(noisy, 1)
    text = " ".join(w.text for line in page.lines for w in line.words)
    assert page.ocr_languages == "Latin"
    assert "López" in text and "Clínica" in text and "205,00" in text


def _item(text: str, x0: float, y0: float, height: float):
    from claim_intake.model import BBox, Word

    box = BBox(x0=x0, y0=y0, x1=x0 + 0.05 * len(text) / 4, y1=y0 + height)
    return box, Word(text=text, box=box, conf=0.9)


def test_a_stamps_tall_letters_read_among_two_lines_of_print_make_a_row_of_their_own():
    from extractors.ocr import _bridging, _rows

    items = [_item("Utstedt", 0.1, 0.200, 0.010), _item("03.07.2026", 0.4, 0.201, 0.010),
             _item("Dato", 0.1, 0.214, 0.010), _item("18.06.2026", 0.4, 0.215, 0.010),
             _item("KO", 0.3, 0.197, 0.032)]  # a stamp's letters, three lines high
    bridging = _bridging(items, taller=2.2)
    assert [w.text for _, w in bridging] == ["KO"]
    rows = [" ".join(w.text for w in line.words) for line in _rows([it for it in items if it not in bridging])]
    assert rows == ["Utstedt 03.07.2026", "Dato 18.06.2026"]
    assert [" ".join(w.text for w in line.words) for line in _rows(items)] != rows  # what the stamp did


def test_a_letter_of_a_stamp_over_two_lines_makes_a_row_of_its_own_though_not_three_lines_tall():
    """'L' of a stamp beside a signature, twice the print's height: 'Annika Nyström, överläkare'
    and 'Hudkliniken Göteborg AB' under it stay two rows, not one interleaved."""
    from extractors.ocr import _bridging, _rows

    items = [_item("Annika", 0.1, 0.714, 0.010), _item("Nyström,", 0.17, 0.714, 0.011),
             _item("Hudkliniken", 0.1, 0.732, 0.009), _item("Göteborg", 0.2, 0.732, 0.010),
             _item("L", 0.68, 0.718, 0.021)]
    bridging = _bridging(items, taller=2.2)
    assert [w.text for _, w in bridging] == ["L"]
    rows = [" ".join(w.text for w in line.words) for line in _rows([it for it in items if it not in bridging])]
    assert rows == ["Annika Nyström,", "Hudkliniken Göteborg"]
    word = [_item("Annika", 0.1, 0.714, 0.010), _item("Hudkliniken", 0.1, 0.732, 0.009),
            _item("(GBP)", 0.68, 0.718, 0.021)]  # a word of the print as tall stays where it is
    assert _bridging(word, taller=2.2) == []


def test_a_reading_is_scored_by_its_letters_and_digits_not_by_a_rule_of_dashes():
    """Seed 236: a German scan read in Latin garbled its rule ('EEEE...' at 0%) and was
    weak; the Greek reading made 64 dashes of the rule, and those had outscored the
    Latin reading's 'Straße', 'Behandelnd' and 'Krüger' read surely."""
    from extractors.ocr import _score
    from extractors.tools import OcrWord

    def words(*read):
        return [OcrWord(text, 0, 0, 10, 10, conf, 1, 1, 1) for text, conf in read]

    latin = words(("Straße", 0.95), ("Behandelnd", 0.92), ("Krüger", 0.91), ("E" * 64, 0.0), ("Re.-Nr.:", 0.32))
    greek = words(("Strake", 0.04), ("Behandeltnd", 0.49), ("Kriger", 0.48), ("-" * 64, 0.67), ("Re.-Nr.:", 0.85))
    assert _score(latin) > _score(greek)
    assert _score(words(("Krüger", 0.91))) < _score(words(("Krüger", 0.91), ("ΒΕΖΑΗΛΤ", 0.8)))  # Greek letters count


def test_a_speck_between_two_item_rows_does_not_chain_them_into_one():
    """Seed 216: a dot of dust read as 'i' in the gap between two rows, touching the top of
    the next row's tall-read amount: joined to the first row, it had carried that amount,
    and the whole next row after it, into the first."""
    from extractors.ocr import _rows

    items = [_item("19/08/2026", 0.086, 0.3861, 0.0140), _item("Wondverzorging", 0.199, 0.3859, 0.0139),
             _item("16,00", 0.742, 0.3859, 0.0139), _item("48,00", 0.878, 0.3856, 0.0174),
             _item("i", 0.171, 0.4015, 0.0006),  # the speck
             _item("29,00", 0.740, 0.4015, 0.0194),  # read tall, down into the gap
             _item("19/08/2026", 0.086, 0.4092, 0.0092), _item("Medicatie", 0.200, 0.4092, 0.0092),
             _item("1", 0.631, 0.4092, 0.0086), _item("29,00", 0.880, 0.4089, 0.0097)]
    rows = [" ".join(w.text for w in line.words) for line in _rows(items)]
    assert rows == ["19/08/2026 i Wondverzorging 16,00 48,00", "19/08/2026 Medicatie 1 29,00 29,00"]
    alone = [_item(".", 0.5, 0.300, 0.001), _item("-", 0.6, 0.3003, 0.001)]  # a row of specks still groups
    assert [" ".join(w.text for w in line.words) for line in _rows(alone)] == [". -"]


def test_words_with_ascenders_and_descenders_in_a_tight_table_stay_in_their_rows():
    from extractors.ocr import _bridging

    items = [_item("mva", 0.1, 0.300, 0.008), _item("ooo", 0.5, 0.300, 0.008),  # x-height words
             _item("Leki", 0.1, 0.311, 0.008), _item("(GBP)", 0.8, 0.303, 0.014)]  # 1.75 x, over both rows
    assert _bridging(items, taller=2.2) == []
    assert [w.text for _, w in _bridging(items, taller=1.6)] == ["(GBP)"]  # a text layer's measure


def test_a_barely_read_figure_is_read_again_alone_and_kept_when_surer(monkeypatch):
    import extractors.ocr as ocr_mod
    from extractors.ocr import _unsure_figures_read_again
    from extractors.tools import DEFAULT_LIMITS, OcrWord

    page = np.full((400, 1200), 255, np.uint8)
    words = [OcrWord("Besøgsdato", 100, 100, 200, 30, 0.95, 1, 1, 1), OcrWord("29.1:2026", 400, 100, 180, 30, 0.39, 1, 1, 1),
             OcrWord("Født", 100, 200, 80, 30, 0.3, 1, 1, 2), OcrWord("8.7.1988", 400, 200, 150, 30, 0.96, 1, 1, 2),
             OcrWord("1O:30", 400, 300, 100, 30, 0.5, 1, 1, 3)]
    crops = []

    def fake_words(image, lang, psm=3, **kw):
        crops.append(image.shape)
        assert psm == 7 and image.shape[0] < 100  # one line, cut around the word
        if len(crops) == 1:
            return [OcrWord("25.7.2026", 8, 15, 180, 30, 0.96, 1, 1, 1)]
        return [OcrWord("10", 8, 15, 40, 30, 0.9, 1, 1, 1), OcrWord("30", 58, 15, 40, 30, 0.9, 1, 1, 1)]

    monkeypatch.setattr(ocr_mod, "tesseract_words", fake_words)
    out = _unsure_figures_read_again(page, words, "Latin", DEFAULT_LIMITS)
    # only the unsure words with digits (the unsure 'Født' has none); the one read no better
    # alone is read once more, in a tight crop
    assert [c[0] for c in crops] == [30 + 2 * 15, 30 + 2 * 15, 30 + 2 * 3]
    assert [w.text for w in out] == ["Besøgsdato", "25.7.2026", "Født", "8.7.1988", "1O:30"]  # two words for one: kept
    assert (out[1].left, out[1].top, out[1].conf) == (400, 100, 0.96)


def test_a_figure_read_alone_no_surer_keeps_the_pages_reading(monkeypatch):
    import extractors.ocr as ocr_mod
    from extractors.ocr import _unsure_figures_read_again
    from extractors.tools import DEFAULT_LIMITS, OcrWord

    words = [OcrWord("450,00", 400, 100, 120, 30, 0.55, 1, 1, 1)]
    monkeypatch.setattr(ocr_mod, "tesseract_words", lambda *a, **k: [OcrWord("480,00", 8, 15, 120, 30, 0.6, 1, 1, 1)])
    assert _unsure_figures_read_again(np.full((400, 800), 255, np.uint8), words, "Latin", DEFAULT_LIMITS) == words


@pytest.mark.parametrize("crop_reads", ["544.001", "54400", "5440"])
def test_a_figure_read_alone_with_a_digit_more_or_less_keeps_the_pages_reading(monkeypatch, crop_reads):
    """A speck beside the word read as a digit: the crop corrects glyphs, it adds none."""
    import extractors.ocr as ocr_mod
    from extractors.ocr import _unsure_figures_read_again
    from extractors.tools import DEFAULT_LIMITS, OcrWord

    words = [OcrWord("544,00", 400, 100, 120, 30, 0.5, 1, 1, 1)]
    monkeypatch.setattr(ocr_mod, "tesseract_words", lambda *a, **k: [OcrWord(crop_reads, 8, 15, 120, 30, 0.95, 1, 1, 1)])
    assert _unsure_figures_read_again(np.full((400, 800), 255, np.uint8), words, "Latin", DEFAULT_LIMITS) == words


@pytest.mark.parametrize(("first", "second", "crop_reads", "expected"), [
    (("27", 0.0), (".:3:2026", 0.0), ("27.3.2026", 0.69), ["27.3.2026"]),  # split in two, both barely read
    (("2T-", 0.0), ("3.2026", 0.96), ("27.3.2026", 0.95), ["27.3.2026"]),  # a '7' read as 'T' comes back
    (("27", 0.0), (".:3:2026", 0.0), ("27.3.2026", 0.1), ["27", ".:3:2026"]),  # the crop no surer
    (("27", 0.0), (".:3:2026", 0.0), ("2.3.2026", 0.9), ["27", ".:3:2026"]),  # a digit fewer
    (("27", 0.0), (".:3:2026", 0.0), ("127.3.20261", 0.9), ["27", ".:3:2026"]),  # characters added
])
def test_a_figure_split_in_two_and_barely_read_is_read_again_as_one_word(monkeypatch, first, second, crop_reads, expected):
    """'Fakturadato: 27 .:3:2026' (a clean scan, seed 198): Tesseract split the date and read
    both halves at 0%; the two read together as one word are the date."""
    import extractors.ocr as ocr_mod
    from extractors.ocr import _split_figures_read_again
    from extractors.tools import DEFAULT_LIMITS, OcrWord

    words = [OcrWord("Fakturadato:", 240, 626, 273, 47, 0.9, 1, 1, 1), OcrWord(first[0], 858, 630, 43, 31, first[1], 1, 1, 1),
             OcrWord(second[0], 906, 630, 162, 31, second[1], 1, 1, 1)]
    crops = []

    def fake_words(image, lang, psm=3, **kw):
        crops.append((image.shape, psm))
        return [OcrWord(crop_reads[0], 15, 15, 200, 31, crop_reads[1], 1, 1, 1)]

    monkeypatch.setattr(ocr_mod, "tesseract_words", fake_words)
    out = _split_figures_read_again(np.full((1200, 1400), 255, np.uint8), words, "Latin", DEFAULT_LIMITS)
    assert crops == [((31 + 2 * 15, 1068 - 858 + 2 * 15), 8)]  # one crop: both halves, read as one word
    assert [w.text for w in out] == ["Fakturadato:"] + expected
    if len(expected) == 1:
        assert (out[1].left, out[1].width, out[1].conf) == (858, 1068 - 858, crop_reads[1])


@pytest.mark.parametrize(("gap", "confs", "line"), [(40, (0.0, 0.0), 1), (5, (0.9, 0.96), 1), (5, (0.0, 0.0), 2)])
def test_figures_a_space_apart_read_surely_or_on_two_lines_are_not_joined(monkeypatch, gap, confs, line):
    import extractors.ocr as ocr_mod
    from extractors.ocr import _split_figures_read_again
    from extractors.tools import DEFAULT_LIMITS, OcrWord

    words = [OcrWord("1", 858, 630, 20, 31, confs[0], 1, 1, 1), OcrWord("366,00", 878 + gap, 630, 120, 31, confs[1], 1, 1, line)]
    monkeypatch.setattr(ocr_mod, "tesseract_words", lambda *a, **k: pytest.fail("no crop is read"))
    assert _split_figures_read_again(np.full((1200, 1400), 255, np.uint8), words, "Latin", DEFAULT_LIMITS) == words


def _stamp_beside(page: np.ndarray, x0: int, y0: int, x1: int, y1: int):
    """A stamp's frame drawn on the page at that place, and the Stamp the finder would give."""
    import cv2

    from extractors.stamps import Stamp

    cv2.rectangle(page, (x0, y0), (x1, y1), 0, 8)
    cv2.putText(page, "PAID", (x0 + 30, y1 - 30), cv2.FONT_HERSHEY_SIMPLEX, 2.2, 0, 8)
    return Stamp(image=page[y0:y1, x0:x1].copy(), x0=x0, y0=y0, x1=x1, y1=y1, tilt=2.0)


def test_lines_read_garbled_beside_a_stamp_are_read_again_as_one_block():
    """Tesseract's layout took the stamp and the name lines beside it for one block and ran
    the lines' letters together: the print on the stamp's rows is read again without it."""
    from extractors.ocr import _beside_stamps_read_again
    from extractors.tools import DEFAULT_LIMITS, OcrWord

    lines = ["Sidste rettidige betaling: 8.8.2026", "Birgitte Mortensen, speciallæge", "Lægehuset Odense"]
    page = render_page(lines)
    stamp = _stamp_beside(page, 1050, 220, 1450, 380)
    read = _line_words(lines)
    garbled = [read[0], OcrWord("Birgitte", 140, 234, 120, 30, 0.96, 1, 1, 2), OcrWord("Mort", 270, 234, 70, 30, 0.96, 1, 1, 2),
               OcrWord("anari", 140, 240, 330, 95, 0.14, 1, 1, 3), OcrWord("e", 480, 240, 200, 30, 0.25, 1, 1, 3),
               OcrWord("PAID", 1060, 230, 380, 140, 0.9, 1, 1, 3)]
    out = _beside_stamps_read_again(page, garbled, [stamp], "Latin", DEFAULT_LIMITS)
    texts = [w.text for w in out]
    assert "Mortensen," in texts and "Odense" in texts
    assert "anari" not in texts and "Mort" not in texts
    assert texts[0] == lines[0] and "PAID" in texts  # the line above the stamp's rows and the stamp are kept


def test_print_beside_a_stamp_read_surely_or_garbled_far_from_it_is_not_read_again(monkeypatch):
    import extractors.ocr as ocr_mod
    from extractors.ocr import _beside_stamps_read_again
    from extractors.tools import DEFAULT_LIMITS, OcrWord

    page = render_page(["Birgitte Mortensen, speciallæge"])
    stamp = _stamp_beside(page, 1050, 120, 1450, 280)
    monkeypatch.setattr(ocr_mod, "tesseract_words", lambda *a, **k: pytest.fail("no crop is read"))
    sure = [OcrWord("Birgitte", 140, 165, 120, 30, 0.96, 1, 1, 1), OcrWord("Mortensen,", 270, 165, 160, 30, 0.93, 1, 1, 1)]
    assert _beside_stamps_read_again(page, sure, [stamp], "Latin", DEFAULT_LIMITS) == sure
    far = sure + [OcrWord("Tl", 140, 1500, 60, 30, 0.1, 2, 1, 1)]  # a garbled word a page away from the stamp
    assert _beside_stamps_read_again(page, far, [stamp], "Latin", DEFAULT_LIMITS) == far
    in_stamp = sure + [OcrWord("PAlD", 1070, 140, 360, 120, 0.1, 1, 1, 2)]  # the stamp's own word: read on its own
    assert _beside_stamps_read_again(page, in_stamp, [stamp], "Latin", DEFAULT_LIMITS) == in_stamp


def test_a_page_the_layout_returned_no_word_of_is_read_as_one_block(monkeypatch):
    """A small, soft photo of a slip taken whole for a picture: the block reading reads it."""
    import extractors.ocr as ocr_mod

    lines = ["KWITANTIE Nr. 26884", "Totaal bedrag: € 144,30", "Rotterdam, 10-09-2026"]
    page = render_page(lines)
    real = ocr_mod.tesseract_words
    psms = []

    def layout_finds_nothing(image, lang, psm=3, **kw):
        psms.append(psm)
        return [] if psm == 3 else real(image, lang, psm=psm, **kw)

    monkeypatch.setattr(ocr_mod, "tesseract_words", layout_finds_nothing)
    monkeypatch.setattr(ocr_mod, "tesseract_orientation", lambda *a, **k: None)
    read = ocr_image(page, 1)
    assert "144,30" in read.text and "KWITANTIE" in read.text
    assert psms.count(6) == 1


def test_a_page_the_layout_returned_no_word_of_is_read_as_one_block_before_any_turn(monkeypatch):
    """Seed 165: a clean photo of a referral the layout took for a picture; turned upside
    down, it gave a few garbled glyphs, which outscored no word at all, and the page was
    kept upside down. The upright block reading comes first."""
    import extractors.ocr as ocr_mod
    from extractors.tools import OcrWord

    lines = ["KWITANTIE Nr. 26884", "Totaal bedrag: € 144,30", "Rotterdam, 10-09-2026"] * 3
    page = render_page(lines)
    real = ocr_mod.tesseract_words
    upright = []

    def layout_finds_nothing_upright(image, lang, psm=3, **kw):
        if psm == 6:
            return real(image, lang, psm=psm, **kw)
        if not upright:
            upright.append(1)
            return []
        return [OcrWord("uSspawuu", 100, 100, 200, 30, 0.6, 1, 1, 1), OcrWord("I9VSIS", 320, 100, 120, 30, 0.55, 1, 1, 1)]

    monkeypatch.setattr(ocr_mod, "tesseract_words", layout_finds_nothing_upright)
    monkeypatch.setattr(ocr_mod, "tesseract_orientation", lambda *a, **k: None)
    read = ocr_image(page, 1)
    assert read.rotation == 0 and "144,30" in read.text and "uSspawuu" not in read.text


def test_a_blank_page_stays_blank():
    read = ocr_image(np.full((2200, 1700), 255, np.uint8), 1)
    assert read.lines == [] and read.ocr_confidence == 0.0


def test_a_column_of_amounts_the_layout_dropped_is_read_short_figures_and_all():
    """The amount column of an item table left unread: '105.00' (five glyphs) reads as a line
    of its own, and so do the shorter '47.00' and '39.50' right-aligned under it."""
    from extractors.ocr import _unread_runs

    mh = 26
    def figure(x1, y, glyphs):  # right-aligned digits, 18 px wide, 3 px apart (the dot too small to count)
        return [(x1 - (glyphs - i) * 21, y, 18, 25) for i in range(glyphs)]

    column = figure(1205, 857, 5) + figure(1205, 908, 4) + figure(1205, 958, 4)
    assert len(_unread_runs(column, mh)) == 3
    # four unread glyphs on their own, or not lined up with a longer run's right edge, are a
    # logo's or a signature's: no line read
    assert _unread_runs(figure(1205, 908, 4), mh) == []
    assert len(_unread_runs(figure(1205, 857, 5) + figure(900, 958, 4), mh)) == 1
    assert len(_unread_runs(figure(1205, 857, 5) + figure(1205, 958, 2), mh)) == 1
    # two short figures right-aligned with each other are a column ('43.00' over '27.00', seed 190),
    # and a short one on a line whose words were read is that line's value ('Total GBP  70.00')
    assert len(_unread_runs(figure(1205, 908, 4) + figure(1205, 958, 4), mh)) == 2
    assert len(_unread_runs(figure(1205, 908, 4), mh, read_rows=(920.0,))) == 1
    assert _unread_runs(figure(1205, 908, 4), mh, read_rows=(960.0,)) == []  # a line below it
    assert _unread_runs(figure(1205, 908, 4) + figure(1105, 958, 4), mh) == []  # not lined up
    # a short one on the line of a longer unread run: both the row's ('GP consultation  71.50', seed 208)
    assert len(_unread_runs(figure(700, 908, 8) + figure(1205, 908, 4), mh)) == 2
    assert len(_unread_runs(figure(700, 858, 8) + figure(1205, 908, 4), mh)) == 1  # another line


@pytest.mark.parametrize(("read", "text"), [
    ("KOP]", "KOPI"), ("‘KOP)", "KOPI"), ("KOP|A", "KOPIA"), ("KOPI,", "KOPI"),  # the I beside the frame's edge
    ("Kors", "Kors"), ("or)", "or"), ("(Kory]", "Kory"),  # no stamp word either way: as read, edge trimmed
    ("PAID]", "PAID"), ("BETALT)", "BETALT"),  # a stamp word already: the edge only trimmed
])
def test_a_stamp_words_i_read_as_a_bracket_or_bar_is_put_right_only_where_that_makes_a_stamp_word(read, text):
    from extractors.ocr import _stamp_text

    assert _stamp_text(read) == text


def test_an_unread_run_read_unsurely_is_read_again_in_a_tighter_crop(monkeypatch):
    """'27.00' on clean paper read '217900' (57%) with half a line of margin, and right (96%)
    with a quarter: the surer reading is kept."""
    import extractors.ocr as ocr_mod
    from extractors.ocr import _read_runs
    from extractors.tools import DEFAULT_LIMITS, OcrWord

    heights = []

    def fake_words(image, lang, psm=3, **kw):
        heights.append(image.shape[0])
        text, conf = ("217900", 0.57) if len(heights) == 1 else ("27.00", 0.96)
        return [OcrWord(text, 30, 8, 100, 28, conf, 1, 1, 1)]

    monkeypatch.setattr(ocr_mod, "tesseract_words", fake_words)
    words = [OcrWord("Medication", 200, 1119, 200, 28, 0.95, 1, 1, 1)]
    found = _read_runs(np.full((2000, 2000), 255, np.uint8), words, [(1545, 1119, 1659, 1147)], 30, "Latin", DEFAULT_LIMITS)
    assert heights == [28 + 2 * 15, 28 + 2 * 7]
    assert [(w.text, w.conf, w.top) for w in found] == [("27.00", 0.96, 1119 - 7 + 8)]


def test_a_figure_a_tables_rule_throws_is_read_again_in_a_tight_crop(monkeypatch):
    """'6.8.2026' at 15% on the page and 0% in a crop with half a line of margin (a table's
    rule at its edge), 94% in a crop of three pixels' margin (seed 204)."""
    import extractors.ocr as ocr_mod
    from extractors.ocr import _unsure_figures_read_again
    from extractors.tools import DEFAULT_LIMITS, OcrWord

    heights = []

    def fake_words(image, lang, psm=3, **kw):
        heights.append(image.shape[0])
        return [OcrWord("6.8.2026", 3, 3, 187, 31, 0.0 if len(heights) == 1 else 0.94, 1, 1, 1)]

    monkeypatch.setattr(ocr_mod, "tesseract_words", fake_words)
    words = [OcrWord("6.8.2026", 1252, 720, 187, 31, 0.15, 1, 1, 1)]
    out = _unsure_figures_read_again(np.full((3508, 2481), 255, np.uint8), words, "Latin", DEFAULT_LIMITS)
    assert heights == [31 + 2 * 15, 31 + 2 * 3] and out[0].conf == 0.94


@pytest.mark.parametrize(("conf", "crop_reads", "expected"), [
    (0.0, ("77,50", 0.96), "77,50"),  # seed 201: an amount garbled to letters at 0%, a figure alone
    (0.0, ("TES", 0.96), "TES"),  # letters again: a garbled word stays as read
    (0.0, ("77,50", 0.6), "TES"),  # a figure, but not surely read
    (0.2, ("77,50", 0.96), "TES"),  # read a little: a word, not a garbled figure (no crop at all)
])
def test_a_word_garbled_past_reading_is_read_again_and_kept_only_as_a_sure_figure(monkeypatch, conf, crop_reads, expected):
    import extractors.ocr as ocr_mod
    from extractors.ocr import _unsure_figures_read_again
    from extractors.tools import DEFAULT_LIMITS, OcrWord

    crops = []

    def fake_words(image, lang, psm=3, **kw):
        crops.append(image.shape)
        return [OcrWord(crop_reads[0], 8, 8, 100, 30, crop_reads[1], 1, 1, 1)]

    monkeypatch.setattr(ocr_mod, "tesseract_words", fake_words)
    words = [OcrWord("Consulta", 200, 700, 150, 30, 0.96, 1, 1, 1), OcrWord("TES", 1200, 700, 100, 30, conf, 1, 1, 1)]
    out = _unsure_figures_read_again(np.full((2000, 2000), 255, np.uint8), words, "Latin", DEFAULT_LIMITS)
    assert out[1].text == expected and (len(crops) > 0) == (conf < 0.1)


def test_row_slope_leaves_out_a_line_that_runs_into_a_stamps_big_letters():
    """Seed 249: a level photo whose address line Tesseract ran into a tilted COPY stamp
    ('Strandveien 221 C O PY'): that line climbs with the stamp; the page's lines do not."""
    from extractors.ocr import _row_slope
    from extractors.tools import OcrWord

    width, height = 2000, 2800
    level = [OcrWord(t, x, 400 + 60 * n, 150, 30, 0.95, 1, 1, n + 1)
             for n in range(2) for t, x in (("Invoice", 200), ("number", 800), ("12345", 1500))]
    # a title whose first word has a descender its last lacks: its bottoms fall a little to the right
    level += [OcrWord(t, x, 600 + y, 150, 30, 0.95, 1, 1, 9) for t, x, y in
              (("Orthopaedics", 200, 0), ("Associates", 800, 4), ("Ltd", 1500, 8))]
    stamped = [OcrWord("Strandveien", 200, 300, 220, 30, 0.95, 2, 1, 1), OcrWord("221", 450, 300, 60, 28, 0.95, 2, 1, 1),
               OcrWord("CO", 900, 180, 150, 90, 0.8, 2, 1, 1), OcrWord("PY", 1100, 150, 150, 90, 0.8, 2, 1, 1)]
    assert _row_slope(level + stamped, width, height) == 0.0
    from extractors.ocr import _mixed_sizes

    assert _mixed_sizes(stamped) and not _mixed_sizes(level[:3])


def test_a_figure_read_again_in_a_tall_crop_beside_one_tilted_line_stays_in_its_row():
    """Seed 255: a scan's leftover tilt puts 'Blodprov' a little below its date; '639,00',
    read again in a crop, comes back tall over both. The words it spans all overlap: one
    line of print, not two, so it stays in the row and the row keeps its amount."""
    from extractors.ocr import _bridging, _rows

    items = [_item(*w) for w in (  # the boxes as read, y from 0.29 to 0.43 of the page
        ('2026-09-08', 0.086, 0.3018, 0.0085), ('Läkarbesök', 0.2, 0.3018, 0.0085), ('allmänmedicin', 0.271, 0.3018, 0.0085),
        ('1', 0.632, 0.3021, 0.0083), ('917,00', 0.736, 0.2961, 0.0194), ('917,00', 0.874, 0.3018, 0.0097),
        ('2026-09-08', 0.086, 0.3229, 0.0088), ('Läkemedel', 0.201, 0.3232, 0.0085), ('1', 0.632, 0.3235, 0.0083),
        ('373,00', 0.737, 0.3172, 0.0197), ('373,00', 0.875, 0.3232, 0.0094), ('2026-09-08', 0.086, 0.3368, 0.0162),
        ('Blodprov', 0.2, 0.3445, 0.0105), ('6390', 0.837, 0.3368, 0.0171), ('SEK', 0.833, 0.393, 0.0103),
        ('929,00', 0.874, 0.393, 0.0103), ('f', 0.413, 0.405, 0.0009), ('Betalt', 0.081, 0.4109, 0.0197),
        ('belopp', 0.126, 0.4109, 0.0197), ('SEK', 0.834, 0.4166, 0.0097), ('1', 0.862, 0.4109, 0.0197),
        ('929,00', 0.874, 0.4166, 0.0097), ('1', 0.631, 0.3368, 0.0162), ('639,00', 0.734, 0.3354, 0.0228),
        ('Belopp', 0.084, 0.3873, 0.0197), ('att', 0.131, 0.3873, 0.0197), ('betala', 0.154, 0.3873, 0.0197),
        ('1', 0.862, 0.3876, 0.0194),
    )]
    assert _bridging(items, taller=2.2) == []
    rows = [" ".join(w.text for w in line.words) for line in _rows(items)]
    assert "2026-09-08 Blodprov 1 639,00 6390" in rows and "Belopp att betala SEK 1 929,00" in rows
