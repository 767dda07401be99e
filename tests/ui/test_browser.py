"""The caseworker page in a real browser (Debian's headless Chromium via Playwright)."""

from __future__ import annotations

import datetime as dt
import json
import os
import struct
from pathlib import Path

from dateutil.relativedelta import relativedelta

from claim_intake.model import ClaimResult
from claim_intake.pipeline import load_results, triage_queue
from tests.ui.conftest import LONG_CLAIM, LONG_PAGES, ROOT

# `UI_SCREENSHOTS=docs pytest tests/ui` (or scripts/ui_screenshots.py) refreshes the README's images.
README_SHOTS = os.environ.get("UI_SCREENSHOTS")


def _check_png(path: Path, min_w: int = 800, min_h: int = 400) -> None:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= min_w and height >= min_h
    assert len(data) > 20_000  # a blank or broken page compresses to almost nothing


def _shot(page, tmp_path: Path, name: str) -> None:
    target = tmp_path / f"{name}.png"
    page.screenshot(path=str(target), full_page=False)
    _check_png(target)
    if README_SHOTS:
        Path(ROOT / README_SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ROOT / README_SHOTS / f"{name}.png"), full_page=False)


def _result(out: Path, claim_id: str) -> ClaimResult:
    return ClaimResult.model_validate_json((out / f"{claim_id}.json").read_text(encoding="utf-8"))


def test_queue_lists_claims_in_queue_order_with_badges(page, ui_data, tmp_path):
    out, _ = ui_data
    page.goto("/")
    expected = [e.claim_id for e in triage_queue(load_results(out)).claims]
    rows = page.locator("tr.claim-row")
    assert rows.evaluate_all("rs => rs.map(r => r.dataset.claim)") == expected
    for entry in triage_queue(load_results(out)).claims:
        row = page.locator(f'tr.claim-row[data-claim="{entry.claim_id}"]')
        assert row.locator(".status").get_attribute("data-status") == entry.status.value
        badges = row.locator("td.badges .badge").evaluate_all("bs => bs.map(b => b.dataset.code)")
        assert badges == entry.codes
    incomplete = page.locator('tr[data-claim="c032_da_gp"]')
    assert incomplete.locator(".badge").inner_text() == "Doctor's name missing"
    assert "2026-11-20" in incomplete.inner_text()  # received
    # 6 months from the treatment date, counted from the test's today (2026-11-25)
    days = int(incomplete.locator("td.deadline").get_attribute("data-days-left"))
    treated = triage_queue([_result(out, "c032_da_gp")]).claims[0].earliest_treatment
    assert days == ((treated + relativedelta(months=6)) - dt.date(2026, 11, 25)).days
    asks = triage_queue([_result(out, "c032_da_gp")]).claims[0].ask_claimant
    assert asks and incomplete.locator("td.asks").inner_text() == "\n".join(asks)
    _shot(page, tmp_path, "ui-queue")


def test_filters_hide_rows(page, ui_data):
    page.goto("/")
    page.click('button.filter[data-filter="status"][data-value="needs_review"]')
    visible = page.locator("tr.claim-row:visible").evaluate_all("rs => rs.map(r => r.dataset.status)")
    assert visible and set(visible) == {"needs_review"}
    assert page.locator("tr.claim-row:not(:visible)").count() > 0
    assert "status=needs_review" in page.url
    page.click('button.filter[data-filter="code"][data-value="UNREADABLE_DOCUMENT"]')
    assert page.locator("tr.claim-row:visible").evaluate_all("rs => rs.map(r => r.dataset.claim)") == ["c055_sv_gp"]
    page.click('button.filter[data-filter="status"][data-value="ready"]')  # ready and unreadable: none
    assert page.locator("tr.claim-row:visible").count() == 0
    assert page.locator("#empty-note").is_visible()
    page.click('button.filter[data-filter="status"][data-value=""]')
    page.click('button.filter[data-filter="code"][data-value=""]')
    assert page.locator("tr.claim-row:visible").count() == page.locator("tr.claim-row").count()
    page.goto("/?status=incomplete")  # a filter in the address works without a click
    incomplete = [e.claim_id for e in triage_queue(load_results(ui_data[0])).claims if e.status.value == "incomplete"]
    assert "c032_da_gp" in incomplete
    assert page.locator("tr.claim-row:visible").evaluate_all("rs => rs.map(r => r.dataset.claim)") == incomplete


