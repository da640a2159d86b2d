"""The rank-weighted heatmap, the day summary and the raid-night finder. Pure and fast.

Availability is turned into "spans": for each player, the run of grid slots their merged UTC
intervals cover *entirely*. Counting uses difference arrays, so the cost is one step per span
plus one per slot, whatever the number of players.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple

from patt_app.services.scheduling.schedule_time import (
    PlayerSchedule,
    WeeklyWindow,
    utc_intervals,
    zone,
)

ROLES = ("tank", "healer", "melee", "ranged", "unknown")
SLOT_CHOICES = (15, 30, 60)


@dataclass(frozen=True)
class Filters:
    """Who counts: minimum rank level, roles (empty = all), explicit include / exclude ids.
    Included players count whatever their rank or role; excluded ones never do."""

    min_rank: int = 0
    roles: frozenset[str] = frozenset()
    include: frozenset[int] = frozenset()
    exclude: frozenset[int] = frozenset()

    def admits(self, player: PlayerSchedule) -> bool:
        if player.player_id in self.exclude:
            return False
        if player.player_id in self.include:
            return True
        return player.rank_level >= self.min_rank and (not self.roles or player.role in self.roles)


@dataclass
class Grid:
    """The slots of one week in the viewer's zone: day d covers slots day_starts[d]..[d+1]."""

    week_start: date
    timezone: str
    slot_minutes: int
    starts: list[datetime]  # UTC
    day_starts: list[int]  # 8 indices into `starts` (the last = len(starts))
    ends: list[datetime] = field(default_factory=list)  # each slot's end, UTC

    def __post_init__(self) -> None:
        self.ends = [*self.starts[1:], self.end]

    @property
    def end(self) -> datetime:
        return self.starts[-1] + timedelta(minutes=self.slot_minutes)


class Span(NamedTuple):
    player_id: int
    first: int  # first slot fully covered
    stop: int  # one past the last slot fully covered


@dataclass
class Heatmap:
    grid: Grid
    weighted: list[int]
    count: list[int]
    roles: dict[str, list[int]]
    spans: list[Span] = field(default_factory=list)

    def players_at(self, slot: int) -> list[int]:
        """Who is available for the whole slot, by id."""
        return sorted({s.player_id for s in self.spans if s.first <= slot < s.stop})

    def players_by_slot(self) -> list[list[int]]:
        """`players_at` for every slot at once (one pass over the spans)."""
        ids: list[set[int]] = [set() for _ in self.grid.starts]
        for span in self.spans:
            for i in range(span.first, span.stop):
                ids[i].add(span.player_id)
        return [sorted(s) for s in ids]


@lru_cache(maxsize=64)
def week_grid(week_start: date, timezone: str, slot_minutes: int = 30) -> Grid:
    """Slots from local midnight of each of the 7 days, in elapsed time (DST days have 23 or
    25 hours, so 46 or 50 half-hour slots). Cached: treat the grid as read-only."""
    if slot_minutes not in SLOT_CHOICES:
        raise ValueError(f"slot_minutes must be one of {SLOT_CHOICES}")
    tz, step = zone(timezone), timedelta(minutes=slot_minutes)
    starts: list[datetime] = []
    day_starts: list[int] = []  # index of each day's first slot
    for offset in range(7):
        day = week_start + timedelta(days=offset)
        begin = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
        day_starts.append(len(starts))
        moment = begin
        while moment + step <= end:
            starts.append(moment)
            moment += step
    day_starts.append(len(starts))
    return Grid(week_start, timezone, slot_minutes, starts, day_starts)


