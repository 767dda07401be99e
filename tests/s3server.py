"""A real S3-compatible server process for the MinIO backend tests: moto in server mode on 127.0.0.1.

Import the fixtures into a test module (`from tests.s3server import s3_server, storage_env, storage`).
"""

from __future__ import annotations

import itertools
import logging
import socket

import pytest

from claim_intake.storage import LocalStorage, MinioStorage, Storage, StorageSettings

BACKENDS = ["local", "s3"]
_bucket_sets = itertools.count()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server():
    """host:port of a moto S3 server, started once per test process and stopped after."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def storage_env(request, tmp_path, monkeypatch) -> dict[str, str]:
    """CLAIM_INTAKE_* variables for the backend named by the test's `backend` parameter,
    set in the environment (where the flows read them) with fresh buckets/folders."""
    backend = request.param if hasattr(request, "param") else "local"
    env = {"CLAIM_INTAKE_STORAGE": "local", "CLAIM_INTAKE_LOCAL_ROOT": str(tmp_path / "store")}
    if backend == "s3":
        endpoint = request.getfixturevalue("s3_server")
        n = next(_bucket_sets)
        env = {
            "CLAIM_INTAKE_STORAGE": "s3",
            "CLAIM_INTAKE_S3_ENDPOINT": endpoint,
            "CLAIM_INTAKE_S3_ACCESS_KEY": "testing-access",
            "CLAIM_INTAKE_S3_SECRET_KEY": "testing-secret-do-not-log",
            "CLAIM_INTAKE_S3_SECURE": "false",
            "CLAIM_INTAKE_S3_REGION": "us-east-1",
            "CLAIM_INTAKE_BUCKET_INTAKE": f"t{n}-intake",
            "CLAIM_INTAKE_BUCKET_ORIGINALS": f"t{n}-originals",
            "CLAIM_INTAKE_BUCKET_RESULTS": f"t{n}-results",
            "CLAIM_INTAKE_BUCKET_QUARANTINE": f"t{n}-quarantine",
        }
    for name in StorageSettings.env_names():
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture
def storage(storage_env) -> Storage:
    from claim_intake.storage import storage_from_env

    store = storage_from_env()
    store.ensure_ready()
    return store


def upload(storage: Storage, claim_id: str, name: str, data: bytes) -> None:
    """What the mailroom does: put a file into the intake area (not part of the pipeline's interface)."""
    if isinstance(storage, LocalStorage):
        target = storage.area("intake") / claim_id / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    elif isinstance(storage, MinioStorage):
        import io

        storage.client.put_object(storage.settings.bucket_intake, f"{claim_id}/{name}", io.BytesIO(data), len(data))
    else:  # pragma: no cover
        raise TypeError(type(storage))
