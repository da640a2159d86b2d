"""The raid-night finder: the best non-overlapping raid windows of a week, ranked by the
weighted score of the players who can stay for the *whole* window. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from patt_app.services.scheduling.heatmap import Filters, Grid, accumulate_spans, player_spans
from patt_app.services.scheduling.role_shortfalls import role_shortfalls
from patt_app.services.scheduling.schedule_time import PlayerSchedule, zone


@dataclass(frozen=True)
class FinderRequest:
    """What the officer asks for. Start bounds are times of day in the viewer's zone;
    `latest` is the latest *start* (it may be past midnight: 20:00–01:00)."""

    duration_minutes: int = 180
    tanks: int = 2
    healers: int = 4
    dps: int = 10
    nights: int = 2
    earliest: time = time(17, 0)
    latest: time = time(23, 0)
    per_day: int = 1


@dataclass(frozen=True)
class Suggestion:
    start: datetime
    end: datetime
    weighted: int
    count: int
    roles: dict[str, int]
    player_ids: list[int]
    warnings: list[str]
    first_slot: int
    slot_count: int


def grid_minutes_for(duration_minutes: int) -> int:
    """A slot size that divides the raid length: 30 minutes when it can, else 15."""
    if duration_minutes <= 0 or duration_minutes % 15:
        raise ValueError("duration_minutes must be a positive multiple of 15")
    return 30 if duration_minutes % 30 == 0 else 15


def _starts_in_bounds(moment: datetime, tz_name: str, earliest: time, latest: time) -> bool:
    local = moment.astimezone(zone(tz_name)).time()
    if earliest <= latest:
        return earliest <= local <= latest
    return local >= earliest or local <= latest


def _warnings(request: FinderRequest, roles: dict[str, int], count: int) -> list[str]:
    shortfalls = role_shortfalls(roles, request, players=count)
    return [f"only {have} (need {wanted})" for have, wanted in shortfalls]


def find_raid_nights(
    players: list[PlayerSchedule],
    grid: Grid,
    request: FinderRequest,
    filters: Filters = Filters(),
    not_before: datetime | None = None,
) -> list[Suggestion]:
    """Best windows first; ties go to the earlier start. At most `per_day` per calendar day.
    Windows starting before `not_before` (now: nights already past) are not proposed."""
    if request.duration_minutes % grid.slot_minutes:
        raise ValueError("the raid length must be a multiple of the grid's slot")
    n = request.duration_minutes // grid.slot_minutes
    size = len(grid.starts)
    spans = player_spans(players, grid, filters)
    by_id = {p.player_id: p for p in players}
    weighted, count, roles = accumulate_spans(size, spans, by_id, shift=n - 1)
    day_of = [d for d in range(7) for _ in range(grid.day_starts[d], grid.day_starts[d + 1])]
    candidates = [
        k
        for k in range(size - n + 1)
        if count[k] > 0
        and (not_before is None or grid.starts[k] >= not_before)
        and _starts_in_bounds(grid.starts[k], grid.timezone, request.earliest, request.latest)
    ]
    candidates.sort(key=lambda k: (-weighted[k], k))
    chosen: list[int] = []
    per_day: dict[int, int] = {}
    for k in candidates:
        if len(chosen) >= request.nights:
            break
        if per_day.get(day_of[k], 0) >= request.per_day:
            continue
        if any(k < other + n and other < k + n for other in chosen):
            continue
        chosen.append(k)
        per_day[day_of[k]] = per_day.get(day_of[k], 0) + 1
    out = []
    for k in chosen:
        ids = sorted({s.player_id for s in spans if s.first <= k and s.stop >= k + n})
        slot_roles = {role: values[k] for role, values in roles.items()}
        out.append(
            Suggestion(
                start=grid.starts[k],
                end=grid.starts[k] + timedelta(minutes=request.duration_minutes),
                weighted=weighted[k],
                count=count[k],
                roles=slot_roles,
                player_ids=ids,
                warnings=_warnings(request, slot_roles, count[k]),
                first_slot=k,
                slot_count=n,
            )
        )
    return out
