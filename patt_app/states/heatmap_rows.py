"""How the heatmap looks: the colour scale, rows by local time of day, compact cells.
Presentation only: the numbers come from services/scheduling."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from patt_app.services.scheduling.heatmap import Heatmap, week_grid
from patt_app.services.scheduling.schedule_time import zone

HEAT_COLOURS = ("#1a1a1d", "#3b2f1a", "#5c4520", "#7d5c25", "#a8782e", "#d4a84b")


SKIPPED_COLOUR = "#0a0a0b"
SKIPPED = -1  # the slot of a cell the clock change skipped

# A cell is a short list of numbers, not an object: the grid has 336 cells and is resent
# whenever a filter or the data changes, so its field names and tooltip text would be most of
# every answer. The tooltip is put together in the browser (components/heatmap.py).
SLOT, COUNT, WEIGHTED, SHADE, TANK, HEALER, MELEE, RANGED, HIGHLIGHT = range(9)
SHADES = (*HEAT_COLOURS, SKIPPED_COLOUR)  # SHADE indexes this; the last is a skipped cell
MAX_ROWS = 24 * 60 // 15  # rows of the finest grid (15-minute slots)


def heat_row_var(n: int) -> str:
    """The name of the state var holding heatmap row `n` (ScheduleState)."""
    return f"heat_{n:02d}"


@dataclass
class HeatRow:
    label: str
    cells: list[list[int]]  # [SLOT, COUNT, WEIGHTED, SHADE, TANK, HEALER, MELEE, RANGED, HIGHLIGHT]


def heat_shade(weighted: int, top: int) -> int:
    """Index into HEAT_COLOURS: 0 for nobody, 5 for this week's best."""
    if weighted <= 0 or top <= 0:
        return 0
    return min(5, 1 + (weighted * 5 - 1) // top)


@lru_cache(maxsize=64)
def _layout(week_start: date, timezone: str, slot_minutes: int) -> tuple[tuple[str, tuple], ...]:
    """(label, slot of each weekday or SKIPPED) per row: rows by local time of day (from a
    regular day); on a DST day the skipped hour is SKIPPED and the repeated hour shows its
    first occurrence."""
    grid, tz = week_grid(week_start, timezone, slot_minutes), zone(timezone)
    columns: list[dict[str, int]] = []
    for d in range(7):
        column: dict[str, int] = {}
        for i in range(grid.day_starts[d], grid.day_starts[d + 1]):
            column.setdefault(grid.starts[i].astimezone(tz).strftime("%H:%M"), i)
        columns.append(column)
    labels = [f"{m // 60:02d}:{m % 60:02d}" for m in range(0, 24 * 60, slot_minutes)]
    return tuple(
        (label, tuple(column.get(label, SKIPPED) for column in columns)) for label in labels
    )


def heat_rows(
    heatmap: Heatmap,
    highlight: AbstractSet[int] = frozenset(),
    earlier: tuple[Heatmap, list[HeatRow]] | None = None,
    touched: AbstractSet[int] | None = None,
) -> list[HeatRow]:
    """The grid as the page shows it: one row per time of day, one cell per weekday.
    `earlier`: the same view's heatmap and rows before a change; the rows none of whose cells
    changed are reused as they are (a member's save changes a few rows, not the week).
    `touched`: the only slots that may differ from `earlier` (None: every slot is compared)."""
    grid = heatmap.grid
    top = max(heatmap.weighted, default=0)
    count, weighted, roles = heatmap.count, heatmap.weighted, heatmap.roles
    tank, healer, melee, ranged = (roles[r] for r in ("tank", "healer", "melee", "ranged"))
    skipped = [SKIPPED, 0, 0, len(SHADES) - 1, 0, 0, 0, 0, 0]
    layout = _layout(grid.week_start, grid.timezone, grid.slot_minutes)
    changed = _changed_slots(earlier[0], heatmap, touched) if earlier is not None else None
    rows = []
    for n, (label, slots) in enumerate(layout):
        if changed is not None and earlier is not None and not changed.intersection(slots):
            rows.append(earlier[1][n])
            continue
        cells = [
            list(skipped)
            if i == SKIPPED
            else [
                i,
                count[i],
                weighted[i],
                heat_shade(weighted[i], top),
                tank[i],
                healer[i],
                melee[i],
                ranged[i],
                int(i in highlight),
            ]
            for i in slots
        ]
        rows.append(HeatRow(label=label, cells=cells))
    return rows


def _changed_slots(
    before: Heatmap, after: Heatmap, touched: AbstractSet[int] | None = None
) -> set[int] | None:
    """The slots whose numbers differ between two heatmaps of the same grid (None: another
    grid, or another week's best, which recolours every cell). `touched`: the only slots
    that may differ, when known."""
    a, b = before.grid, after.grid
    if (a.week_start, a.timezone, a.slot_minutes, len(a.starts)) != (
        b.week_start,
        b.timezone,
        b.slot_minutes,
        len(b.starts),
    ) or max(before.weighted, default=0) != max(after.weighted, default=0):
        return None
    columns = [(before.count, after.count), (before.weighted, after.weighted)]
    columns += [(before.roles[r], after.roles[r]) for r in ("tank", "healer", "melee", "ranged")]
    if touched is not None:  # only these can differ: look at them alone
        return {i for i in touched if any(old[i] != new[i] for old, new in columns)}
    changed: set[int] = set()
    for old, new in columns:
        if old != new:  # most of them are equal: one comparison in C
            changed.update(i for i, (x, y) in enumerate(zip(old, new, strict=True)) if x != y)
    return changed


def local_text(moment: datetime, timezone: str) -> str:
    return moment.astimezone(zone(timezone)).strftime("%a %d %b %H:%M")
