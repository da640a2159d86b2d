"""Candidate raid schedules for the raid-time studio: written `tue,thu@21:00/America/New_York/180`
(weekdays, start on the wall clock of an IANA zone, length in minutes), parsed with a refusal
that names the bad part, and laid out as concrete UTC raids over the coming weeks. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from patt_app.services.errors import InvalidInput
from patt_app.services.reference.time_zones import usable_timezone
from patt_app.services.scheduling.schedule_time import WEEKDAYS, local_to_utc

DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MIN_CANDIDATES, MAX_CANDIDATES = 2, 4
MIN_MINUTES, MAX_MINUTES = 30, 480
WEEKS = 8
CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
SHAPE = "weekdays@HH:MM/Zone/minutes, e.g. tue,thu@21:00/America/New_York/180"


@dataclass(frozen=True)
class Candidate:
    """A weekly schedule: raids on `weekdays` (0 = Monday) from `start` in `zone` for `minutes`."""

    weekdays: tuple[int, ...]
    start: time
    zone: str
    minutes: int

    @property
    def spec(self) -> str:
        """The written form, as parsed back by `parse_candidate`."""
        days = ",".join(DAY_CODES[d] for d in self.weekdays)
        return f"{days}@{self.start:%H:%M}/{self.zone}/{self.minutes}"

    @property
    def label(self) -> str:
        """ "Tue, Thu 21:00–00:00 America/New_York" for people."""
        end = (
            datetime.combine(date(2000, 1, 3), self.start) + timedelta(minutes=self.minutes)
        ).time()
        days = ", ".join(DAY_NAMES[d] for d in self.weekdays)
        return f"{days} {self.start:%H:%M}–{end:%H:%M} {self.zone}"


@dataclass(frozen=True)
class CandidateRaid:
    """One raid of a candidate: its local date (in the candidate's zone) and UTC instants."""

    local_date: date
    start: datetime
    end: datetime


def _refuse(n: int | None, part: str, why: str) -> InvalidInput:
    where = f"candidate {n}" if n is not None else "candidate"
    return InvalidInput(f"{where}: {part}: {why} (write {SHAPE}).")


def _weekdays(text: str, n: int | None) -> tuple[int, ...]:
    days = []
    for code in text.split(","):
        code = code.strip().lower()
        day = next(
            (d for d, name in enumerate(WEEKDAYS) if len(code) >= 3 and name.startswith(code)),
            None,
        )
        if day is None:
            raise _refuse(n, f"weekday '{code}'", "not a weekday (mon, tue, … sun)")
        days.append(day)
    if len(set(days)) != len(days):
        raise _refuse(n, f"weekdays '{text}'", "name each weekday once")
    return tuple(sorted(days))


def parse_candidate(text: str, n: int | None = None) -> Candidate:
    """`tue,thu@21:00/America/New_York/180` → Candidate; InvalidInput naming the bad part
    (weekday, time, zone or length) otherwise. `n` numbers the candidate in the message."""
    text = (text or "").strip()
    days, at, rest = text.partition("@")
    if not at or not days:
        raise _refuse(n, f"'{text}'", "no weekdays before '@'")
    clock, slash, rest = rest.partition("/")
    zone_name, slash2, minutes_text = rest.rpartition("/")
    weekdays = _weekdays(days, n)
    match = CLOCK.fullmatch(clock.strip())
    if match is None:
        raise _refuse(n, f"time '{clock}'", "not a time of day (HH:MM, 00:00–23:59)")
    if not slash or not slash2 or not usable_timezone(zone_name.strip()):
        raise _refuse(n, f"zone '{zone_name or rest}'", "not a time zone (an IANA name)")
    if not minutes_text.strip().isdigit():
        raise _refuse(n, f"length '{minutes_text}'", "not a number of minutes")
    minutes = int(minutes_text)
    if not MIN_MINUTES <= minutes <= MAX_MINUTES or minutes % 15:
        raise _refuse(
            n,
            f"length '{minutes_text}'",
            f"a raid lasts {MIN_MINUTES} to {MAX_MINUTES} minutes, in steps of 15",
        )
    return Candidate(weekdays, time(int(match[1]), int(match[2])), zone_name.strip(), minutes)


def parse_candidates(texts: list[str]) -> list[Candidate]:
    """2 to 4 candidates (refused otherwise, or when one is malformed; numbered from 1)."""
    if not MIN_CANDIDATES <= len(texts) <= MAX_CANDIDATES:
        raise InvalidInput(
            f"candidate: compare {MIN_CANDIDATES} to {MAX_CANDIDATES} candidates, not {len(texts)}."
        )
    parsed = [parse_candidate(text, n) for n, text in enumerate(texts, start=1)]
    for n, candidate in enumerate(parsed, start=1):
        first = parsed.index(candidate) + 1
        if first != n:
            raise InvalidInput(f"candidate {n}: the same schedule as candidate {first}.")
    return parsed


def candidate_raids(
    candidate: Candidate, *, from_day: date, weeks: int = WEEKS
) -> list[CandidateRaid]:
    """The candidate's raids on local dates from `from_day` for `weeks` weeks, earliest first,
    each at its wall-clock time in its zone (so 21:00 stays 21:00 across a clock change)."""
    out = []
    for offset in range(weeks * 7):
        day = from_day + timedelta(days=offset)
        if day.weekday() in candidate.weekdays:
            start = local_to_utc(candidate.zone, day, candidate.start)
            out.append(CandidateRaid(day, start, start + timedelta(minutes=candidate.minutes)))
    return out
