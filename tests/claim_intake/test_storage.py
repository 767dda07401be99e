import datetime as dt
import urllib.request

import pytest
import urllib3
from minio import Minio
from pydantic import ValidationError

from claim_intake.storage import (
    LocalStorage,
    MinioStorage,
    ObjectNotFound,
    StorageError,
    StorageSettings,
    TransientStorageError,
    storage_from_env,
)
from tests.s3server import BACKENDS, s3_server, storage, storage_env, upload  # noqa: F401 (fixtures)

both_backends = pytest.mark.parametrize("storage_env", BACKENDS, indirect=True)
s3_only = pytest.mark.parametrize("storage_env", ["s3"], indirect=True)

PDF_A = b"%PDF-1.7\n% claim c1 invoice\n"
PDF_B = b"%PDF-1.7\n% claim c1 receipt, a little longer\n"


@both_backends
def test_list_claims_groups_files_and_skips_hidden_and_ground_truth(storage):
    upload(storage, "c1", "invoice.pdf", PDF_A)
    upload(storage, "c1", "sub/receipt.pdf", PDF_B)
    upload(storage, "c1", ".DS_Store", b"x")
    upload(storage, "c1", "invoice.pdf.expected.json", b"{}")
    upload(storage, "c2", "scan.tif", b"II*\x00")

    claims = {c.claim_id: c for c in storage.list_claims()}
    assert sorted(claims) == ["c1", "c2"]
    files = {f.name: f for f in claims["c1"].files}
    assert sorted(files) == ["invoice.pdf", "sub/receipt.pdf"]
    assert files["invoice.pdf"].size == len(PDF_A)
    assert files["invoice.pdf"].etag != files["sub/receipt.pdf"].etag
    assert claims["c1"].fingerprint == {n: f.etag for n, f in files.items()}

    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=5)
    assert storage.list_claims(since=later) == []
    earlier = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=5)
    assert [c.claim_id for c in storage.list_claims(since=earlier)] == ["c1", "c2"]
    assert storage.claim("c2").files[0].name == "scan.tif"
    assert storage.claim("nothing-here") is None


@both_backends
def test_etag_changes_with_content(storage):
    upload(storage, "c1", "invoice.pdf", PDF_A)
    before = storage.claim("c1").fingerprint
    upload(storage, "c1", "invoice.pdf", PDF_B)
    assert storage.claim("c1").fingerprint != before


@both_backends
def test_open_and_keep_originals_write_once(storage, tmp_path):
    upload(storage, "c1", "invoice.pdf", PDF_A)
    path = storage.open_original("c1", "invoice.pdf", into=tmp_path / "work")
    assert path.read_bytes() == PDF_A

    first = storage.keep_original("c1", "invoice.pdf", path)
    assert first.created and first.name == "invoice.pdf"
    again = storage.keep_original("c1", "invoice.pdf", path)
    assert not again.created and again.name == "invoice.pdf"

    # The claimant re-sends another file under the same name: both are kept, neither changed.
    other = tmp_path / "other.pdf"
    other.write_bytes(PDF_B)
    second = storage.keep_original("c1", "invoice.pdf", other)
    assert second.created and second.name != "invoice.pdf" and second.name.startswith("invoice.pdf~")
    assert storage.read_kept("c1", "invoice.pdf") == PDF_A
    assert storage.read_kept("c1", second.name) == PDF_B

    with pytest.raises(ObjectNotFound):
        storage.open_original("c1", "missing.pdf", into=tmp_path / "work")
    with pytest.raises(ObjectNotFound):
        storage.read_kept("c1", "missing.pdf")


@both_backends
def test_results_and_internal_objects(storage):
    assert storage.read_result("c1") is None
    storage.write_result("c1", '{"claim_id": "c1"}\n')
    storage.write_result("c2", '{"claim_id": "c2", "note": "ø"}\n')
    storage.write_internal("_state/nightly.json", "{}")
    assert storage.read_result("c2") == '{"claim_id": "c2", "note": "ø"}\n'
    assert storage.list_results() == ["c1", "c2"]  # bookkeeping is not a result
    assert storage.read_internal("_state/nightly.json") == "{}"
    assert storage.read_internal("_state/other.json") is None
    with pytest.raises(StorageError):
        storage.write_internal("state.json", "{}")


