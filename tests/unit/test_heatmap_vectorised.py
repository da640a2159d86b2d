"""The vectorised cold heatmap gives the straightforward heatmap's answer, cell for cell:
weighted score, head count, every role and the people behind each cell — in daylight-saving
weeks (both directions, in the viewer's zone and the players'), half-hour and 45-minute
zones, zones that change their clocks at midnight, windows crossing midnight and the week's
end, overlapping windows, away dates and filters."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patt_app.services.scheduling.heatmap import Filters, build_heatmap, week_grid
from patt_app.services.scheduling.heatmap_vectorised import (
    build_heatmap_vectorised,
    heatmap_from_runs,
    patched_runs,
    week_runs,
)
from patt_app.services.scheduling.schedule_time import PlayerSchedule, WeeklyWindow

ZONES = (
    "UTC",
    "America/New_York",
    "America/St_Johns",  # -3:30 / -2:30
    "Asia/Kathmandu",  # +5:45
    "Australia/Adelaide",  # +9:30 / +10:30, southern summer
    "Australia/Lord_Howe",  # a half-hour daylight-saving shift
    "Europe/Berlin",
    "America/Santiago",  # clocks change at midnight
    "Asia/Kolkata",
    "Pacific/Chatham",  # +12:45 / +13:45
)
WEEKS = (
    date(2026, 11, 23),  # nothing changes
    date(2026, 3, 2),  # US spring forward on Sunday 8 March
    date(2026, 3, 23),  # EU spring forward on Sunday 29 March
    date(2026, 10, 26),  # US fall back on Sunday 1 November (and EU the Sunday before)
    date(2026, 4, 6),  # southern hemisphere falls back on Sunday 5 April, seen from Monday
    date(2026, 9, 28),  # Australia and Chatham spring forward on Sunday 4 October
)


def _same(players: list[PlayerSchedule], week: date, viewer: str, slot: int, filters=Filters()):
    grid = week_grid(week, viewer, slot)
    expected = build_heatmap(players, grid, filters)
    got = build_heatmap_vectorised(players, grid, filters)
    assert got.count == expected.count
    assert got.weighted == expected.weighted
    assert got.roles == expected.roles
    assert got.spans == expected.spans
    assert [got.players_at(i) for i in range(len(grid.starts))] == [
        expected.players_at(i) for i in range(len(grid.starts))
    ]
    return got


def _player(pid, zone, *windows, weight=1, role="melee", away=()):
    return PlayerSchedule(
        player_id=pid,
        timezone=zone,
        weight=weight,
        rank_level=2,
        role=role,
        windows=tuple(WeeklyWindow(*w) for w in windows),
        away=away,
    )


def test_a_kathmandu_raider_past_midnight_in_a_new_york_week_agrees_and_counts():
    players = [
        _player(1, "Asia/Kathmandu", (6, time(22, 45), 5.0), weight=3, role="tank"),  # Sun→Mon
        _player(2, "America/St_Johns", (0, time(21, 30), 3.5), role="healer"),
        _player(3, "America/New_York", (2, time(20, 0), 3.0), (3, time(0, 0), 2.0)),
    ]
    heat = _same(players, date(2026, 11, 23), "America/New_York", 15)
    assert max(heat.count) == 1 and sum(heat.count) > 0
    assert sum(heat.roles["tank"]) > 0 and sum(heat.roles["healer"]) > 0


@pytest.mark.parametrize("week", WEEKS, ids=str)
@pytest.mark.parametrize("viewer", ["America/New_York", "Asia/Kathmandu", "Australia/Adelaide"])
def test_every_zone_in_daylight_saving_weeks_agrees(week: date, viewer: str):
    players = []
    for n, zone in enumerate(ZONES):
        # 01:30 and 02:30 fall in spring-forward gaps or fall-back repeats of many zones
        players.append(_player(3 * n, zone, (6, time(1, 30), 2.0), (0, time(2, 30), 1.25)))
        players.append(_player(3 * n + 1, zone, (5, time(23, 0), 4.0), (6, time(0, 0), 3.0)))
        players.append(_player(3 * n + 2, zone, (6, time(20, 0), 6.0), role="ranged"))
    for slot in (15, 30, 60):
        _same(players, week, viewer, slot)


def test_away_dates_and_filters_agree():
    week = date(2026, 3, 2)
    players = [
        _player(
            1,
            "Europe/Berlin",
            *[(d, time(19, 0), 3.0) for d in range(7)],
            away=((week, week + timedelta(days=2)),),
        ),
        _player(2, "America/New_York", (1, time(21, 0), 2.0), role="tank", weight=5),
        _player(3, "UTC", (1, time(1, 0), 2.0), role="healer", away=((week, week),)),
    ]
    _same(players, week, "UTC", 30)
    _same(players, week, "UTC", 30, Filters(roles=frozenset({"tank"}), include=frozenset({3})))
    _same(players, week, "UTC", 30, Filters(min_rank=3, exclude=frozenset({2})))


def test_nobody_free_is_an_empty_heatmap():
    grid = week_grid(date(2026, 11, 23), "UTC", 60)
    heat = build_heatmap_vectorised([_player(1, "UTC")], grid)
    assert heat.count == [0] * 168 and heat.spans == []


windows = st.builds(
    WeeklyWindow,
    day_of_week=st.integers(0, 6),
    start=st.builds(time, st.integers(0, 23), st.sampled_from((0, 15, 30, 45))),
    hours=st.sampled_from((0.5, 1.0, 1.25, 2.5, 3.0, 4.75, 8.0, 12.0, 23.5)),
)
players = st.lists(
    st.builds(
        PlayerSchedule,
        player_id=st.integers(1, 10_000),
        timezone=st.sampled_from(ZONES),
        weight=st.integers(0, 5),
        rank_level=st.integers(1, 5),
        role=st.sampled_from(("tank", "healer", "melee", "ranged", "unknown", "bard")),
        windows=st.lists(windows, max_size=5).map(tuple),
    ),
    max_size=12,
    unique_by=lambda p: p.player_id,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    guild=players,
    week=st.sampled_from(WEEKS),
    viewer=st.sampled_from(ZONES),
    slot=st.sampled_from((15, 30, 60)),
    min_rank=st.integers(0, 4),
)
def test_any_guild_agrees(guild, week, viewer, slot, min_rank):
    _same(guild, week, viewer, slot, Filters(min_rank=min_rank))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(guild=players, week=st.sampled_from(WEEKS), viewer=st.sampled_from(ZONES))
def test_one_weeks_runs_serve_every_filter(guild, week, viewer):
    """A view's filter change reuses the week's runs (states/week_view.py): each filter's
    heatmap from the shared runs is the reference's for that filter."""
    grid = week_grid(week, viewer, 30)
    runs = week_runs(guild, grid)
    ids = [p.player_id for p in guild]
    for filters in (
        Filters(),
        Filters(roles=frozenset({"tank", "healer"})),
        Filters(min_rank=3, include=frozenset(ids[:1])),
        Filters(exclude=frozenset(ids[::2])),
    ):
        expected = build_heatmap(guild, grid, filters)
        got = heatmap_from_runs(runs, filters)
        assert (got.count, got.weighted, got.roles) == (
            expected.count,
            expected.weighted,
            expected.roles,
        )
        assert got.spans == expected.spans


