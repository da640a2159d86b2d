"""The officers' raid-night outlook on /admin/events: forecast beside each upcoming raid,
composition warnings, who to nudge, clock-change warnings, and the fair bench down to what a
benched member sees on /events."""

import re

from playwright.sync_api import Browser, expect

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from tests.e2e.conftest import logged_in_page

DEMO_RAID = "Liberation of Undermine — Heroic"


def test_forecast_warnings_and_bench(browser: Browser, app_url: str):
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/schedule")  # the finder's composition becomes the default
    officer.fill("input[name=healers]", "5")
    officer.click("#find-nights")
    expect(officer.locator("#dst-warnings")).to_be_visible()  # clock changes, in the finder too
    officer.goto(f"{app_url}/admin/events")
    expect(officer.locator("#need-healers")).to_have_value("5")
    outlook = officer.locator("#raid-outlook")
    expect(outlook).to_contain_text("Raid-night outlook")
    expect(officer.locator("#forecast-method")).to_contain_text("How the forecast works")
    raid = officer.locator(".forecast-event", has_text=DEMO_RAID).first
    expect(raid).to_contain_text(re.compile(r"Expected \d+\.\d \(\d+–\d+\) · \d+ signed up"))
    # Within half a year some member's clocks change: the season's series is continued.
    expect(officer.locator(".dst-warning").first).to_contain_text(re.compile(r"raids start \d"))

    officer.fill("#need-healers", "12")
    officer.click("#need-apply")
    expect(raid.locator(".forecast-need", has_text="healers, need 12")).to_be_visible()

    raid.get_by_text("free but not signed up").click()
    expect(raid.locator(".free-names")).not_to_have_text("")

    signed = int(re.search(r"(\d+) signed up", raid.inner_text()).group(1))
    raid.locator("input[name=raid_size]").fill(str(signed - 3))
    raid.locator(".raid-size-save").click()
    expect(raid).to_contain_text("3 more signed up than seats")
    expect(raid.locator(".bench-proposal")).to_contain_text("Fair bench proposal")
    raid.locator(".apply-bench").click()
    benched = raid.locator(".benched-player")
    expect(benched).to_have_count(3)
    # Give a seat back: to Demo Member when the proposal benched them (what other browser tests
    # did to the shared season decides who is proposed), so the officer can bench them by hand.
    proposed_names = benched.all_inner_texts()
    release = next((i for i, n in enumerate(proposed_names) if "Demo Member" in n), 0)
    benched.nth(release).click()
    expect(benched).to_have_count(2)

    raid.locator("select[name=player_id]").select_option(label="Demo Member")
    raid.get_by_role("button", name="Bench", exact=True).click()
    expect(raid.locator(".benched-player", has_text="Demo Member")).to_be_visible()

    member = logged_in_page(browser, app_url, DEMO_MEMBER)
    member.goto(f"{app_url}/events")
    # the benched raid, wherever it stands in the list (a raid under way comes first on /events
    # but is not in the officers' outlook)
    raids = member.locator(".upcoming-event", has_text=DEMO_RAID)
    expect(raids.filter(has_text="benched")).to_have_count(1)
