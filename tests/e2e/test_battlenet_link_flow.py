"""A member links Battle.net on /profile in the browser, through the fake Battle.net's sign-in:
their characters show as verified (one taken from another player, which officers see on
/admin/audit), Refresh picks up a change on the account, a replayed answer and a declined
consent are explained in plain words and change nothing, and Unlink forgets the account."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER, plan_demo_guild
from tests.databases import server_admin_url
from tests.e2e.conftest import ARTIFACTS, logged_in_page
from tests.support.fake_battlenet import FakeBattleNet
from tests.support.fake_battlenet_oauth import BattleNetUser

TAKEN_FROM = "Skate"  # a demo player no other browser test looks at


def _demo_characters(fake: FakeBattleNet, display_name: str) -> list:
    """A demo player's characters, as the fake Battle.net knows them."""
    player = next(p for p in plan_demo_guild().players if p.display_name == display_name)
    names = {(c.name, c.realm_name) for c in player.characters}
    return [c for c in fake.characters if (c.name, c.realm_name) in names]


def _database(sql: str, **params) -> list[tuple]:
    engine = create_engine(make_url(server_admin_url()).set(database="patt_e2e"))
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def _member_state() -> tuple:
    """The member's Battle.net account and how each of their characters is linked."""
    account = _database(
        "SELECT battlenet_account_id, battletag FROM guild_identity.players "
        "WHERE display_name = 'Demo Member'"
    )[0]
    links = _database(
        "SELECT c.character_name, pc.link_source FROM guild_identity.player_characters pc "
        "JOIN guild_identity.wow_characters c ON c.id = pc.character_id "
        "JOIN guild_identity.players p ON p.id = pc.player_id "
        "WHERE p.display_name = 'Demo Member' ORDER BY 1"
    )
    return account, dict(links)


def _press(page: Page, base: str, button: str) -> None:
    """On /profile, press a Battle.net button and wait to be back from the fake's sign-in."""
    page.goto(f"{base}/profile")
    expect(page.locator("#battlenet-notice")).to_have_count(0)
    page.click(button)
    page.wait_for_url(re.compile(r"/profile/?\?battlenet="))
    expect(page.locator("#battlenet-notice")).to_be_visible()


def test_member_links_refreshes_and_unlinks_battlenet(
    browser: Browser, app_url: str, fake_battlenet: FakeBattleNet
):
    mine = _demo_characters(fake_battlenet, "Demo Member")
    taken = _demo_characters(fake_battlenet, TAKEN_FROM)[0]
    user = BattleNetUser(55_000_001, "Demomember#1234", [*mine, taken])
    fake_battlenet.sign_in.signed_in = user
    page = logged_in_page(browser, app_url, DEMO_MEMBER)

    callbacks: list[str] = []
    page.on(
        "request", lambda r: callbacks.append(r.url) if "/auth/battlenet/callback" in r.url else 0
    )
    _press(page, app_url, "#battlenet-link")
    expect(page.locator("#battlenet-notice")).to_contain_text("Battle.net account linked")
    expect(page.locator("#battletag")).to_have_text("Demomember#1234")
    count = len(mine) + 1
    expect(page.locator("#verified-count")).to_have_text(str(count))
    expect(page.locator(".profile-character .verified-badge")).to_have_count(count)
    expect(page.locator(".profile-character", has_text=taken.name)).to_be_visible()
    account, links = _member_state()
    assert account == (55_000_001, "Demomember#1234")
    assert links == {c.name: "battlenet_oauth" for c in [*mine, taken]}
    _screenshots(page)
    _officer_sees_it(browser, app_url, taken.name, count)

    user.battletag = "Demomember#5678"  # the account changes on Battle.net, then "Refresh"
    user.characters = [*mine, taken][1:]
    _press(page, app_url, "#battlenet-refresh")
    expect(page.locator("#battletag")).to_have_text("Demomember#5678")
    expect(page.locator("#verified-count")).to_have_text(str(count - 1))
    account, links = _member_state()
    assert account == (55_000_001, "Demomember#5678")
    assert links[mine[0].name] == "battlenet_lapsed"

    before = _member_state()  # the same answer from Battle.net, replayed
    page.goto(callbacks[-1])
    expect(page.locator("#battlenet-notice")).to_contain_text("does not belong to this login")
    expect(page.locator("#battletag")).to_have_text("Demomember#5678")
    assert _member_state() == before

    page.click("#battlenet-unlink")
    expect(page.locator("#battlenet-link")).to_be_visible()
    expect(page.locator(".profile-character .verified-badge")).to_have_count(0)
    account, links = _member_state()
    assert account == (None, None)
    assert set(links) == {c.name for c in [*mine, taken]}  # still theirs, no longer verified
    assert set(links.values()) == {"battlenet_lapsed"}

    fake_battlenet.sign_in.deny_consent = True  # Battle.net's "Deny"
    try:
        before = _member_state()
        _press(page, app_url, "#battlenet-link")
        expect(page.locator("#battlenet-notice")).to_contain_text("nothing was linked")
        expect(page.locator("#battlenet-link")).to_be_visible()
        assert _member_state() == before
    finally:
        fake_battlenet.sign_in.deny_consent = False
    page.context.close()


def _officer_sees_it(browser: Browser, base: str, taken: str, count: int) -> None:
    """The player manager marks the verified links; the audit tells of the moved character."""
    officer = logged_in_page(browser, base, DEMO_OFFICER)
    officer.goto(f"{base}/admin/players")
    card = officer.locator(".player-card", has_text="Demo Member").first
    expect(card.locator(".player-character .verified-badge")).to_have_count(count)
    officer.goto(f"{base}/admin/audit")
    moved = officer.locator(".audit-issue", has_text=f"{taken}-")
    expect(moved).to_contain_text(f"from {TAKEN_FROM} to Demo Member")
    officer.context.close()


def _screenshots(page: Page) -> None:
    """The linked profile at desktop size and on a 390 px phone, to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "battlenet-linked-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "battlenet-linked-390.png"), full_page=True)
    page.set_viewport_size({"width": 1300, "height": 900})
