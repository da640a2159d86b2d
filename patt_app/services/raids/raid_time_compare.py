"""The raid-time studio's comparison rules. Pure: plain data in, plain data out.

- **Turnout.** Each candidate raid is forecast by `turnout_forecast` as if it were held then:
  nobody has answered a raid that does not exist, so a player's chance is their weekday rate
  (this season's held raids on that weekday, shrunk towards the guild's) when their weekly
  availability covers the whole raid, else 0 — the forecast of a silent player far enough ahead
  not to fade. A week shows its *weakest* raid night (lowest expected turnout): the night
  that decides whether the schedule works.
- **Who gains, who loses.** A player *makes* a schedule when their availability covers at least
  half of its raids in the span. Gains: make the candidate but not the current schedule;
  losses: the other way round.
- **Clock changes.** The daylight-saving guard (`dst_guard`) run on the candidate's raids.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np

from patt_app.services.raids.dst_guard import Member, RaidSlot, dst_shifts, guard_warnings
from patt_app.services.raids.raid_time_candidates import WEEKS, Candidate, CandidateRaid
from patt_app.services.raids.turnout_forecast import (
    HIGH_QUANTILE,
    LOW_QUANTILE,
    ROLES,
    Composition,
    composition_needs,
)
from patt_app.services.scheduling.schedule_time import PlayerSchedule, utc_intervals


@dataclass(frozen=True)
class StudioPlayer:
    player_id: int
    name: str
    role: str
    schedule: PlayerSchedule


@dataclass(frozen=True)
class NightForecast:
    """One raid's forecast (the fields of `turnout_forecast.Forecast` the studio shows)."""

    start: datetime
    expected: float
    low: int
    high: int
    by_role: dict[str, float]
    needs: list[str]


@dataclass(frozen=True)
class WeekRow:
    week_start: date
    night: NightForecast  # the week's weakest raid
    nights: int


@dataclass(frozen=True)
class Mover:
    """A player who gains or loses: how many raids their availability covers, now and then."""

    name: str
    zone: str
    covered_now: int
    raids_now: int
    covered_then: int
    raids_then: int


@dataclass
class CandidateResult:
    candidate: Candidate
    weeks: list[WeekRow]
    gains: list[Mover] = field(default_factory=list)
    losses: list[Mover] = field(default_factory=list)
    dst: list[str] = field(default_factory=list)


def count_quantiles_fast(chances: np.ndarray) -> tuple[int, int]:
    """`turnout_forecast.count_quantiles` for the low and high quantiles, with numpy: the same
    Poisson-binomial recursion, step by step, so the same numbers."""
    dist = np.zeros(len(chances) + 1)
    dist[0] = 1.0
    for k, p in enumerate(chances):
        head = dist[: k + 2] * (1 - p)
        head[1:] += dist[: k + 1] * p
        dist[: k + 2] = head
    total = np.cumsum(dist)
    low = int(np.argmax(total >= LOW_QUANTILE - 1e-12))
    high_hits = total >= HIGH_QUANTILE - 1e-12
    return low, int(np.argmax(high_hits)) if high_hits.any() else len(chances)


def night_forecast(
    start: datetime, chances: np.ndarray, roles: np.ndarray, need: Composition
) -> NightForecast:
    """One raid's forecast from each player's chance and main role (`forecast_turnout`'s sums,
    range and composition needs)."""
    expected = float(chances.sum())
    by_role = {role: float(chances[roles == role].sum()) for role in ROLES}
    low, high = count_quantiles_fast(chances[chances > 0])
    return NightForecast(
        start=start,
        expected=round(expected, 1),
        low=low,
        high=high,
        by_role={role: round(v, 1) for role, v in by_role.items()},
        needs=composition_needs(by_role, expected, need),
    )


Intervals = list[tuple[datetime, datetime]]


def candidate_spans(
    players: list[StudioPlayer], from_day: date, weeks: int = WEEKS
) -> list[Intervals]:
    """Each player's windows laid out once over the candidates' span (with a margin)."""
    first, last = from_day - timedelta(days=2), from_day + timedelta(weeks=weeks, days=2)
    return [utc_intervals(p.schedule, first, last) for p in players]


def covered_matrix(
    players: list[StudioPlayer],
    raids: list[tuple[datetime, datetime]],
    spans: list[Intervals] | None = None,
) -> np.ndarray:
    """[player, raid] → does the player's availability cover the whole raid (`window_cover.covers`
    for every pair, each player's windows laid out once: `spans` when they cover the raids)."""
    out = np.zeros((len(players), len(raids)), dtype=bool)
    if not raids:
        return out
    if spans is None:
        first = min(s for s, _ in raids).date() - timedelta(days=2)
        last = max(e for _, e in raids).date() + timedelta(days=2)
        spans = [utc_intervals(p.schedule, first, last) for p in players]
    for i, intervals in enumerate(spans):
        if not intervals:
            continue
        starts = [a for a, _ in intervals]
        for j, (start, end) in enumerate(raids):
            k = bisect_right(starts, start) - 1
            out[i, j] = k >= 0 and intervals[k][1] >= end
    return out


def weekly_rows(nights: list[tuple[date, NightForecast]]) -> list[WeekRow]:
    """Group raids (local date, forecast) by week (Monday); each week shows its weakest night."""
    weeks: dict[date, list[NightForecast]] = {}
    for day, night in nights:
        weeks.setdefault(day - timedelta(days=day.weekday()), []).append(night)
    return [
        WeekRow(week, min(group, key=lambda n: (n.expected, n.start)), len(group))
        for week, group in sorted(weeks.items())
    ]


def makes(covered: int, raids: int) -> bool:
    """A player makes a schedule when their availability covers at least half of its raids."""
    return raids > 0 and 2 * covered >= raids


def movers(
    players: list[StudioPlayer],
    now_counts: list[int],
    raids_now: int,
    then_counts: list[int],
    raids_then: int,
) -> tuple[list[Mover], list[Mover]]:
    """(gains, losses) against the current schedule, by name."""
    gains, losses = [], []
    for player, now, then in zip(players, now_counts, then_counts, strict=True):
        mover = Mover(player.name, player.schedule.timezone, now, raids_now, then, raids_then)
        before, after = makes(now, raids_now), makes(then, raids_then)
        if after and not before:
            gains.append(mover)
        elif before and not after:
            losses.append(mover)
    key = lambda m: m.name.casefold()  # noqa: E731
    return sorted(gains, key=key), sorted(losses, key=key)


def clock_changes(
    candidate: Candidate, raids: list[CandidateRaid], players: list[StudioPlayer], *, from_day: date
) -> list[str]:
    """The daylight-saving guard's sentences for the candidate's raids."""
    slots = [  # one series per weekday, as the guard groups a season's raids
        RaidSlot(f"{candidate.spec}|{r.local_date.weekday()}", r.start, r.end) for r in raids
    ]
    members = [Member(p.player_id, p.name, p.schedule) for p in players]
    return guard_warnings(dst_shifts(slots, members, from_day=from_day))
