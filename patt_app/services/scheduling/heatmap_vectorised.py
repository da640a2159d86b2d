"""The heatmap's cold path, vectorised: the same answer as `heatmap.build_heatmap`, cell for
cell, without a per-player Python loop over dates and intervals.

Each distinct time zone's days are converted to UTC once (the offset of every local date the
week can touch); every window occurrence is then plain integer arithmetic in NumPy. The only
occurrences converted one by one are those starting on a day whose offset changes (a
daylight-saving day), exactly as `schedule_time.local_to_utc` does — gaps move to their end,
ambiguous times take the first occurrence.

Times are integer microseconds from the grid's first slot, so window lengths keep the
precision `timedelta(hours=…)` gives them.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import repeat

import numpy as np
from numpy.typing import NDArray

from patt_app.services.scheduling.heatmap import (
    ROLES,
    Filters,
    Grid,
    Heatmap,
    Span,
)
from patt_app.services.scheduling.schedule_time import (
    PlayerSchedule,
    local_to_utc,
    zone,
)

FIRST_DAY, LAST_DAY = -2, 8  # the local dates whose windows can reach into the week
Ints = NDArray[np.int64]  # one number per occurrence, run or slot
Mask = NDArray[np.bool_]
_US = 1_000_000
_GROUP = 1 << 42  # > the µs span of any interval (about 51 days): separates players' keys


@lru_cache(maxsize=1024)
def _zone_offsets(
    zone_name: str, week_start: date, origin: datetime
) -> tuple[tuple[int, ...], tuple[bool, ...]]:
    """For each local date week_start-2 … week_start+8: its local midnight in µs from
    `origin`, and whether the zone's offset stays the same all that day (midnight, noon and
    the next midnight agree). Kept: a member's save works out their zone's days again for
    every zone an officer views the week in."""
    tz, us = zone(zone_name), timedelta(microseconds=1)
    days = [week_start + timedelta(days=n) for n in range(FIRST_DAY, LAST_DAY + 2)]
    begins = [datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC) for day in days]
    midnights: list[int] = []
    steady: list[bool] = []
    for day, begin, end in zip(days, begins, begins[1:], strict=False):
        offset = datetime.combine(day, time(0), tzinfo=UTC) - begin
        noon = (begin + timedelta(hours=12)).astimezone(tz).utcoffset()
        midnights.append((begin - origin) // us)
        steady.append(end - begin == timedelta(days=1) and offset == noon)
    return tuple(midnights), tuple(steady)


def _occurrences(players: list[PlayerSchedule], grid: Grid) -> tuple[Ints, Ints, Ints]:
    """Every window occurrence of `players` on the dates the week can touch, as arrays:
    player index, UTC start and end in µs from the grid's first slot."""
    zone_names = [p.timezone for p in players]
    zones = {name: z for z, name in enumerate(dict.fromkeys(zone_names))}
    zone_of = [zones[name] for name in zone_names]
    windows = [w for p in players for w in p.windows]
    if not windows:
        return (np.empty(0, np.int64),) * 3
    starts = [w.start for w in windows]
    seconds = {t: t.hour * 3600 + t.minute * 60 + t.second for t in set(starts)}
    per_player = [len(p.windows) for p in players]
    table = np.empty((len(windows), 5), np.int64)
    table[:, 0] = np.repeat(np.arange(len(players)), per_player)
    table[:, 1] = np.repeat(np.array(zone_of, np.int64), per_player)
    table[:, 2] = [w.day_of_week for w in windows]
    table[:, 3] = np.array([seconds[t] for t in starts], np.int64) * _US
    table[:, 4] = np.rint(np.array([w.hours for w in windows], np.float64) * (3600 * _US))
    midnights = np.empty((len(zones), LAST_DAY - FIRST_DAY + 1), np.int64)
    steady = np.empty(midnights.shape, bool)
    names = list(zones)
    for z, name in enumerate(names):
        midnights[z], steady[z] = _zone_offsets(name, grid.week_start, grid.starts[0])
    # A weekday d falls on day offsets d - 7, d, d + 7 from week_start (those within range).
    first_weekday = grid.week_start.weekday()
    parts = []
    for shift in (-7, 0, 7):
        offset = (table[:, 2] - first_weekday) % 7 + shift
        keep = (offset >= FIRST_DAY) & (offset <= LAST_DAY)
        parts.append((table[keep], offset[keep]))
    table = np.concatenate([t for t, _ in parts])
    day = np.concatenate([o for _, o in parts]) - FIRST_DAY
    pidx, zidx = table[:, 0], table[:, 1]
    start = midnights[zidx, day] + table[:, 3]
    _convert_unsteady_days(start, ~steady[zidx, day], table, day, names, grid)
    keep = _not_away(players, pidx, day, grid.week_start)
    return pidx[keep], start[keep], start[keep] + table[keep, 4]