def guild_after(
    guild: list[PlayerSchedule], changes: list[PlayerSchedule]
) -> tuple[set[int], list[PlayerSchedule]]:
    """The ids of the players who changed (those of `changes` and the guild's first), and the
    guild after: changed, added, cleared or gone (some changed players leave)."""
    changed = {p.player_id for p in changes} | {p.player_id for p in guild[:1]}
    after = sorted(
        [p for p in guild if p.player_id not in changed] + [p for p in changes if p.player_id % 5],
        key=lambda p: p.player_id,
    )
    return changed, after


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    guild=players,
    changes=players,
    week=st.sampled_from(WEEKS),
    viewer=st.sampled_from(ZONES),
    slot=st.sampled_from((15, 30, 60)),
)
def test_a_few_players_changing_patches_the_runs_to_what_a_full_computation_gives(
    guild, changes, week, viewer, slot
):
    """A save recomputes that player's runs, not the guild's (states/week_view.py): players
    changed, added, cleared or gone, the patched runs are the full computation's, run for
    run and in the same order."""
    grid = week_grid(week, viewer, slot)
    before = week_runs(guild, grid)
    changed, after = guild_after(guild, changes)
    full, patched = week_runs(after, grid), patched_runs(before, after, changed)
    assert patched.players == full.players
    for name in ("pidx", "first", "stop"):
        assert getattr(patched, name).tolist() == getattr(full, name).tolist()
