"""Uploader keys have owners, and only an officer's key (or the guild's own PATT_API_KEY)
changes ranks; wrong keys count against the address's login limit; an upload is at most 2,000
characters. Through the real HTTP routes on the demo guild."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlmodel import Session, select

from patt_app.api import create_api
from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER, DEMO_PASSWORD
from patt_app.models import (
    AddonApiKey,
    GuildRank,
    Player,
    PlayerCharacter,
    User,
    WowCharacter,
)
from patt_app.services.identity.addon_keys import generate_key
from patt_app.settings import get_settings

GUILD_KEY = "the-guilds-own-key"


@pytest.fixture
def client(tokens, monkeypatch):
    monkeypatch.setattr(get_settings(), "patt_api_key", SecretStr(GUILD_KEY))
    with TestClient(create_api()) as client:
        yield client


def _player(session: Session, username: str) -> Player:
    return session.exec(
        select(Player).join(User, Player.website_user_id == User.id)
        .where(User.discord_username == username)
    ).one()  # fmt: skip


def _key_for(engine, username: str) -> str:
    with Session(engine) as session:
        owner = _player(session, username)
        key = generate_key(
            session=session, officer_player_id=None, owner_player_id=owner.id, now=datetime.now(UTC)
        )
        session.commit()
    return key


def _members_character(engine) -> tuple[str, str, int | None, int | None]:
    """(name, realm, rank id, level) of a character of the demo member."""
    with Session(engine) as session:
        member = _player(session, DEMO_MEMBER)
        character = session.exec(
            select(WowCharacter)
            .join(PlayerCharacter, PlayerCharacter.character_id == WowCharacter.id)
            .where(PlayerCharacter.player_id == member.id)
        ).first()
        return (
            character.character_name,
            character.realm_name,
            character.guild_rank_id,
            character.level,
        )


def _me(client, token) -> dict:
    return client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}).json()


def _upload(client, key, characters):
    return client.post(
        "/api/guild-sync/addon-upload", json={"characters": characters}, headers={"X-API-Key": key}
    )


def test_a_members_key_cannot_make_anyone_guild_leader(client, committed, tokens):
    """The attack of issue 23: `{"name": <a member's character>, "rank": 0}` with a key a member
    holds. Ranks are ignored (and the answer says why); the level still applies."""
    name, realm, rank_before, level = _members_character(committed)
    before = _me(client, tokens[DEMO_MEMBER])["data"]
    new_level = 70 if level != 70 else 71
    answer = _upload(
        client,
        _key_for(committed, DEMO_MEMBER),
        [{"name": name, "realm": realm, "rank": 0, "level": new_level}],
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["ranks"] == "ignored"
    assert "Demo Member" in body["ranks_note"] and "not an officer" in body["ranks_note"]
    after = _me(client, tokens[DEMO_MEMBER])["data"]
    assert (after["rank_level"], after["is_officer"]) == (before["rank_level"], False)
    with Session(committed) as session:
        character = session.exec(
            select(WowCharacter).where(WowCharacter.character_name == name)
        ).one()
        assert (character.guild_rank_id, character.level) == (rank_before, new_level)
        officers = session.exec(
            select(Player.id).join(GuildRank, Player.guild_rank_id == GuildRank.id)
            .where(GuildRank.level >= 4)
        ).all()  # fmt: skip
        assert _player(session, DEMO_MEMBER).id not in officers


@pytest.mark.parametrize("holder", ["officer", "guild"])
def test_an_officers_key_and_the_guilds_own_key_change_ranks(client, committed, holder):
    name, realm, rank_before, _ = _members_character(committed)
    key = _key_for(committed, DEMO_OFFICER) if holder == "officer" else GUILD_KEY
    with Session(committed) as session:
        veteran = session.exec(select(GuildRank).where(GuildRank.level == 3)).one()
    assert veteran.id != rank_before
    answer = _upload(client, key, [{"name": name, "realm": realm, "rank": veteran.wow_rank_index}])
    assert answer.status_code == 200, answer.text
    assert (answer.json()["ranks"], answer.json()["ranks_note"]) == ("applied", None)
    with Session(committed) as session:
        character = session.exec(
            select(WowCharacter).where(WowCharacter.character_name == name)
        ).one()
        assert character.guild_rank_id == veteran.id


def test_a_key_stops_working_when_its_owner_is_deactivated(client, committed):
    key = _key_for(committed, DEMO_MEMBER)
    with Session(committed) as session:
        member = _player(session, DEMO_MEMBER)
        member.is_active = False
        session.add(member)
        session.commit()
    assert _upload(client, key, [{"name": "Anyone"}]).status_code == 401


def test_each_owner_has_one_active_key(committed, tokens):
    _key_for(committed, DEMO_MEMBER)
    _key_for(committed, DEMO_MEMBER)
    _key_for(committed, DEMO_OFFICER)
    with Session(committed) as session:
        active = session.exec(
            select(AddonApiKey.owner_player_id).where(AddonApiKey.revoked_at.is_(None))
        ).all()
        assert sorted(active) == sorted(
            [_player(session, DEMO_MEMBER).id, _player(session, DEMO_OFFICER).id]
        )


def test_the_31st_wrong_key_from_one_address_is_refused_even_with_the_right_key(client):
    for _ in range(30):
        assert _upload(client, "a-guess", [{"name": "Anyone"}]).status_code == 401
    refused = _upload(client, GUILD_KEY, [{"name": "Anyone"}])
    assert refused.status_code == 429 and "Wait 15 minutes" in refused.json()["error"]
    status = client.get("/api/guild-sync/addon-upload/status", headers={"X-API-Key": GUILD_KEY})
    assert status.status_code == 429
    login = client.post(
        "/api/v1/auth/login", json={"discord_username": DEMO_MEMBER, "password": DEMO_PASSWORD}
    )
    assert login.status_code == 429  # the same limit as logins: one counter per address


def test_right_keys_do_not_use_up_the_limit(client):
    for _ in range(40):
        assert _upload(client, GUILD_KEY, []).status_code == 200
    assert _upload(client, "a-guess", []).status_code == 401


def test_more_than_2000_characters_is_422_with_the_count_and_changes_nothing(client, committed):
    with Session(committed) as session:
        count_before = len(session.exec(select(WowCharacter.id)).all())
    characters = [{"name": f"Filler{n}", "realm": "Sen'jin"} for n in range(2001)]
    answer = _upload(client, GUILD_KEY, characters)
    assert answer.status_code == 422
    assert "2,001 characters" in answer.json()["error"] and "2,000" in answer.json()["error"]
    with Session(committed) as session:
        assert len(session.exec(select(WowCharacter.id)).all()) == count_before
    assert _upload(client, GUILD_KEY, characters[:2000]).status_code == 200