@lru_cache(maxsize=32768)
def _slot_runs(
    timezone: str,
    windows: tuple[WeeklyWindow, ...],
    away: tuple[tuple[date, date], ...],
    week_start: date,
    grid_zone: str,
    slot: int,
) -> tuple[tuple[int, int], ...]:
    """The slot runs one weekly schedule covers in one grid. Cached: a guild's schedules change
    rarely, so redraws only pay for the players who edited theirs."""
    grid = week_grid(week_start, grid_zone, slot)
    ends = grid.ends
    schedule = PlayerSchedule(player_id=0, timezone=timezone, windows=windows, away=away)
    runs = []
    for start, end in utc_intervals(
        schedule, week_start - timedelta(days=2), week_start + timedelta(days=8)
    ):
        first, stop = bisect_left(grid.starts, start), bisect_right(ends, end)
        if first < stop:
            runs.append((first, stop))
    return tuple(runs)


def player_spans(players: list[PlayerSchedule], grid: Grid, filters: Filters) -> list[Span]:
    """Each admitted player's fully covered slot runs in this grid."""
    key = (grid.week_start, grid.timezone, grid.slot_minutes)
    spans = []
    for player in players:
        if not player.windows or not filters.admits(player):
            continue
        for first, stop in _slot_runs(player.timezone, player.windows, player.away, *key):
            spans.append(Span(player.player_id, first, stop))
    return spans


def accumulate_spans(
    size: int, spans: list[Span], by_id: dict[int, PlayerSchedule], shift: int = 0
) -> tuple[list[int], list[int], dict[str, list[int]]]:
    """Prefix sums of weight, head count and roles over slot (or window-start) indices."""
    weighted, count = [0] * (size + 1), [0] * (size + 1)
    roles = {role: [0] * (size + 1) for role in ROLES}
    for span in spans:
        stop = span.stop - shift
        if stop <= span.first:
            continue
        player = by_id[span.player_id]
        role = player.role if player.role in roles else "unknown"
        for series, amount in ((weighted, player.weight), (count, 1), (roles[role], 1)):
            series[span.first] += amount
            series[stop] -= amount
    return (
        _running(weighted)[:size],
        _running(count)[:size],
        {role: _running(s)[:size] for role, s in roles.items()},
    )


def _running(values: list[int]) -> list[int]:
    total, out = 0, []
    for value in values:
        total += value
        out.append(total)
    return out


def build_heatmap(
    players: list[PlayerSchedule], grid: Grid, filters: Filters = Filters()
) -> Heatmap:
    """Per slot: Σ weight, head count and role counts of players available for the whole slot."""
    spans = player_spans(players, grid, filters)
    by_id = {p.player_id: p for p in players}
    weighted, count, roles = accumulate_spans(len(grid.starts), spans, by_id)
    return Heatmap(grid=grid, weighted=weighted, count=count, roles=roles, spans=spans)


@dataclass(frozen=True)
class DaySummary:
    day: date
    count: int
    percent: float
    colour: str  # green >= 70 %, amber 40–69 %, red < 40 %
    weighted: int
    roles: dict[str, int]


def day_colour(percent: float) -> str:
    return "green" if percent >= 70 else "amber" if percent >= 40 else "red"


def day_summary(
    heatmap: Heatmap, players: list[PlayerSchedule], active_count: int
) -> list[DaySummary]:
    """Per viewer day: the players whose available time starts that day (so a raider on until
    01:00 counts for the evening they started, not for the next day too)."""
    by_id = {p.player_id: p for p in players}
    grid, out = heatmap.grid, []
    starting: list[set[int]] = [set() for _ in range(7)]  # one pass over the spans
    for span in heatmap.spans:
        day = bisect_right(grid.day_starts, span.first) - 1  # day_starts[day] <= first
        if 0 <= day < 7:  # not before the week, not from its end on
            starting[day].add(span.player_id)
    for d, ids in enumerate(starting):
        roles = dict.fromkeys(ROLES, 0)
        for pid in ids:
            roles[by_id[pid].role if by_id[pid].role in roles else "unknown"] += 1
        percent = round(100 * len(ids) / active_count, 1) if active_count else 0.0
        out.append(
            DaySummary(
                day=grid.week_start + timedelta(days=d),
                count=len(ids),
                percent=percent,
                colour=day_colour(percent),
                weighted=sum(by_id[p].weight for p in ids),
                roles=roles,
            )
        )
    return out
