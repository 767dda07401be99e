"""File writes that never leave a half-written result behind, and names safe to record."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

NAME_MAX = 255  # bytes in one file name on every file system the mailroom uses


def safe_name(name: str) -> str:
    """A file or folder name as text that can be written to JSON: bytes that are not
    UTF-8 (Python keeps them as lone surrogates) become U+FFFD. The file itself is still
    opened by its real path."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def fitting_name(stem: str, suffix: str, limit: int = NAME_MAX - 20) -> str:
    """`stem + suffix`, or a shortened stem plus a hash of the whole stem when that would
    not fit in one file name (a 250-character claim folder still gets its record)."""
    name = stem + suffix
    if len(name.encode("utf-8")) <= limit:
        return name
    digest = hashlib.sha256(stem.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    keep = stem.encode("utf-8")[: limit - len(suffix.encode("utf-8")) - 13].decode("utf-8", "ignore")
    return f"{keep}~{digest}{suffix}"


def atomic_write_text(target: Path, text: str) -> None:
    """Write beside the target, fsync, then rename over it: readers see old or new, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    prefix = "." + target.name.encode("utf-8")[:100].decode("utf-8", "ignore") + "."  # temp name must fit too
    fd, tmp = tempfile.mkstemp(prefix=prefix, dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
