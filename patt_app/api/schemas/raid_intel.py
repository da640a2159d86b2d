"""Answers of the raid-night intelligence routes: an event's turnout forecast and the season's
daylight-saving guard."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from patt_app.api.schemas.envelope import FromService
from patt_app.services.raids.dst_guard import ShiftWeek
from patt_app.services.raids.raid_time_compare import NightForecast
from patt_app.services.raids.turnout_forecast import Forecast


class RoleForecast(BaseModel):
    tank: float
    healer: float
    melee: float
    ranged: float


def turnout(forecast: Forecast | NightForecast) -> dict[str, Any]:
    """A raid's forecast as every forecast answer writes it: expected turnout, its 80 % range,
    the expected players by main role and what the needed composition misses."""
    return {
        "expected": forecast.expected,
        "low": forecast.low,
        "high": forecast.high,
        "by_role": RoleForecast(**forecast.by_role),
        "needs": forecast.needs,
    }


class FreePlayer(BaseModel):
    player_id: int
    name: str


class EventForecast(BaseModel):
    """Expected attendance with its 80 % range (10th–90th percentile), the expected players by
    main role, what the needed composition misses, and who is free but has not answered."""

    expected: float
    low: int
    high: int
    by_role: RoleForecast
    needs: list[str]
    free_not_signed_up: list[FreePlayer]

    @classmethod
    def from_forecast(cls, result: Forecast) -> EventForecast:
        return cls(
            **turnout(result),
            free_not_signed_up=[
                FreePlayer(player_id=o.player_id, name=o.name) for o in result.free_not_signed_up
            ],
        )


class DstWeek(FromService):
    """A week (Monday) in which the raids start `local_shift_minutes` later (negative:
    earlier) than usual for the members living in `zone`; `projected`: the week's raids are not
    created yet (the weekly series continued)."""

    week_start: date
    zone: str
    local_shift_minutes: int
    players: list[str]
    no_longer_free: list[str]
    projected: bool

    @classmethod
    def from_week(cls, week: ShiftWeek) -> DstWeek:
        return cls.model_validate(week)
