"""Boundaries pinned one by one: each test names the off-by-one it catches."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from patt_app.services.errors import InvalidInput
from patt_app.services.scheduling.availability import parse_hours
from patt_app.services.scheduling.heatmap import Filters, build_heatmap, day_summary, week_grid
from patt_app.services.scheduling.raid_night_finder import FinderRequest, find_raid_nights
from patt_app.services.scheduling.schedule_time import (
    PlayerSchedule,
    WeeklyWindow,
    utc_intervals,
)

MONDAY = date(2027, 1, 11)  # a plain winter week: New York is UTC-5 all week


def player(pid, zone="UTC", *windows, weight=1, rank=2, role="melee", away=()):
    return PlayerSchedule(
        player_id=pid,
        timezone=zone,
        weight=weight,
        rank_level=rank,
        role=role,
        windows=tuple(WeeklyWindow(*w) for w in windows),
        away=away,
    )


# Away periods -------------------------------------------------------------------------------


def test_away_covers_its_first_and_its_last_day_inclusive():
    """`a <= day <= b`: the last day of an away period is still away (and the day after not)."""
    every_evening = [(d, time(20), 2) for d in range(7)]
    away = ((MONDAY + timedelta(days=1), MONDAY + timedelta(days=3)),)  # Tue..Thu
    starts = [
        s.date()
        for s, _ in utc_intervals(
            player(1, "UTC", *every_evening, away=away), MONDAY, MONDAY + timedelta(days=6)
        )
    ]
    assert starts == [
        MONDAY,
        MONDAY + timedelta(days=4),
        MONDAY + timedelta(days=5),
        MONDAY + timedelta(days=6),
    ]


# The raid-night finder's start bounds -------------------------------------------------------


def _team(start: time, hours: float, size: int = 16) -> list[PlayerSchedule]:
    roles = ["tank"] * 2 + ["healer"] * 4 + ["melee"] * (size - 6)
    return [
        player(i, "UTC", *[(d, start, hours) for d in range(7)], role=r)
        for i, r in enumerate(roles)
    ]


def _one_night(team, earliest: time, latest: time, minutes: int = 120):
    request = FinderRequest(duration_minutes=minutes, earliest=earliest, latest=latest, nights=1)
    return find_raid_nights(team, week_grid(MONDAY, "UTC"), request)


def test_a_latest_start_past_midnight_admits_starts_up_to_it():
    """20:00–01:00: a team free from 01:00 may start at 01:00 exactly (the bound is inclusive)."""
    [night] = _one_night(_team(time(1), 2), time(20), time(1))
    assert night.start.time() == time(1)


def test_a_latest_start_past_midnight_refuses_later_starts():
    assert _one_night(_team(time(1, 30), 3), time(20), time(1)) == []


def test_a_latest_start_past_midnight_admits_the_earliest_and_the_hours_between():
    [night] = _one_night(_team(time(20), 2), time(20), time(1))
    assert night.start.time() == time(20)
    [night] = _one_night(_team(time(23, 30), 2), time(20), time(1))
    assert night.start.time() == time(23, 30)
    assert _one_night(_team(time(19), 3), time(20), time(1))[0].start.time() == time(20)
    assert _one_night(_team(time(17), 2.5), time(20), time(1)) == []  # 17:00–19:30 only


def test_a_plain_evening_bound_is_inclusive_at_both_ends():
    assert _one_night(_team(time(19), 2), time(19), time(21))[0].start.time() == time(19)
    assert _one_night(_team(time(21), 2), time(19), time(21))[0].start.time() == time(21)
    assert _one_night(_team(time(21, 30), 2), time(19), time(21)) == []
    assert _one_night(_team(time(16), 2.5), time(17), time(21)) == []


# Filters ------------------------------------------------------------------------------------


def test_include_never_beats_exclude():
    """Listed in both: left out (an officer's "leave out" wins over "always count")."""
    grid = week_grid(MONDAY, "UTC")
    people = [
        player(1, "UTC", (0, time(20), 2), rank=1),
        player(2, "UTC", (0, time(20), 2), rank=1),
    ]
    both = Filters(min_rank=3, include=frozenset({1, 2}), exclude=frozenset({1}))
    heat = build_heatmap(people, grid, both)
    assert heat.players_at(grid.starts.index(datetime(2027, 1, 11, 20, tzinfo=UTC))) == [2]
    assert Filters(include=frozenset({1}), exclude=frozenset({1})).admits(people[0]) is False
    assert Filters(min_rank=5, include=frozenset({1})).admits(people[0]) is True


# Heatmap days in the viewer's zone ----------------------------------------------------------


def _days(people, zone):
    grid = week_grid(MONDAY, zone)
    return [s.count for s in day_summary(build_heatmap(people, grid), people, len(people))]


def test_a_window_ending_at_the_viewers_midnight_belongs_to_that_day_only():
    """Monday 22:00–24:00 in New York is Tuesday 03:00–05:00 UTC: Monday for a New York viewer,
    Tuesday for a UTC viewer; and it does not spill into the New York Tuesday."""
    late = [player(1, "America/New_York", (0, time(22), 2))]
    assert _days(late, "America/New_York") == [1, 0, 0, 0, 0, 0, 0]
    assert _days(late, "UTC") == [0, 1, 0, 0, 0, 0, 0]


def test_a_raider_on_past_midnight_counts_for_the_evening_they_started():
    """Tuesday 20:00–01:00: a Tuesday raider, not a Wednesday one too."""
    late = [player(1, "UTC", (1, time(20), 5))]
    assert _days(late, "UTC") == [0, 1, 0, 0, 0, 0, 0]


def test_a_window_starting_at_the_viewers_midnight_belongs_to_the_new_day_only():
    midnight = [player(1, "America/New_York", (1, time(0), 2))]
    assert _days(midnight, "America/New_York") == [0, 1, 0, 0, 0, 0, 0]
    assert _days(midnight, "Europe/Berlin") == [0, 1, 0, 0, 0, 0, 0]  # 06:00–08:00 Berlin


def test_day_headers_of_the_grid_start_at_the_viewers_local_midnight():
    grid = week_grid(MONDAY, "America/New_York")
    tuesday = grid.starts[grid.day_starts[1]]
    assert tuesday == datetime(2027, 1, 12, 5, tzinfo=UTC)
    assert grid.starts[grid.day_starts[1] - 1] == datetime(2027, 1, 12, 4, 30, tzinfo=UTC)


# Hours --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["NaN", "nan", "sNaN", "-NaN", "Infinity", "-inf", "", "three"])
def test_hours_that_are_not_a_finite_number_are_a_field_error(text):
    with pytest.raises(InvalidInput, match="Hours must be"):
        parse_hours(text)


@pytest.mark.parametrize(("text", "hours"), [("0.5", "0.5"), ("16", "16"), (" 2.5 ", "2.5")])
def test_hours_at_the_edges_are_accepted(text, hours):
    assert str(parse_hours(text)) == hours


@pytest.mark.parametrize("text", ["0", "16.5", "1.25", "-1"])
def test_hours_outside_or_between_steps_are_refused(text):
    with pytest.raises(InvalidInput, match=r"between 0\.5 and 16"):
        parse_hours(text)
