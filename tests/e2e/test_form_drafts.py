"""What an officer typed into a new event survives a reload (kept in their browser) until they
create the event or clear it."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from patt_app.demo.guild import DEMO_OFFICER
from tests.e2e.conftest import logged_in_page


def test_a_half_filled_new_event_survives_a_reload_until_cleared(browser: Browser, app_url: str):
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/events")
    expect(officer.locator("#event-title")).to_have_value("Heroic raid")
    officer.fill("#event-title", "Alt run (draft)")
    officer.fill("#event-notes", "bring flasks")
    officer.fill("#event-start", "19:30")
    officer.locator("#event-date").fill("2030-01-15")
    officer.locator("#event-title").click()  # leaving the notes keeps them too
    # (kept once the browser has the server's answer; a person takes longer than that to reload)
    officer.wait_for_function(
        "() => (localStorage.getItem('patt_new_event_draft') || '').includes('bring flasks')"
    )

    officer.reload()
    expect(officer.locator("#draft-restored")).to_be_visible()
    expect(officer.locator("#event-title")).to_have_value("Alt run (draft)")
    expect(officer.locator("#event-notes")).to_have_value("bring flasks")
    expect(officer.locator("#event-start")).to_have_value("19:30")
    expect(officer.locator("#event-date")).to_have_value("2030-01-15")

    officer.get_by_role("button", name="Clear").click()
    expect(officer.locator("#event-title")).to_have_value("Heroic raid")
    officer.reload()
    expect(officer.locator("#event-title")).to_have_value("Heroic raid")
    expect(officer.locator("#draft-restored")).to_have_count(0)
