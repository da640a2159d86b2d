"""Answers of the raid-time studio: per candidate, eight weeks of forecast, who gains and who
loses against the current schedule, and the clock changes."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from patt_app.api.schemas.envelope import IsoDateTime
from patt_app.api.schemas.mirror import mirror
from patt_app.api.schemas.raid_intel import RoleForecast, turnout
from patt_app.services.raids.raid_time_compare import CandidateResult, Mover, WeekRow
from patt_app.services.raids.raid_time_studio import Comparison


class StudioWeek(BaseModel):
    """A week (Monday, in the candidate's zone) shown by its weakest raid night: expected
    turnout, its 80 % range, the expected players by main role and what the default
    composition misses."""

    week_start: date
    night_start: IsoDateTime
    nights: int
    expected: float
    low: int
    high: int
    by_role: RoleForecast
    needs: list[str]

    @classmethod
    def from_row(cls, row: WeekRow) -> StudioWeek:
        night = row.night
        return cls(
            week_start=row.week_start,
            night_start=night.start,
            nights=row.nights,
            **turnout(night),
        )


class StudioMover(mirror(Mover)):  # type: ignore[misc]
    """A player whose availability covers at least half of one schedule's raids and not of the
    other's: raids covered of the current schedule's, and of the candidate's."""


class StudioCandidate(BaseModel):
    candidate: str
    label: str
    weeks: list[StudioWeek]
    gains: list[str]
    losses: list[str]
    gain_details: list[StudioMover]
    loss_details: list[StudioMover]
    dst: list[str]

    @classmethod
    def from_result(cls, result: CandidateResult) -> StudioCandidate:
        def detail(movers: list[Mover]) -> list[StudioMover]:
            return [StudioMover.model_validate(m, from_attributes=True) for m in movers]

        return cls(
            candidate=result.candidate.spec,
            label=result.candidate.label,
            weeks=[StudioWeek.from_row(w) for w in result.weeks],
            gains=[m.name for m in result.gains],
            losses=[m.name for m in result.losses],
            gain_details=detail(result.gains),
            loss_details=detail(result.losses),
            dst=result.dst,
        )


class StudioComparison(BaseModel):
    """The span's first Monday, the current schedule's raids in the span, the candidates in the
    order asked."""

    from_day: date
    current_raids: int
    candidates: list[StudioCandidate]

    @classmethod
    def from_comparison(cls, comparison: Comparison) -> StudioComparison:
        return cls(
            from_day=comparison.from_day,
            current_raids=comparison.current_raids,
            candidates=[StudioCandidate.from_result(c) for c in comparison.candidates],
        )
