"""The raid-time studio fed from the database: 2 to 4 candidate schedules compared over the
next `WEEKS` weeks against the current season's weekly raids (rules in `raid_time_compare`).

The turnout of a candidate raid is the existing forecast (`forecast_view.outlooks_for`, then
`turnout_forecast`) of that raid as if it were created, with history from the raids already
held. `compare_loaded` computes it once per weekday and availability pattern;
`compare_raid_by_raid` asks the forecast raid by raid (the reference `make bench` times)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
from sqlmodel import Session

from patt_app.models import RaidEvent
from patt_app.services.raids.dst_view import season_slots
from patt_app.services.raids.forecast_view import SeasonData, load_season_data, outlooks_for
from patt_app.services.raids.raid_time_candidates import (
    WEEKS,
    Candidate,
    CandidateRaid,
    candidate_raids,
    parse_candidates,
)
from patt_app.services.raids.raid_time_compare import (
    CandidateResult,
    NightForecast,
    StudioPlayer,
    candidate_spans,
    clock_changes,
    covered_matrix,
    movers,
    night_forecast,
    weekly_rows,
)
from patt_app.services.raids.turnout_forecast import (
    FADE_HOURS,
    Composition,
    Outlook,
    attendance_chance,
    forecast_turnout,
)
from patt_app.services.raids.window_cover import covers
from patt_app.services.reference.seasons import current_season


@dataclass
class StudioInputs:
    data: SeasonData  # the raids already held only
    players: list[StudioPlayer]  # active players whose zone is usable
    season_id: int | None
    current: list[tuple[datetime, datetime]]  # the current schedule's raids in the span
    from_day: date  # the Monday the span starts


@dataclass
class Comparison:
    from_day: date
    current_raids: int
    candidates: list[CandidateResult]


def load_studio(*, session: Session, now: datetime) -> StudioInputs:
    """One read of everything the comparison needs (the span: the next Monday on, `WEEKS`)."""
    today = now.date()
    from_day = today + timedelta(days=7 - today.weekday())
    data = load_season_data(session=session)
    held = dataclasses.replace(data, events=[e for e in data.events if e.end_time_utc <= now])
    players = [
        StudioPlayer(pid, name, role, data.schedules[pid])
        for pid, name, role, _ in data.players
        if pid in data.schedules
    ]
    season = current_season(session=session, today=today)
    first = datetime.combine(from_day, time(0), tzinfo=UTC)
    last = first + timedelta(weeks=WEEKS)
    current = []
    if season is not None:
        slots = season_slots(session=session, season_id=season.id, today=today)
        current = [(s.start, s.end) for s in slots if first <= s.start < last]
    return StudioInputs(held, players, season.id if season else None, current, from_day)


def _as_event(inputs: StudioInputs, raid: CandidateRaid) -> RaidEvent:
    """The candidate raid as the forecast sees an event (never stored)."""
    return RaidEvent(
        title="candidate",
        season_id=inputs.season_id,
        event_date=raid.local_date,
        start_time_utc=raid.start,
        end_time_utc=raid.end,
    )


def _result(
    inputs: StudioInputs,
    candidate: Candidate,
    raids: list[CandidateRaid],
    nights: list[NightForecast],
    then_counts: list[int],
    now_counts: list[int],
) -> CandidateResult:
    gains, losses = movers(inputs.players, now_counts, len(inputs.current), then_counts, len(raids))
    return CandidateResult(
        candidate=candidate,
        weeks=weekly_rows([(r.local_date, n) for r, n in zip(raids, nights, strict=True)]),
        gains=gains,
        losses=losses,
        dst=clock_changes(candidate, raids, inputs.players, from_day=inputs.from_day),
    )


def _weekday_chances(inputs: StudioInputs, raid: CandidateRaid) -> np.ndarray:
    """Each studio player's chance on this raid's weekday when their availability covers it."""
    outlooks, guild = outlooks_for(inputs.data, _as_event(inputs, raid))
    by_id = {o.player_id: o for o in outlooks}
    free = [by_id[p.player_id] for p in inputs.players]
    return np.array(
        [
            attendance_chance(
                Outlook(o.player_id, o.name, o.role, o.answer, True, o.weekday, o.when_signed),
                guild,
                hours_to_start=FADE_HOURS,
            )
            for o in free
        ]
    )


def compare_loaded(
    inputs: StudioInputs, candidates: list[Candidate], need: Composition = Composition()
) -> list[CandidateResult]:
    """Every candidate compared; the forecast computed once per weekday and per set of players
    free (most weeks repeat the one before)."""
    roles = np.array([p.role for p in inputs.players])
    now_counts = covered_matrix(inputs.players, inputs.current).sum(axis=1).tolist()
    spans = candidate_spans(inputs.players, inputs.from_day)
    rates: dict[int, np.ndarray] = {}
    nights_seen: dict[tuple[int, bytes], NightForecast] = {}
    out = []
    for candidate in candidates:
        raids = candidate_raids(candidate, from_day=inputs.from_day)
        covered = covered_matrix(inputs.players, [(r.start, r.end) for r in raids], spans)
        nights = []
        for j, raid in enumerate(raids):
            weekday = raid.local_date.weekday()
            if weekday not in rates:
                rates[weekday] = _weekday_chances(inputs, raid)
            key = (weekday, np.packbits(covered[:, j]).tobytes())
            if key not in nights_seen:
                chances = np.where(covered[:, j], rates[weekday], 0.0)
                nights_seen[key] = night_forecast(raid.start, chances, roles, need)
            nights.append(dataclasses.replace(nights_seen[key], start=raid.start))
        then_counts = covered.sum(axis=1).tolist()
        out.append(_result(inputs, candidate, raids, nights, then_counts, now_counts))
    return out


def compare_raid_by_raid(
    inputs: StudioInputs, candidates: list[Candidate], need: Composition = Composition()
) -> list[CandidateResult]:
    """The same comparison, asking the forecast and `covers` raid by raid (the reference)."""

    def counts(raids: list[tuple[datetime, datetime]]) -> list[int]:
        return [sum(covers(p.schedule, s, e) for s, e in raids) for p in inputs.players]

    now_counts = counts(inputs.current)
    out = []
    for candidate in candidates:
        raids = candidate_raids(candidate, from_day=inputs.from_day)
        nights = []
        for raid in raids:
            outlooks, guild = outlooks_for(inputs.data, _as_event(inputs, raid))
            f = forecast_turnout(outlooks, guild, hours_to_start=FADE_HOURS, need=need)
            nights.append(NightForecast(raid.start, f.expected, f.low, f.high, f.by_role, f.needs))
        then_counts = counts([(r.start, r.end) for r in raids])
        out.append(_result(inputs, candidate, raids, nights, then_counts, now_counts))
    return out


def compare_raid_times(
    *, session: Session, candidates: list[str], now: datetime, need: Composition = Composition()
) -> Comparison:
    """2 to 4 written candidates (`tue,thu@21:00/America/New_York/180`) compared; InvalidInput
    naming the bad part of a malformed one."""
    parsed = parse_candidates(candidates)
    inputs = load_studio(session=session, now=now)
    return Comparison(inputs.from_day, len(inputs.current), compare_loaded(inputs, parsed, need))
