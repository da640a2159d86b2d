"""A player's stored zone written straight into the database as something that is not an IANA
zone: the heatmap, the day summary and the finder still compute for everyone else, leave that
player out, and name them to officers (the screen and the API)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session, select

from patt_app.api import create_api
from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import Player, User
from patt_app.services.accounts.sessions import start_session
from patt_app.services.scheduling import availability as av
from patt_app.states.admin.schedule import AdminScheduleState
from patt_app.states.schedule import ScheduleState, shown_rows
from tests.browser_session import give_session
from tests.weeks import next_week

WEEK = "2026-11-23"  # Tuesday the 24th: the member's and the broken player's window


@pytest.fixture
def guild(committed):
    now = datetime.now(UTC)
    with Session(committed) as session:
        seed_demo_guild(session=session, now=now)
        officer = session.exec(select(User).where(User.discord_username == DEMO_OFFICER)).one()
        token = start_session(session=session, user_id=officer.id, now=now, hours=1)
        member = session.exec(
            select(Player)
            .join(User, User.id == Player.website_user_id)
            .where(User.discord_username == DEMO_MEMBER)
        ).one()
        broken = session.exec(
            select(Player).where(Player.is_active, Player.id != member.id).order_by(Player.id)
        ).first()
        for player in (member, broken):
            av.set_window(
                session=session, player_id=player.id, day_of_week=1, start=time(20), hours="3"
            )
        session.commit()
        ids = {"member": member.id, "broken": broken.id, "broken_name": broken.display_name}
    return token, ids


def _break_zone(engine, player_id: int, zone: str) -> None:
    with engine.begin() as conn:  # what a hand-edited database or an old import could leave
        conn.execute(
            text("UPDATE guild_identity.players SET timezone = :z WHERE id = :p"),
            {"z": zone, "p": player_id},
        )


def _heatmap(client: TestClient) -> dict:
    answer = client.get(f"/api/v1/schedule/heatmap?week_start={WEEK}&tz=America/Chicago")
    assert answer.status_code == 200, answer.text
    return answer.json()["data"]


def _ids_on_tuesday(data: dict) -> set[int]:
    return {pid for slot in data["days"][1]["slots"] for pid in slot["player_ids"]}


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "localtime", "posix/Europe/Paris", ""])
def test_the_api_leaves_the_player_out_names_them_and_counts_everyone_else(committed, guild, zone):
    token, ids = guild
    with TestClient(create_api(), headers={"Authorization": f"Bearer {token}"}) as client:
        before = _heatmap(client)
        assert {ids["member"], ids["broken"]} <= _ids_on_tuesday(before)
        assert before["skipped_players"] == []
        _break_zone(committed, ids["broken"], zone)

        after = _heatmap(client)
        on_tuesday = _ids_on_tuesday(after)
        assert ids["member"] in on_tuesday and ids["broken"] not in on_tuesday
        assert after["skipped_players"] == [
            {"player_id": ids["broken"], "display_name": ids["broken_name"], "timezone": zone}
        ]
        windows = client.get(
            f"/api/v1/schedule/windows?week_start={next_week()}&tz=America/Chicago"
            "&tanks=0&healers=0&dps=1&nights=1&duration_minutes=120"
        )
        assert windows.status_code == 200, windows.text
        found = windows.json()["data"]
        assert found["windows"] and found["skipped_players"][0]["player_id"] == ids["broken"]
        assert all(ids["broken"] not in w["player_ids"] for w in found["windows"])


def test_the_officers_screen_warns_and_still_draws_the_week(committed, guild):
    token, ids = guild
    _break_zone(committed, ids["broken"], "Not/A_Zone")
    schedule = ScheduleState()
    give_session(schedule, token)
    schedule.week_start = WEEK
    schedule.viewer_zone = "America/Chicago"
    asyncio.run(schedule._redraw())
    assert schedule.loaded and shown_rows(schedule) and len(schedule.summary) == 7
    with Session(committed) as session:
        active = len(session.exec(select(Player.id).where(Player.is_active)).all())
    assert schedule.active_count == active - 1
    assert any(row.count > 0 for row in schedule.summary)

    tools = AdminScheduleState()
    give_session(tools, token)
    asyncio.run(AdminScheduleState.load.fn(tools))
    assert tools.skipped_zones == [[ids["broken_name"], "Not/A_Zone"]]


def test_a_viewer_whose_own_zone_is_broken_sees_the_week_in_utc(committed, guild):
    token, _ = guild
    with Session(committed) as session:
        officer = session.exec(select(User).where(User.discord_username == DEMO_OFFICER)).one()
        officer_player = session.exec(
            select(Player.id).where(Player.website_user_id == officer.id)
        ).one()
    _break_zone(committed, officer_player, "Bad/Zone")
    schedule = ScheduleState()
    give_session(schedule, token)
    result = asyncio.run(ScheduleState.load.fn(schedule))
    assert result is None and schedule.viewer_zone == "UTC" and shown_rows(schedule)
