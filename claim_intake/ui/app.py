"""The caseworker's triage page: FastAPI + Jinja templates, no front-end build.

`create_app` serves the queue (`/`), a claim page (`/claim/<id>`), page images
(`/claim/<id>/doc/<n>/page/<p>.jpg`), corrections (`POST /claim/<id>/corrections`)
and the export of corrected expected JSON (`/claim/<id>/expected.json`).

Access: bound to localhost the page is open to this machine only (requests naming
another Host are refused, against DNS rebinding); bound to anything else it needs
a token (`CLAIM_INTAKE_UI_TOKEN`), sent as `Authorization: Bearer` or a cookie set by
`/login?token=`. Without it every path answers 401 and shows nothing. Corrections
need the page's CSRF token in a header and a same-origin request. Logs name claim
ids and codes only, never a value.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import logging
import re
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError

from claim_intake.model import ClaimResult, DocumentResult, ExtractedField, TriageEntry
from claim_intake.pipeline import triage_queue
from claim_intake.ui import corrections as corr
from claim_intake.ui.pages import PageUnavailable, page_jpeg
from claim_intake.storage import StorageError
from claim_intake.ui.source import ResultSource
from validators.queue import queue_key

log = logging.getLogger(__name__)
access_log = logging.getLogger("claim_intake.ui.access")

HERE = Path(__file__).parent
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
TOKEN_ENV = "CLAIM_INTAKE_UI_TOKEN"
COOKIE = "claim_intake_ui"
LANG_COOKIE = "claim_intake_lang"

CODE_LABELS = {
    "TRANSLATION_MISSING": ("Translation missing", "Oversettelse mangler"),
    "ORIGINAL_MISSING": ("Original missing", "Original mangler"),
    "DOCTOR_NAME_MISSING": ("Doctor's name missing", "Legens navn mangler"),
    "ITEMISED_INVOICE_MISSING": ("Itemised invoice missing", "Spesifisert faktura mangler"),
    "PROOF_OF_PAYMENT_MISSING": ("Proof of payment missing", "Betalingsbevis mangler"),
    "DEADLINE_EXCEEDED": ("Deadline exceeded", "Fristen er oversittet"),
    "AMOUNT_MISMATCH": ("Amounts do not match", "Beløpene stemmer ikke"),
    "REFERRAL_MISSING": ("Referral missing", "Henvisning mangler"),
    "UNREADABLE_DOCUMENT": ("Unreadable document", "Uleselig dokument"),
    "LOW_CONFIDENCE": ("Low confidence", "Usikker lesing"),
}
STATUS_LABELS = {"incomplete": ("Incomplete", "Ufullstendig"), "needs_review": ("Needs review", "Må vurderes"),
                 "ready": ("Ready", "Klar")}
FIELD_LABELS = {
    "doctor_name": "Doctor", "dates.treatment": "Treatment date", "dates.invoice": "Invoice date",
    "dates.payment": "Payment date", "total": "Total", "currency": "Currency", "amount_paid": "Amount paid",
    "invoice_number": "Invoice number", "vat": "VAT", "specialty": "Specialty", "marked_paid": "Marked paid",
    "doc_type": "Document type", "language": "Language", "is_copy": "Copy", "is_translation": "Translation",
    "translation_of": "Translation of",
}


def field_label(name: str) -> str:
    if name.startswith("line_items["):
        index, _, key = name[len("line_items["):].partition("].")
        return f"Item {int(index) + 1} {key}"
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


def is_local(host: str) -> bool:
    return host.strip("[]") in LOCAL_HOSTS


def deadline_of(result: ClaimResult) -> dt.date | None:
    """The earliest 6-month deadline of the claim's treatments (from the treatment date,
    or the later invoice date), as the DEADLINE_EXCEEDED rule counts it."""
    from validators.rules import DEADLINE, deadline_start

    docs = [d for d in result.documents if d.readable]
    treated = sorted({d.dates.treatment for d in docs if d.dates.treatment})
    if not treated:
        return None
    return min(deadline_start(t, docs)[0] for t in treated) + DEADLINE


@dataclass(frozen=True)
class QueueRow:
    entry: TriageEntry
    received: dt.date
    deadline: dt.date | None


class QueueCache:
    """The queue's rows kept between requests: each page view stats the records and parses
    only those that changed, so paging through thousands of claims does not read them all."""

    def __init__(self, source: ResultSource):
        self.source = source
        self._rows: dict[str, tuple[tuple, QueueRow]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def row(result: ClaimResult) -> QueueRow:
        (entry,) = triage_queue([result]).claims
        return QueueRow(entry=entry, received=result.received_date, deadline=deadline_of(result))

    def rows(self) -> list[QueueRow]:
        versions = self.source.versions()
        if versions is None:
            rows = [self.row(r) for r in self.source.results()]
        else:
            with self._lock:
                kept: dict[str, tuple[tuple, QueueRow]] = {}
                for claim_id, version in versions.items():
                    cached = self._rows.get(claim_id)
                    if cached is not None and cached[0] == version:
                        kept[claim_id] = cached
                        continue
                    try:
                        result = self.source.result(claim_id)
                    except (ValueError, StorageError, OSError):
                        log.warning("claim record %s could not be read", claim_id)
                        continue
                    if result is not None:
                        kept[claim_id] = (version, self.row(result))
                self._rows = kept
                rows = [row for _, row in kept.values()]
        return sorted(rows, key=lambda r: queue_key(r.entry.status, r.entry.earliest_treatment, r.entry.claim_id))


def create_app(source: ResultSource, host: str = "127.0.0.1", token: str | None = None,
               today: dt.date | None = None, read_cache: Path | None = None) -> FastAPI:
    """The app over one result source; refuses a non-local host without a token."""
    if not is_local(host) and not token:
        raise RuntimeError(f"set {TOKEN_ENV} to serve the caseworker page on {host}")
    app = FastAPI(title="claim-intake caseworker page", docs_url=None, redoc_url=None, openapi_url=None)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(code_label=CODE_LABELS, status_label=STATUS_LABELS, field_label=field_label)
    csrf = secrets.token_urlsafe(32)
    app.state.source = source

    def authorised(request: Request) -> bool:
        if not token:
            return True
        header = request.headers.get("authorization", "")
        offered = header[7:] if header.lower().startswith("bearer ") else request.cookies.get(COOKIE, "")
        return hmac.compare_digest(offered.encode(), token.encode())

    @app.middleware("http")
    async def guard(request: Request, call_next):  # noqa: ANN001, ANN202
        if not token and not is_local(urlsplit(f"//{request.headers.get('host', '')}").hostname or ""):
            return PlainTextResponse("", status_code=400)  # a rebound DNS name reaching a local-only page
        if token and request.url.path == "/login":
            offered = request.query_params.get("token", "")
            if not hmac.compare_digest(offered.encode(), token.encode()):
                return PlainTextResponse("401 Unauthorized", status_code=401)
            response = RedirectResponse("/", status_code=303)
            response.set_cookie(COOKIE, token, httponly=True, samesite="strict",
                                secure=request.url.scheme == "https")
            return response
        if not authorised(request):
            return PlainTextResponse("401 Unauthorized", status_code=401,
                                     headers={"WWW-Authenticate": "Bearer"})
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Content-Security-Policy",
                                    "default-src 'self'; img-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
                                    "script-src 'self'; "
                                    "frame-ancestors 'none'; form-action 'self'")
        return response

    @app.middleware("http")
    async def log_access(request: Request, call_next):  # noqa: ANN001, ANN202
        """Method, path and status only (the query string may hold the login token);
        added last, so it is outermost and refusals are logged too."""
        response = await call_next(request)
        access_log.info("%s %s %d", request.method, request.url.path, response.status_code)
        return response

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def lang_of(request: Request) -> str:
        return "no" if request.cookies.get(LANG_COOKIE) == "no" else "en"

    def load(claim_id: str) -> ClaimResult:
        try:
            result = source.result(claim_id)
        except (ValueError, OSError):
            log.warning("claim record %s could not be read", claim_id)
            result = None
        if result is None:
            raise HTTPException(404, "no such claim")
        return result

    def corrections_of(claim_id: str) -> list[corr.Correction]:
        try:
            return corr.parse(source.read_corrections(claim_id))
        except (ValueError, ValidationError):
            log.warning("corrections of %s could not be read", claim_id)
            return []

    queue = QueueCache(source)

    def queue_rows() -> list[dict[str, Any]]:
        day = today or dt.date.today()
        return [{"entry": row.entry, "received": row.received, "deadline": row.deadline,
                 "days_left": (row.deadline - day).days if row.deadline else None}
                for row in queue.rows()]

    @app.get("/", response_class=HTMLResponse)
    def queue_page(request: Request, status: str | None = None, code: str | None = None) -> Response:
        rows = queue_rows()
        codes = sorted({c for row in rows for c in row["entry"].codes})
        counts = {s: sum(1 for row in rows if row["entry"].status.value == s) for s in STATUS_LABELS}
        return templates.TemplateResponse(request, "queue.html", {
            "rows": rows, "codes": codes, "counts": counts, "status": status, "code": code,
            "lang": lang_of(request), "today": today or dt.date.today()})

    @app.get("/claim/{claim_id}", response_class=HTMLResponse)
    def claim_page(request: Request, claim_id: str) -> Response:
        result = load(claim_id)
        order = [row.entry.claim_id for row in queue.rows()]
        pos = order.index(claim_id) if claim_id in order else -1
        corrections = corrections_of(claim_id)
        values = corr.corrected_values(corrections)
        gone = corr.dismissed(corrections)
        from validators.messages import ask_for

        findings = [{"f": f, "ask": ask_for(f), "dismissed": (f.code.value, f.document) in gone}
                    for f in result.findings]
        docs = [document_view(i, d, values, source.has_original(claim_id, d.source_file))
                for i, d in enumerate(result.documents)]
        return templates.TemplateResponse(request, "claim.html", {
            "r": result, "docs": docs, "findings": findings, "csrf": csrf, "lang": lang_of(request),
            "prev": order[pos - 1] if pos > 0 else None,
            "next": order[pos + 1] if 0 <= pos < len(order) - 1 else None,
            "position": pos + 1, "total": len(order), "corrections": len(corrections),
            "deadline": deadline_of(result)})

    @app.get("/claim/{claim_id}/doc/{index}/page/{page}.jpg")
    def page_image(claim_id: str, index: int, page: int) -> Response:
        result = load(claim_id)
        if not 0 <= index < len(result.documents):
            raise HTTPException(404, "no such document")
        doc = result.documents[index]
        try:
            data = page_jpeg(source.cache_dir, source.original(claim_id, doc.source_file), doc, page, read_cache)
        except PageUnavailable:
            log.info("no page image for %s document %d page %d", claim_id, index, page)
            raise HTTPException(404, "no page image") from None
        return Response(data, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})

    @app.get("/claim/{claim_id}/corrections")
    def list_corrections(claim_id: str) -> JSONResponse:
        load(claim_id)
        return JSONResponse([c.model_dump(mode="json") for c in corrections_of(claim_id)])

    @app.post("/claim/{claim_id}/corrections")
    async def add_correction(request: Request, claim_id: str) -> JSONResponse:
        same_origin(request)
        if not hmac.compare_digest(request.headers.get("x-csrf-token", "").encode(), csrf.encode()):
            raise HTTPException(403, "missing or wrong CSRF token")
        result = load(claim_id)
        try:
            body = json.loads(await request.body())
            body = body if isinstance(body, dict) else {}
            body.pop("at", None)
            c = corr.Correction.model_validate({**body, "by": body.get("by") or "caseworker"})
        except (ValueError, ValidationError):
            raise HTTPException(422, "not a correction") from None
        files = {d.file for d in result.documents}
        if c.document is not None and c.document not in files:
            raise HTTPException(422, "no such document in this claim")
        if c.dismissed is not None and not any(f.code == c.dismissed and f.document == c.document
                                               for f in result.findings):
            raise HTTPException(422, "no such finding in this claim")
        stored = corrections_of(claim_id) + [c]
        source.write_corrections(claim_id, corr.dump(stored))
        log.info("correction stored for %s (%s)", claim_id, c.dismissed.value if c.dismissed else "value")
        return JSONResponse({"stored": len(stored)})

    @app.get("/claim/{claim_id}/expected.json")
    def export(claim_id: str) -> JSONResponse:
        result = load(claim_id)
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", claim_id)
        return JSONResponse(corr.expected_files(result, corrections_of(claim_id)),
                            headers={"Content-Disposition": f'attachment; filename="{safe}.expected.json"'})

    return app


def same_origin(request: Request) -> None:
    """A state change must come from this page: Origin (or Referer) names this host."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin or urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "cross-origin request refused")


