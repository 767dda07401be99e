"""Tesseract in-process, through libtesseract's C API (ctypes): part of the tools layer,
used only by `extractors/tools.py`.

Why: the `tesseract` CLI loads its model on every call, and the 89 MB `Latin` model
takes ~0.4 s to load against ~1 s to read a page. An engine per (thread, model) loads
each model once per worker and reads every later page straight from memory. It is the
same library the CLI runs (same version, same model files, same settings), so the words,
boxes and confidences are the CLI's (tests/extractors/test_tesslib.py compares them).

ctypes releases the GIL while Tesseract works, so worker threads OCR in parallel.
Where the library cannot be loaded, `available()` is False and tools.py uses the CLI.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading
import time
from collections import OrderedDict

import numpy as np

OEM_LSTM_ONLY = 1
LEPTONICA_SEVERITY_NONE = 6  # L_SEVERITY_NONE in leptonica's environ.h
PSM_OSD_ONLY = 0
MAX_ENGINES_PER_THREAD = 5  # Latin, eng (stamps), osd, Greek, ell (Greek stamps): ~100-200 MB each at most

_lib: ctypes.CDLL | None = None
_lib_error: str | None = None
_lib_lock = threading.Lock()


class TesslibError(Exception):
    """The library could not be loaded, a model could not be initialised, or OCR failed."""


def _load() -> ctypes.CDLL:
    global _lib, _lib_error
    with _lib_lock:
        if _lib is not None:
            return _lib
        if _lib_error is not None:
            raise TesslibError(_lib_error)
        if os.environ.get("CLAIM_INTAKE_TESSERACT_CLI") == "1":
            _lib_error = "the in-process engine is switched off (CLAIM_INTAKE_TESSERACT_CLI=1)"
            raise TesslibError(_lib_error)
        name = ctypes.util.find_library("tesseract") or "libtesseract.so.5"
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            _lib_error = "libtesseract could not be loaded"
            raise TesslibError(_lib_error) from None
        p, i, c = ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p
        lib.TessVersion.restype = c
        lib.TessBaseAPICreate.restype = p
        lib.TessBaseAPIDelete.argtypes = [p]
        lib.TessBaseAPIEnd.argtypes = [p]
        lib.TessBaseAPIInit2.argtypes = [p, c, c, i]
        lib.TessBaseAPIInit2.restype = i
        lib.TessBaseAPISetVariable.argtypes = [p, c, c]
        lib.TessBaseAPISetVariable.restype = i
        lib.TessBaseAPISetPageSegMode.argtypes = [p, i]
        lib.TessBaseAPISetImage.argtypes = [p, ctypes.c_void_p, i, i, i, i]
        lib.TessBaseAPIRecognize.argtypes = [p, p]
        lib.TessBaseAPIRecognize.restype = i
        lib.TessBaseAPIGetTsvText.argtypes = [p, i]
        lib.TessBaseAPIGetTsvText.restype = ctypes.c_void_p  # freed with TessDeleteText
        lib.TessDeleteText.argtypes = [ctypes.c_void_p]
        lib.TessBaseAPIClear.argtypes = [p]
        lib.TessBaseAPIDetectOrientationScript.argtypes = [
            p, ctypes.POINTER(i), ctypes.POINTER(ctypes.c_float), ctypes.POINTER(c), ctypes.POINTER(ctypes.c_float)]
        lib.TessBaseAPIDetectOrientationScript.restype = i
        lib.TessMonitorCreate.restype = p
        lib.TessMonitorDelete.argtypes = [p]
        lib.TessMonitorSetDeadlineMSecs.argtypes = [p, i]
        _quiet_leptonica()
        _lib = lib
        return lib


def _quiet_leptonica() -> None:
    """Leptonica (under Tesseract) prints notes like 'Error in boxClipToRectangle' to stderr
    for harmless page regions; the CLI's stderr was swallowed, so keep the console as it was."""
    name = ctypes.util.find_library("lept") or "liblept.so.5"
    try:
        ctypes.CDLL(name).setMsgSeverity(LEPTONICA_SEVERITY_NONE)
    except (OSError, AttributeError):
        pass


def available() -> bool:
    try:
        _load()
        return True
    except TesslibError:
        return False