@both_backends
def test_quarantine_keeps_file_and_reason(storage, tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7 garbage")
    reason = "the PDF is damaged or not a valid PDF (100% unreadable; ø)"
    storage.quarantine("c2", "broken.pdf", bad, reason)
    [entry] = storage.list_quarantine()
    assert (entry.claim_id, entry.name, entry.reason) == ("c2", "broken.pdf", reason)
    assert len(entry.sha256) == 64


@both_backends
def test_presigned_url_serves_the_kept_original(storage, tmp_path):
    src = tmp_path / "invoice.pdf"
    src.write_bytes(PDF_A)
    storage.keep_original("c1", "invoice.pdf", src)
    url = storage.presigned_url("c1", "invoice.pdf", dt.timedelta(minutes=5))
    with urllib.request.urlopen(url) as response:  # noqa: S310 (a file: or http: URL we made)
        assert response.read() == PDF_A
    if isinstance(storage, MinioStorage):
        assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url


@both_backends
@pytest.mark.parametrize("claim_id, name", [("../c1", "a.pdf"), ("c1", "../a.pdf"), ("c1", "/etc/passwd"),
                                            ("", "a.pdf"), ("_state", "a.pdf"), ("c1", "a//b.pdf")])
def test_paths_cannot_escape_their_area(storage, tmp_path, claim_id, name):
    src = tmp_path / "a.pdf"
    src.write_bytes(PDF_A)
    with pytest.raises(StorageError):
        storage.keep_original(claim_id, name, src)


@both_backends
def test_settings_from_environment(storage_env):
    settings = StorageSettings()
    assert settings.storage == storage_env["CLAIM_INTAKE_STORAGE"]
    store = storage_from_env(settings)
    assert isinstance(store, MinioStorage if settings.storage == "s3" else LocalStorage)
    if settings.storage == "s3":
        assert settings.s3_secure is False
        assert settings.bucket_results == storage_env["CLAIM_INTAKE_BUCKET_RESULTS"]
        secret = storage_env["CLAIM_INTAKE_S3_SECRET_KEY"]
        assert secret not in repr(settings) and secret not in repr(store) and secret not in str(settings)


# --------------------------------------------------------------- S3 only: server features and failures

@s3_only
def test_originals_bucket_gets_versioning_and_object_lock(storage):
    assert storage.originals_features.versioning
    assert storage.originals_features.object_lock
    storage.ensure_ready()  # idempotent on existing buckets
    assert storage.originals_features.object_lock


@s3_only
def test_existing_plain_bucket_degrades_gracefully(storage_env, tmp_path):
    settings = StorageSettings()
    client = Minio(settings.s3_endpoint, "a", "b", secure=False, region="us-east-1")
    client.make_bucket(settings.bucket_originals)  # made by someone else, without object lock
    store = MinioStorage(settings)
    store.ensure_ready()
    assert store.originals_features.object_lock is False
    assert store.originals_features.versioning is True
    src = tmp_path / "a.pdf"
    src.write_bytes(PDF_A)
    assert store.keep_original("c1", "a.pdf", src).created


@s3_only
def test_server_side_encryption_on_put(storage_env, monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIM_INTAKE_S3_SSE", "s3")
    store = storage_from_env()
    store.ensure_ready()
    src = tmp_path / "a.pdf"
    src.write_bytes(PDF_A)
    store.keep_original("c1", "a.pdf", src)
    store.write_result("c1", "{}")
    for bucket, key in ((store.settings.bucket_originals, "c1/a.pdf"), (store.settings.bucket_results, "c1.json")):
        meta = store.client.stat_object(bucket, key).metadata
        assert meta.get("x-amz-server-side-encryption") == "AES256"


@s3_only
def test_unreachable_server_is_a_transient_error_without_secrets(storage_env):
    from tests.s3server import _free_port

    settings = StorageSettings(s3_endpoint=f"127.0.0.1:{_free_port()}")
    client = Minio(settings.s3_endpoint, settings.s3_access_key.get_secret_value(),
                   settings.s3_secret_key.get_secret_value(), secure=False, region="us-east-1",
                   http_client=urllib3.PoolManager(retries=0, timeout=2))
    store = MinioStorage(settings, client=client)
    with pytest.raises(TransientStorageError) as caught:
        store.read_result("c1")
    assert "c1.json" in str(caught.value)
    assert settings.s3_secret_key.get_secret_value() not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


@s3_only
def test_endpoint_takes_host_and_port_only(storage_env, monkeypatch):
    monkeypatch.setenv("CLAIM_INTAKE_S3_ENDPOINT", "https://minio:9000")
    with pytest.raises(ValidationError):
        StorageSettings()


def test_local_os_errors_are_typed_without_paths(tmp_path):
    store = LocalStorage(tmp_path / "store")
    store.ensure_ready()
    (store.area("results") / "c1.json").mkdir()  # a folder where the record should be
    with pytest.raises(StorageError) as caught:
        store.write_result("c1", "{}")
    assert str(tmp_path) not in str(caught.value) and "write_result" in str(caught.value)


@s3_only
def test_sse_kms_without_tls_is_refused_before_anything_is_sent(storage_env, monkeypatch):
    monkeypatch.setenv("CLAIM_INTAKE_S3_SSE", "kms")
    monkeypatch.setenv("CLAIM_INTAKE_S3_SSE_KMS_KEY_ID", "claim-intake-key")
    store = storage_from_env()
    store.ensure_ready()
    with pytest.raises(StorageError, match="TLS"):
        store.write_result("c1", "{}")
    assert store.read_result("c1") is None
