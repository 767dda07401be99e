"""What a mailroom does with a PDF's active content: reads the visible pages, runs nothing.

JavaScript and launch actions are never run, attached files are never opened or read
(an attachment may be anything, and it is not a document the mailroom scanned). The
document gets a content-free warning so the case handler knows something was left out:
an attached file may be the invoice the claim is missing.
"""

from __future__ import annotations

from pathlib import Path

from extractors.readers import sniff
from extractors.tools import IntakeError, pdf_active_content

JAVASCRIPT = "the PDF contains JavaScript, which was not run"
LAUNCH = "the PDF contains an action that would start a program, which was not run"


def attachments_note(count: int) -> str:
    return f"the PDF has {count} attached file{'s' if count != 1 else ''}, which {'were' if count != 1 else 'was'} not opened"


def content_warnings(path: Path) -> list[str]:
    """Warnings for a PDF's active content and attachments; none for other files."""
    try:
        if sniff(path) != "pdf":
            return []
    except (IntakeError, OSError):
        return []
    found = pdf_active_content(path)
    notes = []
    if found.javascript:
        notes.append(JAVASCRIPT)
    if found.launch:
        notes.append(LAUNCH)
    if found.attachments:
        notes.append(attachments_note(found.attachments))
    return notes
