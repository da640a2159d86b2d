"""Weekly availability windows turned into concrete UTC intervals, with real timezone rules.

Pure functions: no database, no clock. A window starts at a wall-clock time on a weekday in the
player's own zone and lasts `hours` of elapsed time, so it may cross midnight (and the week's end).

- A start that does not exist (spring-forward gap) moves to the first valid instant after it.
- An ambiguous start (fall-back) takes the first occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class WeeklyWindow:
    """From `start` on `day_of_week` (0 = Monday) for `hours`, in the player's zone."""

    day_of_week: int
    start: time
    hours: float


@dataclass(frozen=True)
class PlayerSchedule:
    """Everything the scheduling maths needs about one player."""

    player_id: int
    timezone: str
    weight: int = 0
    rank_level: int = 0
    role: str = "unknown"  # tank | healer | melee | ranged | unknown
    windows: tuple[WeeklyWindow, ...] = ()
    away: tuple[tuple[date, date], ...] = field(default=())  # inclusive local date ranges

    # The scheduling caches are keyed on whole schedules (the clock-change guard hashes every
    # member's at each officer redraw), so the hash is worked out once per schedule. It is
    # left out of a pickle: another process hashes strings differently.
    def __hash__(self) -> int:
        kept: int | None = self.__dict__.get("_hash")
        if kept is None:
            fields = (self.player_id, self.timezone, self.weight, self.rank_level, self.role)
            kept = self.__dict__["_hash"] = hash((*fields, self.windows, self.away))
        return kept

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo:
    """A cached ZoneInfo (raises for unknown names)."""
    return ZoneInfo(name)


def _first_instant_after_gap(tz: ZoneInfo, naive: datetime) -> datetime:
    """`naive` fell in a spring-forward gap: the UTC instant where the gap ends. (In a gap,
    fold=1 reads the wall time with the offset after the change, fold=0 with the one before:
    the two instants bracket the change; checked over every zone's gaps from 1990 to 2040.)"""
    low = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)  # before the transition
    high = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)  # after it
    after = high.astimezone(tz).utcoffset()
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(tz).utcoffset() == after:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


@lru_cache(maxsize=16384)
def _steady_offset(zone_name: str, day: date) -> timedelta | None:
    """The zone's UTC offset on `day` when it does not change during that day, else None."""
    tz = zone(zone_name)
    start = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    if end - start != timedelta(days=1):
        return None
    offset = start.astimezone(tz).utcoffset()
    noon = (start + timedelta(hours=12)).astimezone(tz).utcoffset()
    return offset if offset == noon else None


@lru_cache(maxsize=65536)
def local_to_utc(zone_name: str, day: date, start: time) -> datetime:
    """The UTC instant of wall-clock `start` on `day` in `zone_name` (gap → its end,
    ambiguous → first occurrence)."""
    offset = _steady_offset(zone_name, day)
    if offset is not None:  # the usual day: plain arithmetic
        return datetime.combine(day, start, tzinfo=UTC) - offset
    tz = zone(zone_name)
    naive = datetime.combine(day, start)
    instant = naive.replace(tzinfo=tz, fold=0)
    as_utc = instant.astimezone(UTC)
    if as_utc.astimezone(tz).replace(tzinfo=None) != naive:
        return _first_instant_after_gap(tz, naive)
    return as_utc


@lru_cache(maxsize=64)
def dates_by_weekday(first_day: date, last_day: date) -> tuple[tuple[date, ...], ...]:
    """The dates first_day..last_day grouped by weekday (0 = Monday)."""
    days: list[list[date]] = [[] for _ in range(7)]
    for n in range((last_day - first_day).days + 1):
        day = first_day + timedelta(days=n)
        days[day.weekday()].append(day)
    return tuple(tuple(d) for d in days)


def utc_intervals(
    schedule: PlayerSchedule, first_day: date, last_day: date
) -> list[tuple[datetime, datetime]]:
    """The player's windows starting on local dates first_day..last_day, merged where they
    overlap, skipping days they are away."""
    dates = dates_by_weekday(first_day, last_day)
    intervals = []
    for window in schedule.windows:
        length = timedelta(hours=window.hours)
        for day in dates[window.day_of_week]:
            if schedule.away and any(a <= day <= b for a, b in schedule.away):
                continue
            start = local_to_utc(schedule.timezone, day, window.start)
            intervals.append((start, start + length))
    if len(intervals) < 2:
        return intervals
    intervals.sort()
    merged = [intervals[0]]
    for start, end in intervals[1:]:
        if start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def window_to_utc_text(window: WeeklyWindow, zone_name: str, on: date) -> str:
    """A preview like "Tue 20:00–23:00 (your time) = Wed 01:00–04:00 UTC" for a given week."""
    start = local_to_utc(zone_name, on, window.start)
    end = start + timedelta(hours=window.hours)
    local_start, local_end = start.astimezone(zone(zone_name)), end.astimezone(zone(zone_name))
    return (
        f"{local_start:%a %H:%M}–{local_end:%H:%M} (your time) = {start:%a %H:%M}–{end:%H:%M} UTC"
    )
