"""Officer creates a series, a member signs up, the officer marks attendance; the season report
and the member's own record show it."""

import re
from datetime import UTC, datetime, timedelta

import httpx
from playwright.sync_api import Browser, expect

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER, DEMO_PASSWORD
from tests.e2e.conftest import logged_in_page


def _api(app_url: str, username: str) -> httpx.Client:
    token = httpx.post(
        f"{app_url}/api/v1/auth/login",
        json={"discord_username": username, "password": DEMO_PASSWORD},
    ).json()["data"]["token"]
    return httpx.Client(base_url=app_url, headers={"Authorization": f"Bearer {token}"})


def _member_row(officer_api: httpx.Client, season_id: int) -> dict:
    rows = officer_api.get(f"/api/v1/attendance/season/{season_id}").json()["data"]
    return next(r for r in rows if r["display_name"] == "Demo Member")


def test_series_sign_up_attendance_report_and_history(browser: Browser, app_url: str):
    officer_api = _api(app_url, DEMO_OFFICER)
    first_day = (datetime.now(UTC) + timedelta(days=2)).date()
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/events")
    officer.fill("input[name=title] >> nth=1", "Mythic prog")
    officer.fill("#series-first", first_day.isoformat())
    officer.check(f"#series-day{first_day.weekday()}")
    officer.fill("#series-weeks", "3")
    officer.click("#series-save")
    expect(officer.locator(".admin-event", has_text="Mythic prog")).to_have_count(3)

    events = officer_api.get("/api/v1/events", params={"from": first_day.isoformat()}).json()
    first = next(e for e in events["data"] if e["title"] == "Mythic prog")
    season_id = first["season_id"]
    before = _member_row(officer_api, season_id)

    member = logged_in_page(browser, app_url, DEMO_MEMBER)
    member.goto(f"{app_url}/events")
    card = member.locator(".upcoming-event", has_text="Mythic prog").first
    expect(card).to_contain_text("signed up")
    if card.get_by_role("button", name="Withdraw").count():  # auto sign-up is on for them
        card.get_by_role("button", name="Withdraw").click()
        expect(card).to_contain_text("not signed up")
    card.get_by_role("button", name="Sign up").click()
    expect(card.get_by_role("button", name="Withdraw")).to_be_visible()

    officer.goto(f"{app_url}/admin/events/{first['id']}")
    expect(officer.locator("#checklist-title")).to_contain_text("Mythic prog")
    row = officer.locator(".checklist-row", has_text="Demo Member")
    expect(row).to_contain_text("signed up")
    expect(officer.locator(".checklist-row").first).to_contain_text("signed up")  # first
    officer.click("#all-attended")
    expect(row.locator(".attended-box")).to_have_attribute("data-state", "checked")

    # The raid happened earlier than planned: the officer moves it to yesterday.
    officer.goto(f"{app_url}/admin/events")
    officer.locator(".admin-event", has_text="Mythic prog").first.get_by_role(
        "button", name="Edit"
    ).click()
    expect(officer.locator("#event-title")).to_have_value("Mythic prog")
    yesterday = (datetime.now(UTC) - timedelta(days=1)).date()
    officer.fill("#event-date", yesterday.isoformat())
    officer.fill("#event-start", "18:00")
    officer.fill("#event-end", "19:00")
    officer.click("#event-save")
    expect(officer.get_by_text("Event updated.")).to_be_visible()

    after = _member_row(officer_api, season_id)
    assert (after["expected"], after["attended"]) == (
        before["expected"] + 1,
        before["attended"] + 1,
    )
    officer.goto(f"{app_url}/admin/attendance")
    report_row = officer.locator(".report-row", has_text="Demo Member")
    expect(report_row).to_contain_text(str(after["attended"]))
    expect(report_row).to_contain_text(f"{after['percent']:.1f} %")
    # every count is shown, none left blank (late and left early read 0 like the others)
    assert all(cell.strip() for cell in report_row.locator("td").all_inner_texts())

    member.goto(f"{app_url}/events")
    expect(member.locator(".past-event", has_text="Mythic prog")).to_contain_text("attended")
    expect(member.locator("#my-percent")).to_have_text(f"{after['percent']:g} %")
    expect(member.locator("#calendar-status")).to_have_text("You have no calendar link yet.")
    member.click("#make-calendar-link")
    link = member.locator("#calendar-link").inner_text()
    feed = httpx.get(link.replace("http://localhost:3000", app_url))
    assert feed.status_code == 200 and "BEGIN:VCALENDAR" in feed.text
    assert re.search(r"SUMMARY:Mythic prog", feed.text)
