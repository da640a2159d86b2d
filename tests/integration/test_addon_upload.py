"""POST /api/guild-sync/addon-upload: keys, size, malformed payloads, the effect, idempotence,
concurrent uploads, and the audit that follows."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlmodel import Session, select

from patt_app.api import create_api
from patt_app.integrations.addon.saved_variables import read_saved_variables
from patt_app.models import AuditIssue, DiscordUser, Player, PlayerCharacter, SyncLog, WowCharacter
from patt_app.services.identity.addon_keys import generate_key
from patt_app.settings import get_settings

KEY = "deployment-key-for-tests"
FIXTURE = Path(__file__).parent.parent / "fixtures" / "PATTSync.lua"


def fixture_payload() -> dict:
    """What the companion uploader sends for the fixture export."""
    export = read_saved_variables(FIXTURE.read_bytes())["PATTSyncDB"]["lastExport"]
    return {
        "characters": [
            {
                "name": c["name"],
                "realm": c["realm"],
                "class": c["class"],
                "level": c["level"],
                "rank": c["rank"],
                "rank_name": c["rankName"],
                "guild_note": c["note"],
                "officer_note": c["officerNote"],
                "is_online": c["isOnline"],
                "last_online": c["lastOnline"],
                "zone": c["zone"],
            }
            for c in export["characters"]
        ],
        "addon_version": export["addonVersion"],
        "uploaded_by": "Trogmoon",
    }


@pytest.fixture
def client(committed, monkeypatch):
    monkeypatch.setattr(get_settings(), "patt_api_key", SecretStr(KEY))
    with TestClient(create_api()) as client:
        yield client


def _upload(client, payload, key=KEY):
    return client.post("/api/guild-sync/addon-upload", json=payload, headers={"X-API-Key": key})


def test_wrong_or_missing_key_is_401_and_changes_nothing(client, committed):
    assert _upload(client, fixture_payload(), key="nope").status_code == 401
    response = client.post("/api/guild-sync/addon-upload", json=fixture_payload())
    assert response.status_code == 401 and response.json()["ok"] is False
    assert client.get("/api/guild-sync/addon-upload/status").status_code == 401
    with Session(committed) as session:
        assert session.exec(select(WowCharacter)).all() == []


def _key_for(engine, display_name: str) -> str:
    with Session(engine) as session:
        owner = session.exec(select(Player).where(Player.display_name == display_name)).first()
        if owner is None:
            owner = Player(display_name=display_name)
            session.add(owner)
            session.flush()
        key = generate_key(
            session=session, officer_player_id=None, owner_player_id=owner.id, now=datetime.now(UTC)
        )
        session.commit()
    return key


def test_a_players_generated_key_works_until_replaced_by_their_next(client, committed):
    first = _key_for(committed, "Keyholder")
    other = _key_for(committed, "Someone else")
    assert _upload(client, fixture_payload(), key=first).status_code == 200
    second = _key_for(committed, "Keyholder")
    assert _upload(client, fixture_payload(), key=first).status_code == 401
    assert _upload(client, fixture_payload(), key=second).status_code == 200
    assert _upload(client, fixture_payload(), key=other).status_code == 200  # theirs still works


def test_over_5_mb_is_413(client):
    payload = fixture_payload()
    payload["padding"] = "x" * (5 * 1024 * 1024)
    response = _upload(client, payload)
    assert response.status_code == 413 and "5 MB" in response.json()["error"]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"addon_version": "1.0.0"}, "characters: Field required"),
        ({"characters": [{"realm": "Sen'jin"}]}, "characters.0.name: Field required"),
        ({"characters": [{"name": "A", "level": 0}, {"name": ""}]}, "characters.0.level"),
        ({"characters": [{"name": "Trog"}, {"name": "trog"}]}, "characters.1: trog appears twice"),
        ([1, 2], "Input should be a valid dictionary"),
    ],
)
def test_malformed_payloads_are_422_naming_the_first_problem(client, committed, payload, message):
    response = _upload(client, payload)
    assert response.status_code == 422, response.text
    assert message in response.json()["error"]
    with Session(committed) as session:
        assert session.exec(select(WowCharacter)).all() == []  # nothing half-applied


def test_not_json_is_422(client):
    response = client.post(
        "/api/guild-sync/addon-upload", content=b"{nope", headers={"X-API-Key": KEY}
    )
    assert response.status_code == 422 and "not JSON" in response.json()["error"]


def test_the_upload_updates_adds_links_and_audits(client, committed):
    with Session(committed) as session:
        existing = WowCharacter(character_name="trogmoon", realm_slug="senjin", realm_name="Sen'jin",
                                level=70, guild_note="old")  # fmt: skip
        session.add(existing)
        session.add(DiscordUser(discord_id="1", username="trog", display_name="Trog"))
        session.add(DiscordUser(discord_id="2", username="shodoom", display_name="Sho"))
        session.add(
            DiscordUser(discord_id="3", username="skatefarm_main")
        )  # 78 % alike: a suggestion
        session.commit()
    before = client.get("/api/guild-sync/addon-upload/status", headers={"X-API-Key": KEY})
    assert before.json() == {"ok": True, "last_upload": None}

    response = _upload(client, fixture_payload())
    assert response.status_code == 200, response.text
    body = response.json()
    assert body == {"ok": True, "status": "processed", "characters_received": 6, "updated": 1,
                    "added": 5, "links_made": 2, "issues_open": body["issues_open"],
                    "ranks": "applied", "ranks_note": None}  # fmt: skip
    with Session(committed) as session:
        trog = session.exec(
            select(WowCharacter).where(WowCharacter.character_name == "trogmoon")
        ).one()
        assert (trog.level, trog.guild_note, trog.officer_note) == (
            80,
            "GM -- discord: trog",
            "main",
        )
        assert trog.addon_last_sync is not None and trog.class_id is not None
        zat = session.exec(
            select(WowCharacter).where(WowCharacter.character_name == "Zatañña")
        ).one()
        assert zat.realm_slug == "sargeras" and zat.guild_note == 'the "healer" you want'
        owners = dict(session.exec(select(WowCharacter.character_name, Player.display_name)
                                   .select_from(WowCharacter)
            .join(PlayerCharacter, PlayerCharacter.character_id == WowCharacter.id)
            .join(Player, PlayerCharacter.player_id == Player.id)).all())  # fmt: skip
        assert owners == {"trogmoon": "Trog", "Shodoom": "Sho"}
        log = session.exec(select(SyncLog)).one()
        assert (log.source, log.characters_found, log.characters_new) == ("addon_upload", 6, 5)
        issues = {i.issue_type for i in session.exec(select(AuditIssue)).all()}
        assert {"unlinked_character", "link_suggestion", "inactive_character"} <= issues
        assert body["issues_open"] == len(session.exec(select(AuditIssue)).all())
    status = client.get("/api/guild-sync/addon-upload/status", headers={"X-API-Key": KEY}).json()
    assert status["ok"] is True and status["last_upload"].startswith(str(datetime.now(UTC).year))


def _rows(engine):
    with Session(engine) as session:
        characters = [(c.id, c.level, c.guild_note, c.officer_note, c.guild_rank_id,
                       c.last_login_timestamp, c.removed_at)
                      for c in session.exec(select(WowCharacter).order_by(WowCharacter.id))]  # fmt: skip
        links = session.exec(select(PlayerCharacter.character_id, PlayerCharacter.player_id)).all()
        issues = session.exec(select(AuditIssue.id, AuditIssue.resolved_at)).all()
    return characters, sorted(links), sorted(issues)


def test_uploading_the_same_export_twice_changes_nothing_the_second_time(client, committed):
    assert _upload(client, fixture_payload()).status_code == 200
    before = _rows(committed)
    second = _upload(client, fixture_payload()).json()
    assert (second["updated"], second["added"], second["links_made"]) == (0, 0, 0)
    assert _rows(committed) == before


def test_an_upload_never_removes_a_character(client, committed):
    assert _upload(client, fixture_payload()).status_code == 200
    smaller = fixture_payload()
    smaller["characters"] = smaller["characters"][:2]
    assert _upload(client, smaller).status_code == 200
    with Session(committed) as session:
        rows = session.exec(select(WowCharacter)).all()
        assert len(rows) == 6 and all(c.removed_at is None for c in rows)


def test_concurrent_uploads_add_each_character_once(client, committed):
    answers = []

    def upload():
        with TestClient(create_api()) as own:
            answers.append(_upload(own, fixture_payload()))

    threads = [threading.Thread(target=upload) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert sorted(a.json()["added"] for a in answers) == [0, 0, 6]
    with Session(committed) as session:
        assert len(session.exec(select(WowCharacter)).all()) == 6
