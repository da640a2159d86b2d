"""What a scheduling tab shows for one week, zone, slot length and filters — computed once and
shared by every tab (and every click) that asks the same while the guild's schedules stay as
they were read.

On raid night a hundred members toggle a handful of filters and twenty officers redraw after
each save: they ask for a few distinct views, not one each. So the schedules are kept between
clicks (`SCHEDULES`, emptied when the database announces "schedule"), the week's runs of
slots per (read, week, zone, slot), and the finished rows and summary per filters on top.
The shared lists are read-only: a tab replaces them, never edits them in place.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from patt_app.db import run_in_session
from patt_app.live.hub import once_per_redraw
from patt_app.live.read_cache import Kept, ReadCache
from patt_app.live.topics import Topic
from patt_app.services.scheduling import schedule_view as view
from patt_app.services.scheduling.heatmap import Filters, Heatmap
from patt_app.services.scheduling.heatmap_patch import patched_heatmap
from patt_app.services.scheduling.heatmap_vectorised import WeekRuns, patched_runs
from patt_app.states.heatmap_rows import HeatRow, heat_rows

ROLE_KEYS = ("tank", "healer", "melee", "ranged")


async def _reread_players(schedules: list, players: frozenset[str]) -> list:
    """The kept schedules with the players whose availability changed read again."""
    ids = {int(p) for p in players}
    reread = await run_in_session(view.load_schedules, only=ids)
    return view.with_reread(schedules, ids, reread)


# A player's availability announces "schedule:<id>": only that player is read again.
SCHEDULES: ReadCache[list] = ReadCache((Topic.SCHEDULE,), max_age=60.0, refresh=_reread_players)


@dataclass
class SummaryRow:
    day: str
    count: int
    percent: str
    colour: str
    weighted: int
    roles: str


@dataclass(frozen=True)
class WeekView:
    headers: list[str]
    rows: list[HeatRow]
    summary: list[SummaryRow]
    active_count: int
    heatmap: Heatmap  # what the rows show: a later view compares with it to reuse its rows
    # each row's cells as one flat tuple: what a tab compares to send only changed rows
    row_keys: tuple[tuple[int, ...], ...]

    # worked out once per view, not once per tab showing it
    @cached_property
    def row_labels(self) -> list[str]:
        return [row.label for row in self.rows]

    @cached_property
    def row_cells(self) -> list[list[list[int]]]:
        return [row.cells for row in self.rows]


class _Memo:
    """The last `size` answers by key (oldest dropped first)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, Any] = OrderedDict()

    def peek(self, key: Hashable):
        return self._kept.get(key)

    def get(self, key: Hashable, make):
        if key in self._kept:
            self._kept.move_to_end(key)
            return self._kept[key]
        value = self._kept[key] = make()
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)
        return value


_runs = _Memo(16)
_views = _Memo(128)


async def guild_schedules() -> Kept[list]:
    """The active players' schedules: one read for all the tabs of a live redraw, then kept
    for the clicks that follow until the database announces a change."""
    return await once_per_redraw(
        "schedules", lambda: SCHEDULES.read("all", lambda: run_in_session(view.load_schedules))
    )


async def week_view(
    kept: Kept[list], week: date, zone: str, slot: int, filters: Filters, highlight: frozenset
) -> WeekView:
    """The heatmap rows, day summary and headers of `kept` schedules for these choices."""
    choice = (week, zone, slot, filters, highlight)
    if kept.read_number is None:
        # Not kept (a change was announced while it was read, which a busy raid night does
        # often): shared by the tabs of this live redraw only, which all hold this very answer.
        async def computed() -> WeekView:
            return _compute(kept, choice)

        return await once_per_redraw(("week-view", id(kept.value), *choice), computed)
    return _views.get((kept.read_number, *choice), lambda: _compute(kept, choice))


def _runs_of(kept: Kept[list], week: date, zone: str, slot: int) -> WeekRuns:
    """The week's runs: patched from an earlier read's runs when only some players changed
    since (one player's save recomputes that player's runs), else computed afresh."""
    for number, changed in sorted(kept.since.items(), reverse=True):
        earlier = _runs.peek((number, week, zone, slot))
        if earlier is not None:
            return patched_runs(earlier, kept.value, {int(p) for p in changed})
    return view.runs(kept.value, week, zone, slot)


def _compute(kept: Kept[list], choice: tuple) -> WeekView:
    week_start, zone, slot, filters, highlight = choice
    if kept.read_number is None:
        runs = _runs_of(kept, week_start, zone, slot)
    else:
        key = (kept.read_number, week_start, zone, slot)
        runs = _runs.get(key, lambda: _runs_of(kept, week_start, zone, slot))
    # the same view of the read this one was patched from: its unchanged rows are reused
    number, earlier = next(
        ((n, v) for n in sorted(kept.since, reverse=True) if (v := _views.peek((n, *choice)))),
        (None, None),
    )
    earlier_runs = _runs.peek((number, week_start, zone, slot)) if earlier else None
    if number is not None and earlier is not None and earlier_runs is not None:
        changed = {int(p) for p in kept.since[number]}  # only the changed players redone
        heatmap, touched = patched_heatmap(earlier.heatmap, earlier_runs, runs, changed, filters)
    else:
        heatmap, touched = view.heatmap(runs, filters), None
    rows = heat_rows(
        heatmap, set(highlight), (earlier.heatmap, earlier.rows) if earlier else None, touched
    )
    week = runs.grid.week_start
    return WeekView(
        headers=[(week + timedelta(days=d)).strftime("%a %d %b") for d in range(7)],
        rows=rows,
        summary=_summary(heatmap, kept.value),
        active_count=len(kept.value),
        heatmap=heatmap,
        row_keys=tuple(
            earlier.row_keys[n]
            if earlier and row is earlier.rows[n]
            else tuple(x for cell in row.cells for x in cell)
            for n, row in enumerate(rows)
        ),
    )


def _summary(heatmap: Heatmap, schedules: list) -> list[SummaryRow]:
    return [
        SummaryRow(
            day=s.day.strftime("%A"),
            count=s.count,
            percent=f"{s.percent:g} %",
            colour=s.colour,
            weighted=s.weighted,
            roles=" · ".join(f"{k[0].upper()}{s.roles[k]}" for k in ROLE_KEYS),
        )
        for s in view.summary(heatmap, schedules)
    ]
