"""The officers' scheduling view /admin/schedule in the browser: the raid-night finder offers
"Create event", leaves out past nights and says when a night already has a raid; the week is
named in the viewer's date style."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, delete

from patt_app.demo.guild import DEMO_OFFICER
from patt_app.models import RaidEvent
from patt_app.services.raids.events import EventDetails, create_event
from tests.e2e.watched_pages import _context_page, _database, _watched


def _find_nights(officer: Page) -> None:
    officer.click("#find-nights")
    expect(officer.locator(".suggestion").first).to_be_visible()


def test_finder_offers_create_event_and_leaves_out_past_nights(browser: Browser, app_url: str):
    officer = _watched(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/schedule")
    expect(officer.locator("#week-label")).to_contain_text("Week of")
    officer.fill("input[name=nights]", "7")
    officer.click("#find-nights")
    answered = officer.locator(".suggestion").or_(officer.get_by_text("No window fits"))
    expect(answered.first).to_be_visible()  # some nights, or none left this week
    now = datetime.now(UTC)
    for start in officer.locator(".suggestion").evaluate_all(
        "rows => rows.map(r => r.dataset.start)"
    ):
        assert datetime.fromisoformat(start) >= now, f"a night already past: {start}"
    officer.click("#next-week")
    _find_nights(officer)
    first = officer.locator(".suggestion").first
    expect(first.get_by_role("button", name="Create event")).to_be_visible()
    first.get_by_role("button", name="Create event").click()
    expect(officer).to_have_url(re.compile(r"/admin/events\?.*title=Raid\+night"))
    expect(officer.locator("#event-title")).to_have_value("Raid night")
    assert officer.errors == []  # type: ignore[attr-defined]


def test_finder_says_when_a_night_already_has_a_raid(browser: Browser, app_url: str):
    officer = _watched(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/schedule")
    officer.fill("input[name=nights]", "7")
    officer.click("#next-week")
    _find_nights(officer)
    free = officer.locator(".suggestion").filter(has_not=officer.locator(".suggestion-booked"))
    expect(free.first).to_be_visible()  # the demo guild raids some nights, not all
    shown = free.first.get_attribute("data-start")
    start = datetime.fromisoformat(shown).astimezone(UTC)
    with Session(_database()) as session:
        create_event(
            session=session,
            details=EventDetails(
                title="Already booked",
                event_date=start.date(),
                start=start.time(),
                end=(start + timedelta(hours=2)).time(),
                timezone="UTC",
            ),
            created_by_player_id=None,
            today=datetime.now(UTC).date(),
        )
        session.commit()
    try:
        _find_nights(officer)
        booked = officer.locator(f".suggestion[data-start='{shown}'] .suggestion-booked")
        expect(booked).to_contain_text("a raid is already planned that night: Already booked")
    finally:  # other tests count the coming raids (the outlook shows the next eight)
        with Session(_database()) as session:
            session.execute(delete(RaidEvent).where(RaidEvent.title == "Already booked"))
            session.commit()


def test_the_week_is_named_in_the_viewers_date_style(browser: Browser, app_url: str):
    page = _context_page(browser, app_url, DEMO_OFFICER)  # a British-English browser
    page.goto(f"{app_url}/admin/schedule")
    today = datetime.now(UTC).date()
    monday = today - timedelta(days=today.weekday())
    named = rf"Week of Mon,? {monday.day} {monday:%b} {monday.year}"
    expect(page.locator("#week-label")).to_have_text(re.compile(named))  # not "2026-11-30"
