"""Proven identity in the browser: an officer cannot make a reset link for the Guild Leader; a
rank the game claims waits on /admin/audit until another officer confirms it; a newcomer's
claim to another player's main waits on /admin/onboarding until an officer confirms it."""

from __future__ import annotations

from playwright.sync_api import Browser, expect
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from patt_app.demo.guild import DEMO_OFFICER
from tests.databases import server_admin_url
from tests.e2e.conftest import ARTIFACTS, logged_in_page


def _sql(statement: str, **values):
    engine = create_engine(make_url(server_admin_url()).set(database="patt_e2e"))
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement), values)
            return result.all() if result.returns_rows else None
    finally:
        engine.dispose()


def test_an_officer_cannot_make_a_reset_link_for_the_guild_leader(browser: Browser, app_url: str):
    page = logged_in_page(browser, app_url, DEMO_OFFICER)
    page.goto(f"{app_url}/admin/players")
    card = page.locator(".player-card", has_text="Trogdor").first
    card.locator(".player-actions").click()
    page.get_by_role("menuitem", name="Password reset link").click()
    expect(page.get_by_text("rank is at or above yours")).to_be_visible()
    expect(page.locator("#reset-link")).to_have_count(0)
    made = _sql(
        "SELECT count(*) FROM common.password_resets r JOIN guild_identity.players p "
        "ON p.website_user_id = r.user_id WHERE p.display_name = 'Trogdor'"
    )
    assert made == [(0,)]
    page.context.close()


def test_a_claimed_officer_rank_waits_for_another_officer(browser: Browser, app_url: str):
    ((player_id,),) = _sql(
        "INSERT INTO guild_identity.players (display_name) VALUES ('Claimwright') RETURNING id"
    )
    ((character_id,),) = _sql(
        "INSERT INTO guild_identity.wow_characters (character_name, realm_slug, realm_name, "
        "guild_rank_id) SELECT 'Claimwright', 'senjin', 'Sen''jin', id FROM common.guild_ranks "
        "WHERE level = 4 RETURNING id"
    )
    _sql(
        "INSERT INTO guild_identity.player_characters (player_id, character_id, link_source, "
        "confidence) VALUES (:p, :c, 'manual', 'high')",
        p=player_id,
        c=character_id,
    )
    page = logged_in_page(browser, app_url, DEMO_OFFICER)
    page.goto(f"{app_url}/admin/audit")
    page.get_by_role("button", name="Run the check now").click()
    claim = page.locator(".audit-issue", has_text="Claimwright is Officer in game: confirm")
    expect(claim).to_be_visible()
    assert _sql("SELECT guild_rank_id FROM guild_identity.players WHERE id = :p", p=player_id) == [
        (None,)
    ]
    page.screenshot(path=str(ARTIFACTS / "rank-claim-desktop.png"), full_page=True)
    claim.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("Claimwright is now Officer.")).to_be_visible()
    expect(page.locator(".audit-issue", has_text="Claimwright is Officer")).to_have_count(0)
    assert _sql(
        "SELECT r.level FROM guild_identity.players p JOIN common.guild_ranks r "
        "ON r.id = p.guild_rank_id WHERE p.id = :p",
        p=player_id,
    ) == [(4,)]
    _sql("UPDATE guild_identity.players SET is_active = false WHERE id = :p", p=player_id)
    page.context.close()


def test_an_officer_confirms_an_onboarding_claim(browser: Browser, app_url: str):
    ((quill_main,),) = _sql(
        "SELECT c.character_name FROM guild_identity.players p JOIN guild_identity.wow_characters c "
        "ON c.id = p.main_character_id WHERE p.display_name = 'Quill'"
    )
    ((discord_user_id,),) = _sql(
        "INSERT INTO guild_identity.discord_users (discord_id, username, display_name) "
        "VALUES ('880000000000000001', 'quillnew', 'Quill New') RETURNING id"
    )
    _sql(
        "INSERT INTO guild_identity.onboarding_sessions (discord_user_id, discord_id, state, "
        "is_in_guild, reported_main_name, reported_alt_names, deadline_at, verification_attempts, "
        "website_invite_sent, roster_entries_created, discord_role_assigned) VALUES (:d, "
        "'880000000000000001', 'awaiting_proof', true, :main, '{}', now() + interval '1 day', "
        "1, false, false, false)",
        d=discord_user_id,
        main=quill_main,
    )
    try:
        page = logged_in_page(browser, app_url, DEMO_OFFICER)
        page.goto(f"{app_url}/admin/onboarding")
        row = page.locator(".onboarding-row", has_text="@quillnew")
        expect(row).to_contain_text("awaiting proof")
        page.screenshot(path=str(ARTIFACTS / "onboarding-claim-desktop.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(ARTIFACTS / "onboarding-claim-390.png"), full_page=True)
        page.set_viewport_size({"width": 1300, "height": 900})
        row.get_by_role("button", name="Confirm claim").click()
        expect(row).to_contain_text("provisioned")
        linked = _sql(
            "SELECT d.username FROM guild_identity.players p JOIN guild_identity.discord_users d "
            "ON d.id = p.discord_user_id WHERE p.display_name = 'Quill'"
        )
        assert linked == [("quillnew",)]
        page.context.close()
    finally:  # the other e2e tests expect an empty onboarding list
        _sql(
            "DELETE FROM guild_identity.onboarding_sessions WHERE discord_id = '880000000000000001'"
        )
