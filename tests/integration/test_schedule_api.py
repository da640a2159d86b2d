"""The scheduling JSON for officers: shapes, real numbers and clear 422s."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from patt_app.api import create_api
from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import Player, PlayerAvailability, User
from patt_app.services.accounts.sessions import start_session
from patt_app.services.errors import InvalidInput
from patt_app.services.scheduling import availability as av
from tests.weeks import next_week

WEEK = "2026-11-23"
NEXT_WEEK = next_week()  # the finder proposes nothing already past


@pytest.fixture
def api(committed):
    with Session(committed) as session:
        seed_demo_guild(session=session, now=datetime.now(UTC))
        officer = session.exec(select(User).where(User.discord_username == DEMO_OFFICER)).one()
        token = start_session(session=session, user_id=officer.id, now=datetime.now(UTC), hours=1)
        member = session.exec(
            select(Player)
            .join(User, User.id == Player.website_user_id)
            .where(User.discord_username == DEMO_MEMBER)
        ).one()
        av.clear_all(session=session, player_id=member.id)
        av.set_window(
            session=session, player_id=member.id, day_of_week=1, start=time(20, 0), hours="3"
        )
        session.commit()
        member_id = member.id
    with TestClient(create_api(), headers={"Authorization": f"Bearer {token}"}) as client:
        yield client, member_id


def test_availability_lists_every_active_player_by_name(api):
    client, member_id = api
    rows = client.get("/api/v1/guild/availability").json()["data"]
    assert rows == sorted(rows, key=lambda r: r["display_name"])
    mine = next(r for r in rows if r["player_id"] == member_id)
    assert mine["timezone"] == "America/Denver"
    assert list(mine["days"]) == [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    assert mine["days"]["tuesday"] == {"earliest_start": "20:00", "available_hours": 3.0}
    assert mine["days"]["monday"] is None


def test_heatmap_in_the_viewers_zone(api):
    client, member_id = api
    body = client.get(
        f"/api/v1/schedule/heatmap?week_start={WEEK}&tz=America/New_York&slot_minutes=30"
    ).json()["data"]
    assert (body["week_start"], body["timezone"], body["slot_minutes"]) == (
        WEEK,
        "America/New_York",
        30,
    )
    assert body["days"][0]["date"] == WEEK and len(body["days"]) == 7
    tuesday = body["days"][1]["slots"]
    assert len(tuesday) == 48 and tuesday[0]["start"] == "2026-11-24T00:00:00-05:00"
    # Denver 20:00–23:00 is 22:00–01:00 in New York.
    at_22 = next(s for s in tuesday if s["start"].startswith("2026-11-24T22:00"))
    at_21 = next(s for s in tuesday if s["start"].startswith("2026-11-24T21:30"))
    assert member_id in at_22["player_ids"] and member_id not in at_21["player_ids"]
    assert at_22["count"] == len(at_22["player_ids"])
    assert set(at_22["roles"]) == {"tank", "healer", "melee", "ranged", "unknown"}


def test_role_filter_keeps_only_those_roles(api):
    client, _ = api
    everyone = client.get(f"/api/v1/schedule/heatmap?week_start={WEEK}").json()["data"]
    tanks = client.get(f"/api/v1/schedule/heatmap?week_start={WEEK}&roles=tank").json()["data"]
    busiest = max((s for d in everyone["days"] for s in d["slots"]), key=lambda s: s["count"])
    same = next(s for d in tanks["days"] for s in d["slots"] if s["start"] == busiest["start"])
    assert same["count"] == busiest["roles"]["tank"] < busiest["count"]


def test_a_dst_week_has_50_slots_on_fall_back_day(api):
    client, _ = api
    body = client.get("/api/v1/schedule/heatmap?week_start=2026-10-28&tz=America/New_York").json()[
        "data"
    ]
    assert body["week_start"] == "2026-10-26"
    assert [len(d["slots"]) for d in body["days"]] == [48, 48, 48, 48, 48, 48, 50]


def test_windows_are_ranked_and_explained(api):
    client, _ = api
    body = client.get(
        f"/api/v1/schedule/windows?week_start={NEXT_WEEK}&tz=America/Chicago"
        "&duration_minutes=180&tanks=2&healers=4&dps=10&nights=2"
        "&earliest=18:00&latest=22:00"
    ).json()["data"]
    windows = body["windows"]
    assert 1 <= len(windows) <= 2
    assert windows == sorted(windows, key=lambda w: -w["weighted"])
    first = windows[0]
    assert set(first) == {"start", "end", "weighted", "count", "roles", "player_ids", "warnings"}
    assert first["count"] == len(first["player_ids"])
    start = datetime.fromisoformat(first["start"])
    assert time(18) <= start.time() <= time(22)
    assert start.utcoffset() == ZoneInfo("America/Chicago").utcoffset(start.replace(tzinfo=None))


def test_a_week_already_past_proposes_no_nights(api):
    client, _ = api
    query = "tz=America/Chicago&duration_minutes=180&tanks=0&healers=0&dps=1&earliest=18:00"
    future = client.get(f"/api/v1/schedule/windows?week_start={NEXT_WEEK}&{query}")
    past = client.get(f"/api/v1/schedule/windows?week_start={WEEK}&{query}")
    assert future.json()["data"]["windows"], "next week's nights are proposed"
    assert past.status_code == 200 and past.json()["data"]["windows"] == []


@pytest.mark.parametrize(
    ("query", "named"),
    [
        (f"week_start={WEEK}&tz=Mars/Olympus", "tz"),
        (f"week_start={WEEK}&slot_minutes=7", "slot_minutes"),
        ("week_start=next-tuesday", "week_start"),
        ("tz=UTC", "week_start"),
        (f"week_start={WEEK}&roles=tank,bard", "roles"),
    ],
)
def test_bad_heatmap_parameters_are_422_naming_the_parameter(api, query, named):
    client, _ = api
    response = client.get(f"/api/v1/schedule/heatmap?{query}")
    assert response.status_code == 422
    assert response.json()["ok"] is False and named in response.json()["error"]


def test_bad_finder_parameters_are_422(api):
    client, _ = api
    for query, named in (
        ("duration_minutes=100", "duration_minutes"),
        ("earliest=7pm", "earliest"),
        ("nights=0", "nights"),
    ):
        response = client.get(f"/api/v1/schedule/windows?week_start={WEEK}&{query}")
        assert response.status_code == 422 and named in response.json()["error"], query


def test_availability_services_validate_and_upsert(committed):
    with Session(committed) as session:
        player = Player(display_name="Validator")
        session.add(player)
        session.flush()
        av.set_window(
            session=session, player_id=player.id, day_of_week=2, start="19:30", hours="2.5"
        )
        av.set_window(session=session, player_id=player.id, day_of_week=2, start="21:00", hours="4")
        rows = session.exec(
            select(PlayerAvailability).where(PlayerAvailability.player_id == player.id)
        ).all()
        assert [(r.earliest_start, float(r.available_hours)) for r in rows] == [(time(21), 4.0)]
        for bad in (
            {"hours": "0"},
            {"hours": "16.5"},
            {"hours": "2.25"},
            {"hours": "x"},
            {"start": "25:00"},
            {"day_of_week": 7},
        ):
            args = {"day_of_week": 1, "start": "20:00", "hours": "3", **bad}
            with pytest.raises(InvalidInput):
                av.set_window(session=session, player_id=player.id, **args)
        assert av.copy_to_weekdays(session=session, player_id=player.id, from_day=2) == 5
        week = av.week_of(session=session, player_id=player.id)
        assert [w.start for w in week] == ["21:00"] * 5 + ["", ""]
        with pytest.raises(InvalidInput, match="Sunday has no window"):
            av.copy_to_weekdays(session=session, player_id=player.id, from_day=6)
        with pytest.raises(InvalidInput, match="on or after"):
            av.add_away(
                session=session,
                player_id=player.id,
                start_date=date(2026, 12, 5),
                end_date=date(2026, 12, 1),
            )
        av.clear_all(session=session, player_id=player.id)
        assert all(w.start == "" for w in av.week_of(session=session, player_id=player.id))
        session.rollback()
