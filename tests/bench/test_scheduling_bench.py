"""Speed of the scheduling maths for a 1,000-player guild, against a straightforward baseline
computed in the same run. Prints numbers; asserts only that both give the same answers.

Run with `make bench`.
"""

from __future__ import annotations

import random
import time as clock
from datetime import date, time

from patt_app.services.scheduling.heatmap import ROLES, _slot_runs, build_heatmap, week_grid
from patt_app.services.scheduling.heatmap_vectorised import build_heatmap_vectorised
from patt_app.services.scheduling.raid_night_finder import FinderRequest, find_raid_nights
from patt_app.services.scheduling.schedule_time import (
    PlayerSchedule,
    WeeklyWindow,
    _steady_offset,
    local_to_utc,
    utc_intervals,
)

ZONES = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Phoenix",
    "America/St_Johns",
    "Europe/London",
    "Europe/Berlin",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Asia/Kathmandu",
)
WEEK = date(2026, 11, 23)


def _guild(size: int = 1000) -> list[PlayerSchedule]:
    rng = random.Random(7)
    players = []
    for pid in range(size):
        days = rng.sample(range(7), rng.randint(2, 6))
        windows = tuple(
            WeeklyWindow(
                d,
                time(rng.choice(range(17, 23)), rng.choice((0, 30))),
                rng.choice((2.0, 2.5, 3.0, 4.0, 5.0)),
            )
            for d in days
        )
        players.append(
            PlayerSchedule(
                player_id=pid,
                timezone=rng.choice(ZONES),
                weight=rng.choice((0, 1, 3, 5)),
                rank_level=2,
                role=rng.choice(ROLES[:4]),
                windows=windows,
            )
        )
    return players


def _baseline_counts(players, grid) -> list[int]:
    """The obvious way: for every slot, every player, every interval."""
    intervals = {
        p.player_id: utc_intervals(
            p, WEEK.fromordinal(WEEK.toordinal() - 2), WEEK.fromordinal(WEEK.toordinal() + 8)
        )
        for p in players
    }
    step = grid.starts[1] - grid.starts[0]
    counts = []
    for start in grid.starts:
        counts.append(
            sum(
                1
                for p in players
                if any(a <= start and start + step <= b for a, b in intervals[p.player_id])
            )
        )
    return counts


def _best_ms(fn, repeat: int = 7) -> float:
    best = float("inf")
    for _ in range(repeat):
        began = clock.perf_counter()
        fn()
        best = min(best, clock.perf_counter() - began)
    return best * 1000


def test_heatmap_and_finder_for_1000_players():
    players = _guild()
    grid = week_grid(WEEK, "America/Chicago", 30)

    def cold_run():
        local_to_utc.cache_clear()
        _steady_offset.cache_clear()
        _slot_runs.cache_clear()
        build_heatmap(players, grid)

    def vectorised_cold_run():
        local_to_utc.cache_clear()
        _steady_offset.cache_clear()
        _slot_runs.cache_clear()
        build_heatmap_vectorised(players, grid)

    cold = _best_ms(cold_run, repeat=5)
    vectorised = _best_ms(vectorised_cold_run)
    warm = _best_ms(lambda: build_heatmap(players, grid))
    finder = _best_ms(lambda: find_raid_nights(players, grid, FinderRequest(nights=3)))
    baseline = _best_ms(lambda: _baseline_counts(players, grid), repeat=1)
    heat = build_heatmap(players, grid)
    assert heat.count == _baseline_counts(players, grid)
    fast = build_heatmap_vectorised(players, grid)
    assert (fast.count, fast.weighted, fast.roles) == (heat.count, heat.weighted, heat.roles)
    print(f"\n1,000 players, one week, 30-minute slots ({len(grid.starts)} cells):")
    print(f"  heatmap, nothing cached, vectorised (what views use): {vectorised:8.2f} ms")
    print(f"  heatmap, nothing cached, span by span (before):      {cold:8.2f} ms")
    print(f"  heatmap, span by span, schedules cached (redraw):    {warm:8.2f} ms")
    print(f"  raid-night finder (3 h):  {finder:8.2f} ms")
    print(
        f"  baseline (every slot × player × interval): {baseline:8.2f} ms "
        f"→ {baseline / warm:.0f}× slower than the heatmap"
    )
