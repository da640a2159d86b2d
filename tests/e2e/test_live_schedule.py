"""A member saves availability while an officer has the scheduling view open: the officer's
heatmap changes without a reload."""

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Browser, Page, expect

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from tests.e2e.conftest import logged_in_page
from tests.e2e.heatmap_cells import heat_count, settled_heat_count
from tests.e2e.page_crawl import jargon_on

# The demo officer views in America/New_York; the demo member lives in America/Denver.
# Tuesday 20:00 in Denver is Tuesday 22:00 in New York: slot 48 + 44 of the week's grid.
TUESDAY_22_NEW_YORK = "#cell-92"
DENVER = ZoneInfo("America/Denver")


def expected_preview(today: date, local_start: time, hours: int) -> str:
    """The availability page previews the window in the current (UTC) week, Monday first;
    this is the Tuesday window's text computed from the real zone rules of that week (MST in
    winter reads "Wed 03:00–06:00 UTC", MDT in summer "Wed 02:00–05:00 UTC")."""
    tuesday = today - timedelta(days=today.weekday()) + timedelta(days=1)
    start = datetime.combine(tuesday, local_start, tzinfo=DENVER)
    end = start.astimezone(UTC) + timedelta(hours=hours)
    start_utc = start.astimezone(UTC)
    return (
        f"Tue {local_start:%H:%M}–{end.astimezone(DENVER):%H:%M} (your time) = "
        f"{start_utc:%a %H:%M}–{end:%H:%M} UTC"
    )


def test_expected_preview_follows_denvers_zone_rules():
    """The helper itself, on a winter and a summer week (no browser needed)."""
    assert expected_preview(date(2027, 1, 13), time(20), 3).endswith("= Wed 03:00–06:00 UTC")
    assert expected_preview(date(2027, 7, 14), time(20), 3).endswith("= Wed 02:00–05:00 UTC")


def _count(page: Page) -> int:
    return heat_count(page, TUESDAY_22_NEW_YORK)


def test_officer_heatmap_follows_a_members_save_without_reload(browser: Browser, app_url: str):
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/schedule")
    expect(officer.locator("#viewer-zone")).to_have_text("America/New_York")
    expect(officer.locator(TUESDAY_22_NEW_YORK)).to_have_attribute(
        "title", re.compile("^Tue 22:00")
    )

    member = logged_in_page(browser, app_url, DEMO_MEMBER)
    member.goto(f"{app_url}/availability")
    expect(member.locator("#my-zone")).to_have_text("America/Denver")
    if member.locator("#clear-1").count():
        member.click("#clear-1")
        expect(member.locator("#preview-1")).to_have_text("")
    before = settled_heat_count(browser, officer, app_url, TUESDAY_22_NEW_YORK)
    officer_url = officer.url

    member.fill("#start-1", "20:00")
    member.get_by_role("heading", name="When can you raid?").click()  # leave the field: saves
    expect(member.locator("#preview-1")).to_contain_text(
        expected_preview(datetime.now(UTC).date(), time(20), 3)
    )

    expect(officer.locator(TUESDAY_22_NEW_YORK)).to_have_attribute(
        "title", re.compile(rf": {before + 1} available")
    )
    assert officer.url == officer_url, "no reload, no navigation"
    officer.locator(TUESDAY_22_NEW_YORK).click()
    expect(officer.locator("#cell-title")).to_contain_text(f"{before + 1} available")
    expect(officer.locator(".cell-person", has_text="Demo Member")).to_be_visible()
    assert jargon_on(officer) == []  # a player without a main reads "no main set"
    officer.screenshot(path="test-results/officer-schedule-live.png")

    # Officers only, then count the member anyway, then leave her out again.
    officer.get_by_role("combobox").filter(has_text="Everyone").click()
    officer.get_by_role("option", name="Officer+").click()
    expect(officer.locator(TUESDAY_22_NEW_YORK)).not_to_have_attribute(
        "title", re.compile(rf": {before + 1} available")
    )
    officers_only = _count(officer)
    officer.select_option("#always-count", label="Demo Member")
    expect(officer.locator(".included-person")).to_contain_text("Demo Member")
    expect(officer.locator(TUESDAY_22_NEW_YORK)).to_have_attribute(
        "title", re.compile(rf": {officers_only + 1} available")
    )
    officer.locator(TUESDAY_22_NEW_YORK).click()
    officer.locator(".cell-person", has_text="Demo Member").locator(".exclude-person").click()
    expect(officer.locator(".excluded-person")).to_contain_text("Demo Member")
    expect(officer.locator(TUESDAY_22_NEW_YORK)).to_have_attribute(
        "title", re.compile(rf": {officers_only} available")
    )


def test_finder_suggests_nights_for_the_demo_guild(browser: Browser, app_url: str):
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/schedule")
    officer.click("#find-nights")
    suggestions = officer.locator(".suggestion")
    expect(suggestions.first).to_be_visible()
    expect(suggestions.first).to_contain_text("score")
    suggestions.first.get_by_role("button", name="Show on heatmap").click()
    expect(officer.locator(".heat-cell.highlighted")).to_have_count(6)  # 3 h of half hours


def test_members_see_counts_but_no_names(browser: Browser, app_url: str):
    member = logged_in_page(browser, app_url, DEMO_MEMBER)
    member.goto(f"{app_url}/schedule")
    expect(member.locator(".heat-cell").first).to_be_visible()
    member.locator(".heat-cell").nth(92).click()
    expect(member.locator("#cell-title")).to_have_count(0)
    expect(member.locator("#find-nights")).to_have_count(0)
    member.goto(f"{app_url}/admin/schedule")
    expect(member.locator("#officers-only")).to_be_visible()
