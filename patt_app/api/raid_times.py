"""Officer JSON of the raid-time studio: 2 to 4 candidate schedules compared."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Depends, Query

from patt_app.api.dependencies import DbSession, officer
from patt_app.api.refusals import OFFICERS, refusals
from patt_app.api.responses import ok
from patt_app.api.schemas.envelope import Envelope
from patt_app.api.schemas.raid_times import StudioComparison
from patt_app.services.accounts.sessions import Viewer
from patt_app.services.raids.raid_time_studio import compare_raid_times

router = APIRouter(prefix="/api/v1/admin")


@router.get(
    "/raid-times/compare",
    response_model=Envelope[StudioComparison],
    responses={**OFFICERS, **refusals(422)},
)
def compare(
    session: DbSession,
    candidate: list[str] = Query(
        default=[],
        description="2 to 4 schedules, each `tue,thu@21:00/America/New_York/180` "
        "(weekdays @ start / IANA zone / minutes)",
    ),
    _: Viewer = Depends(officer),
):
    """Each candidate over the next 8 weeks (from next Monday): per week its weakest raid
    night's expected turnout, range, roles and composition gaps (the forecast as if the raids
    were held); who gains and who loses against the current season's raids; the clock
    changes. A malformed candidate is a 422 naming its bad part."""
    result = compare_raid_times(
        session=session, candidates=[c[:200] for c in candidate], now=datetime.now(UTC)
    )
    return ok(StudioComparison.from_comparison(result))
