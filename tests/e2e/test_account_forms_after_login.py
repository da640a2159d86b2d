"""The login and register forms are usable again in a tab that has logged in before: their
button used to keep spinning (the tab's "busy" from its last login), so nothing could be sent."""

import re

from playwright.sync_api import Page, expect

from patt_app.demo.guild import DEMO_MEMBER
from tests.e2e.conftest import log_in


def test_register_and_login_buttons_work_after_a_login_in_the_same_tab(page: Page, app_url: str):
    log_in(page, app_url, DEMO_MEMBER)

    page.goto(f"{app_url}/register?code=ABCD2345")
    expect(page.locator("#register-code")).to_have_value("ABCD2345")
    expect(page.locator("#register-submit")).to_be_enabled()
    page.fill("#register-username", "not_a_guild_member")
    page.fill("#register-password", "a-new-password")
    page.fill("#register-password-again", "a-new-password")
    page.click("#register-submit")
    # the unknown code is refused in words, and the button is ready for another try
    expect(page.locator("form")).to_contain_text(re.compile("invite", re.IGNORECASE))
    expect(page.locator("#register-submit")).to_be_enabled()

    page.click("#logout")
    expect(page.locator("#login-link")).to_be_visible()
    page.wait_for_url(re.compile(r"^[^?]*://[^/]+/?$"))
    page.goto(f"{app_url}/login")
    expect(page.locator("#login-submit")).to_be_enabled()
    page.fill("#login-username", "nobody_of_this_name")  # no real name's failures counted
    page.fill("#login-password", "not-the-password")
    page.click("#login-submit")
    expect(page.locator("form")).to_contain_text(re.compile("password", re.IGNORECASE))
    expect(page.locator("#login-submit")).to_be_enabled()
