"""An officer generates an uploader key on /admin/audit, an upload brings a character whose
name is close to a Discord member's, the officer accepts the suggested link in one click and
sees the character on that member's card in the player manager."""

import httpx
from playwright.sync_api import Browser, expect
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from patt_app.demo.guild import DEMO_OFFICER
from tests.databases import server_admin_url
from tests.e2e.conftest import logged_in_page


def _add_discord_member(username: str) -> None:
    """A Discord member the bot would have seen (the bot is off in the tests)."""
    url = make_url(server_admin_url()).set(database="patt_e2e")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO guild_identity.discord_users (discord_id, username, display_name) "
                "VALUES ('990001', :name, :name)"
            ),
            {"name": username},
        )
    engine.dispose()


def test_officer_accepts_a_suggested_link(browser: Browser, app_url: str):
    _add_discord_member("zorblaxian_main")
    page = logged_in_page(browser, app_url, DEMO_OFFICER)

    page.goto(f"{app_url}/admin/audit")
    page.locator("#generate-key").click()  # a key for the officer themself
    key = page.locator("#new-key").inner_text()
    assert key.startswith("patt_")

    upload = httpx.post(
        f"{app_url}/api/guild-sync/addon-upload",
        headers={"X-API-Key": key},
        json={
            "characters": [
                {
                    "name": "Zorblaxian",
                    "realm": "Sen'jin",
                    "class": "Warrior",
                    "level": 80,
                    "rank": 3,
                    "guild_note": "",
                    "officer_note": "",
                    "is_online": True,
                    "last_online": "Online",
                }
            ],
            "addon_version": "1.0.0",
            "uploaded_by": "e2e",
        },
        timeout=30,
    )
    assert upload.status_code == 200, upload.text
    assert upload.json()["characters_received"] == 1

    page.reload()
    issue = page.locator(".audit-issue", has_text="Zorblaxian may be @zorblaxian_main")
    expect(issue).to_be_visible()
    issue.get_by_role("button", name="Accept").click()
    expect(page.locator(".audit-issue", has_text="Zorblaxian may be")).to_have_count(0)
    expect(page.locator(".resolved-issue", has_text="Zorblaxian may be")).to_contain_text(
        "accepted"
    )
    expect(page.locator("#no-history")).to_have_count(0)  # the "nothing resolved" line is gone

    page.goto(f"{app_url}/admin/players")
    card = page.locator(".player-card", has_text="zorblaxian_main")
    expect(card).to_contain_text("Zorblaxian")
