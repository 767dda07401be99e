"""The in-process Tesseract engine must read exactly what the CLI reads."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from extractors import preprocess, tesslib, tools
from tests.conftest import INVOICE_ES, render_page


def test_the_library_loads_on_this_machine() -> None:
    # setup.sh installs tesseract-ocr, which brings libtesseract5: the fast path is the normal one.
    assert tesslib.available()
    assert tesslib.version().startswith("5.")


def test_words_boxes_and_confidences_equal_the_cli_on_a_page() -> None:
    page = preprocess.rotate(render_page(INVOICE_ES), 1.5)  # a little skew, as a scan has
    lib = tools.tesseract_words(page, "Latin")
    cli = tools.tesseract_words_cli(page, "Latin")
    assert len(lib) >= 20
    assert lib == cli
    again = tools.tesseract_words(page, "Latin")  # the engine is re-used: no state leaks between pages
    assert again == lib


def test_single_line_mode_and_another_model_equal_the_cli() -> None:
    line = render_page(["BETALT  PAID  KOPI"], size=(900, 120), font_px=48)[40:120]
    assert tools.tesseract_words(line, "eng", psm=7) == tools.tesseract_words_cli(line, "eng", psm=7)


def test_orientation_equals_the_cli_and_blank_pages_give_none() -> None:
    sideways = preprocess.rotate_right_angle(render_page(INVOICE_ES * 3), 90)
    lib = tools.tesseract_orientation(sideways)
    assert lib is not None and lib == tools.tesseract_orientation_cli(sideways)
    assert lib.rotate == 270 and lib.script == "Latin"
    blank = np.full((300, 300), 255, np.uint8)
    assert tools.tesseract_orientation(blank) is None


def test_engines_are_per_thread_and_threads_read_in_parallel_correctly() -> None:
    page = render_page(INVOICE_ES)
    expected = tools.tesseract_words(page, "Latin")
    results: list[list] = []
    engines: list[int] = []

    def work() -> None:
        results.append(tools.tesseract_words(page, "Latin"))
        engines.append(id(tesslib.engine("Latin", 3, {"user_defined_dpi": "300", "preserve_interword_spaces": "0"})))

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected, expected]
    assert len(set(engines)) == 2


def test_the_engine_cache_is_bounded() -> None:
    page = render_page(["Rechnung 12,50"], size=(600, 200))
    for lang in ("eng", "deu", "fra", "spa", "ita", "nld"):
        tools.tesseract_words(page, lang)
    assert len(tesslib._engines.by_key) <= tesslib.MAX_ENGINES_PER_THREAD


def test_a_timeout_becomes_an_ocr_error() -> None:
    page = render_page(INVOICE_ES * 4, size=(2400, 3400))
    with pytest.raises(tools.OcrError, match="timed out"):
        tools.tesseract_words(page, "Latin", timeout=0.001)
