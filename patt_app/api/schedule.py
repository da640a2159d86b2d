"""Officer JSON for scheduling: everyone's availability, the week heatmap, raid-night windows."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from fastapi import APIRouter, Depends, Query

from patt_app.api.dependencies import DbSession, officer
from patt_app.api.refusals import OFFICERS
from patt_app.api.responses import ok
from patt_app.api.schemas.envelope import Envelope
from patt_app.api.schemas.schedule import (
    HeatmapWeek,
    PlayerAvailability,
    RaidWindow,
    RaidWindows,
)
from patt_app.services.accounts.sessions import Viewer
from patt_app.services.errors import InvalidInput
from patt_app.services.reference.time_zones import validate_timezone
from patt_app.services.scheduling import schedule_view as view
from patt_app.services.scheduling.availability import guild_availability, unusable_zones
from patt_app.services.scheduling.heatmap import ROLES, SLOT_CHOICES, Filters
from patt_app.services.scheduling.raid_night_finder import FinderRequest
from patt_app.services.scheduling.schedule_time import zone as zone_info

router = APIRouter(prefix="/api/v1")

# Weeks the scheduling maths is asked about: far outside these, dates overflow.
FIRST_WEEK, LAST_WEEK = date(2000, 1, 1), date(2100, 12, 31)


def _zone(tz: str) -> str:
    try:
        return validate_timezone(tz)
    except InvalidInput:
        raise InvalidInput(f"tz: '{tz}' is not an IANA time zone (e.g. America/Chicago)") from None


def _filters(min_rank: int, roles: str) -> Filters:
    wanted = frozenset(r.strip() for r in roles.split(",") if r.strip())
    unknown = wanted - set(ROLES)
    if unknown:
        raise InvalidInput(f"roles: unknown {', '.join(sorted(unknown))} (use {', '.join(ROLES)})")
    return Filters(min_rank=min_rank, roles=wanted)


def _clock(value: str, name: str) -> time:
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{name}: use HH:MM, e.g. 19:00") from None


@router.get(
    "/guild/availability", response_model=Envelope[list[PlayerAvailability]], responses=OFFICERS
)
def availability(session: DbSession, _: Viewer = Depends(officer)):
    """One row per active player: their zone and a window (or null) for each weekday."""
    return ok([PlayerAvailability.from_week(row) for row in guild_availability(session=session)])


@router.get("/schedule/heatmap", response_model=Envelope[HeatmapWeek], responses=OFFICERS)
def heatmap(
    session: DbSession,
    week_start: date = Query(ge=FIRST_WEEK, le=LAST_WEEK),  # type: ignore[arg-type]  # dates too
    tz: str = "America/Chicago",
    slot_minutes: int = 30,
    min_rank: int = Query(0, ge=0, le=10),
    roles: str = "",
    _: Viewer = Depends(officer),
):
    """The week (Monday of `week_start`'s week) in zone `tz`, slot by slot from local midnight.
    `roles` (e.g. "tank,healer") keeps only players whose main role is listed. Players whose
    stored zone is unusable are left out and listed in `skipped_players`."""
    zone = _zone(tz)
    if slot_minutes not in SLOT_CHOICES:
        raise InvalidInput("slot_minutes: must be 15, 30 or 60")
    schedules = view.load_schedules(session=session)
    result = view.compute(schedules, week_start, zone, slot_minutes, _filters(min_rank, roles))
    return ok(HeatmapWeek.from_heatmap(result, unusable_zones(session=session)))


@router.get("/schedule/windows", response_model=Envelope[RaidWindows], responses=OFFICERS)
def windows(
    session: DbSession,
    week_start: date = Query(ge=FIRST_WEEK, le=LAST_WEEK),  # type: ignore[arg-type]  # dates too
    tz: str = "America/Chicago",
    duration_minutes: int = Query(180, ge=60, le=480),
    tanks: int = Query(2, ge=0, le=10),
    healers: int = Query(4, ge=0, le=15),
    dps: int = Query(10, ge=0, le=30),
    nights: int = Query(2, ge=1, le=7),
    min_rank: int = Query(0, ge=0, le=10),
    earliest: str = "17:00",
    latest: str = "23:00",
    roles: str = "",
    _: Viewer = Depends(officer),
):
    """The best raid windows of the week for the players who can stay the whole time, from
    now on: a night already past is not proposed."""
    zone = _zone(tz)
    if duration_minutes % 15:
        raise InvalidInput("duration_minutes: must be a multiple of 15")
    request = FinderRequest(
        duration_minutes=duration_minutes,
        tanks=tanks,
        healers=healers,
        dps=dps,
        nights=nights,
        earliest=_clock(earliest, "earliest"),
        latest=_clock(latest, "latest"),
    )
    schedules = view.load_schedules(session=session)
    _grid, found = view.suggest(
        schedules,
        week_start,
        zone,
        request,
        _filters(min_rank, roles),
        not_before=datetime.now(UTC),  # nights already past are not proposed
    )
    local = zone_info(zone)
    windows = [RaidWindow.from_suggestion(s, local) for s in found]
    return ok(RaidWindows.of(windows, unusable_zones(session=session)))