def _convert_unsteady_days(
    start: Ints, unsteady: Mask, table: Ints, day: Ints, names: list[str], grid: Grid
) -> None:
    """Occurrences on a day whose offset changes: converted one by one, in place."""
    origin = grid.starts[0]
    for i in np.flatnonzero(unsteady):
        local_day = grid.week_start + timedelta(days=int(day[i]) + FIRST_DAY)
        seconds = int(table[i, 3]) // _US
        wall = time(seconds // 3600, seconds // 60 % 60, seconds % 60)
        instant = local_to_utc(names[table[i, 1]], local_day, wall)
        start[i] = (instant - origin) // timedelta(microseconds=1)


def _not_away(players: list[PlayerSchedule], pidx: Ints, day: Ints, week_start: date) -> Mask:
    """A mask dropping the occurrences on local dates a player is away."""
    keep = np.ones(len(pidx), bool)
    away = [i for i, p in enumerate(players) if p.away]
    if not away:
        return keep
    for i in np.flatnonzero(np.isin(pidx, away)):
        local_day = week_start + timedelta(days=int(day[i]) + FIRST_DAY)
        if any(a <= local_day <= b for a, b in players[pidx[i]].away):
            keep[i] = False
    return keep


def _merged_runs(pidx: Ints, start: Ints, end: Ints, grid: Grid) -> tuple[Ints, Ints, Ints]:
    """Each player's overlapping or touching intervals merged, then turned into the run of
    slots they cover entirely: (player index, first slot, one past the last), non-empty."""
    base = pidx * _GROUP
    order = np.argsort(base + start, kind="stable")
    pidx, start, end, base = pidx[order], start[order], end[order], base[order]
    reach = np.maximum.accumulate(base + end)
    begins = np.ones(len(pidx), bool)
    begins[1:] = base[1:] + start[1:] > reach[:-1]
    heads = np.flatnonzero(begins)
    group_pidx = pidx[heads]
    group_start = start[heads]
    group_end = np.maximum.reduceat(base + end, heads) - group_pidx * _GROUP
    slot_starts, slot_ends = _slot_bounds(grid)
    first = np.searchsorted(slot_starts, group_start, side="left")
    stop = np.searchsorted(slot_ends, group_end, side="right")
    real = first < stop
    return group_pidx[real], first[real], stop[real]


def _slot_bounds(grid: Grid) -> tuple[Ints, Ints]:
    """Each slot's start and end in µs from the grid's first slot (read-only arrays)."""
    return _bounds(tuple(grid.starts), grid.slot_minutes)


@lru_cache(maxsize=64)
def _bounds(starts: tuple[datetime, ...], slot_minutes: int) -> tuple[Ints, Ints]:
    """Kept per grid: a save patches one player's runs in every zone an officer views."""
    us = timedelta(microseconds=1)
    edges = np.array([(s - starts[0]) // us for s in starts], np.int64)
    ends = np.append(edges[1:], edges[-1] + timedelta(minutes=slot_minutes) // us)
    edges.flags.writeable = ends.flags.writeable = False
    return edges, ends


def _running(
    size: int, first: Ints, stop: Ints, weights: NDArray[np.float64] | None = None
) -> list[int]:
    """Prefix sums of a difference array: Σ weights over the runs covering each slot."""
    diff = np.bincount(first, weights, minlength=size + 1)
    diff -= np.bincount(stop, weights, minlength=size + 1)
    sums: list[int] = np.cumsum(diff[:size]).astype(np.int64).tolist()
    return sums


@dataclass(frozen=True)
class WeekRuns:
    """Every player's runs of whole slots in one week's grid, before any filter: the costly
    part of a heatmap. A filter then only picks runs (`heatmap_from_runs`), so changing the
    filters of a view, or many views of one week with different filters, reuse one `WeekRuns`.
    Read-only: the arrays are shared."""

    grid: Grid
    players: tuple[PlayerSchedule, ...]
    pidx: Ints  # index into `players` of each run
    first: Ints  # the run's first slot
    stop: Ints  # one past its last slot


def week_runs(players: list[PlayerSchedule], grid: Grid) -> WeekRuns:
    """The runs of every player of `players` with windows, in `grid`."""
    with_windows = tuple(p for p in players if p.windows)
    pidx, start, end = _occurrences(list(with_windows), grid)
    if len(pidx):
        pidx, first, stop = _merged_runs(pidx, start, end, grid)
    else:
        first = stop = pidx
    return WeekRuns(grid, with_windows, pidx, first, stop)


def patched_runs(
    old: WeekRuns, players: list[PlayerSchedule], changed: AbstractSet[int]
) -> WeekRuns:
    """`week_runs(players, old.grid)`, from `old`: the same week's runs before the players
    whose ids are in `changed` changed (nobody else's schedule may differ). Only their runs
    are computed again; the others' are kept, in the same order a full computation gives."""
    with_windows = tuple(p for p in players if p.windows)
    index = {p.player_id: i for i, p in enumerate(with_windows)}
    moved = np.array(
        [-1 if p.player_id in changed else index.get(p.player_id, -1) for p in old.players],
        np.int64,
    )
    kept = moved[old.pidx] >= 0 if len(old.pidx) else np.zeros(0, bool)
    fresh = week_runs([p for p in with_windows if p.player_id in changed], old.grid)
    fresh_index = np.array([index[p.player_id] for p in fresh.players], np.int64)
    pidx = np.concatenate([moved[old.pidx[kept]], fresh_index[fresh.pidx]])
    order = np.argsort(pidx, kind="stable")  # each player's runs stay in time order
    first = np.concatenate([old.first[kept], fresh.first])[order]
    stop = np.concatenate([old.stop[kept], fresh.stop])[order]
    return WeekRuns(old.grid, with_windows, pidx[order], first, stop)


def heatmap_from_runs(runs: WeekRuns, filters: Filters = Filters()) -> Heatmap:
    """Per slot: Σ weight, head count and role counts of the players `filters` admits."""
    grid, players = runs.grid, runs.players
    size = len(grid.starts)
    admitted = np.array([filters.admits(p) for p in players], bool)
    keep = admitted[runs.pidx] if len(runs.pidx) else np.zeros(0, bool)
    pidx, first, stop = runs.pidx[keep], runs.first[keep], runs.stop[keep]
    if len(pidx) == 0:
        zeros = [0] * size
        return Heatmap(grid, zeros, list(zeros), {r: list(zeros) for r in ROLES}, [])
    weight = np.array([p.weight for p in players], np.float64)[pidx]
    role_of = np.array(
        [ROLES.index(p.role) if p.role in ROLES else len(ROLES) - 1 for p in players], np.int64
    )[pidx]
    roles = {}
    for r, role in enumerate(ROLES):
        mine = role_of == r
        roles[role] = _running(size, first[mine], stop[mine])
    ids = np.array([p.player_id for p in players], np.int64)[pidx]
    # tuple.__new__ straight from C: a third of the cost of Span(...) for thousands of spans
    columns = zip(ids.tolist(), first.tolist(), stop.tolist(), strict=True)
    spans = list(map(tuple.__new__, repeat(Span), columns))
    return Heatmap(
        grid=grid,
        weighted=_running(size, first, stop, weight),
        count=_running(size, first, stop),
        roles=roles,
        spans=spans,
    )


def build_heatmap_vectorised(
    players: list[PlayerSchedule], grid: Grid, filters: Filters = Filters()
) -> Heatmap:
    """Per slot: Σ weight, head count and role counts of players available for the whole
    slot — the answer of `heatmap.build_heatmap`, computed with no cache to warm."""
    return heatmap_from_runs(week_runs(players, grid), filters)
