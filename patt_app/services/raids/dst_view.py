"""The daylight-saving guard fed from the database: a season's weekly raids (continued at their
local time for `HORIZON_WEEKS` when the series is still running) and every active member's
zone and availability, handed to the pure `dst_guard`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from patt_app.models import Player, RaidEvent, RaidSeason
from patt_app.services.errors import NotFound
from patt_app.services.raids.dst_guard import (
    Member,
    RaidSlot,
    ShiftWeek,
    dst_shifts,
    guard_warnings_kept,
    slot_shift,
    usual_minutes,
)
from patt_app.services.reference.seasons import current_season
from patt_app.services.reference.time_zones import usable_timezone
from patt_app.services.scheduling.availability import schedule_inputs
from patt_app.services.scheduling.schedule_time import PlayerSchedule, local_to_utc, zone
from patt_app.services.scheduling.schedule_view import load_people

HORIZON_WEEKS = 26  # every zone that changes its clocks does so within half a year
FALLBACK_ZONE = "America/Chicago"  # a player's default zone: for events nobody (or a player
# whose stored zone is unusable) is known to own


def _series_key(event: RaidEvent, home: str) -> str:
    local = event.start_time_utc.astimezone(zone(home))
    return f"{event.title}|{home}|{local.weekday()}|{local:%H:%M}"


def season_slots(*, session: Session, season_id: int, today: date) -> list[RaidSlot]:
    """The season's raids as slots, each series continued weekly (projected) until
    `HORIZON_WEEKS` from `today` when it still has an upcoming raid."""
    events = session.exec(
        select(RaidEvent, col(Player.timezone))
        .outerjoin(Player, col(Player.id) == col(RaidEvent.created_by_player_id))
        .where(col(RaidEvent.season_id) == season_id, col(RaidEvent.cancelled_at).is_(None))
        .order_by(col(RaidEvent.start_time_utc))
    ).all()
    slots: list[RaidSlot] = []
    last: dict[str, tuple[RaidEvent, str]] = {}
    for event, stored in events:
        home = stored if stored and usable_timezone(stored) else FALLBACK_ZONE
        key = _series_key(event, home)
        slots.append(RaidSlot(key, event.start_time_utc, event.end_time_utc, event_id=event.id))
        last[key] = (event, home)
    until = today + timedelta(weeks=HORIZON_WEEKS)
    for key, (event, home) in last.items():
        if event.event_date < today:
            continue  # the series is over
        local = event.start_time_utc.astimezone(zone(home))
        length = event.end_time_utc - event.start_time_utc
        day = local.date() + timedelta(weeks=1)
        while day <= until:
            start = local_to_utc(home, day, local.time())
            slots.append(RaidSlot(key, start, start + length, projected=True))
            day += timedelta(weeks=1)
    return slots


def _members(session: Session, schedules: list[PlayerSchedule] | None) -> list[Member]:
    people = load_people(session=session)
    if schedules is None:
        schedules = schedule_inputs(session=session)
    return [
        Member(s.player_id, people[s.player_id].name, s) for s in schedules if s.player_id in people
    ]


def season_dst_guard(
    *,
    session: Session,
    season_id: int | None,
    today: date,
    schedules: list[PlayerSchedule] | None = None,
) -> list[ShiftWeek]:
    """The shifted weeks from `today` on of `season_id` (None: the current season; no season →
    nothing to guard), for the active players' `schedules` (None: read them)."""
    if season_id is None:
        season = current_season(session=session, today=today)
        if season is None:
            return []
        season_id = season.id
    elif session.get(RaidSeason, season_id) is None:
        raise NotFound("That season does not exist.")
    slots = season_slots(session=session, season_id=season_id, today=today)
    return dst_shifts(slots, _members(session, schedules), from_day=today)


@dataclass(frozen=True)
class MyShift:
    event_id: int
    text: str  # "this week your raid starts at 20:00, not 21:00"


def my_dst_notes(*, session: Session, player_id: int, now: datetime) -> list[MyShift]:
    """For the member's own zone: the upcoming raids of the current season that start at
    another local time than the series usually does there."""
    season = current_season(session=session, today=now.date())
    player = session.get(Player, player_id)
    if season is None or player is None:
        return []
    slots = season_slots(session=session, season_id=season.id, today=now.date())
    usual = usual_minutes(slots, player.timezone)
    out = []
    for slot in slots:
        if slot.projected or slot.event_id is None or slot.start <= now:
            continue
        shift = slot_shift(slot, player.timezone, usual)
        if shift:
            then = slot.start.astimezone(zone(player.timezone))
            before = then - timedelta(minutes=shift)
            out.append(
                MyShift(
                    slot.event_id,
                    f"This week your raid starts at {then:%H:%M}, not {before:%H:%M} "
                    "(the clocks change).",
                )
            )
    return out


@dataclass(frozen=True)
class GuardRaids:
    """What the officers' clock-change warnings need besides the members' availability: the
    current season's raids as slots (None: no current season) and the active players' names.
    A member's save changes neither, so a view may keep it between saves."""

    slots: tuple[RaidSlot, ...] | None
    names: dict[int, str]


def guard_raids(*, session: Session, today: date) -> GuardRaids:
    season = current_season(session=session, today=today)
    if season is None:
        return GuardRaids(None, {})
    slots = season_slots(session=session, season_id=season.id, today=today)
    names = {pid: person.name for pid, person in load_people(session=session).items()}
    return GuardRaids(tuple(slots), names)


def warnings_for(raids: GuardRaids, schedules: list[PlayerSchedule], today: date) -> list[str]:
    """The officers' sentences for `raids` and the active players' `schedules`. Pure."""
    if raids.slots is None:
        return []
    members = [
        Member(s.player_id, raids.names[s.player_id], s)
        for s in schedules
        if s.player_id in raids.names
    ]
    return guard_warnings_kept(dst_shifts(list(raids.slots), members, from_day=today))


def season_warnings(
    *, session: Session, today: date, schedules: list[PlayerSchedule] | None = None
) -> list[str]:
    """The current season's guard as the officers' sentences (`schedules`: the active
    players' schedules when the caller holds them, e.g. kept between clicks)."""
    if schedules is None:
        schedules = schedule_inputs(session=session)
    return warnings_for(guard_raids(session=session, today=today), schedules, today)
