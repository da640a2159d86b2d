"""Availability as it was: every change of a weekly window or an away period is kept as a
period of validity (triggers of migration 0020), so any past moment can be read back; the
forecast of a raid already held uses the availability of the day before it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlmodel import Session, select

from patt_app.models import (
    AvailabilityException,
    AvailabilityExceptionHistory,
    Player,
    PlayerAvailability,
    PlayerAvailabilityHistory,
    RaidEvent,
)
from patt_app.services.raids.forecast_view import forecast_for_event
from patt_app.services.scheduling import availability as av
from patt_app.services.scheduling.availability_history import schedules_as_of

T0 = datetime(2026, 9, 1, 12, tzinfo=UTC)


def _player(session: Session, name: str = "Vera") -> Player:
    player = Player(display_name=name, timezone="Europe/Berlin", created_at=T0 - timedelta(days=60))
    session.add(player)
    session.flush()
    return player


def _hours_at(session: Session, player: Player, moment: datetime) -> dict[int, float]:
    schedule = schedules_as_of(session=session, moment=moment)[player.id]
    return {w.day_of_week: w.hours for w in schedule.windows}


def test_each_version_of_a_window_is_read_back_at_its_time(seeded):
    vera = _player(seeded)
    row = PlayerAvailability(
        player_id=vera.id,
        day_of_week=1,
        earliest_start=time(20),
        available_hours=Decimal(3),
        updated_at=T0,
    )
    seeded.add(row)
    seeded.flush()
    row.available_hours, row.updated_at = Decimal(4), T0 + timedelta(days=10)
    seeded.flush()
    assert _hours_at(seeded, vera, T0 - timedelta(hours=1)) == {}
    assert _hours_at(seeded, vera, T0 + timedelta(days=1)) == {1: 3.0}
    assert _hours_at(seeded, vera, T0 + timedelta(days=11)) == {1: 4.0}
    seeded.delete(row)
    seeded.flush()
    versions = seeded.exec(
        select(PlayerAvailabilityHistory).where(PlayerAvailabilityHistory.player_id == vera.id)
    ).all()
    assert len(versions) == 2 and all(v.valid_to is not None for v in versions)
    assert _hours_at(seeded, vera, T0 + timedelta(days=1)) == {1: 3.0}  # the past stays


def test_the_services_changes_are_kept(seeded):
    vera = _player(seeded)
    av.set_window(session=seeded, player_id=vera.id, day_of_week=3, start="19:00", hours="3")
    av.set_window(session=seeded, player_id=vera.id, day_of_week=3, start="19:30", hours="2.5")
    open_versions = seeded.exec(
        select(PlayerAvailabilityHistory).where(
            PlayerAvailabilityHistory.player_id == vera.id,
            PlayerAvailabilityHistory.valid_to.is_(None),
        )
    ).all()
    assert [(v.earliest_start, float(v.available_hours)) for v in open_versions] == [
        (time(19, 30), 2.5)
    ]
    av.clear_day(session=seeded, player_id=vera.id, day_of_week=3)
    assert not seeded.exec(
        select(PlayerAvailabilityHistory).where(
            PlayerAvailabilityHistory.player_id == vera.id,
            PlayerAvailabilityHistory.valid_to.is_(None),
        )
    ).all()


def test_an_away_period_is_kept_after_it_is_removed(seeded):
    vera = _player(seeded)
    away = av.add_away(
        session=seeded, player_id=vera.id, start_date=date(2026, 9, 8), end_date=date(2026, 9, 9)
    )
    av.remove_away(session=seeded, player_id=vera.id, away_id=away.id)
    seeded.flush()
    assert seeded.get(AvailabilityException, away.id) is None
    (kept,) = seeded.exec(
        select(AvailabilityExceptionHistory).where(
            AvailabilityExceptionHistory.exception_id == away.id
        )
    ).all()
    assert (kept.start_date, kept.end_date) == (date(2026, 9, 8), date(2026, 9, 9))
    assert kept.valid_to is not None and kept.valid_to >= kept.valid_from


def test_a_held_raid_is_judged_on_the_availability_of_the_day_before(seeded):
    start = datetime(2026, 9, 15, 18, tzinfo=UTC)  # a Tuesday, 20:00 in Berlin
    raid = RaidEvent(
        title="Held raid",
        event_date=start.date(),
        start_time_utc=start,
        end_time_utc=start + timedelta(hours=3),
    )
    seeded.add(raid)
    then_free, now_free = _player(seeded, "Then"), _player(seeded, "Later")
    seeded.flush()
    window = PlayerAvailability(
        player_id=then_free.id,
        day_of_week=1,
        earliest_start=time(19),
        available_hours=Decimal(5),
        updated_at=T0,
    )
    seeded.add(window)
    seeded.flush()
    seeded.delete(window)  # cleared today, long after the raid
    seeded.add(
        PlayerAvailability(
            player_id=now_free.id,
            day_of_week=1,
            earliest_start=time(19),
            available_hours=Decimal(5),
            updated_at=start + timedelta(days=20),  # added after the raid
        )
    )
    seeded.flush()
    today = start + timedelta(days=30)
    free = [
        o.name
        for o in forecast_for_event(session=seeded, event_id=raid.id, now=today).free_not_signed_up
    ]
    assert free == ["Then"]
