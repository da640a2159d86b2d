"""The player manager on a phone: its three lists stand one at a time behind a picker, so the
unlinked characters and Discord users are a tap away instead of below every player's card; a
desktop shows all three side by side and no picker."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from patt_app.demo.guild import DEMO_OFFICER
from tests.e2e.conftest import logged_in_page

PHONE = 390


def test_a_phone_shows_one_list_at_a_time_and_the_picker_switches_it(
    browser: Browser, app_url: str
):
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    officer.set_viewport_size({"width": PHONE, "height": 844})
    officer.goto(f"{app_url}/admin/players")
    players, characters = officer.locator("#column-players"), officer.locator("#column-characters")
    expect(players.locator(".player-card").first).to_be_visible()
    expect(characters).to_be_hidden()
    expect(officer.locator("#column-discord")).to_be_hidden()
    tall_with_players = officer.evaluate("document.documentElement.scrollHeight")

    officer.locator("#phone-list-picker").get_by_role("radio", name="Characters").click()
    expect(characters.get_by_role("heading", name="Unlinked characters")).to_be_visible()
    expect(players).to_be_hidden()
    assert officer.evaluate("document.documentElement.scrollHeight") < tall_with_players

    officer.locator("#phone-list-picker").get_by_role("radio", name="Discord").click()
    expect(officer.locator("#column-discord").get_by_role("heading")).to_be_visible()
    expect(characters).to_be_hidden()


def test_a_desktop_shows_all_three_lists_and_no_picker(browser: Browser, app_url: str):
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/players")
    for column in ("#column-players", "#column-characters", "#column-discord"):
        expect(officer.locator(column)).to_be_visible()
    expect(officer.locator("#phone-list-picker")).to_be_hidden()
