"""Heatmap, day summary and raid-night finder on hand-made guilds."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from patt_app.services.scheduling.heatmap import Filters, build_heatmap, day_summary, week_grid
from patt_app.services.scheduling.raid_night_finder import (
    FinderRequest,
    find_raid_nights,
    grid_minutes_for,
)
from patt_app.services.scheduling.schedule_time import PlayerSchedule, WeeklyWindow

MONDAY = date(2026, 11, 23)


def p(pid, zone="UTC", *windows, weight=1, rank=2, role="melee", away=()):
    return PlayerSchedule(
        player_id=pid,
        timezone=zone,
        weight=weight,
        rank_level=rank,
        role=role,
        windows=tuple(WeeklyWindow(*w) for w in windows),
        away=away,
    )


def slot_of(grid, when: datetime) -> int:
    return grid.starts.index(when)


def test_grid_has_48_half_hours_a_day_and_46_or_50_on_dst_days():
    assert len(week_grid(MONDAY, "UTC").starts) == 7 * 48
    spring = week_grid(date(2026, 3, 2), "America/New_York")  # the week of Sunday 8 March
    sizes = [spring.day_starts[d + 1] - spring.day_starts[d] for d in range(7)]
    assert sizes == [48, 48, 48, 48, 48, 48, 46]
    autumn = week_grid(date(2026, 10, 26), "America/New_York")
    sizes = [autumn.day_starts[d + 1] - autumn.day_starts[d] for d in range(7)]
    assert sizes == [48, 48, 48, 48, 48, 48, 50]
    assert len(week_grid(MONDAY, "UTC", 15).starts) == 7 * 96
    with pytest.raises(ValueError):
        week_grid(MONDAY, "UTC", 7)


def test_cells_count_only_players_available_for_the_whole_cell():
    guild = [
        p(1, "UTC", (1, time(20, 0), 2), weight=5, role="tank"),
        p(2, "UTC", (1, time(20, 15), 2), weight=3, role="healer"),
    ]
    heat = build_heatmap(guild, week_grid(MONDAY, "UTC"))
    at_20 = slot_of(heat.grid, datetime(2026, 11, 24, 20, tzinfo=UTC))
    assert (heat.count[at_20], heat.weighted[at_20]) == (1, 5)  # player 2 starts at 20:15
    assert (heat.count[at_20 + 1], heat.weighted[at_20 + 1]) == (2, 8)
    assert heat.roles["tank"][at_20 + 1] == 1 and heat.roles["healer"][at_20 + 1] == 1
    assert heat.players_at(at_20 + 1) == [1, 2]
    assert heat.count[at_20 + 4] == 0  # 22:00: player 1 is gone, player 2 only until 22:15


def test_the_viewer_zone_shifts_the_grid():
    guild = [p(1, "Asia/Kathmandu", (1, time(20, 0), 1))]  # Tue 20:00 NPT = 14:15 UTC
    heat = build_heatmap(guild, week_grid(MONDAY, "America/St_Johns", 15))
    covered = [i for i, c in enumerate(heat.count) if c]
    local = [heat.grid.starts[i].astimezone(heat.grid.starts[0].tzinfo) for i in covered]
    assert local[0] == datetime(2026, 11, 24, 14, 15, tzinfo=UTC)
    assert len(covered) == 4  # four whole quarter hours


def test_a_sunday_window_runs_into_next_weeks_monday():
    sunday_night = [p(1, "UTC", (6, time(22, 0), 4))]
    this_week = build_heatmap(sunday_night, week_grid(MONDAY, "UTC"))
    next_week = build_heatmap(sunday_night, week_grid(date(2026, 11, 30), "UTC"))
    assert sum(this_week.count[-4:]) == 4  # Sun 22:00–24:00
    assert sum(this_week.count[:4]) == 4  # and Monday 00:00–02:00 from the Sunday before
    assert next_week.count[:4] == [1, 1, 1, 1]


def test_filters_by_rank_role_and_explicit_lists():
    guild = [
        p(1, "UTC", (0, time(20), 2), rank=1, role="tank"),
        p(2, "UTC", (0, time(20), 2), rank=3, role="healer"),
        p(3, "UTC", (0, time(20), 2), rank=4, role="ranged"),
    ]
    grid = week_grid(MONDAY, "UTC")
    at = slot_of(grid, datetime(2026, 11, 23, 20, tzinfo=UTC))
    assert build_heatmap(guild, grid, Filters(min_rank=3)).count[at] == 2
    assert build_heatmap(guild, grid, Filters(roles=frozenset({"tank"}))).players_at(at) == [1]
    only_healers_plus_1 = Filters(roles=frozenset({"healer"}), include=frozenset({1}))
    assert build_heatmap(guild, grid, only_healers_plus_1).players_at(at) == [1, 2]
    assert build_heatmap(guild, grid, Filters(exclude=frozenset({2}))).players_at(at) == [1, 3]


def test_day_summary_percent_and_colour():
    guild = [p(i, "UTC", (1, time(20), 3)) for i in range(7)] + [
        p(10 + i, "UTC", (3, time(20), 3)) for i in range(3)
    ]
    heat = build_heatmap(guild, week_grid(MONDAY, "UTC"))
    days = day_summary(heat, guild, active_count=10)
    tuesday, thursday, friday = days[1], days[3], days[4]
    assert (tuesday.count, tuesday.percent, tuesday.colour) == (7, 70.0, "green")
    assert (thursday.count, thursday.colour) == (3, "red")
    assert (friday.count, friday.percent) == (0, 0.0)
    assert tuesday.weighted == 7 and tuesday.roles["melee"] == 7


def _raid_team(day: int, start: time, hours: float, tanks=2, healers=4, dps=10, weight=1):
    roles = ["tank"] * tanks + ["healer"] * healers + ["melee"] * dps
    return [
        p(day * 100 + i, "UTC", (day, start, hours), role=r, weight=weight)
        for i, r in enumerate(roles)
    ]


def test_finder_ranks_by_weight_of_those_staying_the_whole_raid():
    guild = (
        _raid_team(1, time(19, 0), 4)
        + _raid_team(3, time(20, 0), 3, weight=3)
        + [p(999, "UTC", (1, time(20), 1), weight=50)]
    )  # leaves after an hour
    grid = week_grid(MONDAY, "UTC", grid_minutes_for(180))
    nights = find_raid_nights(guild, grid, FinderRequest(duration_minutes=180, nights=2))
    assert [n.start for n in nights] == [
        datetime(2026, 11, 26, 20, tzinfo=UTC),
        datetime(2026, 11, 24, 19, tzinfo=UTC),
    ]
    assert nights[0].weighted == 48 and nights[0].warnings == []
    assert 999 not in nights[1].player_ids
    assert nights[1].roles == {"tank": 2, "healer": 4, "melee": 10, "ranged": 0, "unknown": 0}


def test_finder_warns_about_missing_roles_and_keeps_one_night_per_day():
    guild = _raid_team(1, time(18, 0), 6, tanks=1, healers=3)
    grid = week_grid(MONDAY, "UTC")
    nights = find_raid_nights(guild, grid, FinderRequest(duration_minutes=120, nights=3))
    assert len(nights) == 1, "one night per calendar day unless asked"
    assert nights[0].start == datetime(2026, 11, 24, 18, tzinfo=UTC)  # ties: earliest start
    assert nights[0].warnings == [
        "only 1 tank (need 2)",
        "only 3 healers (need 4)",
        "only 14 players (need 16)",
    ]
    two = find_raid_nights(guild, grid, FinderRequest(duration_minutes=120, nights=3, per_day=3))
    assert [n.start.hour for n in two] == [18, 20, 22]  # non-overlapping


def test_finder_respects_start_bounds_in_the_viewer_zone():
    guild = _raid_team(1, time(0, 0), 16)
    grid = week_grid(MONDAY, "America/Chicago")
    request = FinderRequest(duration_minutes=150, earliest=time(19, 30), latest=time(21, 0))
    [night] = find_raid_nights(guild, grid, request)
    assert night.start.astimezone(grid.starts[0].tzinfo) == datetime(
        2026, 11, 24, 1, 30, tzinfo=UTC
    )
    assert grid_minutes_for(150) == 30 and grid_minutes_for(135) == 15
    with pytest.raises(ValueError):
        grid_minutes_for(100)


def test_nobody_available_means_no_suggestions():
    assert find_raid_nights([], week_grid(MONDAY, "UTC"), FinderRequest()) == []


def test_finder_leaves_out_nights_already_past():
    guild = _raid_team(1, time(19, 0), 4) + _raid_team(3, time(20, 0), 3, weight=3)
    grid = week_grid(MONDAY, "UTC", grid_minutes_for(180))
    wednesday = datetime(2026, 11, 25, 12, tzinfo=UTC)  # Tuesday's raid is over
    nights = find_raid_nights(
        guild, grid, FinderRequest(duration_minutes=180, nights=2), not_before=wednesday
    )
    assert [n.start for n in nights] == [datetime(2026, 11, 26, 20, tzinfo=UTC)]


def test_a_night_starting_right_now_is_still_proposed():
    guild = _raid_team(3, time(20, 0), 3, weight=3)
    grid = week_grid(MONDAY, "UTC", grid_minutes_for(180))
    thursday_raid = datetime(2026, 11, 26, 20, tzinfo=UTC)
    nights = find_raid_nights(
        guild, grid, FinderRequest(duration_minutes=180, nights=1), not_before=thursday_raid
    )
    assert [n.start for n in nights] == [thursday_raid]
    later = find_raid_nights(
        guild,
        grid,
        FinderRequest(duration_minutes=180, nights=1),
        not_before=thursday_raid + timedelta(minutes=1),
    )
    assert all(n.start > thursday_raid for n in later)
