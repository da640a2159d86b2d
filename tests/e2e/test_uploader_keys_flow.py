"""An officer generates an uploader key for a member on /admin/audit, sees it listed with its
owner, the member's upload with it changes no rank, and the officer revokes it; the database
agrees at each step. Screenshots at desktop size and 390 px wide."""

from __future__ import annotations

import hashlib

import httpx
from playwright.sync_api import Browser, expect
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from patt_app.demo.guild import DEMO_OFFICER
from tests.databases import server_admin_url
from tests.e2e.conftest import ARTIFACTS, logged_in_page

MEMBER = "Demo Member"


def _rows(sql: str, **params) -> list:
    engine = create_engine(make_url(server_admin_url()).set(database="patt_e2e"))
    try:
        with engine.connect() as conn:
            return list(conn.execute(text(sql), params).all())
    finally:
        engine.dispose()


def _key_row(key: str) -> tuple:
    return _rows(
        "SELECT p.display_name, k.revoked_at FROM common.addon_api_keys k "
        "JOIN guild_identity.players p ON p.id = k.owner_player_id WHERE k.key_hash = :h",
        h=hashlib.sha256(key.encode()).hexdigest(),
    )[0]


def _members_character() -> tuple[str, str, int | None]:
    return _rows(
        "SELECT c.character_name, c.realm_name, c.guild_rank_id "
        "FROM guild_identity.wow_characters c "
        "JOIN guild_identity.player_characters pc ON pc.character_id = c.id "
        "JOIN guild_identity.players p ON p.id = pc.player_id "
        "WHERE p.display_name = :name ORDER BY c.id LIMIT 1",
        name=MEMBER,
    )[0]


def _upload(app_url: str, key: str, character: dict) -> httpx.Response:
    return httpx.post(
        f"{app_url}/api/guild-sync/addon-upload",
        headers={"X-API-Key": key},
        json={"characters": [character]},
        timeout=30,
    )


def test_officer_generates_lists_and_revokes_a_members_key(browser: Browser, app_url: str):
    page = logged_in_page(browser, app_url, DEMO_OFFICER)
    page.goto(f"{app_url}/admin/audit")
    page.locator("#key-owner").click()
    page.get_by_role("option", name=MEMBER, exact=True).click()
    expect(page.locator("#key-owner")).to_contain_text(MEMBER)
    page.locator("#generate-key").click()
    key = page.locator("#new-key").inner_text()
    assert key.startswith("patt_")
    row = page.locator(".uploader-key", has_text=MEMBER)
    expect(row).to_be_visible()
    expect(row).to_contain_text(key[-4:])
    expect(row).to_contain_text("never")
    assert _key_row(key) == (MEMBER, None)
    page.locator("#uploader-keys").screenshot(path=str(ARTIFACTS / "uploader-keys-desktop.png"))

    name, realm, rank_before = _members_character()
    answer = _upload(app_url, key, {"name": name, "realm": realm, "rank": 0})
    assert answer.status_code == 200, answer.text
    assert answer.json()["ranks"] == "ignored" and MEMBER in answer.json()["ranks_note"]
    assert _members_character()[2] == rank_before

    phone = browser.new_context(  # the officer's login, on a phone
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        storage_state=page.context.storage_state(),
    ).new_page()
    phone.set_default_timeout(20_000)
    phone.goto(f"{app_url}/admin/audit")
    phone_row = phone.locator(".uploader-key", has_text=MEMBER)
    expect(phone_row).not_to_contain_text("never")  # the upload above used it
    phone.locator("#uploader-keys").screenshot(path=str(ARTIFACTS / "uploader-keys-phone.png"))
    phone.context.close()

    page.reload()
    page.locator(".uploader-key", has_text=MEMBER).get_by_role("button", name="Revoke").click()
    expect(page.locator(".uploader-key", has_text=MEMBER)).to_have_count(0)
    assert _key_row(key)[1] is not None
    assert _upload(app_url, key, {"name": name, "realm": realm}).status_code == 401
    page.context.close()