def document_view(index: int, doc: DocumentResult, values: dict[tuple[str, str], str | None],
                  has_original: bool) -> dict[str, Any]:
    """A document's fields grouped by page, each with the caseworker's value if corrected."""
    fields = []
    for f in doc.fields:
        key = (doc.file, f.name)
        fields.append({"f": f, "label": field_label(f.name), "corrected": key in values,
                       "value": values[key] if key in values else f.value,
                       "correctable": corr.correctable(f.name)})
    known = {f.name for f in doc.fields}
    for (file, name), value in values.items():  # values the pipeline did not find, added by hand
        if file == doc.file and name not in known:
            fields.append({"f": ExtractedField(name=name, value=None), "label": field_label(name), "corrected": True,
                           "added": True, "value": value, "correctable": True})
    pages = [{"number": n, "fields": [x for x in fields if x["f"].page == n and x["f"].box is not None]}
             for n in range(1, doc.pages + 1)]
    placed = {id(x) for p in pages for x in p["fields"]}
    addable = [f for f in corr.SCALAR_FIELDS if f not in known]
    addable += [f"line_items[{len(doc.line_items)}].description", f"line_items[{len(doc.line_items)}].amount"]
    return {"index": index, "doc": doc, "pages": pages, "other": [x for x in fields if id(x) not in placed],
            "has_original": has_original, "addable": [(f, field_label(f)) for f in addable]}
