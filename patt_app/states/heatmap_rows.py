"""How the heatmap looks: the colour scale, each cell's tooltip, rows by local time of day.
Presentation only: the numbers come from services/scheduling."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from patt_app.services.scheduling.heatmap import Heatmap
from patt_app.services.scheduling.schedule_time import zone

HEAT_COLOURS = ("#1a1a1d", "#3b2f1a", "#5c4520", "#7d5c25", "#a8782e", "#d4a84b")


@dataclass
class HeatCell:
    key: str  # "slot index", for clicks
    count: int
    weighted: int
    colour: str
    title: str
    highlight: bool = False


@dataclass
class HeatRow:
    label: str
    cells: list[HeatCell]


def heat_colour(weighted: int, top: int) -> str:
    if weighted <= 0 or top <= 0:
        return HEAT_COLOURS[0]
    return HEAT_COLOURS[min(5, 1 + (weighted * 5 - 1) // top)]


def heat_rows(heatmap: Heatmap, highlight: set[int] = frozenset()) -> list[HeatRow]:
    """Rows by local time of day (from a regular day), one cell per weekday. On a DST day the
    skipped hour shows empty and the repeated hour shows its first occurrence."""
    grid, tz = heatmap.grid, zone(heatmap.grid.timezone)
    step = grid.slot_minutes
    labels = [f"{m // 60:02d}:{m % 60:02d}" for m in range(0, 24 * 60, step)]
    top = max(heatmap.weighted, default=0)
    columns: list[dict[str, int]] = []
    for d in range(7):
        column: dict[str, int] = {}
        for i in range(grid.day_starts[d], grid.day_starts[d + 1]):
            column.setdefault(grid.starts[i].astimezone(tz).strftime("%H:%M"), i)
        columns.append(column)
    rows = []
    for label in labels:
        cells = []
        for d, column in enumerate(columns):
            i = column.get(label)
            if i is None:
                cells.append(
                    HeatCell(
                        key="",
                        count=0,
                        weighted=0,
                        colour="#0a0a0b",
                        title="(skipped by the clock change)",
                    )
                )
                continue
            roles = {r: heatmap.roles[r][i] for r in ("tank", "healer", "melee", "ranged")}
            day = (grid.week_start + timedelta(days=d)).strftime("%a")
            title = (
                f"{day} {label}: {heatmap.count[i]} available, score {heatmap.weighted[i]}"
                f" · T{roles['tank']} H{roles['healer']} M{roles['melee']}"
                f" R{roles['ranged']}"
            )
            cells.append(
                HeatCell(
                    key=str(i),
                    count=heatmap.count[i],
                    weighted=heatmap.weighted[i],
                    colour=heat_colour(heatmap.weighted[i], top),
                    title=title,
                    highlight=i in highlight,
                )
            )
        rows.append(HeatRow(label=label, cells=cells))
    return rows


def local_text(moment: datetime, timezone: str) -> str:
    return moment.astimezone(zone(timezone)).strftime("%a %d %b %H:%M")
