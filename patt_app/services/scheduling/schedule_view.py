"""The scheduling screens' data: the heatmap as rows to draw, the day summary, the people behind
a cell, the finder's suggestions. Database in, plain data out (the API builds its JSON from
these in `patt_app/api/schemas/schedule.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from patt_app.models import GuildRank, Player, Role, Specialization, WowCharacter, WowClass
from patt_app.services.scheduling.availability import schedule_inputs
from patt_app.services.scheduling.heatmap import (
    Filters,
    Heatmap,
    build_heatmap,
    day_summary,
    week_grid,
)
from patt_app.services.scheduling.raid_night_finder import (
    FinderRequest,
    find_raid_nights,
    grid_minutes_for,
)
from patt_app.services.scheduling.schedule_time import PlayerSchedule, zone

HEAT_COLOURS = ("#1a1a1d", "#3b2f1a", "#5c4520", "#7d5c25", "#a8782e", "#d4a84b")


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    rank: str
    role: str
    class_colour: str


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


def monday_of(day: date) -> date:
    """The Monday starting `day`'s week."""
    return day - timedelta(days=day.weekday())


def load_people(*, session: Session) -> dict[int, Person]:
    """Active players' names, ranks, main roles and class colours."""
    rows = session.exec(
        select(Player.id, Player.display_name, GuildRank.name, Role.key, WowClass.colour)
        .outerjoin(GuildRank, GuildRank.id == Player.guild_rank_id)
        .outerjoin(Specialization, Specialization.id == Player.main_spec_id)
        .outerjoin(Role, Role.id == Specialization.default_role_id)
        .outerjoin(WowCharacter, WowCharacter.id == Player.main_character_id)
        .outerjoin(WowClass, WowClass.id == WowCharacter.class_id)
        .where(Player.is_active)
    ).all()
    return {
        pid: Person(pid, name, rank or "", role or "unknown", colour or "#9ca3af")
        for pid, name, rank, role, colour in rows
    }


def load_schedules(*, session: Session) -> list[PlayerSchedule]:
    return schedule_inputs(session=session)


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


def compute(
    schedules: list[PlayerSchedule], week_start: date, timezone: str, slot: int, filters: Filters
) -> Heatmap:
    return build_heatmap(schedules, week_grid(monday_of(week_start), timezone, slot), filters)


def summary(heatmap: Heatmap, schedules: list[PlayerSchedule]):
    return day_summary(heatmap, schedules, active_count=len(schedules))


def suggest(
    schedules: list[PlayerSchedule],
    week_start: date,
    timezone: str,
    request: FinderRequest,
    filters: Filters,
):
    grid = week_grid(monday_of(week_start), timezone, grid_minutes_for(request.duration_minutes))
    return grid, find_raid_nights(schedules, grid, request, filters)


def local_text(moment: datetime, timezone: str) -> str:
    return moment.astimezone(zone(timezone)).strftime("%a %d %b %H:%M")
