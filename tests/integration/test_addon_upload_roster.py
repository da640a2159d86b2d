"""What an addon upload changes on the roster, through POST /api/guild-sync/addon-upload: an
upload failing part way leaves nothing of it, a promotion in game reaches the player's rank, a
returning character is restored, the home realm's namesake is found, and a character twice in
one upload is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from patt_app.api import create_api
from patt_app.models import GuildRank, Player, PlayerCharacter, SyncLog, WowCharacter
from patt_app.settings import get_settings

API_KEY = "deployment-key-for-tests"
BREAKER = "Breakstuff"
REFUSALS = {  # where an upload can fail part way: a later character, or its closing log line
    "a later character": ("guild_identity.wow_characters", f"NEW.character_name = '{BREAKER}'"),
    "the log line": (f"{SyncLog.__table__.schema}.sync_log", "NEW.source = 'addon_upload'"),
}


@pytest.fixture(params=sorted(REFUSALS))
def refusal_part_way(request, committed: Engine):
    """The database refuses one row of the upload (a lost connection, a constraint, anything)
    and takes the rest as usual."""
    table, condition = REFUSALS[request.param]
    with committed.begin() as conn:
        conn.execute(
            text(
                "CREATE FUNCTION refuse_for_test() RETURNS trigger AS $$ BEGIN "
                f"IF {condition} THEN RAISE EXCEPTION 'refused'; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql"
            )
        )
        conn.execute(
            text(
                f"CREATE TRIGGER refuse_for_test BEFORE INSERT ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION refuse_for_test()"
            )
        )
    yield request.param
    with committed.begin() as conn:
        conn.execute(text(f"DROP TRIGGER refuse_for_test ON {table}"))
        conn.execute(text("DROP FUNCTION refuse_for_test()"))


def _roster(engine: Engine) -> list[tuple]:
    with Session(engine) as session:
        return [
            (c.character_name, c.level, c.guild_note, c.addon_last_sync)
            for c in session.exec(select(WowCharacter).order_by(WowCharacter.character_name))
        ]


def test_an_upload_failing_part_way_leaves_nothing_of_the_earlier_characters(
    committed, refusal_part_way, monkeypatch
):
    monkeypatch.setattr(get_settings(), "patt_api_key", SecretStr(API_KEY))
    with Session(committed) as session:
        session.add(WowCharacter(character_name="Trogmoon", realm_slug="senjin",
                                 realm_name="Sen'jin", level=70, guild_note="old"))  # fmt: skip
        session.commit()
    before = _roster(committed)
    payload = {
        "characters": [
            {"name": "Trogmoon", "realm": "Sen'jin", "level": 80, "guild_note": "new"},
            {"name": "Newbie", "realm": "Sen'jin", "level": 12},
            {"name": "Another", "realm": "Sargeras", "level": 70},
            {"name": BREAKER, "realm": "Sen'jin", "level": 80},
        ]
    }
    with TestClient(create_api(), raise_server_exceptions=False) as client:
        answer = client.post(
            "/api/guild-sync/addon-upload", json=payload, headers={"X-API-Key": API_KEY}
        )
        assert answer.status_code >= 500
        status = client.get("/api/guild-sync/addon-upload/status", headers={"X-API-Key": API_KEY})
    assert _roster(committed) == before  # Trogmoon still level 70, no Newbie, no Another
    assert status.json()["last_upload"] is None


def _upload(payload: dict):
    with TestClient(create_api()) as client:
        return client.post(
            "/api/guild-sync/addon-upload", json=payload, headers={"X-API-Key": API_KEY}
        )


def test_a_promotion_in_game_reaches_the_players_rank_with_the_next_upload(committed, monkeypatch):
    monkeypatch.setattr(get_settings(), "patt_api_key", SecretStr(API_KEY))
    with Session(committed) as session:
        rank = {r.name: r for r in session.exec(select(GuildRank))}
        for name, main in (("Trog", "Trogmoon"), ("Sho", "Shodoom")):
            player = Player(display_name=name, guild_rank_id=rank["Initiate"].id,
                            guild_rank_source="wow_character")  # fmt: skip
            character = WowCharacter(character_name=main, realm_slug="senjin",
                                     realm_name="Sen'jin", guild_rank_id=rank["Initiate"].id)  # fmt: skip
            session.add_all([player, character])
            session.flush()
            session.add(PlayerCharacter(player_id=player.id, character_id=character.id))
        session.commit()
        member_index = rank["Member"].wow_rank_index
        initiate_index = rank["Initiate"].wow_rank_index
    answer = _upload(
        {
            "characters": [
                {"name": "Trogmoon", "realm": "Sen'jin", "rank": member_index},  # promoted
                {"name": "Shodoom", "realm": "Sen'jin", "rank": initiate_index},
            ]
        }
    )
    assert answer.status_code == 200, answer.text
    with Session(committed) as session:
        ranks = {
            p.display_name: session.get(GuildRank, p.guild_rank_id).name
            for p in session.exec(select(Player))
        }
    assert ranks == {"Trog": "Member", "Sho": "Initiate"}


def test_an_upload_restores_a_returning_character_and_finds_the_home_realms_namesake(
    committed, monkeypatch
):
    monkeypatch.setattr(get_settings(), "patt_api_key", SecretStr(API_KEY))
    with Session(committed) as session:
        session.add_all([
            WowCharacter(character_name="Trogmoon", realm_slug="senjin", realm_name="Sen'jin",
                         level=70, removed_at=datetime.now(UTC) - timedelta(days=9)),
            WowCharacter(character_name="Twin", realm_slug="senjin", realm_name="Sen'jin", level=70),
            WowCharacter(character_name="Twin", realm_slug="sargeras", realm_name="Sargeras",
                         level=70),
        ])  # fmt: skip
        session.commit()
    before = datetime.now(UTC)
    answer = _upload(
        {
            "characters": [
                {"name": "Trogmoon"},
                {"name": "Twin", "level": 75},
                {"name": "Newbie"},
                {"name": "Twin", "realm": "Sargeras", "level": 70},  # nothing new: still seen
            ]
        }
    )
    assert answer.status_code == 200, answer.text
    assert (answer.json()["updated"], answer.json()["added"]) == (2, 1)
    with Session(committed) as session:
        shown = {
            (c.character_name, c.realm_slug): (c.level, c.removed_at, c.addon_last_sync)
            for c in session.exec(select(WowCharacter))
        }
        newbie = session.exec(select(WowCharacter).where(WowCharacter.character_name == "Newbie"))
        first_seen = newbie.one().first_seen
        log = session.exec(select(SyncLog)).one()
    uploaded = shown[("Newbie", "senjin")][2]
    assert before <= uploaded <= datetime.now(UTC) and first_seen == uploaded
    assert shown == {
        ("Trogmoon", "senjin"): (70, None, uploaded),  # back in the guild
        ("Twin", "senjin"): (75, None, uploaded),  # no realm given: the guild's own realm
        ("Twin", "sargeras"): (70, None, uploaded),
        ("Newbie", "senjin"): (None, None, uploaded),
    }
    assert (log.characters_found, log.characters_updated, log.characters_new) == (4, 2, 1)
    assert log.started_at == log.completed_at == uploaded and log.duration_seconds >= 0


def test_the_same_character_twice_in_one_upload_is_refused_naming_both(committed, monkeypatch):
    monkeypatch.setattr(get_settings(), "patt_api_key", SecretStr(API_KEY))
    answer = _upload(
        {"characters": [{"name": "Sho"}, {"name": "Trog"}, {"name": "trog", "realm": "Sen'jin"}]}
    )
    assert answer.status_code == 422
    assert answer.json()["error"] == "characters.2: trog appears twice (also at characters.1)"
    with Session(committed) as session:
        assert session.exec(select(WowCharacter)).all() == []
    namesakes = _upload({"characters": [{"name": "Trog", "realm": "Sargeras"}, {"name": "Trog"}]})
    assert namesakes.status_code == 200 and namesakes.json()["added"] == 2  # two realms: two
