"""Where claim files and records live: one interface, a local-folder and an S3/MinIO backend.

Four areas, the same in both backends:

- intake: what the mailroom uploaded, one prefix/folder per claim (`<claim_id>/<file>`);
  only ever read.
- originals: a copy of every file as it arrived, written once and never changed. A later
  file with the same name but other content is kept beside it as `<name>~<sha12>`.
  On S3 the bucket also gets versioning and object lock where the server offers them.
- results: one `<claim_id>.json` per claim, plus bookkeeping objects whose keys start
  with `_` (the nightly state, the triage queue).
- quarantine: files that could not be read, with the reason (object metadata on S3,
  a `<file>.reason.json` sidecar locally).

Errors are `StorageError`s that name the area, claim id and file name, never content or
credentials; `TransientStorageError` marks what is worth a retry.
"""

from __future__ import annotations

from claim_intake.files import atomic_write_text

import datetime as dt
import hashlib
import io
import json
import logging
import os
import shutil
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal
from urllib.parse import quote, unquote

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

log = logging.getLogger(__name__)

ENV_PREFIX = "CLAIM_INTAKE_"
EXPECTED_SUFFIX = ".expected.json"  # ground truth beside sample documents: not a document
REASON_SUFFIX = ".reason.json"
CONFLICT_MARK = "~"


# ---------------------------------------------------------------- errors and types

class StorageError(Exception):
    """A storage operation failed; the message names area/claim/file only."""


class TransientStorageError(StorageError):
    """The store was unreachable or busy: retrying later may succeed."""


class ObjectNotFound(StorageError):
    pass


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StoredFile(_Frozen):
    name: str = Field(description="path inside the claim, e.g. 'invoice.pdf'")
    size: int
    etag: str = Field(description="S3 ETag, or the sha256 of a local file: changes when the content does")
    modified: dt.datetime


class StoredClaim(_Frozen):
    claim_id: str
    files: list[StoredFile] = Field(default_factory=list)

    @property
    def fingerprint(self) -> dict[str, str]:
        """name -> etag: a claim whose fingerprint is unchanged needs no new check."""
        return {f.name: f.etag for f in self.files}


class QuarantinedFile(_Frozen):
    claim_id: str
    name: str
    reason: str
    sha256: str = ""


class KeptOriginal(_Frozen):
    claim_id: str
    name: str = Field(description="key inside the claim; `<file>~<sha12>` for a later, different file of that name")
    sha256: str
    created: bool = Field(description="False when this content was already kept")


# ---------------------------------------------------------------- configuration

