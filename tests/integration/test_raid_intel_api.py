"""The officers' raid-night JSON: an event's forecast and the season's daylight-saving guard."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from patt_app.api import create_api
from patt_app.demo.guild import DEMO_OFFICER
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import Player, RaidAttendance, RaidEvent, RaidSeason, User
from patt_app.services.accounts.sessions import start_session
from patt_app.services.raids.events import EventDetails, create_series


@pytest.fixture
def api(committed):
    now = datetime.now(UTC)
    with Session(committed) as session:
        seed_demo_guild(session=session, now=now)
        officer = session.exec(select(User).where(User.discord_username == DEMO_OFFICER)).one()
        token = start_session(session=session, user_id=officer.id, now=now, hours=1)
        session.commit()
    with TestClient(create_api(), headers={"Authorization": f"Bearer {token}"}) as client:
        yield client, committed


def _next_event(engine) -> RaidEvent:
    with Session(engine) as session:
        return session.exec(
            select(RaidEvent)
            .where(RaidEvent.start_time_utc > datetime.now(UTC))
            .order_by(RaidEvent.start_time_utc)
        ).first()


def test_forecast_of_the_next_raid(api):
    client, engine = api
    event = _next_event(engine)
    body = client.get(f"/api/v1/events/{event.id}/forecast").json()
    assert body["ok"] is True
    data = body["data"]
    assert set(data) == {"expected", "low", "high", "by_role", "needs", "free_not_signed_up"}
    assert data["low"] <= data["expected"] <= data["high"]
    assert set(data["by_role"]) == {"tank", "healer", "melee", "ranged"}
    assert sum(data["by_role"].values()) <= data["expected"] + 0.5
    with Session(engine) as session:
        answered = set(
            session.exec(
                select(RaidAttendance.player_id).where(RaidAttendance.event_id == event.id)
            ).all()
        )
        names = dict(session.exec(select(Player.id, Player.display_name)).all())
    free = data["free_not_signed_up"]
    assert free, "the demo guild has free players who have not answered yet"
    assert all(p["player_id"] not in answered for p in free)
    assert all(names[p["player_id"]] == p["name"] for p in free)


def test_forecast_of_an_unknown_event_is_a_404(api):
    client, _ = api
    response = client.get("/api/v1/events/999999/forecast")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error": "That event does not exist."}


def test_dst_guard_finds_the_london_weeks_of_a_new_york_series(api):
    client, engine = api
    today = datetime.now(UTC).date()
    year = today.year + 1
    with Session(engine) as session:
        season = RaidSeason(name="Spring test season", start_date=today)
        session.add(season)
        session.flush()
        creator = session.exec(select(User).where(User.discord_username == DEMO_OFFICER)).one()
        officer = session.exec(select(Player).where(Player.website_user_id == creator.id)).one()
        assert officer.timezone == "America/New_York"
        create_series(
            session=session,
            details=EventDetails(
                title="Spring raid",
                event_date=date(year, 2, 20),
                start=time(21, 0),
                end=time(23, 0),
                timezone="America/New_York",
                season_id=season.id,
            ),
            weekdays=[3],
            weeks=8,
            created_by_player_id=officer.id,
            today=today,
        )
        session.commit()
        season_id = season.id
    rows = client.get(f"/api/v1/schedule/dst-guard?season_id={season_id}").json()["data"]
    london = [r for r in rows if r["zone"] == "Europe/London"]
    assert 2 <= len(london) <= 3  # the Thursdays between the US and the EU change
    assert all(r["local_shift_minutes"] == -60 and not r["projected"] for r in london)
    assert all(date.fromisoformat(r["week_start"]).month == 3 for r in london)
    assert "Bronwyn" in london[0]["players"]
    assert set(london[0]["no_longer_free"]) <= set(london[0]["players"])
    assert not [r for r in rows if r["zone"] in ("America/New_York", "America/Chicago")]


def test_dst_guard_of_an_unknown_season_is_a_404(api):
    client, _ = api
    assert client.get("/api/v1/schedule/dst-guard?season_id=999999").status_code == 404
