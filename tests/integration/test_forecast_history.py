"""A weekday's history holds only raids that were held: a raid that has not happened yet, a
cancelled raid or one whose attendance nobody recorded is no evidence that anyone missed it.
Regressions of issue 30 ("adding a raid one week earlier dropped the later raid to 0.0")."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from patt_app.demo.seed import seed_demo_guild
from patt_app.models import (
    Player,
    PlayerAvailability,
    RaidAttendance,
    RaidEvent,
    RaidSeason,
    Role,
    Specialization,
)
from patt_app.services.raids.forecast_view import (
    forecast_for_event,
    load_season_data,
    outlooks_for,
    upcoming_forecasts,
)

NOW = datetime(2026, 12, 2, 12, tzinfo=UTC)  # a Wednesday
TUESDAY = datetime(2026, 12, 8, 19, tzinfo=UTC)  # the next Tuesday, 20:00 in Berlin


def _season(session: Session, *, weeks_ago: int = 0) -> RaidSeason:
    season = RaidSeason(name="Fresh season", start_date=(NOW - timedelta(weeks=weeks_ago)).date())
    session.add(season)
    session.flush()
    return season


def _raid(session: Session, season: RaidSeason, start: datetime, **kw) -> RaidEvent:
    event = RaidEvent(
        season_id=season.id,
        title="Raid night",
        event_date=start.date(),
        start_time_utc=start,
        end_time_utc=start + timedelta(hours=3),
        **kw,
    )
    session.add(event)
    session.flush()
    return event


def _players(session: Session, n: int) -> list[Player]:
    spec = session.exec(
        select(Specialization)
        .join(Role, Role.id == Specialization.default_role_id)
        .where(Role.key == "ranged")
    ).first()
    players = []
    for k in range(n):
        player = Player(
            display_name=f"Raider{k}",
            timezone="Europe/Berlin",
            main_spec_id=spec.id,
            created_at=NOW - timedelta(weeks=30),
        )
        session.add(player)
        session.flush()
        for d in range(7):  # every evening from 19:00 local for 5 hours
            session.add(
                PlayerAvailability(
                    player_id=player.id,
                    day_of_week=d,
                    earliest_start=time(19),
                    available_hours=Decimal(5),
                    updated_at=NOW - timedelta(weeks=30),
                )
            )
        players.append(player)
    session.flush()
    return players


def _answers(session: Session, event: RaidEvent, players: list[Player], **row) -> None:
    for p in players:
        session.add(RaidAttendance(event_id=event.id, player_id=p.id, **row))
    session.flush()


def _forecast(session: Session, event: RaidEvent, now: datetime = NOW):
    session.expire_all()
    return forecast_for_event(session=session, event_id=event.id, now=now)


def test_a_raid_yet_to_come_does_not_count_as_missed(seeded):
    season = _season(seeded)
    players = _players(seeded, 6)
    later = _raid(seeded, season, TUESDAY + timedelta(weeks=1))
    _answers(seeded, later, players[:4], signed_up=True)
    alone = _forecast(seeded, later)
    assert alone.expected >= 3.0  # 4 signed up, with the guild's default show rate

    earlier = _raid(seeded, season, TUESDAY)  # one week earlier, not held yet
    _answers(seeded, earlier, players[:4], signed_up=True)
    with_earlier = _forecast(seeded, later)
    assert with_earlier == alone
    assert with_earlier.high > 0 and with_earlier.by_role["ranged"] > 0
    assert _forecast(seeded, earlier).expected == alone.expected  # same answers, same forecast


def test_several_coming_raids_on_one_weekday_forecast_alike(seeded):
    season = _season(seeded, weeks_ago=4)
    players = _players(seeded, 8)
    for week in range(1, 4):  # three held Tuesdays: 6 of 8 came
        held = _raid(seeded, season, TUESDAY - timedelta(weeks=week))
        _answers(seeded, held, players[:6], signed_up=True, attended=True)
        _answers(seeded, held, players[6:], signed_up=True)
    coming = [_raid(seeded, season, TUESDAY + timedelta(weeks=w)) for w in range(4)]
    for event in coming:
        _answers(seeded, event, players[:5], signed_up=True)
    forecasts = [_forecast(seeded, e) for e in coming]
    assert {f.expected for f in forecasts} == {forecasts[0].expected}
    assert {(f.low, f.high) for f in forecasts} == {(forecasts[0].low, forecasts[0].high)}
    assert forecasts[0].expected > 4.0  # the five who signed up came every time


def test_a_season_with_no_past_raid_forecasts_from_the_guild_defaults(seeded):
    season = _season(seeded)
    players = _players(seeded, 5)
    raids = [_raid(seeded, season, TUESDAY + timedelta(weeks=w)) for w in range(3)]
    for event in raids:
        _answers(seeded, event, players[:2], signed_up=True)
    for event in raids:
        result = _forecast(seeded, event)
        # two signed up at the default show rate 0.9, three free at the default weekday rate 0.6
        assert result.expected == pytest.approx(2 * 0.9 + 3 * 0.6, abs=0.05)
        assert result.low <= result.expected <= result.high


def test_a_cancelled_raid_is_no_history(seeded):
    season = _season(seeded, weeks_ago=2)
    players = _players(seeded, 4)
    coming = _raid(seeded, season, TUESDAY)
    _answers(seeded, coming, players, signed_up=True)
    before = _forecast(seeded, coming)
    cancelled = _raid(
        seeded, season, TUESDAY - timedelta(weeks=1), cancelled_at=NOW - timedelta(days=9)
    )
    _answers(seeded, cancelled, players, signed_up=True)  # signed up, then it was called off
    assert _forecast(seeded, coming) == before


def test_an_ended_raid_counts_once_its_attendance_is_recorded(seeded):
    season = _season(seeded, weeks_ago=2)
    players = _players(seeded, 4)
    coming = _raid(seeded, season, TUESDAY)
    _answers(seeded, coming, players, signed_up=True)
    before = _forecast(seeded, coming)
    last_week = _raid(seeded, season, TUESDAY - timedelta(weeks=1))
    _answers(seeded, last_week, players, signed_up=True)
    assert _forecast(seeded, coming) == before  # ended, but nobody ticked who came yet
    for row in seeded.exec(select(RaidAttendance).where(RaidAttendance.event_id == last_week.id)):
        row.attended = True
    seeded.flush()
    assert _forecast(seeded, coming).expected > before.expected  # everyone came: evidence


DEMO_NOW = datetime(2026, 11, 25, 18, tzinfo=UTC)


def test_the_demo_seasons_coming_raids_forecast_alike_on_each_weekday(seeded):
    seed_demo_guild(session=seeded, now=DEMO_NOW)
    seeded.flush()
    data = load_season_data(session=seeded)
    coming = [e for e in data.events if e.start_time_utc > DEMO_NOW and e.cancelled_at is None]
    by_weekday = defaultdict(list)
    for event in coming:
        by_weekday[event.event_date.weekday()].append(event)
    assert any(len(events) >= 2 for events in by_weekday.values())
    forecasts = {f.event_id: f.forecast for f in upcoming_forecasts(session=seeded, now=DEMO_NOW)}
    for events in by_weekday.values():
        histories = []
        for event in events:
            outlooks, guild = outlooks_for(data, event, now=DEMO_NOW)
            histories.append((guild, [(o.weekday, o.when_signed) for o in outlooks]))
        assert all(h == histories[0] for h in histories)  # the same evidence for every week
        signed = [
            {o.player_id for o in outlooks_for(data, e, now=DEMO_NOW)[0] if o.answer == "signed up"}
            for e in events
        ]
        both = set.intersection(*signed)
        for pid in both:  # the same answer gets the same chance, whichever week
            assert len({forecasts[e.id].chances[pid] for e in events}) == 1
        for event, ids in zip(events, signed, strict=True):
            assert forecasts[event.id].expected >= 0.8 * len(ids)
