"""An officer syncs the roster from (a fake) Battle.net on /admin/sync, watches the progress
reach 100 % without reloading, presses "Sync now" again at once and sees that one finish too,
and finds the newcomers on the player manager.

The scheduled sync (01:00, 07:00, 13:00 and 19:00 UTC) may have run during the suite already,
so the test brings a newcomer of its own and expects as many added as the roster has
characters the database does not know yet."""

from playwright.sync_api import Browser, expect
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from patt_app.demo.guild import DEMO_OFFICER
from tests.databases import server_admin_url
from tests.e2e.conftest import NEWCOMER, logged_in_page
from tests.support.fake_battlenet import Character, FakeBattleNet

OWN_NEWCOMER = Character(499_000_002, "Syncwynn", "senjin", "Sen'jin", class_id=5, spec="Holy")


def _not_yet_stored(fake: FakeBattleNet) -> int:
    """How many of the fake roster's characters the database does not hold."""
    engine = create_engine(make_url(server_admin_url()).set(database="patt_e2e"))
    try:
        with engine.connect() as conn:
            stored = set(
                conn.execute(
                    text(
                        "SELECT lower(character_name), realm_slug FROM guild_identity.wow_characters"
                    )
                ).all()
            )
    finally:
        engine.dispose()
    return sum((c.name.lower(), c.realm_slug) not in stored for c in fake.characters)


def test_officer_syncs_now_twice_in_a_row_watches_progress_and_finds_the_newcomer(
    browser: Browser, app_url: str, fake_battlenet: FakeBattleNet
):
    fake_battlenet.characters.append(OWN_NEWCOMER)
    try:
        _sync_twice(browser, app_url, fake_battlenet)
    finally:
        fake_battlenet.characters.remove(OWN_NEWCOMER)


def _sync_twice(browser: Browser, app_url: str, fake_battlenet: FakeBattleNet) -> None:
    page = logged_in_page(browser, app_url, DEMO_OFFICER)
    page.goto(f"{app_url}/admin/sync")
    expect(page.locator("#sync-not-configured")).to_have_count(0)
    new = _not_yet_stored(fake_battlenet)
    assert new >= 1  # this test's own newcomer at least
    page.click("#sync-now")
    expect(page.locator("#sync-percent")).to_have_text("100 %", timeout=60_000)
    expect(page.locator("#sync-progress")).to_contain_text("success")
    expect(page.locator(".sync-run-row").first).to_contain_text(f"{new} added")

    # at once again: the second sync is taken by the runner and finishes too (it used to stay
    # "running" at 0 / 0 for two minutes, blocking every sync)
    expect(page.locator("#sync-now")).to_be_enabled()
    page.click("#sync-now")
    latest = page.locator(".sync-run-row").first
    expect(latest).to_contain_text("0 added", timeout=60_000)
    expect(latest).to_contain_text("success", timeout=60_000)
    expect(page.locator(".sync-run-row").nth(1)).to_contain_text(f"{new} added")
    expect(page.locator("#sync-percent")).to_have_text("100 %")
    assert fake_battlenet.throttled == 0

    page.goto(f"{app_url}/admin/players")
    for newcomer in (NEWCOMER, OWN_NEWCOMER):
        expect(page.get_by_text(newcomer.name).first).to_be_visible()