def test_keyboard_moves_through_the_queue_and_claims(page, ui_data):
    out, _ = ui_data
    order = [e.claim_id for e in triage_queue(load_results(out)).claims]
    page.goto("/")
    assert page.locator("#key-hint").is_visible() and "j / k" in page.locator("#key-hint").inner_text()
    assert page.locator("tr.selected").get_attribute("data-claim") == order[0]
    page.keyboard.press("j")
    assert page.locator("tr.selected").get_attribute("data-claim") == order[1]
    page.keyboard.press("k")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/claim/{order[0]}")
    page.keyboard.press("j")
    page.wait_for_url(f"**/claim/{order[1]}")
    page.keyboard.press("p")
    page.wait_for_url(f"**/claim/{order[0]}")
    docs = page.locator("section.document")
    assert docs.count() == 2
    page.keyboard.press("]")
    assert page.locator("section.document.current").get_attribute("data-doc") == "0"
    page.keyboard.press("]")
    assert page.locator("section.document.current").get_attribute("data-doc") == "1"
    page.keyboard.press("[")
    assert page.locator("section.document.current").get_attribute("data-doc") == "0"


def test_claim_page_shows_documents_values_and_boxes_where_provenance_says(page, ui_data, tmp_path):
    out, _ = ui_data
    result = _result(out, "c032_da_gp")
    page.goto("/claim/c032_da_gp")
    sections = page.locator("section.document")
    assert sections.evaluate_all("ss => ss.map(s => s.dataset.file)") == [d.file for d in result.documents]
    for i, doc in enumerate(result.documents):
        head = page.locator(f"#doc-{i} .doc-head")
        assert doc.doc_type.value.replace("_", " ") in head.inner_text()
        assert head.locator(".tag.lang").inner_text() == doc.language
        img = page.locator(f'#doc-{i} img.page-img').first
        assert img.get_attribute("loading") == "lazy"
        img.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
        placed = [f for f in doc.fields if f.box is not None and f.page == 1]
        assert placed
        img_box = img.bounding_box()
        for f in placed:
            row = page.locator(f'#doc-{i} tr.value-row[data-field="{f.name}"]')
            assert row.locator(".val").inner_text() == (f.value if f.value is not None else "–")
            assert row.locator("td.conf").inner_text() == f"{f.confidence * 100:.0f}%"
            rect = page.locator(f'#doc-{i} .box[data-field="{f.name}"]').bounding_box()
            tol = 2.5  # px: borders and rounding
            assert abs(rect["x"] - (img_box["x"] + f.box.x0 * img_box["width"])) < tol
            assert abs(rect["y"] - (img_box["y"] + f.box.y0 * img_box["height"])) < tol
            assert abs(rect["width"] - (f.box.x1 - f.box.x0) * img_box["width"]) < tol
            assert abs(rect["height"] - (f.box.y1 - f.box.y0) * img_box["height"]) < tol
    # the drawn image has the page's proportions (A4 from the PDF), so the boxes sit on the text
    ratio = page.locator("#doc-0 img.page-img").evaluate("i => i.naturalHeight / i.naturalWidth")
    assert abs(ratio - 297 / 210) < 0.01
    finding = page.locator("li.finding")
    assert finding.get_attribute("data-code") == "DOCTOR_NAME_MISSING"
    assert finding.locator(".msg").inner_text() == result.findings[0].message
    assert "Ask the claimant for" in finding.locator(".ask").inner_text()
    page.locator("#doc-0").scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, 0)")
    _shot(page, tmp_path, "ui-claim")


