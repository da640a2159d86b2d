"""The scheduling screens' data: the heatmap, the day summary, the people behind
a cell, the finder's suggestions. Database in, plain data out (the API builds its JSON from
these in `patt_app/api/schemas/schedule.py`)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select as select_wide  # sqlmodel's select is typed up to 4 columns
from sqlmodel import Session, col

from patt_app.models import GuildRank, Player, Role, WowCharacter, WowClass
from patt_app.services.reference.time_zones import usable_timezone
from patt_app.services.scheduling.availability import (
    UnusableZone,
    schedule_inputs,
    unusable_zones,
    with_rank_and_main_role,
)
from patt_app.services.scheduling.heatmap import (
    DaySummary,
    Filters,
    Grid,
    Heatmap,
    day_summary,
    week_grid,
)
from patt_app.services.scheduling.heatmap_vectorised import (
    WeekRuns,
    heatmap_from_runs,
    week_runs,
)
from patt_app.services.scheduling.raid_night_finder import (
    FinderRequest,
    Suggestion,
    find_raid_nights,
    grid_minutes_for,
)
from patt_app.services.scheduling.schedule_time import PlayerSchedule
from patt_app.services.statements import known_row


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    rank: str
    role: str
    class_colour: str


def monday_of(day: date) -> date:
    """The Monday starting `day`'s week."""
    return day - timedelta(days=day.weekday())


def load_people(*, session: Session, only: Collection[int] | None = None) -> dict[int, Person]:
    """Active players' names, ranks, main roles and class colours (of those `only` names)."""
    people = (
        with_rank_and_main_role(
            select_wide(
                col(Player.id),
                col(Player.display_name),
                col(GuildRank.name),
                col(Role.key),
                col(WowClass.colour),
            )
        )
        .outerjoin(WowCharacter, col(WowCharacter.id) == col(Player.main_character_id))
        .outerjoin(WowClass, col(WowClass.id) == col(WowCharacter.class_id))
        .where(col(Player.is_active))
    )
    if only is not None:
        people = people.where(col(Player.id).in_(only))
    rows = session.execute(people).all()
    return {
        pid: Person(pid, name, rank or "", role or "unknown", colour or "#9ca3af")
        for pid, name, rank, role, colour in rows
    }


def load_schedules(
    *, session: Session, only: Collection[int] | None = None
) -> list[PlayerSchedule]:
    """Every active player's schedule (or those of the players `only` names), by player id."""
    return schedule_inputs(session=session, only=only)


def with_reread(
    schedules: list[PlayerSchedule], changed: Collection[int], reread: list[PlayerSchedule]
) -> list[PlayerSchedule]:
    """`schedules` with the players of `changed` as `reread` now has them (gone if absent)."""
    kept = [s for s in schedules if s.player_id not in changed]
    return sorted([*kept, *reread], key=lambda s: s.player_id)


def runs(schedules: list[PlayerSchedule], week_start: date, timezone: str, slot: int) -> WeekRuns:
    """The week's slots each player covers, before filters: the costly half of `compute`,
    reusable for every filter of the same week, zone and slot length."""
    return week_runs(schedules, week_grid(monday_of(week_start), timezone, slot))


def heatmap(week: WeekRuns, filters: Filters) -> Heatmap:
    """The heatmap of the players `filters` admits: the cheap half of `compute`."""
    return heatmap_from_runs(week, filters)


def compute(
    schedules: list[PlayerSchedule], week_start: date, timezone: str, slot: int, filters: Filters
) -> Heatmap:
    """The week's heatmap, vectorised: as fast for the first view as for a redraw (the
    span-by-span `build_heatmap` gives the same cells and is the reference in the tests)."""
    return heatmap(runs(schedules, week_start, timezone, slot), filters)


def summary(heatmap: Heatmap, schedules: list[PlayerSchedule]) -> list[DaySummary]:
    return day_summary(heatmap, schedules, active_count=len(schedules))


def suggest(
    schedules: list[PlayerSchedule],
    week_start: date,
    timezone: str,
    request: FinderRequest,
    filters: Filters,
    not_before: datetime | None = None,
) -> tuple[Grid, list[Suggestion]]:
    grid = week_grid(monday_of(week_start), timezone, grid_minutes_for(request.duration_minutes))
    return grid, find_raid_nights(schedules, grid, request, filters, not_before)


@dataclass(frozen=True)
class ScheduleSnapshot:
    """The guild's schedules and the people behind them, read in one transaction."""

    schedules: list[PlayerSchedule]
    people: dict[int, Person]
    home_zone: str | None  # the asking player's own zone, when asked for (and usable)
    skipped: list[UnusableZone]  # left out: their stored zone is not an IANA zone


def schedule_snapshot(*, session: Session, player_id: int | None = None) -> ScheduleSnapshot:
    """Schedules, names, the players left out for an unusable zone and (for `player_id`)
    that player's zone, as one consistent read."""
    home = known_row(session, Player, player_id).timezone if player_id is not None else None
    return ScheduleSnapshot(
        schedules=load_schedules(session=session),
        people=load_people(session=session),
        home_zone=home if home and usable_timezone(home) else None,
        skipped=unusable_zones(session=session),
    )
