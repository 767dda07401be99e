"""Who may see the caseworker page: localhost only, or everyone with the token; and
corrections only from the page itself (CSRF)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from claim_intake.ui.app import COOKIE, create_app
from claim_intake.ui.source import FolderSource
from tests.ui.conftest import TODAY

TOKEN = "s3cret-token-for-tests"
PATHS = ["/", "/claim/c032_da_gp", "/claim/c032_da_gp/doc/0/page/1.jpg", "/claim/c032_da_gp/expected.json",
         "/claim/c032_da_gp/corrections", "/static/ui.js", "/static/ui.css", "/claim/nope", "/docs"]


@pytest.fixture
def source(ui_data):
    out, inbox = ui_data
    return FolderSource(out, inbox)


def test_refuses_to_start_on_a_public_address_without_token(source):
    with pytest.raises(RuntimeError, match="CLAIM_INTAKE_UI_TOKEN"):
        create_app(source, host="0.0.0.0")
    with pytest.raises(RuntimeError):
        create_app(source, host="10.1.2.3", token="")
    for host in ("127.0.0.1", "localhost", "::1"):
        create_app(source, host=host)


def test_without_the_token_every_path_answers_401_and_shows_nothing(source):
    client = TestClient(create_app(source, host="0.0.0.0", token=TOKEN), base_url="http://claims.example")
    for path in PATHS:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Cookie": f"{COOKIE}=wrong"}):
            r = client.get(path, headers=headers)
            assert r.status_code == 401, path
            assert "c032" not in r.text and "claim-intake" not in r.text and len(r.content) < 40
    assert client.post("/claim/c032_da_gp/corrections", json={}).status_code == 401
    assert client.get("/login?token=wrong", follow_redirects=False).status_code == 401


def test_bearer_token_or_login_cookie_open_the_page(source):
    client = TestClient(create_app(source, host="0.0.0.0", token=TOKEN, today=TODAY),
                        base_url="http://claims.example")
    r = client.get("/", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200 and "c032_da_gp" in r.text
    login = client.get(f"/login?token={TOKEN}", follow_redirects=False)
    assert login.status_code == 303 and login.headers["location"] == "/"
    cookie = login.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    client.cookies.set(COOKIE, TOKEN)
    assert client.get("/claim/c032_da_gp").status_code == 200
    assert client.get("/claim/c032_da_gp/doc/0/page/1.jpg").headers["content-type"] == "image/jpeg"


def test_access_log_has_paths_and_status_never_the_token(source, caplog):
    client = TestClient(create_app(source, host="0.0.0.0", token=TOKEN, today=TODAY),
                        base_url="http://claims.example")
    with caplog.at_level("INFO", logger="claim_intake.ui.access"):
        client.get(f"/login?token={TOKEN}", follow_redirects=False)
        client.get("/login?token=a-wrong-guess", follow_redirects=False)
        client.get("/claim/c032_da_gp", headers={"Authorization": f"Bearer {TOKEN}"})
    lines = [r.getMessage() for r in caplog.records if r.name == "claim_intake.ui.access"]
    assert lines == ["GET /login 303", "GET /login 401", "GET /claim/c032_da_gp 200"]
    assert TOKEN not in caplog.text and "a-wrong-guess" not in caplog.text


def test_local_page_refuses_other_host_names(source):
    """A DNS name rebound to 127.0.0.1 must not reach the open local page."""
    app = create_app(source, today=TODAY)
    assert TestClient(app, base_url="http://127.0.0.1:8765").get("/").status_code == 200
    assert TestClient(app, base_url="http://localhost").get("/").status_code == 200
    r = TestClient(app, base_url="http://attacker.example").get("/")
    assert r.status_code == 400 and "c032" not in r.text


def _csrf(client: TestClient) -> str:
    page = client.get("/claim/c013_no_gp").text
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def test_corrections_need_the_page_token_and_the_same_origin(fresh_out):
    out, inbox = fresh_out
    source = FolderSource(out, inbox)
    client = TestClient(create_app(source, today=TODAY), base_url="http://127.0.0.1")
    body = {"document": "faktura_10357.pdf", "field": "doctor_name", "value": "Dr. Test"}
    same = {"Origin": "http://127.0.0.1"}
    target = out / "c013_no_gp.corrections.json"
    assert client.post("/claim/c013_no_gp/corrections", json=body, headers=same).status_code == 403
    token = _csrf(client)
    assert client.post("/claim/c013_no_gp/corrections", json=body,
                       headers={"X-CSRF-Token": token, "Origin": "http://evil.example"}).status_code == 403
    assert client.post("/claim/c013_no_gp/corrections", json=body, headers={"X-CSRF-Token": token}).status_code == 403
    assert not target.exists()
    bad = [{"document": "faktura_10357.pdf", "field": "not_a_field", "value": "x"},
           {"document": "other.pdf", "field": "total", "value": "1.00"},
           {"dismissed": "AMOUNT_MISMATCH"},  # the claim has no such finding
           {"document": "faktura_10357.pdf"}, "not an object"]
    for b in bad:
        r = client.post("/claim/c013_no_gp/corrections", json=b, headers={"X-CSRF-Token": token, **same})
        assert r.status_code == 422, b
    assert not target.exists()
    r = client.post("/claim/c013_no_gp/corrections", json=body, headers={"X-CSRF-Token": token, **same})
    assert r.status_code == 200 and target.exists()
    listed = client.get("/claim/c013_no_gp/corrections").json()
    assert [(c["field"], c["value"]) for c in listed] == [("doctor_name", "Dr. Test")]


def test_errors_and_logs_carry_no_values(fresh_out, caplog):
    source = FolderSource(*fresh_out)
    client = TestClient(create_app(source, today=TODAY), base_url="http://127.0.0.1")
    token = _csrf(client)
    with caplog.at_level("DEBUG"):
        client.get("/claim/c032_da_gp/doc/0/page/9.jpg")
        client.post("/claim/c055_sv_gp/corrections", headers={"X-CSRF-Token": token, "Origin": "http://127.0.0.1"},
                    json={"document": "faktura_2876239.pdf", "field": "doctor_name", "value": "Secret Name"})
    assert "c055_sv_gp" in caplog.text  # the log names the claim ...
    assert "Secret Name" not in caplog.text  # ... never the value