def test_language_switch_changes_finding_messages(page, ui_data):
    out, _ = ui_data
    finding = _result(out, "c032_da_gp").findings[0]
    page.goto("/claim/c032_da_gp")
    msg = page.locator("li.finding .msg")
    assert msg.inner_text() == finding.message
    page.click('button[data-set-lang="no"]')
    assert msg.inner_text() == finding.message_no
    assert page.locator("li.finding .badge").inner_text() == "Legens navn mangler"
    page.reload()  # the choice is remembered
    assert msg.inner_text() == finding.message_no
    page.click('button[data-set-lang="en"]')
    assert msg.inner_text() == finding.message


def test_correction_round_trips_and_leaves_the_record_untouched(page, ui_data):
    out, _ = ui_data
    record = out / "c055_sv_gp.json"
    before = record.read_bytes()
    page.goto("/claim/c055_sv_gp")
    row = page.locator('#doc-0 tr.value-row[data-field="total"]')
    old = row.locator(".val").inner_text()
    row.locator("button.edit").click()
    row.locator("input.edit-value").fill("999.00")
    with page.expect_navigation():
        row.locator("input.edit-value").press("Enter")
    row = page.locator('#doc-0 tr.value-row[data-field="total"]')
    assert row.locator(".val").inner_text() == "999.00"
    assert row.locator("del.was").inner_text() == old
    assert "corrected" in page.locator('#doc-0 .box[data-field="total"]').get_attribute("class")
    with page.expect_navigation():
        page.click('li.finding[data-code="UNREADABLE_DOCUMENT"] button.dismiss')
    assert "dismissed" in page.locator('li.finding[data-code="UNREADABLE_DOCUMENT"]').get_attribute("class")

    add = page.locator('#doc-0 .add-value')
    add.locator("select.add-field").select_option("specialty")  # a value the pipeline did not find
    add.locator("input.add-input").fill("general practice")
    with page.expect_navigation():
        add.locator("button.add").click()
    added = page.locator('#doc-0 tr.value-row[data-field="specialty"]')
    assert added.locator(".val").inner_text() == "general practice"
    assert added.locator("td.conf").inner_text() == "added"

    assert record.read_bytes() == before
    stored = json.loads((out / "c055_sv_gp.corrections.json").read_text(encoding="utf-8"))
    assert [(c["document"], c["field"], c["value"], c["dismissed"]) for c in stored] == [
        ("faktura_2876239.pdf", "total", "999.00", None), ("scan_0080.pdf", None, None, "UNREADABLE_DOCUMENT"),
        ("faktura_2876239.pdf", "specialty", "general practice", None)]
    assert all(c["at"] and c["by"] for c in stored)
    exported = page.request.get("/claim/c055_sv_gp/expected.json").json()
    assert exported["c055_sv_gp/faktura_2876239.pdf.expected.json"]["total"] == "999.00"
    assert exported["c055_sv_gp/faktura_2876239.pdf.expected.json"]["specialty"] == "general practice"
    assert exported["c055_sv_gp/claim.expected.json"]["findings"] == []
    assert exported["c055_sv_gp/claim.expected.json"]["status"] == "ready"
    assert len(load_results(out)) == 4  # the corrections file is not taken for a claim record


def test_fifty_page_claim_loads_only_the_pages_in_view(page, ui_data, served):
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url) if "/page/" in r.url else None)
    page.goto(f"/claim/{LONG_CLAIM}")
    page.wait_for_load_state("load")
    imgs = page.locator("img.page-img")
    assert imgs.count() == LONG_PAGES
    assert set(imgs.evaluate_all("is => is.map(i => i.loading)")) == {"lazy"}
    assert 1 <= len(requested) < 10, requested
    page.locator("img.page-img").nth(LONG_PAGES - 1).scroll_into_view_if_needed()
    page.wait_for_function("() => { const i = document.querySelectorAll('img.page-img'); "
                           "const last = i[i.length - 1]; return last.complete && last.naturalWidth > 0; }")
    assert any(u.endswith(f"/page/{LONG_PAGES}.jpg") for u in requested)
    assert len(requested) < LONG_PAGES
