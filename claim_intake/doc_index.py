"""The index of earlier claims' payment documents that the duplicate check compares against.

Kept as one small JSON file beside the claim records (`OUT/_index/documents.json`, or
`_index/documents.json` in the results store): per payment document the claim id, file
name, SHA-256, first-page pHash and digests of its keys (`validators.duplicates`), about
250 bytes, so 10,000 claims of 2-3 payment documents are ~6 MB, loaded once per run and
looked up by hash in memory. Claims are numbered in the order they were first checked;
a claim is compared only with claims checked before it, so a re-run gives the same
findings and a claim re-checked is never a duplicate of itself. The index is derived
data: a record written without its index entry (a run killed in between) is added back
from the record on the next load.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from claim_intake.files import atomic_write_text, fitting_name
from claim_intake.model import ClaimResult, DocumentResult
from validators.duplicates import IndexedDocument, index_entry

INDEX_KEY = "_index/documents.json"
INDEX_VERSION = 1


class _Stored(BaseModel):
    version: int = INDEX_VERSION
    claims: dict[str, int] = Field(default_factory=dict, description="claim id -> order first checked")
    documents: list[IndexedDocument] = Field(default_factory=list)


class DocumentIndex:
    """In-memory lookups over the stored index."""

    def __init__(self, stored: _Stored | None = None):
        self._stored = stored or _Stored()
        self._by_sha: dict[str, list[IndexedDocument]] = {}
        self._by_bill: dict[str, list[IndexedDocument]] = {}
        self._by_claim: dict[str, list[IndexedDocument]] = {}
        for entry in self._stored.documents:
            self._link(entry)

    # -- reading and writing
    @classmethod
    def from_json(cls, text: str | None) -> DocumentIndex:
        if not text:
            return cls()
        stored = _Stored.model_validate_json(text)
        return cls(stored if stored.version == INDEX_VERSION else None)

    def to_json(self) -> str:
        self._stored.documents = [e for entries in self._by_claim.values() for e in entries]
        return self._stored.model_dump_json() + "\n"

    # -- queries
    @property
    def claims(self) -> dict[str, int]:
        return dict(self._stored.claims)

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_claim.values())

    def candidates(self, claim_id: str, docs: Iterable[DocumentResult]) -> list[IndexedDocument]:
        """Entries of claims checked before `claim_id` that share a file hash or bill digest
        with one of `docs`: the few the duplicate check needs to look at."""
        order = self._stored.claims.get(claim_id, len(self._stored.claims))
        found: dict[tuple[str, str], IndexedDocument] = {}
        for doc in docs:
            entry = index_entry(claim_id, doc)
            if entry is None:
                continue
            hits = self._by_sha.get(entry.sha256, []) + (self._by_bill.get(entry.bill, []) if entry.bill else [])
            for hit in hits:
                if hit.claim_id != claim_id and self._stored.claims.get(hit.claim_id, order) < order:
                    found[(hit.claim_id, hit.file)] = hit
        return sorted(found.values(), key=lambda e: (self._stored.claims[e.claim_id], e.file))

    # -- updates
    def add(self, claim_id: str, docs: Iterable[DocumentResult]) -> None:
        """Record a checked claim's payment documents, replacing what it had before."""
        for old in self._by_claim.pop(claim_id, []):
            self._by_sha[old.sha256].remove(old)
            if old.bill:
                self._by_bill[old.bill].remove(old)
        self._stored.claims.setdefault(claim_id, len(self._stored.claims))
        self._by_claim[claim_id] = []
        for doc in docs:
            entry = index_entry(claim_id, doc)
            if entry is not None:
                self._link(entry)

    def add_result(self, result: ClaimResult) -> None:
        self.add(result.claim_id, result.documents)

    def _link(self, entry: IndexedDocument) -> None:
        self._by_claim.setdefault(entry.claim_id, []).append(entry)
        self._by_sha.setdefault(entry.sha256, []).append(entry)
        if entry.bill:
            self._by_bill.setdefault(entry.bill, []).append(entry)


# -- a results folder (the mailroom batch)

def index_path(out: Path) -> Path:
    return out / INDEX_KEY


def load_folder_index(out: Path) -> DocumentIndex:
    """The index of a results folder, with any record missing from it added back."""
    path = index_path(out)
    index = DocumentIndex.from_json(path.read_text(encoding="utf-8") if path.is_file() else None)
    known = {fitting_name(c, ".json") for c in index.claims}
    for record in sorted(out.glob("*.json")):
        if record.name != "triage.json" and record.name not in known:
            try:
                index.add_result(ClaimResult.model_validate_json(record.read_text(encoding="utf-8")))
            except ValueError:
                continue  # not a claim record: nothing to remember
    return index


def save_folder_index(out: Path, index: DocumentIndex) -> None:
    atomic_write_text(index_path(out), index.to_json())


# -- a results store (the nightly run)

def load_store_index(storage, claim_ids: Iterable[str]) -> DocumentIndex:  # noqa: ANN001 (claim_intake.storage.Storage)
    """The index in the results store, with claims checked before (`claim_ids`) but missing
    from it added back from their records."""
    index = DocumentIndex.from_json(storage.read_internal(INDEX_KEY))
    for claim_id in claim_ids:
        if claim_id not in index.claims and (text := storage.read_result(claim_id)):
            index.add_result(ClaimResult.model_validate_json(text))
    return index


def save_store_index(storage, index: DocumentIndex) -> None:  # noqa: ANN001
    storage.write_internal(INDEX_KEY, index.to_json())
