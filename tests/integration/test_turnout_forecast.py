"""The turnout forecast on the demo guild: calibration on its eight past weeks, the upcoming
events' forecasts, and the officers' forecast API."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from patt_app.demo.seed import seed_demo_guild
from patt_app.models import RaidEvent
from patt_app.services.raids.forecast_view import calibrate, upcoming_forecasts

NOW = datetime(2026, 11, 25, 18, tzinfo=UTC)


@pytest.fixture
def demo(seeded) -> Iterator[Session]:
    seed_demo_guild(session=seeded, now=NOW)
    seeded.flush()
    yield seeded


def test_calibration_on_the_demo_guilds_past_weeks(demo):
    result = calibrate(session=demo, now=NOW)
    print(result.forecast_mae, result.naive_mae, result.inside_range, len(result.rows))
    for r in result.rows:
        print(r)
    held = demo.exec(select(RaidEvent).where(RaidEvent.end_time_utc < NOW)).all()
    assert len(result.rows) == len(held) >= 14  # eight weeks of Tuesdays and Thursdays
    assert result.inside_range >= 0.7 * len(result.rows)
    assert result.forecast_mae < result.naive_mae


def test_upcoming_events_have_a_forecast(demo):
    rows = upcoming_forecasts(session=demo, now=NOW)
    for r in rows:
        print(
            r.event_id,
            r.forecast.expected,
            r.forecast.low,
            r.forecast.high,
            r.forecast.by_role,
            r.forecast.needs,
            len(r.forecast.free_not_signed_up),
        )
    assert rows
