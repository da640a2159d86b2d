"""An officer invites a player, the player registers, picks a main and a time zone; the roster
shows it. Members and visitors cannot use the officer screens."""

import re

import httpx
from playwright.sync_api import Browser, Page, expect

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER, DEMO_PASSWORD
from tests.e2e.conftest import log_in


def _player_without_account(app_url: str) -> dict:
    token = httpx.post(
        f"{app_url}/api/v1/auth/login",
        json={"discord_username": DEMO_OFFICER, "password": DEMO_PASSWORD},
    ).json()["data"]["token"]
    players = httpx.get(
        f"{app_url}/api/v1/admin/players", headers={"Authorization": f"Bearer {token}"}
    ).json()["data"]["players"]
    return next(
        p
        for p in players
        if p["is_active"]
        and not p["has_account"]
        and p["discord_username"]
        and len(p["characters"]) >= 3
        and p["characters"][0]["is_main"]
    )


def test_invite_register_choose_main_and_timezone(browser: Browser, page: Page, app_url: str):
    player = _player_without_account(app_url)
    new_main = player["characters"][2]

    log_in(page, app_url, DEMO_OFFICER)
    page.locator("#officer-menu").click()
    page.get_by_role("menuitem", name="Players").click()
    expect(page).to_have_url(re.compile(r"/admin/players$"))
    card = page.locator(f"#player-{player['id']}")
    expect(card).to_contain_text("no account yet")
    card.locator(".player-actions").click()
    page.get_by_role("menuitem", name="Generate invite").click()
    expect(page.locator("#invite-code")).to_have_text(re.compile(r"^[A-HJKMNP-Z2-9]{8}$"))
    code = page.locator("#invite-code").inner_text()
    expect(page.locator("#invite-link")).to_contain_text(f"/register?code={code}")

    newcomer = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = newcomer.new_page()
    tab.set_default_timeout(20_000)
    tab.goto(f"{app_url}/register?code={code}")
    expect(tab.locator("#register-code")).to_have_value(code)
    tab.fill("#register-username", player["discord_username"])
    tab.fill("#register-password", "a-new-password")
    tab.fill("#register-password-again", "a-new-password")
    tab.click("#register-submit")
    expect(tab).to_have_url(re.compile(r"/profile/?$"))  # (a full page load: the cookie)
    expect(tab.get_by_role("heading", name=player["display_name"])).to_be_visible()

    tab.locator("#main-character").click()
    tab.get_by_role("option", name=new_main["name"], exact=True).click()
    expect(tab.locator(".profile-character").first).to_contain_text(new_main["name"])
    expect(tab.locator(".profile-character").first).to_contain_text("Main")

    tab.fill("#timezone-input", "Europe/Berlin")
    tab.click("#timezone-save")
    expect(tab.locator("#current-timezone")).to_have_text("Europe/Berlin")

    tab.goto(f"{app_url}/roster")
    row = tab.locator(".roster-row", has_text=player["display_name"])
    expect(row).to_contain_text(new_main["name"])
    tab.screenshot(path="test-results/roster-after-new-main.png")
    newcomer.close()

    # The code is single use.
    again = browser.new_context()
    other = again.new_page()
    other.goto(f"{app_url}/register?code={code}")
    # the page's load has run (it fills the code in): a click before it could be answered,
    # and then the load would clear the answer's error
    expect(other.locator("#register-code")).to_have_value(code)
    other.fill("#register-username", "someone_else")
    other.fill("#register-password", "a-new-password")
    other.fill("#register-password-again", "a-new-password")
    other.click("#register-submit")
    expect(other.locator("#form-error")).to_contain_text("already used")
    again.close()


def test_a_member_cannot_reach_the_player_manager(page: Page, app_url: str):
    log_in(page, app_url, DEMO_MEMBER)
    expect(page.locator("#officer-menu")).to_have_count(0)
    expect(page.get_by_role("link", name="Players")).to_have_count(0)
    page.goto(f"{app_url}/admin/players")
    expect(page.locator("#officers-only")).to_be_visible()
    expect(page.locator(".player-card")).to_have_count(0)


def test_a_visitor_is_sent_to_login(page: Page, app_url: str):
    page.goto(f"{app_url}/admin/players")
    expect(page).to_have_url(re.compile(r"/login\?next=/admin/players"))
    page.fill("#login-username", DEMO_MEMBER)
    page.fill("#login-password", "wrong-password")
    page.click("#login-submit")
    expect(page.locator("#form-error")).to_have_text("Wrong Discord username or password.")
