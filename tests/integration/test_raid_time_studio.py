"""The raid-time studio on the demo guild: candidates compared against the current season's
Tuesdays and Thursdays, the fast comparison equal to the forecast asked raid by raid."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session

from patt_app.demo.seed import seed_demo_guild
from patt_app.services.errors import InvalidInput
from patt_app.services.raids.raid_time_candidates import parse_candidates
from patt_app.services.raids.raid_time_studio import (
    compare_loaded,
    compare_raid_by_raid,
    compare_raid_times,
    load_studio,
)

NOW = datetime(2026, 11, 25, 18, tzinfo=UTC)
CURRENT_LIKE = "tue,thu@20:00/America/Chicago/180"
MORNING = "sat,sun@06:00/America/Chicago/120"


@pytest.fixture
def demo(seeded) -> Session:
    seed_demo_guild(session=seeded, now=NOW)
    seeded.flush()
    return seeded


def test_eight_weeks_per_candidate_with_turnout_in_its_range(demo):
    result = compare_raid_times(session=demo, candidates=[CURRENT_LIKE, MORNING], now=NOW)
    assert result.current_raids > 0
    evening, morning = result.candidates
    assert len(evening.weeks) == 8 and len(morning.weeks) == 8
    for week in evening.weeks + morning.weeks:
        assert week.night.low <= week.night.expected <= week.night.high
        assert week.week_start.weekday() == 0
    assert evening.weeks[0].night.expected > morning.weeks[0].night.expected
    assert morning.weeks[0].night.needs  # nobody raids at dawn


def test_a_dawn_schedule_loses_the_evening_raiders_and_gains_nobody(demo):
    result = compare_raid_times(session=demo, candidates=[CURRENT_LIKE, MORNING], now=NOW)
    evening, morning = result.candidates
    assert morning.losses and not morning.gains
    assert len(evening.losses) < len(morning.losses)
    assert all(m.covered_now * 2 >= m.raids_now for m in morning.losses)
    assert all(m.zone for m in morning.losses)


def test_the_fast_comparison_equals_the_forecast_raid_by_raid(demo):
    inputs = load_studio(session=demo, now=NOW)
    candidates = parse_candidates([CURRENT_LIKE, MORNING, "mon,wed,fri@19:30/Europe/London/150"])
    assert compare_loaded(inputs, candidates) == compare_raid_by_raid(inputs, candidates)


def test_a_new_york_candidate_over_the_us_clock_change_warns_the_london_members(seeded):
    spring = datetime(2027, 3, 3, 18, tzinfo=UTC)  # the span: 8 March on; US clocks 14 March
    seed_demo_guild(session=seeded, now=spring)
    seeded.flush()
    result = compare_raid_times(
        session=seeded, candidates=["tue,thu@21:00/America/New_York/180", MORNING], now=spring
    )
    new_york = result.candidates[0]
    assert any(
        "1 h earlier" in line and "Europe/London (02:00 → 01:00)" in line for line in new_york.dst
    ), new_york.dst


def test_a_malformed_candidate_is_refused_before_any_read(demo):
    with pytest.raises(InvalidInput, match="candidate 2: zone 'Mars/Base'"):
        compare_raid_times(
            session=demo, candidates=[CURRENT_LIKE, "tue@21:00/Mars/Base/180"], now=NOW
        )
