"""Build `ReadDocument`s from plain text for extractor and validator tests.

Each character is one column of a monospaced page, so spacing in the test's text
lays words out in columns the way a table is printed: 'Konsultasjon      450,00'
puts the amount far to the right of the description.
"""

from __future__ import annotations

import hashlib

from claim_intake.model import BBox, Line, Page, ReadDocument, Word

COLS = 100  # characters across a page
ROWS = 70  # lines down a page


def page_from_text(text: str, number: int = 1, source: str = "ocr", conf: float = 0.95) -> Page:
    lines: list[Line] = []
    for row, raw in enumerate(text.splitlines()):
        words: list[Word] = []
        col = 0
        for token in raw.split(" "):
            if token:
                box = BBox(
                    x0=col / COLS,
                    y0=row / ROWS,
                    x1=(col + len(token)) / COLS,
                    y1=(row + 0.8) / ROWS,
                )
                words.append(Word(text=token, box=box, conf=conf))
            col += len(token) + 1
        if words:
            lines.append(Line(words=words))
    return Page(number=number, width=2480, height=3508, source=source, ocr_confidence=conf, lines=lines)


def doc_from_text(*pages: str, file: str = "doc.pdf", source: str = "ocr", conf: float = 0.95) -> ReadDocument:
    """One page per positional argument."""
    sha = hashlib.sha256("\f".join(pages).encode()).hexdigest()
    return ReadDocument(
        file=file,
        sha256=sha,
        pages=[page_from_text(t, i + 1, source, conf) for i, t in enumerate(pages)],
    )
