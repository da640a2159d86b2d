"""An officer syncs the roster from (a fake) Battle.net on /admin/sync, watches the progress
reach 100 % without reloading, and finds the newcomer on the player manager."""

from playwright.sync_api import Browser, expect

from patt_app.demo.guild import DEMO_OFFICER, DEMO_PASSWORD
from tests.e2e.conftest import NEWCOMER


def test_officer_syncs_now_watches_progress_and_finds_the_newcomer(
    browser: Browser, app_url: str, fake_battlenet
):
    page = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{app_url}/login")
    page.fill("#login-username", DEMO_OFFICER)
    page.fill("#login-password", DEMO_PASSWORD)
    page.click("#login-submit")
    expect(page.locator("#viewer-name")).to_be_visible()

    page.goto(f"{app_url}/admin/sync")
    expect(page.locator("#sync-not-configured")).to_have_count(0)
    page.click("#sync-now")
    expect(page.locator("#sync-percent")).to_have_text("100 %", timeout=60_000)
    expect(page.locator("#sync-progress")).to_contain_text("success")
    expect(page.locator(".sync-run-row").first).to_contain_text("1 added")
    assert fake_battlenet.throttled == 0

    page.goto(f"{app_url}/admin/players")
    expect(page.get_by_text(NEWCOMER.name).first).to_be_visible()
