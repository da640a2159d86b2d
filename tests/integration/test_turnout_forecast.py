"""The turnout forecast on the demo guild: calibration on its eight past weeks, and the
forecasts of the coming raids reacting to sign-ups and withdrawals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from patt_app.demo.seed import seed_demo_guild
from patt_app.models import RaidAttendance, RaidEvent
from patt_app.services.raids import attendance as att
from patt_app.services.raids.forecast_view import calibrate, forecast_for_event, upcoming_forecasts

NOW = datetime(2026, 11, 25, 18, tzinfo=UTC)


@pytest.fixture
def demo(seeded) -> Session:
    seed_demo_guild(session=seeded, now=NOW)
    seeded.flush()
    return seeded


def test_calibration_on_the_demo_guilds_past_weeks(demo):
    result = calibrate(session=demo, now=NOW)
    held = demo.exec(select(RaidEvent).where(RaidEvent.end_time_utc < NOW)).all()
    assert len(result.rows) == len(held) >= 14  # eight weeks of Tuesdays and Thursdays
    assert result.inside_range >= 0.7 * len(result.rows)  # "most raids"
    assert result.forecast_mae < result.naive_mae  # better than counting sign-ups


def test_every_coming_raid_has_a_forecast_inside_its_range(demo):
    rows = upcoming_forecasts(session=demo, now=NOW)
    coming = demo.exec(select(RaidEvent).where(RaidEvent.start_time_utc > NOW)).all()
    assert [r.event_id for r in rows] == sorted(
        (e.id for e in coming), key=lambda i: demo.get(RaidEvent, i).start_time_utc
    )
    for row in rows:
        assert row.forecast.low <= row.forecast.expected <= row.forecast.high
        assert sum(row.forecast.by_role.values()) <= row.forecast.expected + 0.5


def test_sign_ups_and_withdrawals_move_the_forecast(demo):
    event = demo.exec(
        select(RaidEvent).where(RaidEvent.start_time_utc > NOW).order_by(RaidEvent.start_time_utc)
    ).first()
    before = forecast_for_event(session=demo, event_id=event.id, now=NOW)
    signed = demo.exec(
        select(RaidAttendance).where(RaidAttendance.event_id == event.id, RaidAttendance.signed_up)
    ).first()
    att.withdraw(session=demo, player_id=signed.player_id, event_id=event.id, now=NOW)
    demo.expire_all()  # the upsert bypasses the ORM; screens read in a fresh session
    after_withdrawal = forecast_for_event(session=demo, event_id=event.id, now=NOW)
    assert after_withdrawal.expected < before.expected
    assert after_withdrawal.chances[signed.player_id] == 0

    free = before.free_not_signed_up[0]
    att.sign_up(session=demo, player_id=free.player_id, event_id=event.id, now=NOW)
    demo.expire_all()
    after_sign_up = forecast_for_event(session=demo, event_id=event.id, now=NOW)
    assert after_sign_up.chances[free.player_id] > before.chances[free.player_id]
    assert free.player_id not in {o.player_id for o in after_sign_up.free_not_signed_up}
