"""A worker keeps the guild's schedules and the viewers of open tabs between clicks, and the
database tells it when they change: its tables announce "schedule" and "viewers" at commit,
whoever writes (here: plain SQL, no app code), and the listener empties the caches before the
next click reads them. A session ended in the database stops working at the next click."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, text
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.live import read_cache
from patt_app.live.listener import listen_for_changes
from patt_app.models import Player, User
from patt_app.services.accounts.sessions import hash_token
from patt_app.states import session as session_state
from patt_app.states import week_view as schedule_state
from patt_app.states.heatmap_rows import COUNT
from patt_app.states.schedule import ScheduleState, shown_rows
from patt_app.states.session import VIEWERS
from patt_app.states.week_view import SCHEDULES
from tests.browser_session import give_session
from tests.support.waiting import until


def _sql(engine: Engine, statement: str, **params) -> None:
    with engine.begin() as conn:
        conn.execute(text(statement), params)


def _member_id(engine: Engine) -> int:
    with Session(engine) as session:
        user = session.exec(select(User).where(User.discord_username == DEMO_MEMBER)).one()
        return session.exec(select(Player.id).where(Player.website_user_id == user.id)).one()


def test_the_tables_announce_their_changes(tokens, committed, announced):
    member = _member_id(committed)
    announced()  # what seeding announced
    _sql(
        committed,
        "UPDATE patt.player_availability SET available_hours = 2 WHERE player_id = :p",
        p=member,
    )
    assert announced() == {f"schedule:{member}"}  # which player: only they are read again
    _sql(
        committed,
        "UPDATE guild_identity.players SET timezone = 'Asia/Tokyo' WHERE id = :p",
        p=member,
    )
    assert announced() == {"schedule", "viewers"}
    _sql(committed, "UPDATE common.guild_ranks SET scheduling_weight = scheduling_weight + 1")
    assert announced() == {"schedule", "viewers"}
    session_hash = hash_token(tokens[DEMO_MEMBER])
    _sql(
        committed,
        "UPDATE common.user_sessions SET last_seen_at = now() WHERE token_hash = :h",
        h=session_hash,
    )
    assert announced() == set()  # "last seen" changes nobody's viewer
    _sql(
        committed,
        "UPDATE common.user_sessions SET revoked_at = now() WHERE token_hash = :h",
        h=session_hash,
    )
    assert announced() == {"viewers"}
    with committed.begin() as conn:  # one announcement per topic and transaction
        for hours in (3, 4, 5):
            conn.execute(
                text("UPDATE patt.player_availability SET available_hours = :h"), {"h": hours}
            )
        players = conn.execute(text("SELECT player_id FROM patt.player_availability")).all()
    assert announced() == {f"schedule:{p}" for (p,) in players}
    _sql(committed, "TRUNCATE patt.availability_exceptions")  # names no player: everyone
    assert announced() == {"schedule"}


@asynccontextmanager
async def _listener():
    """This worker's LISTEN connection, as the app runs it, up for the block."""
    task = asyncio.create_task(listen_for_changes())
    try:
        await until(lambda: read_cache._listening)
        yield
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def _click(view: ScheduleState, handler: str, *args):
    return await type(view).event_handlers[handler].fn(view, *args)


def _counts(view: ScheduleState) -> list[int]:
    return [c[COUNT] for row in shown_rows(view) for c in row]


def test_clicks_reuse_the_read_until_the_database_announces_a_change(
    tokens, committed, monkeypatch
):
    reads = []
    load_schedules = schedule_state.view.load_schedules

    def counted(**kwargs):
        reads.append(kwargs.get("only"))
        return load_schedules(**kwargs)

    monkeypatch.setattr(schedule_state.view, "load_schedules", counted)
    member = _member_id(committed)

    async def scenario():
        async with _listener():
            view = ScheduleState()
            give_session(view, tokens[DEMO_OFFICER])
            await _click(view, "load")
            for role in ("tank", "tank", "healer", "healer"):
                await _click(view, "toggle_role", role)
            assert len(reads) == 1  # five redraws, one read
            before = _counts(view)
            # the member goes away all week, written past the app: only the table tells
            today = datetime.now(UTC).date()
            _sql(
                committed,
                "INSERT INTO patt.availability_exceptions (player_id, start_date, end_date) "
                "VALUES (:p, :a, :b)",
                p=member,
                a=today - timedelta(days=8),
                b=today + timedelta(days=8),
            )
            await until(lambda: SCHEDULES.peek("all") is None)
            await _click(view, "toggle_role", "melee")
            await _click(view, "toggle_role", "melee")
            assert reads == [None, {member}]  # the guild once, then only the member again
            after = _counts(view)
            assert sum(after) < sum(before)
            fresh = ScheduleState()
            give_session(fresh, tokens[DEMO_OFFICER])
            _sql(committed, "UPDATE common.guild_ranks SET scheduling_weight = scheduling_weight")
            await until(lambda: SCHEDULES.peek("all") is None)  # a rank: everyone again
            await _click(fresh, "load")
            assert reads[-1] is None and _counts(fresh) == after
        assert not read_cache._listening

    asyncio.run(scenario())


def test_a_session_revoked_in_the_database_stops_working_at_the_next_click(tokens, committed):
    async def scenario():
        async with _listener():
            view = ScheduleState()
            give_session(view, tokens[DEMO_MEMBER])
            await _click(view, "load")
            await _click(view, "toggle_role", "tank")
            assert VIEWERS.peek(tokens[DEMO_MEMBER]) is not None  # kept between clicks
            assert view.roles == ["tank"]
            _sql(
                committed,
                "UPDATE common.user_sessions SET revoked_at = now() WHERE token_hash = :h",
                h=hash_token(tokens[DEMO_MEMBER]),
            )
            await until(lambda: VIEWERS.peek(tokens[DEMO_MEMBER]) is None)
            refused = await _click(view, "toggle_role", "healer")
            assert refused is not None  # an error toast: log in again
            assert "log in" in str(refused).lower()

    asyncio.run(scenario())


def test_a_kept_viewer_is_not_used_past_its_sessions_expiry(tokens, committed, monkeypatch):
    resolved = []
    resolve = session_state.resolve_sessions

    def counted(**kwargs):
        resolved.append(kwargs["tokens"])
        return resolve(**kwargs)

    monkeypatch.setattr(session_state, "resolve_sessions", counted)

    async def scenario():
        async with _listener():
            view = ScheduleState()
            give_session(view, tokens[DEMO_MEMBER])
            await _click(view, "load")
            await _click(view, "toggle_role", "tank")
            assert len(resolved) == 1  # kept for the click
            kept = VIEWERS.peek(tokens[DEMO_MEMBER])
            # the same viewer, as if its session's end had just passed (a stand-in clock)
            ended = replace(kept.value, session_expires_at=datetime.now(UTC))
            VIEWERS.keep(tokens[DEMO_MEMBER], ended, VIEWERS.generation)
            await _click(view, "toggle_role", "tank")
            assert len(resolved) == 2  # asked the database again

    asyncio.run(scenario())
