"""The officers' /admin/events pages in the browser: a raid's attendance heading in the
officer's own zone, event notes that stop at their limit as you type, and the clock-change
warnings showing the next one and folding the rest."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from playwright.sync_api import Browser, expect
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_OFFICER
from patt_app.models import RaidEvent
from tests.e2e.watched_pages import _context_page, _database


def test_the_attendance_heading_is_in_the_officers_zone(browser: Browser, app_url: str):
    with Session(_database()) as session:
        event = session.exec(select(RaidEvent).order_by(RaidEvent.start_time_utc.desc())).first()
    officer = _context_page(browser, app_url, DEMO_OFFICER)  # America/New_York
    officer.goto(f"{app_url}/admin/events/{event.id}")
    local = event.start_time_utc.astimezone(ZoneInfo("America/New_York"))
    heading = officer.locator("#checklist-title")
    expect(heading).to_contain_text(f"{local:%a} {local.day} {local:%b}, {local:%H:%M}")
    expect(heading).not_to_contain_text("UTC")


def test_event_notes_stop_at_their_limit_as_you_type(browser: Browser, app_url: str):
    officer = _context_page(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/events")
    notes = officer.locator("#event-notes")
    expect(notes).to_have_attribute("maxlength", "2000")
    notes.fill("x" * 2000)
    notes.press("y")  # one more is refused by the field itself
    expect(notes).to_have_value("x" * 2000)
    expect(officer.locator(".field-limit", has_text="/ 2000")).to_have_text("2000 / 2000")


def test_clock_changes_show_the_next_one_and_fold_the_rest(browser: Browser, app_url: str):
    officer = _context_page(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/events")
    lines = officer.locator("#dst-warnings .dst-warning")
    expect(lines.first).to_be_visible()
    assert sum(line.is_visible() for line in lines.all()) == 1
    if lines.count() > 1:
        officer.locator(".dst-later summary").click()
        expect(lines.nth(1)).to_be_visible()
