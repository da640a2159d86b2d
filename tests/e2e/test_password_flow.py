"""An officer makes a one-time password reset link for a member; the member sets a new
password with it and logs in; then changes it back on the profile. A used link says so."""

import re

from playwright.sync_api import Browser, Page, expect

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER, DEMO_PASSWORD
from tests.e2e.conftest import log_in

TEMPORARY = "a-temporary-password"


def _log_in_with(page: Page, base: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#login-username", DEMO_MEMBER)
    page.fill("#login-password", password)
    page.click("#login-submit")


def test_reset_link_then_change_password_on_the_profile(browser: Browser, page: Page, app_url: str):
    log_in(page, app_url, DEMO_OFFICER)
    page.goto(f"{app_url}/admin/players")
    card = page.locator(".player-card", has_text="Demo Member").first
    card.locator(".player-actions").click()
    page.get_by_role("menuitem", name="Password reset link").click()
    expect(page.locator("#reset-link")).to_contain_text("/reset-password?token=")
    link = page.locator("#reset-link").inner_text()
    page.get_by_role("button", name="Done").click()
    expect(page.locator("#reset-link")).to_have_count(0)

    member = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    member.set_default_timeout(20_000)
    member.goto(link.replace("http://localhost:3000", app_url))
    member.fill("#reset-password", TEMPORARY)
    member.fill("#reset-password-again", TEMPORARY)
    member.click("#reset-submit")
    expect(member.locator("#reset-done")).to_be_visible()

    other = browser.new_context().new_page()  # the link again, say from the DM later
    other.set_default_timeout(20_000)
    other.goto(link.replace("http://localhost:3000", app_url))
    other.fill("#reset-password", "another-password")
    other.fill("#reset-password-again", "another-password")
    other.click("#reset-submit")
    expect(other.locator("#form-error")).to_contain_text("already used or expired")
    other.context.close()

    _log_in_with(member, app_url, TEMPORARY)
    expect(member).not_to_have_url(re.compile(r"/login"))
    member.goto(f"{app_url}/profile")
    member.fill("#current-password", "not-it")
    member.fill("#new-password", DEMO_PASSWORD)
    member.fill("#new-password-again", DEMO_PASSWORD)
    member.click("#change-password")
    expect(member.get_by_text("Your current password is not right.")).to_be_visible()
    member.fill("#current-password", TEMPORARY)
    member.fill("#new-password", DEMO_PASSWORD)
    member.fill("#new-password-again", DEMO_PASSWORD)
    member.click("#change-password")
    expect(member.get_by_text(re.compile(r"^Password changed\."))).to_be_visible()
    member.context.close()

    fresh = browser.new_context().new_page()
    _log_in_with(fresh, app_url, DEMO_PASSWORD)
    expect(fresh).not_to_have_url(re.compile(r"/login"))
    fresh.context.close()
