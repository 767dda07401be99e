"""Where the caseworker page reads claim records, originals and corrections from.

One small interface with two implementations: a local results folder (what
`claim-intake process --out OUT` wrote, originals from an inbox folder) and the
storage results area (`claim_intake.storage`, local folders or MinIO). The pipeline's
`<claim_id>.json` is only ever read here; corrections are kept in a record of their own.
"""

from __future__ import annotations

import logging
import tempfile
from abc import ABC, abstractmethod
from pathlib import Path

from claim_intake.files import atomic_write_text
from claim_intake.model import ClaimResult
from claim_intake.pipeline import is_document
from claim_intake.storage import ObjectNotFound, Storage, StorageError, check_claim_id, check_name

log = logging.getLogger(__name__)

CORRECTIONS_SUFFIX = ".corrections.json"


class ResultSource(ABC):
    """Claim records, their originals and the caseworker's corrections."""

    cache_dir: Path  # rendered page images (OUT/.ui-cache/ locally)

    @abstractmethod
    def claim_ids(self) -> list[str]: ...

    @abstractmethod
    def result(self, claim_id: str) -> ClaimResult | None: ...

    @abstractmethod
    def original(self, claim_id: str, file: str) -> Path | None:
        """A local path to the file as it arrived, or None when it cannot be found."""

    def has_original(self, claim_id: str, file: str) -> bool:
        """Cheap guess whether a page image can be made; the image request decides."""
        return True

    @abstractmethod
    def read_corrections(self, claim_id: str) -> str | None: ...

    @abstractmethod
    def write_corrections(self, claim_id: str, text: str) -> None: ...

    def versions(self) -> dict[str, tuple] | None:
        """A cheap version of each record (no parsing), so the queue can be kept between
        requests and only changed records read again; None where the store cannot say."""
        return None

    def results(self) -> list[ClaimResult]:
        """Every readable record; a record that fails to parse is left out (logged by id)."""
        found = []
        for claim_id in self.claim_ids():
            try:
                r = self.result(claim_id)
            except (ValueError, StorageError, OSError):
                log.warning("claim record %s could not be read", claim_id)
                continue
            if r is not None:
                found.append(r)
        return found


def _safe_id(claim_id: str) -> str | None:
    try:
        return check_claim_id(claim_id)
    except StorageError:
        return None


class FolderSource(ResultSource):
    """OUT/<claim_id>.json as the pipeline wrote it; originals in INBOX/<claim_id>/<file>."""

    def __init__(self, out: Path, inbox: Path | None = None):
        self.out = Path(out)
        self.inbox = Path(inbox) if inbox is not None else None
        self.cache_dir = self.out / ".ui-cache"

    def claim_ids(self) -> list[str]:
        return sorted(p.name[: -len(".json")] for p in self.out.glob("*.json")
                      if p.name != "triage.json" and not p.name.endswith(CORRECTIONS_SUFFIX)
                      and not p.name.startswith((".", "_")))

    def versions(self) -> dict[str, tuple]:
        found = {}
        for claim_id in self.claim_ids():
            try:
                st = (self.out / f"{claim_id}.json").stat()
            except OSError:
                continue
            found[claim_id] = (st.st_ino, st.st_mtime_ns, st.st_size)  # a rewrite is a new file (atomic rename)
        return found

    def result(self, claim_id: str) -> ClaimResult | None:
        if _safe_id(claim_id) is None:
            return None
        path = self.out / f"{claim_id}.json"
        if not path.is_file():
            return None
        return ClaimResult.model_validate_json(path.read_text(encoding="utf-8"))

    def original(self, claim_id: str, file: str) -> Path | None:
        if self.inbox is None or _safe_id(claim_id) is None:
            return None
        try:
            check_name(file)
        except StorageError:
            return None
        path = self.inbox / claim_id / file
        return path if is_document(path) else None

    def has_original(self, claim_id: str, file: str) -> bool:
        return self.original(claim_id, file) is not None

    def corrections_path(self, claim_id: str) -> Path:
        return self.out / f"{check_claim_id(claim_id)}{CORRECTIONS_SUFFIX}"

    def read_corrections(self, claim_id: str) -> str | None:
        path = self.corrections_path(claim_id)
        return path.read_text(encoding="utf-8") if path.is_file() else None

    def write_corrections(self, claim_id: str, text: str) -> None:
        atomic_write_text(self.corrections_path(claim_id), text)


class StorageSource(ResultSource):
    """The storage results area (`<claim_id>.json`), originals from its originals area
    (falling back to intake), corrections as the internal record `_corrections/<claim_id>.json`."""

    def __init__(self, storage: Storage, cache_dir: Path | None = None):
        self.storage = storage
        self.cache_dir = Path(cache_dir) if cache_dir else Path(tempfile.gettempdir()) / "claim-intake-ui-cache"
        self._downloads = self.cache_dir / "originals"

    def claim_ids(self) -> list[str]:
        return self.storage.list_results()

    def result(self, claim_id: str) -> ClaimResult | None:
        if _safe_id(claim_id) is None:
            return None
        text = self.storage.read_result(claim_id)
        return ClaimResult.model_validate_json(text) if text is not None else None

    def original(self, claim_id: str, file: str) -> Path | None:
        if _safe_id(claim_id) is None:
            return None
        target = self._downloads / claim_id / file
        try:
            check_name(file)
            if target.is_file():
                return target
            try:
                data = self.storage.read_kept(claim_id, file)
            except ObjectNotFound:
                return self.storage.open_original(claim_id, file, into=self._downloads)
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.part")
            tmp.write_bytes(data)
            tmp.replace(target)
            return target
        except (StorageError, OSError):
            log.info("original of %s/%s not found in storage", claim_id, file)
            return None

    def read_corrections(self, claim_id: str) -> str | None:
        return self.storage.read_internal(f"_corrections/{check_claim_id(claim_id)}.json")

    def write_corrections(self, claim_id: str, text: str) -> None:
        self.storage.write_internal(f"_corrections/{check_claim_id(claim_id)}.json", text)
