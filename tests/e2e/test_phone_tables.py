"""Tables on a phone: each row is a card with its column labels, every button on screen, and a
report whose column headers are gone on a phone can still be sorted."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from patt_app.demo.guild import DEMO_OFFICER
from tests.e2e.conftest import logged_in_page

PHONE = 390
# How much taller a card's cell is than the value in it: the room its label takes up.
LABEL_ROOM = """td => { const range = document.createRange(); range.selectNodeContents(td);
  return td.getBoundingClientRect().height - range.getBoundingClientRect().height; }"""


def test_a_table_row_is_a_labelled_card_with_its_buttons_on_screen(browser: Browser, app_url: str):
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    officer.set_viewport_size({"width": PHONE, "height": 844})
    officer.goto(f"{app_url}/admin/jobs")
    job = officer.locator(".job-row").first
    expect(job).to_be_visible()
    # The column's label sits beside the value inside the card; the header row is hidden.
    label = job.locator("td").nth(1).evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Schedule"'
    expect(officer.locator("thead").first).to_be_hidden()
    # beside, not above: the cell is no taller than its value ("every 30 seconds") and padding
    assert job.locator("td").nth(1).evaluate(LABEL_ROOM) < 12
    # A job run at set times of day names them in the officer's own clock, not in UTC.
    expect(officer.locator(".daily-at").first).to_contain_text(re.compile(r"daily at \d"))
    expect(officer.locator(".daily-at").first).not_to_contain_text("UTC")
    run_now = job.get_by_role("button", name="Run now")
    box = run_now.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE


def test_the_attendance_report_sorts_on_a_phone(browser: Browser, app_url: str):
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    officer.set_viewport_size({"width": PHONE, "height": 844})
    officer.goto(f"{app_url}/admin/attendance")
    rows = officer.locator(".report-row")
    expect(rows.first).to_be_visible()
    sorts = officer.locator(".phone-sort")
    sorts.filter(has_text="Player").click()  # A to Z
    expect(sorts.filter(has_text="Player")).to_contain_text("▲")
    names = [rows.nth(i).locator("td").first.inner_text() for i in range(min(5, rows.count()))]
    assert names == sorted(names, key=str.casefold)
    sorts.filter(has_text="Player").click()  # Z to A
    expect(sorts.filter(has_text="Player")).to_contain_text("▼")
    names = [rows.nth(i).locator("td").first.inner_text() for i in range(min(5, rows.count()))]
    assert names == sorted(names, key=str.casefold, reverse=True)


def test_the_sort_buttons_are_only_for_phones(browser: Browser, app_url: str):
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/attendance")
    expect(officer.locator(".report-row").first).to_be_visible()
    expect(officer.locator(".phone-sort").first).to_be_hidden()
    expect(officer.locator(".patt-sortable").first).to_be_visible()


def test_a_card_label_reads_as_its_column_header(browser: Browser, app_url: str):
    member = logged_in_page(browser, app_url, DEMO_OFFICER)
    member.set_viewport_size({"width": PHONE, "height": 844})
    member.goto(f"{app_url}/schedule")
    header = "Tanks · Healers · Melee · Ranged"
    summary = member.locator("table", has=member.get_by_text(header, exact=True)).first
    cell = summary.locator("tbody tr").first.locator("td").nth(4)
    expect(cell).to_be_visible()  # (not "Tanks u00b7 Healers …")
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") == f'"{header}"'
