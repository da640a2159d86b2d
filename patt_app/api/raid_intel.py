"""Officer JSON for raid-night intelligence: an event's turnout forecast, the season's
daylight-saving guard."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Depends, Query

from patt_app.api.dependencies import DbSession, officer
from patt_app.api.refusals import OFFICERS, refusals
from patt_app.api.responses import ok
from patt_app.api.schemas.envelope import Envelope, RecordId
from patt_app.api.schemas.raid_intel import DstWeek, EventForecast
from patt_app.services.accounts.sessions import Viewer
from patt_app.services.raids.dst_view import season_dst_guard
from patt_app.services.raids.forecast_view import forecast_for_event

router = APIRouter(prefix="/api/v1")


@router.get(
    "/events/{event_id}/forecast",
    response_model=Envelope[EventForecast],
    responses={**OFFICERS, **refusals(404)},
)
def event_forecast(event_id: RecordId, session: DbSession, _: Viewer = Depends(officer)):
    """How many players will likely come, by role, against the default composition."""
    result = forecast_for_event(session=session, event_id=event_id, now=datetime.now(UTC))
    return ok(EventForecast.from_forecast(result))


@router.get(
    "/schedule/dst-guard",
    response_model=Envelope[list[DstWeek]],
    responses={**OFFICERS, **refusals(404)},
)
def dst_guard(
    session: DbSession,
    season_id: int | None = Query(None, ge=1, le=2**31 - 1),
    _: Viewer = Depends(officer),
):
    """The coming weeks in which some members' local raid start moves (current season when
    `season_id` is left out)."""
    weeks = season_dst_guard(session=session, season_id=season_id, today=datetime.now(UTC).date())
    return ok([DstWeek.from_week(w) for w in weeks])
