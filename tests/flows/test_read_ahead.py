"""ReadAhead: documents are read while Prefect starts, each once, never when already cached."""

from __future__ import annotations

from pathlib import Path

from extractors.ocr import DEFAULT_OCR
from extractors.readers import sha256_of
from flows import mailroom
from tests.conftest import write_text_pdf


def _inbox(tmp_path: Path, invoice_lines: list[str]) -> Path:
    inbox = tmp_path / "inbox"
    for claim in ("c1", "c2"):
        (inbox / claim).mkdir(parents=True)
        write_text_pdf(inbox / claim / "invoice.pdf", [invoice_lines + [claim]])
    return inbox


def test_reads_each_document_once_and_hands_it_over_once(tmp_path, invoice_lines, monkeypatch):
    inbox = _inbox(tmp_path, invoice_lines)
    reads: list[str] = []
    real = mailroom.pipeline.read_safely
    monkeypatch.setattr(mailroom.pipeline, "read_safely", lambda p, n, **k: reads.append(n) or real(p, n, **k))
    ahead = mailroom._start_read_ahead(inbox, tmp_path / "cache", 2, DEFAULT_OCR)
    try:
        for claim in ("c1", "c2"):
            path = inbox / claim / "invoice.pdf"
            key = mailroom._content_key(None, {"ocr": DEFAULT_OCR, "sha256": sha256_of(path)})
            outcome = ahead.take(key)
            assert outcome is not None and outcome.document is not None and claim in outcome.document.text
            assert ahead.take(key) is None  # once: a retry of the task reads afresh
    finally:
        ahead.close()
    assert sorted(reads) == ["invoice.pdf", "invoice.pdf"]


def test_documents_already_in_the_cache_are_not_read_ahead(tmp_path, invoice_lines, monkeypatch):
    inbox = _inbox(tmp_path, invoice_lines)
    cache = tmp_path / "cache"
    cache.mkdir()
    cached = inbox / "c1" / "invoice.pdf"
    (cache / mailroom._content_key(None, {"ocr": DEFAULT_OCR, "sha256": sha256_of(cached)})).write_text("{}")
    reads: list[str] = []
    monkeypatch.setattr(mailroom.pipeline, "read_safely", lambda p, n, **k: reads.append(str(p)))
    ahead = mailroom._start_read_ahead(inbox, cache, 1, DEFAULT_OCR)
    ahead.close()
    assert reads == [str(inbox / "c2" / "invoice.pdf")]


def test_no_inbox_means_nothing_to_read_ahead(tmp_path):
    assert mailroom._start_read_ahead(tmp_path / "missing", tmp_path / "cache", 2, DEFAULT_OCR) is None
