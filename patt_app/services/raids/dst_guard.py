"""The daylight-saving guard: in which weeks does a weekly raid start at another local time
than usual for the members of some zone, and who of them is then no longer free? Pure.

A raid series keeps its wall-clock time in the zone it was planned in; US and EU clocks change
on different dates and southern-hemisphere zones move the other way, so for a few weeks a year
members elsewhere see their raid an hour earlier or later. A zone's *usual* local start for a
series is the one most of the series' raids have there; every raid that differs is a shift.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from patt_app.services.raids.window_cover import covers
from patt_app.services.scheduling.schedule_time import PlayerSchedule, zone

WEEK_MINUTES = 7 * 24 * 60


@dataclass(frozen=True)
class RaidSlot:
    """One raid of a weekly series (`series` groups them), in UTC. `projected`: not created
    yet, the series continued at its local time."""

    series: str
    start: datetime
    end: datetime
    event_id: int | None = None
    projected: bool = False


@dataclass(frozen=True)
class Member:
    player_id: int
    name: str
    schedule: PlayerSchedule


@dataclass
class ShiftWeek:
    """One week in which the raids start `local_shift_minutes` later (negative: earlier) for
    the members living in `zone`."""

    week_start: date
    zone: str
    local_shift_minutes: int
    usual: str  # "21:00"
    then: str  # "20:00"
    players: list[str]
    no_longer_free: list[str]
    first_day: date
    last_day: date
    projected: bool  # every raid of the week is a projection of the series
    to_the_end: bool = False  # the shift lasts to the last raid looked at
    _free_ids: set[int] = field(default_factory=set, repr=False)


def minute_of_week(moment: datetime, zone_name: str) -> int:
    """Minutes since Monday 00:00 of `moment` on the wall clock of `zone_name`."""
    local = moment.astimezone(zone(zone_name))
    return local.weekday() * 1440 + local.hour * 60 + local.minute


def _clock_text(minute: int) -> str:
    return f"{(minute % 1440) // 60:02d}:{minute % 60:02d}"


def _shift(minute: int, usual: int) -> int:
    """minute − usual, wrapped into (−half a week, half a week]."""
    delta = (minute - usual) % WEEK_MINUTES
    return delta - WEEK_MINUTES if delta > WEEK_MINUTES // 2 else delta


def usual_minutes(slots: list[RaidSlot], zone_name: str) -> dict[str, int]:
    """Each series' usual local start in `zone_name` (the most common one; ties: the earliest
    raid's)."""
    by_series: dict[str, list[int]] = {}
    for slot in sorted(slots, key=lambda s: s.start):
        by_series.setdefault(slot.series, []).append(minute_of_week(slot.start, zone_name))
    return {
        series: max(Counter(minutes).items(), key=lambda kv: (kv[1], -minutes.index(kv[0])))[0]
        for series, minutes in by_series.items()
    }


def slot_shift(slot: RaidSlot, zone_name: str, usual: dict[str, int]) -> int:
    """How many minutes later than usual `slot` starts on the wall clock of `zone_name`."""
    return _shift(minute_of_week(slot.start, zone_name), usual[slot.series])


@dataclass(frozen=True, eq=False)  # compared by identity: one per cached (raids, zone, day)
class ZoneShifts:
    """The raids (from a day on, in time order) that start at another local time than usual
    in one zone: (raid, local date, minutes later, usual clock, shifted clock) each."""

    zone: str
    raids: tuple[tuple[RaidSlot, date, int, str, str], ...]


@lru_cache(maxsize=256)
def zone_shifts(slots: tuple[RaidSlot, ...], zone_name: str, from_day: date) -> ZoneShifts:
    """Kept per season's raids, zone and day: a member's save changes none of them, so the
    officers' warnings, worked out again after every save, do not redo the clock maths."""
    usual = usual_minutes(list(slots), zone_name)
    local = zone(zone_name)
    raids = []
    for slot in sorted(slots, key=lambda s: s.start):
        day = slot.start.astimezone(local).date()
        minute = minute_of_week(slot.start, zone_name)
        shift = _shift(minute, usual[slot.series])
        if day >= from_day and shift:
            raids.append((slot, day, shift, _clock_text(usual[slot.series]), _clock_text(minute)))
    return ZoneShifts(zone_name, tuple(raids))


@lru_cache(maxsize=1 << 12)
def _not_free_then(schedule: PlayerSchedule, shifts: ZoneShifts) -> frozenset[int]:
    """Which of `shifts`' raids (by position) find the member free at the usual local time but
    not at the shifted one (away days aside). Kept per schedule and zone's raids: after a
    member's save only that member's answers are worked out again."""
    steady = replace(schedule, away=())
    return frozenset(
        n
        for n, (slot, _, shift, _, _) in enumerate(shifts.raids)
        if _free_only_as_usual(steady, slot.start, slot.end, shift)
    )


def _free_only_as_usual(steady: PlayerSchedule, start: datetime, end: datetime, shift: int) -> bool:
    moved = timedelta(minutes=shift)
    return covers(steady, start - moved, end - moved) and not covers(steady, start, end)


class _HashedOnce(tuple[RaidSlot, ...]):
    """A tuple whose hash is worked out once: the season's raids are the key of every zone's
    cached shifts, and hashing sixty raids for each of a dozen zones was most of the guard's
    cost after a member's save."""

    _hash: int

    def __new__(cls, items: Iterable[RaidSlot]) -> _HashedOnce:
        made = super().__new__(cls, items)
        made._hash = tuple.__hash__(made)
        return made

    def __hash__(self) -> int:
        return self._hash


