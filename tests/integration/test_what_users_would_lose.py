"""What a user would lose if a small slip crept in (issue 26's hand-made mutants): a renamed
guild wiping the roster, half an addon upload applied, one good login lifting an address's
limit, an expired login still working in open tabs, an officer's rank filter ignored."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from patt_app.api import create_api
from patt_app.db import call_in_session
from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.integrations.blizzard.client import BattleNetClient
from patt_app.integrations.blizzard.roster_sync import run_sync
from patt_app.live import read_cache
from patt_app.live.listener import listen_for_changes
from patt_app.models import (
    GuildRank,
    LoginFailure,
    Player,
    PlayerCharacter,
    SyncLog,
    User,
    UserSession,
    WowCharacter,
)
from patt_app.services.accounts import login_throttle as throttle
from patt_app.services.accounts.passwords import hash_password
from patt_app.services.accounts.registration import authenticate
from patt_app.services.accounts.sessions import hash_token, resolve_session
from patt_app.services.errors import NotLoggedIn, RateLimited
from patt_app.services.sync.sync_runs import start_sync_run
from patt_app.settings import Settings, get_settings
from patt_app.states.admin.attendance import AdminAttendanceReportState
from patt_app.states.schedule import ScheduleState
from patt_app.states.session import VIEWERS
from tests.browser_session import give_session
from tests.support.fake_battlenet import FakeBattleNet, make_guild

# -- a renamed guild (Battle.net answers 404 for the roster) ------------------------------------


def _sync(fake: FakeBattleNet):
    settings = Settings(**{k.lower(): v for k, v in fake.settings_env().items()})
    run_id = call_in_session(start_sync_run, now=datetime.now(UTC))
    client = BattleNetClient(
        api_url=fake.url,
        token_url=f"{fake.url}/token",
        client_id=settings.blizzard_client_id,
        client_secret=settings.blizzard_client_secret.get_secret_value(),
        timeout=10.0,
        retry_pauses=(0.05, 0.1),
    )

    async def go():
        async with client:
            return await run_sync(run_id, settings=settings, client=client)

    return asyncio.run(go())


def test_a_renamed_guild_fails_the_sync_clearly_and_removes_nobody(committed):
    fake = FakeBattleNet(characters=make_guild(12), guild_slug=get_settings().guild_slug).start()
    try:
        assert _sync(fake).added == 12
        fake.guild_slug = "pull-all-the-things-renamed"  # the old slug is now 404
        run = _sync(fake)
    finally:
        fake.stop()
    assert run.status == "failed" and run.removed == 0
    assert "does not know the guild pull-all-the-things" in run.error
    with Session(committed) as session:
        characters = session.exec(select(WowCharacter)).all()
        assert len(characters) == 12 and all(c.removed_at is None for c in characters)
        row = session.get(SyncLog, run.id)
        assert row.status == "failed" and "does not know the guild" in row.error_message


# -- an addon upload that fails on a later character ------------------------------------------

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


# -- one good login does not lift an address's limit ------------------------------------------

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=UTC)


def _login(engine: Engine, client: str, name: str, password: str) -> bool:
    """One attempt as the login page makes it: counted first, then checked."""
    throttle.count_attempt(bind=engine, client=client, name=name, now=NOW)
    with Session(engine) as session:
        try:
            authenticate(session=session, username=name, password=password, client=client, now=NOW)
        except NotLoggedIn:
            return False
        session.commit()
        return True


def test_a_valid_account_does_not_lift_the_thirty_failure_limit_of_an_address(committed):
    with Session(committed) as session:
        session.add(User(discord_username="decoy", password_hash=hash_password("decoy-password")))
        session.commit()
    sprayer = "6.6.6.6"
    for n in range(throttle.CLIENT_LIMIT - 1):
        assert not _login(committed, sprayer, f"victim{n}", "guess")
    assert _login(committed, sprayer, "decoy", "decoy-password")  # its own account: let in
    assert not _login(committed, sprayer, "victim-last", "guess")  # the 30th failure
    with pytest.raises(RateLimited, match="Too many failed logins"):
        _login(committed, sprayer, "victim-after", "guess")
    with pytest.raises(RateLimited):  # even the decoy's right password: wait the window out
        _login(committed, sprayer, "decoy", "decoy-password")
    assert _login(committed, "203.0.113.9", "decoy", "decoy-password")  # others are not


def test_the_nightly_purge_forgets_only_counters_untouched_for_a_day(committed):
    for _ in range(3):
        _login(committed, "6.6.6.6", "victim", "guess")  # NOW: kept
    with Session(committed) as session:
        assert throttle.purge_old_failures(session=session, now=NOW) == 0
        assert throttle.purge_old_failures(session=session, now=NOW + throttle.KEEP) == 0
        session.commit()
        assert len(session.exec(select(LoginFailure)).all()) == 3  # client, pair, name
        later = NOW + throttle.KEEP + timedelta(seconds=1)
        assert throttle.purge_old_failures(session=session, now=later) == 3
        session.commit()


# -- an expired login stops working in the tabs left open ------------------------------------


async def _until(condition, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("not within the time allowed")
        await asyncio.sleep(0.02)


async def _click(view, handler: str, *args):
    return await type(view).event_handlers[handler].fn(view, *args)


def test_an_expired_login_stops_working_in_an_open_tab_at_the_next_click(tokens, committed):
    token = tokens[DEMO_MEMBER]
    with Session(committed) as session:
        expires = session.exec(
            select(UserSession.expires_at).where(UserSession.token_hash == hash_token(token))
        ).one()

    async def scenario():
        listener = asyncio.create_task(listen_for_changes())
        try:
            await _until(lambda: read_cache._listening)
            view = ScheduleState()
            give_session(view, token)
            await _click(view, "load")
            assert await _click(view, "toggle_role", "tank") is None
            assert VIEWERS.peek(token) is not None  # the tab's viewer is kept between clicks
            with time_machine.travel(expires + timedelta(minutes=1), tick=True):
                refused = await _click(view, "toggle_role", "healer")
            assert refused is not None and "log in" in str(refused).lower()
        finally:
            listener.cancel()
            await asyncio.gather(listener, return_exceptions=True)

    asyncio.run(scenario())


# -- the officers' attendance overview keeps its minimum rank --------------------------------


def test_the_attendance_screen_shows_only_the_chosen_rank_and_above(tokens, committed):
    with Session(committed) as session:
        officer = resolve_session(
            session=session, token=tokens[DEMO_OFFICER], now=datetime.now(UTC)
        )
    screen = AdminAttendanceReportState()
    screen._actor = officer
    asyncio.run(screen._reload())
    everyone = {row.rank_level for row in screen.rows}
    assert min(everyone) < 4 <= max(everyone)  # the demo guild has officers and the rest
    asyncio.run(AdminAttendanceReportState.choose_min_rank.fn.__wrapped__(screen, "4"))
    assert screen.rows and all(row.rank_level >= 4 for row in screen.rows)
    asyncio.run(AdminAttendanceReportState.choose_min_rank.fn.__wrapped__(screen, "0"))
    assert {row.rank_level for row in screen.rows} == everyone