class Engine:
    """One initialised TessBaseAPI: one model, one thread; the page segmentation mode is
    set for each use (`engine`)."""

    def __init__(self, lang: str, psm: int, variables: dict[str, str]):
        self.lib = _load()
        self.handle = self.lib.TessBaseAPICreate()
        oem = 3 if lang == "osd" else OEM_LSTM_ONLY  # osd has no LSTM model; the CLI uses the default for it
        if self.lib.TessBaseAPIInit2(self.handle, None, lang.encode(), oem) != 0:
            self.close()
            raise TesslibError("a Tesseract model could not be initialised")
        self.lib.TessBaseAPISetPageSegMode(self.handle, psm)
        # Tesseract's notes ("Invalid resolution", "Too few characters") go nowhere, as the CLI's
        # stderr did under pytesseract, not onto the console's progress bar.
        self.lib.TessBaseAPISetVariable(self.handle, b"debug_file", os.devnull.encode())
        for key, value in variables.items():
            self.lib.TessBaseAPISetVariable(self.handle, key.encode(), value.encode())

    def _set_image(self, image: np.ndarray) -> np.ndarray:
        if image.dtype != np.uint8 or image.ndim != 2:
            raise TesslibError("page images must be 8-bit grayscale")
        image = np.ascontiguousarray(image)
        h, w = image.shape
        self.lib.TessBaseAPISetImage(self.handle, image.ctypes.data, w, h, 1, int(image.strides[0]))
        return image  # keep the buffer alive while Tesseract reads it

    def tsv(self, image: np.ndarray, timeout: float) -> str:
        """The page as the CLI's TSV rows (no header line)."""
        keep = self._set_image(image)
        monitor = self.lib.TessMonitorCreate()
        try:
            self.lib.TessMonitorSetDeadlineMSecs(monitor, max(1, int(timeout * 1000)))
            start = time.monotonic()
            status = self.lib.TessBaseAPIRecognize(self.handle, monitor)
            if time.monotonic() - start >= timeout:
                raise TimeoutError
            if status != 0:
                raise TesslibError("tesseract could not read the page")
            raw = self.lib.TessBaseAPIGetTsvText(self.handle, 0)
            try:
                return ctypes.string_at(raw).decode("utf-8", "replace") if raw else ""
            finally:
                if raw:
                    self.lib.TessDeleteText(raw)
        finally:
            self.lib.TessMonitorDelete(monitor)
            self.lib.TessBaseAPIClear(self.handle)
            del keep

    def orientation(self, image: np.ndarray) -> tuple[int, float, str, float] | None:
        """(clockwise degrees to turn upright, script, orientation conf, script conf), as the CLI's OSD."""
        keep = self._set_image(image)
        deg, oconf = ctypes.c_int(), ctypes.c_float()
        script, sconf = ctypes.c_char_p(), ctypes.c_float()
        try:
            ok = self.lib.TessBaseAPIDetectOrientationScript(self.handle, ctypes.byref(deg), ctypes.byref(oconf),
                                                            ctypes.byref(script), ctypes.byref(sconf))
            if not ok:
                return None
            # The CLI's "Rotate:" is OrientationIdToValue(orient_deg / 90).
            rotate = {0: 0, 1: 270, 2: 180, 3: 90}[(deg.value // 90) % 4]
            return (rotate, (script.value or b"").decode(), round(oconf.value, 2), round(sconf.value, 2))
        finally:
            self.lib.TessBaseAPIClear(self.handle)
            del keep

    def close(self) -> None:
        if getattr(self, "handle", None):
            self.lib.TessBaseAPIEnd(self.handle)
            self.lib.TessBaseAPIDelete(self.handle)
            self.handle = None

    def __del__(self) -> None:  # a worker thread ended: free its models
        try:
            self.close()
        except Exception:  # noqa: BLE001 (interpreter shutdown)
            pass


class _Engines(threading.local):
    def __init__(self) -> None:
        self.by_key: OrderedDict[tuple, Engine] = OrderedDict()


_engines = _Engines()


def engine(lang: str, psm: int, variables: dict[str, str]) -> Engine:
    """This thread's engine for the model and mode, created on first use (LRU-bounded,
    so a batch of many model combinations keeps memory flat)."""
    key = (lang, tuple(sorted(variables.items())))  # one model load serves every mode
    cache = _engines.by_key
    found = cache.get(key)
    if found is not None:
        cache.move_to_end(key)
        found.lib.TessBaseAPISetPageSegMode(found.handle, psm)
        return found
    created = Engine(lang, psm, variables)
    cache[key] = created
    while len(cache) > MAX_ENGINES_PER_THREAD:
        _, old = cache.popitem(last=False)
        old.close()
    return created


def version() -> str:
    return _load().TessVersion().decode()