def dst_shifts(slots: list[RaidSlot], members: list[Member], *, from_day: date) -> list[ShiftWeek]:
    """The weeks (from `from_day` on) in which some zone's members see their raids start at
    another local time than usual, one row per (week, zone, shift), earliest first. The rows
    are shared with later calls (kept per zone): read them, never change them."""
    zones: dict[str, list[Member]] = {}
    for member in members:
        zones.setdefault(member.schedule.timezone, []).append(member)
    raids = _HashedOnce(slots)
    last = max((s.start for s in slots), default=None)
    weeks = [
        week
        for zone_name, people in zones.items()
        for week in _zone_weeks(zone_shifts(raids, zone_name, from_day), tuple(people), last)
    ]
    return sorted(weeks, key=lambda w: (w.week_start, w.zone, w.local_shift_minutes))


@lru_cache(maxsize=1 << 10)
def _zone_weeks(
    shifts: ZoneShifts, people: tuple[Member, ...], last: datetime | None
) -> tuple[ShiftWeek, ...]:
    """One zone's shifted weeks for its members (`last`: the last raid's start). Kept per zone
    and members: after a member's save only their zone is worked out again."""
    weeks: dict[tuple[date, int], ShiftWeek] = {}
    not_free = [(m.player_id, _not_free_then(m.schedule, shifts)) for m in people]
    names = sorted((m.name for m in people), key=str.casefold)
    for n, (slot, day, shift, usual, then) in enumerate(shifts.raids):
        week_start = day - timedelta(days=day.weekday())
        week = weeks.get((week_start, shift))
        if week is None:
            week = weeks[(week_start, shift)] = ShiftWeek(
                week_start=week_start,
                zone=shifts.zone,
                local_shift_minutes=shift,
                usual=usual,
                then=then,
                players=names,
                no_longer_free=[],
                first_day=day,
                last_day=day,
                projected=True,
            )
        week.first_day, week.last_day = min(week.first_day, day), max(week.last_day, day)
        week.projected = week.projected and slot.projected
        week._free_ids |= {player_id for player_id, gone in not_free if n in gone}
    end = last.astimezone(zone(shifts.zone)).date() - timedelta(days=6) if last else None
    for week in weeks.values():
        week.to_the_end = end is not None and week.last_day >= end
        week.no_longer_free = sorted(
            (m.name for m in people if m.player_id in week._free_ids), key=str.casefold
        )
    return tuple(weeks.values())


def shift_text(minutes: int) -> str:
    """ "1 h earlier", "30 min later"."""
    size = abs(minutes)
    amount = f"{size // 60} h" if size % 60 == 0 else f"{size} min"
    return f"{amount} {'later' if minutes > 0 else 'earlier'}"


def _day_range(first: date, last: date) -> str:
    if first == last:
        return f"{first.day} {first:%B}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} – {last.day} {last:%B}"
    return f"{first.day} {first:%B} – {last.day} {last:%B}"


def guard_warnings(weeks: list[ShiftWeek]) -> list[str]:
    """The officers' sentences, consecutive weeks with the same shift in a zone run together:
    "3 – 10 March: raids start 1 h earlier for 9 members in Europe/London (21:00 → 20:00);
    4 of them are not free then"."""
    runs: list[list[ShiftWeek]] = []
    for week in sorted(weeks, key=lambda w: (w.zone, w.local_shift_minutes, w.week_start)):
        last = runs[-1][-1] if runs else None
        if (
            last
            and (last.zone, last.local_shift_minutes) == (week.zone, week.local_shift_minutes)
            and week.week_start - last.week_start == timedelta(weeks=1)
        ):
            runs[-1].append(week)
        else:
            runs.append([week])
    runs.sort(key=lambda run: (run[0].first_day, run[0].zone))
    out = []
    for run in runs:
        first, people = run[0], run[0].players
        gone = sorted({n for w in run for n in w.no_longer_free}, key=str.casefold)
        when = (
            f"From {first.first_day.day} {first.first_day:%B}"
            if run[-1].to_the_end
            else _day_range(first.first_day, run[-1].last_day)
        )
        text = (
            f"{when}: raids start "
            f"{shift_text(first.local_shift_minutes)} for {len(people)} "
            f"member{'s' if len(people) != 1 else ''} in {first.zone} "
            f"({first.usual} → {first.then})"
        )
        if gone:
            text += f"; {len(gone)} of them {'is' if len(gone) == 1 else 'are'} not free then"
        if all(w.projected for w in run):
            text += " (if the weekly series continues)"
        out.append(text)
    return out


# The last rows worded and their sentences (the rows are kept alive here, so identity holds).
_last_worded: list[tuple[tuple[ShiftWeek, ...], list[str]]] = []


def guard_warnings_kept(weeks: list[ShiftWeek]) -> list[str]:
    """`guard_warnings(weeks)`, worded again only when a row is not the very one of the last
    call: the rows are shared per zone and never changed, and a member's save outside the
    zones that shift leaves them all as they were."""
    if _last_worded:
        last, said = _last_worded[0]
        if len(last) == len(weeks) and all(map(operator.is_, last, weeks)):
            return list(said)
    said = guard_warnings(weeks)
    _last_worded[:] = [(tuple(weeks), said)]
    return list(said)
