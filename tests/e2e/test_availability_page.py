"""A member's /availability page in the browser: an away period refused for its dates keeps
them, and a saved one is shown in the viewer's date style."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Browser, expect

from patt_app.demo.guild import DEMO_MEMBER
from tests.e2e.watched_pages import _context_page


def test_a_refused_away_period_keeps_its_dates(browser: Browser, app_url: str):
    member = _context_page(browser, app_url, DEMO_MEMBER)
    member.goto(f"{app_url}/availability")
    start = (datetime.now(UTC) + timedelta(days=40)).date()
    member.fill("#away-start", start.isoformat())
    member.fill("#away-end", (start - timedelta(days=3)).isoformat())  # ends before it starts
    member.get_by_role("button", name="Add", exact=True).click()
    expect(member.locator("[data-sonner-toast]").last).to_be_visible()
    expect(member.locator("#away-start")).to_have_value(start.isoformat())
    member.fill("#away-end", (start + timedelta(days=3)).isoformat())
    member.get_by_role("button", name="Add", exact=True).click()
    expect(member.get_by_text("Away period saved.")).to_be_visible()
    expect(member.locator("#away-start")).to_have_value("")
    shown = rf"{start:%a},? {start.day} {start:%b} {start.year} → "  # the viewer's style
    expect(member.get_by_text(re.compile(shown))).to_be_visible()  # not "2027-01-15 → …"