class StorageSettings(BaseSettings):
    """Storage configuration, from `CLAIM_INTAKE_*` environment variables only."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", frozen=True)

    storage: Literal["local", "s3"] = Field("local", description="which backend the flows use")
    local_root: Path = Field(Path("claim-store"), description="root of the local backend's four folders")
    s3_endpoint: str = Field("localhost:9000", description="host:port of the S3/MinIO API")
    s3_access_key: SecretStr | None = None
    s3_secret_key: SecretStr | None = None
    s3_secure: bool = Field(True, description="TLS to the S3 endpoint")
    s3_region: str | None = None
    s3_sse: Literal["", "s3", "kms"] = Field("", description="server-side encryption on every put")
    s3_sse_kms_key_id: str | None = Field(None, description="KMS key id for s3_sse=kms")
    bucket_intake: str = "claim-intake"
    bucket_originals: str = "claim-originals"
    bucket_results: str = "claim-results"
    bucket_quarantine: str = "claim-quarantine"
    originals_retention_days: int = Field(0, ge=0, description="object-lock GOVERNANCE retention on originals; 0 = none")

    @field_validator("s3_endpoint")
    @classmethod
    def _host_port(cls, value: str) -> str:
        if "://" in value or "/" in value:
            raise ValueError("give host:port only; TLS is CLAIM_INTAKE_S3_SECURE")
        return value

    @classmethod
    def env_names(cls) -> set[str]:
        return {ENV_PREFIX + name.upper() for name in cls.model_fields}


# ---------------------------------------------------------------- names

def check_claim_id(claim_id: str) -> str:
    if (not claim_id or "/" in claim_id or "\\" in claim_id or claim_id.startswith((".", "_"))
            or claim_id != claim_id.strip()):
        raise StorageError("invalid claim id")
    return claim_id


def check_name(name: str) -> str:
    parts = name.split("/")
    if not name or "\\" in name or any(p in ("", ".", "..") for p in parts):
        raise StorageError("invalid file name")
    return name


def is_document_name(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return bool(base) and not base.startswith(".") and not base.endswith(EXPECTED_SUFFIX)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def conflict_name(name: str, sha256: str) -> str:
    return f"{name}{CONFLICT_MARK}{sha256[:12]}"


def _group(claim_files: dict[str, list[StoredFile]], since: dt.datetime | None) -> list[StoredClaim]:
    """Claims with at least one file modified at/after `since`, each with ALL its files."""
    claims = []
    for claim_id in sorted(claim_files):
        files = sorted(claim_files[claim_id], key=lambda f: f.name)
        if since is None or any(f.modified >= since for f in files):
            claims.append(StoredClaim(claim_id=claim_id, files=files))
    return claims


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.timezone.utc)


# ---------------------------------------------------------------- interface

class Storage(ABC):
    """The four areas of claim storage; see the module docstring."""

    def ensure_ready(self) -> None:
        """Create what is missing (folders, buckets); idempotent."""

    @abstractmethod
    def list_claims(self, since: dt.datetime | None = None) -> list[StoredClaim]:
        """Claims in intake with a file modified at/after `since` (all claims if None)."""

    @abstractmethod
    def claim(self, claim_id: str) -> StoredClaim | None:
        """One claim as it is in intake now, or None if it has no files."""

    @abstractmethod
    def open_original(self, claim_id: str, name: str, into: Path | None = None) -> Path:
        """A local path to read the intake file from (a download under `into` for S3)."""

    @abstractmethod
    def keep_original(self, claim_id: str, name: str, path: Path) -> KeptOriginal:
        """Copy the file into originals; the same content twice is kept once."""

    @abstractmethod
    def read_kept(self, claim_id: str, name: str) -> bytes:
        """The bytes of a kept original (for audits and tests; content never logged)."""

    @abstractmethod
    def write_result(self, claim_id: str, json_text: str) -> None: ...

    @abstractmethod
    def read_result(self, claim_id: str) -> str | None: ...

    @abstractmethod
    def list_results(self) -> list[str]:
        """Claim ids that have a result record."""

    @abstractmethod
    def write_internal(self, key: str, text: str) -> None:
        """Bookkeeping beside the results (keys start with `_`, e.g. `_state/nightly.json`)."""

    @abstractmethod
    def read_internal(self, key: str) -> str | None: ...

    @abstractmethod
    def quarantine(self, claim_id: str, name: str, path: Path, reason: str) -> None:
        """Put an unreadable file aside with the (content-free) reason it could not be read."""

    @abstractmethod
    def list_quarantine(self) -> list[QuarantinedFile]: ...

    @abstractmethod
    def presigned_url(self, claim_id: str, name: str, expires: dt.timedelta = dt.timedelta(hours=1)) -> str:
        """A time-limited link to a kept original, for the caseworker tool."""

    @staticmethod
    def _internal_key(key: str) -> str:
        check_name(key)
        if not key.startswith("_"):
            raise StorageError("internal keys start with '_'")
        return key


# ---------------------------------------------------------------- local folders

def _local_errors(method):  # noqa: ANN001, ANN202
    """OS errors become StorageErrors naming the operation only (OS messages carry full paths)."""
    import functools

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):  # noqa: ANN001, ANN202
        try:
            return method(self, *args, **kwargs)
        except StorageError:
            raise
        except FileNotFoundError:
            raise ObjectNotFound(f"local {method.__name__}: not found") from None
        except OSError as exc:
            raise StorageError(f"local {method.__name__}: {type(exc).__name__} (errno {exc.errno})") from None

    return wrapper


class LocalStorage(Storage):
    """The embedded default: four folders under one root."""

    AREAS = ("intake", "originals", "results", "quarantine")

    def __init__(self, root: Path | str):
        self.root = Path(root)

    def __repr__(self) -> str:
        return f"LocalStorage(root={str(self.root)!r})"

    def area(self, name: str) -> Path:
        return self.root / name

    @_local_errors
    def ensure_ready(self) -> None:
        for area in self.AREAS:
            self.area(area).mkdir(parents=True, exist_ok=True)

    def _path(self, area: str, claim_id: str, name: str) -> Path:
        return self.area(area) / check_claim_id(claim_id) / check_name(name)

    def _stored(self, folder: Path, path: Path) -> StoredFile:
        st = path.stat()
        return StoredFile(name=path.relative_to(folder).as_posix(), size=st.st_size, etag=sha256_file(path),
                          modified=dt.datetime.fromtimestamp(st.st_mtime, dt.timezone.utc))

    def _claim_files(self, folder: Path) -> list[StoredFile]:
        return [self._stored(folder, p) for p in sorted(folder.rglob("*"))
                if p.is_file() and is_document_name(p.relative_to(folder).as_posix())]

    @_local_errors
    def list_claims(self, since: dt.datetime | None = None) -> list[StoredClaim]:
        intake = self.area("intake")
        if not intake.is_dir():
            return []
        since = _utc(since)
        grouped: dict[str, list[StoredFile]] = {}
        for folder in sorted(p for p in intake.iterdir() if p.is_dir()):
            try:
                check_claim_id(folder.name)
            except StorageError:
                continue
            if since is not None and not any(
                    p.is_file() and dt.datetime.fromtimestamp(p.stat().st_mtime, dt.timezone.utc) >= since
                    for p in folder.rglob("*")):
                continue  # hash only the claims that changed
            files = self._claim_files(folder)
            if files:
                grouped[folder.name] = files
        return _group(grouped, since)

    @_local_errors
    def claim(self, claim_id: str) -> StoredClaim | None:
        folder = self.area("intake") / check_claim_id(claim_id)
        files = self._claim_files(folder) if folder.is_dir() else []
        return StoredClaim(claim_id=claim_id, files=files) if files else None

    @_local_errors
    def open_original(self, claim_id: str, name: str, into: Path | None = None) -> Path:
        path = self._path("intake", claim_id, name)
        if not path.is_file():
            raise ObjectNotFound(f"intake: {claim_id}/{name} not found")
        return path

    @_local_errors
    def keep_original(self, claim_id: str, name: str, path: Path) -> KeptOriginal:
        sha = sha256_file(path)
        target = self._path("originals", claim_id, name)
        if target.exists() and sha256_file(target) != sha:
            target = self._path("originals", claim_id, conflict_name(name, sha))
        if target.exists():
            return KeptOriginal(claim_id=claim_id, name=target.relative_to(self.area("originals") / claim_id).as_posix(),
                                sha256=sha, created=False)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.part")
        shutil.copyfile(path, tmp)
        os.chmod(tmp, 0o444)  # a kept original is read-only
        os.replace(tmp, target)
        return KeptOriginal(claim_id=claim_id, name=target.relative_to(self.area("originals") / claim_id).as_posix(),
                            sha256=sha, created=True)

    @_local_errors
    def read_kept(self, claim_id: str, name: str) -> bytes:
        path = self._path("originals", claim_id, name)
        if not path.is_file():
            raise ObjectNotFound(f"originals: {claim_id}/{name} not found")
        return path.read_bytes()

    def _write_text(self, target: Path, text: str) -> None:
        atomic_write_text(target, text)

    @_local_errors
    def write_result(self, claim_id: str, json_text: str) -> None:
        self._write_text(self.area("results") / f"{check_claim_id(claim_id)}.json", json_text)

    @_local_errors
    def read_result(self, claim_id: str) -> str | None:
        path = self.area("results") / f"{check_claim_id(claim_id)}.json"
        return path.read_text(encoding="utf-8") if path.is_file() else None

    @_local_errors
    def list_results(self) -> list[str]:
        folder = self.area("results")
        if not folder.is_dir():
            return []
        return sorted(p.stem for p in folder.glob("*.json") if not p.name.startswith(("_", ".")))

    @_local_errors
    def write_internal(self, key: str, text: str) -> None:
        self._write_text(self.area("results") / self._internal_key(key), text)

    @_local_errors
    def read_internal(self, key: str) -> str | None:
        path = self.area("results") / self._internal_key(key)
        return path.read_text(encoding="utf-8") if path.is_file() else None

    @_local_errors
    def quarantine(self, claim_id: str, name: str, path: Path, reason: str) -> None:
        target = self._path("quarantine", claim_id, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        sidecar = {"reason": reason, "sha256": sha256_file(path),
                   "quarantined_at": dt.datetime.now(dt.timezone.utc).isoformat()}
        self._write_text(target.with_name(target.name + REASON_SUFFIX), json.dumps(sidecar, indent=2) + "\n")

    @_local_errors
    def list_quarantine(self) -> list[QuarantinedFile]:
        folder = self.area("quarantine")
        found = []
        for sidecar in sorted(folder.rglob(f"*{REASON_SUFFIX}")) if folder.is_dir() else []:
            rel = sidecar.relative_to(folder).as_posix()
            claim_id, name = rel.split("/", 1)
            data = json.loads(sidecar.read_text(encoding="utf-8"))
            found.append(QuarantinedFile(claim_id=claim_id, name=name[: -len(REASON_SUFFIX)],
                                         reason=data.get("reason", ""), sha256=data.get("sha256", "")))
        return found

    @_local_errors
    def presigned_url(self, claim_id: str, name: str, expires: dt.timedelta = dt.timedelta(hours=1)) -> str:
        """Locally there is nothing to sign: a file URI on this machine."""
        path = self._path("originals", claim_id, name)
        if not path.is_file():
            raise ObjectNotFound(f"originals: {claim_id}/{name} not found")
        return path.resolve().as_uri()


# ---------------------------------------------------------------- S3 / MinIO

TRANSIENT_CODES = frozenset({"InternalError", "ServiceUnavailable", "SlowDown", "RequestTimeout",
                             "RequestTimeTooSkewed", "XMinioServerNotInitialized", "OperationAborted"})
NOT_FOUND_CODES = frozenset({"NoSuchKey", "NoSuchBucket", "NoSuchVersion", "ResourceNotFound"})


class BucketFeatures(_Frozen):
    versioning: bool = False
    object_lock: bool = False


class MinioStorage(Storage):
    """Four buckets on an S3-compatible server, through the `minio` client."""

    def __init__(self, settings: StorageSettings, client=None):  # noqa: ANN001 (minio.Minio)
        self.settings = settings
        if client is None:
            from minio import Minio

            client = Minio(
                settings.s3_endpoint,
                access_key=settings.s3_access_key.get_secret_value() if settings.s3_access_key else None,
                secret_key=settings.s3_secret_key.get_secret_value() if settings.s3_secret_key else None,
                secure=settings.s3_secure,
                region=settings.s3_region,
            )
        self.client = client
        self.originals_features = BucketFeatures()

    def __repr__(self) -> str:  # never the keys
        s = self.settings
        return (f"MinioStorage(endpoint={s.s3_endpoint!r}, secure={s.s3_secure}, buckets="
                f"{[s.bucket_intake, s.bucket_originals, s.bucket_results, s.bucket_quarantine]})")

    @property
    def buckets(self) -> dict[str, str]:
        s = self.settings
        return {"intake": s.bucket_intake, "originals": s.bucket_originals,
                "results": s.bucket_results, "quarantine": s.bucket_quarantine}

    @contextmanager
    def _op(self, what: str) -> Iterator[None]:
        """Translate client/network failures into typed errors naming only `what`."""
        from minio.error import InvalidResponseError, S3Error, ServerError
        from urllib3.exceptions import HTTPError

        try:
            yield
        except S3Error as exc:
            if exc.code in NOT_FOUND_CODES:
                raise ObjectNotFound(f"{what}: not found ({exc.code})") from None
            status = getattr(exc.response, "status", 0) or 0
            if exc.code in TRANSIENT_CODES or status >= 500:
                raise TransientStorageError(f"{what}: server busy or failing ({exc.code})") from None
            raise StorageError(f"{what}: refused ({exc.code})") from None
        except (ServerError, InvalidResponseError) as exc:
            raise TransientStorageError(f"{what}: bad server response ({type(exc).__name__})") from None
        except (HTTPError, OSError) as exc:
            raise TransientStorageError(f"{what}: storage unreachable ({type(exc).__name__})") from None

    def _sse(self):  # noqa: ANN202 (minio.sse.Sse | None)
        from minio.sse import SseKMS, SseS3

        if self.settings.s3_sse == "s3":
            return SseS3()
        if self.settings.s3_sse == "kms":
            if not self.settings.s3_sse_kms_key_id:
                raise StorageError("CLAIM_INTAKE_S3_SSE=kms needs CLAIM_INTAKE_S3_SSE_KMS_KEY_ID")
            if not self.settings.s3_secure:
                raise StorageError("CLAIM_INTAKE_S3_SSE=kms needs TLS (CLAIM_INTAKE_S3_SECURE=true)")
            return SseKMS(self.settings.s3_sse_kms_key_id, {})
        return None

    # -- setup

    def ensure_ready(self) -> None:
        """Create missing buckets; originals get object lock + versioning where offered."""
        from minio.error import S3Error
        from minio.versioningconfig import ENABLED, VersioningConfig

        for area, bucket in self.buckets.items():
            with self._op(f"{area} bucket {bucket}"):
                if self.client.bucket_exists(bucket):
                    continue
                if area == "originals":
                    try:
                        self.client.make_bucket(bucket, location=self.settings.s3_region, object_lock=True)
                        continue
                    except S3Error as exc:
                        log.warning("originals bucket: object lock not offered (%s); plain bucket", exc.code)
                self.client.make_bucket(bucket, location=self.settings.s3_region)
        bucket = self.settings.bucket_originals
        lock = versioning = False
        try:
            with self._op("originals object-lock config"):
                self.client.get_object_lock_config(bucket)
            lock = True
        except ObjectNotFound:
            lock = False
        except StorageError as exc:
            log.warning("originals bucket: object lock state unknown: %s", exc)
        try:
            with self._op("originals versioning"):
                if self.client.get_bucket_versioning(bucket).status != ENABLED:
                    self.client.set_bucket_versioning(bucket, VersioningConfig(ENABLED))
                versioning = self.client.get_bucket_versioning(bucket).status == ENABLED
        except StorageError as exc:
            log.warning("originals bucket: versioning not available: %s", exc)
        self.originals_features = BucketFeatures(versioning=versioning, object_lock=lock)
        log.info("originals bucket: versioning=%s object_lock=%s", versioning, lock)

    # -- intake

    def _list(self, area: str, prefix: str | None = None) -> Iterator:
        bucket = self.buckets[area]
        with self._op(f"list {area}"):
            yield from self.client.list_objects(bucket, prefix=prefix, recursive=True)

    def _intake_files(self, prefix: str | None = None) -> dict[str, list[StoredFile]]:
        grouped: dict[str, list[StoredFile]] = {}
        for obj in self._list("intake", prefix):
            key = obj.object_name
            if obj.is_dir or "/" not in key:
                continue
            claim_id, name = key.split("/", 1)
            try:
                check_claim_id(claim_id)
                check_name(name)
            except StorageError:
                continue
            if not is_document_name(name):
                continue
            grouped.setdefault(claim_id, []).append(StoredFile(
                name=name, size=obj.size or 0, etag=(obj.etag or "").strip('"'),
                modified=_utc(obj.last_modified) or dt.datetime.now(dt.timezone.utc)))
        return grouped

    def list_claims(self, since: dt.datetime | None = None) -> list[StoredClaim]:
        return _group(self._intake_files(), _utc(since))

    def claim(self, claim_id: str) -> StoredClaim | None:
        files = self._intake_files(f"{check_claim_id(claim_id)}/").get(claim_id, [])
        return StoredClaim(claim_id=claim_id, files=sorted(files, key=lambda f: f.name)) if files else None

    def open_original(self, claim_id: str, name: str, into: Path | None = None) -> Path:
        key = f"{check_claim_id(claim_id)}/{check_name(name)}"
        base = Path(into) if into is not None else Path(tempfile.mkdtemp(prefix="claim-intake-"))
        target = base / claim_id / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with self._op(f"download intake {key}"):
            self.client.fget_object(self.settings.bucket_intake, key, str(target),
                                    tmp_file_path=str(target.with_name(f".{target.name}.part")))
        return target

    # -- originals

    def _stat(self, area: str, key: str):  # noqa: ANN202 (minio.datatypes.Object | None)
        try:
            with self._op(f"stat {area} {key}"):
                return self.client.stat_object(self.buckets[area], key)
        except ObjectNotFound:
            return None

    @staticmethod
    def _meta(stat, field: str) -> str:  # noqa: ANN001
        value = (stat.metadata or {}).get(f"x-amz-meta-{field}") if stat is not None else None
        return unquote(value) if value else ""

    def _put_file(self, area: str, key: str, path: Path, metadata: dict[str, str], retention=None) -> None:  # noqa: ANN001
        with self._op(f"upload {area} {key}"):
            self.client.fput_object(self.buckets[area], key, str(path), metadata=metadata, sse=self._sse(),
                                    retention=retention)

    def keep_original(self, claim_id: str, name: str, path: Path) -> KeptOriginal:
        sha = sha256_file(path)
        kept = check_name(name)
        stat = self._stat("originals", f"{check_claim_id(claim_id)}/{kept}")
        if stat is not None and self._meta(stat, "sha256") != sha:
            kept = conflict_name(name, sha)
            stat = self._stat("originals", f"{claim_id}/{kept}")
        if stat is not None:
            return KeptOriginal(claim_id=claim_id, name=kept, sha256=sha, created=False)
        retention = None
        if self.settings.originals_retention_days and self.originals_features.object_lock:
            from minio.commonconfig import GOVERNANCE
            from minio.retention import Retention

            until = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=self.settings.originals_retention_days)
            retention = Retention(GOVERNANCE, until)
        self._put_file("originals", f"{claim_id}/{kept}", path, {"sha256": sha}, retention)
        return KeptOriginal(claim_id=claim_id, name=kept, sha256=sha, created=True)

    def _get_bytes(self, area: str, key: str) -> bytes:
        with self._op(f"download {area} {key}"):
            response = self.client.get_object(self.buckets[area], key)
            try:
                return response.read()
            finally:
                response.close()
                response.release_conn()

    def read_kept(self, claim_id: str, name: str) -> bytes:
        return self._get_bytes("originals", f"{check_claim_id(claim_id)}/{check_name(name)}")

    # -- results

    def _put_text(self, area: str, key: str, text: str) -> None:
        data = text.encode("utf-8")
        with self._op(f"upload {area} {key}"):
            self.client.put_object(self.buckets[area], key, io.BytesIO(data), len(data),
                                   content_type="application/json", sse=self._sse())

    def _get_text(self, area: str, key: str) -> str | None:
        try:
            return self._get_bytes(area, key).decode("utf-8")
        except ObjectNotFound:
            return None

    def write_result(self, claim_id: str, json_text: str) -> None:
        self._put_text("results", f"{check_claim_id(claim_id)}.json", json_text)

    def read_result(self, claim_id: str) -> str | None:
        return self._get_text("results", f"{check_claim_id(claim_id)}.json")

    def list_results(self) -> list[str]:
        return sorted(o.object_name[: -len(".json")] for o in self._list("results")
                      if o.object_name.endswith(".json") and "/" not in o.object_name
                      and not o.object_name.startswith(("_", ".")))

    def write_internal(self, key: str, text: str) -> None:
        self._put_text("results", self._internal_key(key), text)

    def read_internal(self, key: str) -> str | None:
        return self._get_text("results", self._internal_key(key))

    # -- quarantine

    def quarantine(self, claim_id: str, name: str, path: Path, reason: str) -> None:
        key = f"{check_claim_id(claim_id)}/{check_name(name)}"
        # S3 metadata is ASCII: the reason travels percent-encoded.
        self._put_file("quarantine", key, path, {"reason": quote(reason, safe=" ,.;:()'-"), "sha256": sha256_file(path)})

    def list_quarantine(self) -> list[QuarantinedFile]:
        found = []
        for obj in self._list("quarantine"):
            if obj.is_dir or "/" not in obj.object_name:
                continue
            stat = self._stat("quarantine", obj.object_name)
            claim_id, name = obj.object_name.split("/", 1)
            found.append(QuarantinedFile(claim_id=claim_id, name=name, reason=self._meta(stat, "reason"),
                                         sha256=self._meta(stat, "sha256")))
        return found

    def presigned_url(self, claim_id: str, name: str, expires: dt.timedelta = dt.timedelta(hours=1)) -> str:
        key = f"{check_claim_id(claim_id)}/{check_name(name)}"
        with self._op(f"presign originals {key}"):
            return self.client.presigned_get_object(self.settings.bucket_originals, key, expires=expires)


def storage_from_env(settings: StorageSettings | None = None) -> Storage:
    """The backend the environment configures (`CLAIM_INTAKE_STORAGE=local|s3`)."""
    settings = settings or StorageSettings()
    if settings.storage == "s3":
        return MinioStorage(settings)
    return LocalStorage(settings.local_root)
