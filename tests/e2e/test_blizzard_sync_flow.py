"""An officer syncs the roster from (a fake) Battle.net on /admin/sync, watches the progress
reach 100 % without reloading, presses "Sync now" again at once and sees that one finish too,
and finds the newcomer on the player manager."""

from playwright.sync_api import Browser, expect

from patt_app.demo.guild import DEMO_OFFICER
from tests.e2e.conftest import NEWCOMER, logged_in_page


def test_officer_syncs_now_twice_in_a_row_watches_progress_and_finds_the_newcomer(
    browser: Browser, app_url: str, fake_battlenet
):
    page = logged_in_page(browser, app_url, DEMO_OFFICER)

    page.goto(f"{app_url}/admin/sync")
    expect(page.locator("#sync-not-configured")).to_have_count(0)
    page.click("#sync-now")
    expect(page.locator("#sync-percent")).to_have_text("100 %", timeout=60_000)
    expect(page.locator("#sync-progress")).to_contain_text("success")
    expect(page.locator(".sync-run-row").first).to_contain_text("1 added")

    # at once again: the second sync is taken by the runner and finishes too (it used to stay
    # "running" at 0 / 0 for two minutes, blocking every sync)
    expect(page.locator("#sync-now")).to_be_enabled()
    page.click("#sync-now")
    latest = page.locator(".sync-run-row").first
    expect(latest).to_contain_text("0 added", timeout=60_000)
    expect(latest).to_contain_text("success", timeout=60_000)
    expect(page.locator(".sync-run-row").nth(1)).to_contain_text("1 added")
    expect(page.locator("#sync-percent")).to_have_text("100 %")
    assert fake_battlenet.throttled == 0

    page.goto(f"{app_url}/admin/players")
    expect(page.get_by_text(NEWCOMER.name).first).to_be_visible()
