"""Raid events, attendance and the personal calendar feed."""

from __future__ import annotations

from datetime import UTC, date, datetime

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from patt_app.api.dependencies import DbSession, member, officer
from patt_app.api.refusals import MEMBERS, OFFICERS, refusals
from patt_app.api.responses import error, ok
from patt_app.api.schemas.envelope import Envelope, RecordId
from patt_app.api.schemas.events import ChecklistRow, Event, SeasonAttendance
from patt_app.services.accounts.sessions import Viewer
from patt_app.services.raids.attendance import checklist
from patt_app.services.raids.attendance_csv import report_csv
from patt_app.services.raids.attendance_report import season_report
from patt_app.services.raids.calendar_feed import build_feed
from patt_app.services.raids.events import list_events
from patt_app.settings import get_settings

router = APIRouter(prefix="/api/v1")


def _file(media_type: str, description: str) -> dict:
    """`responses=` entry for a 200 that is a file rather than the JSON envelope."""
    return {
        200: {"description": description, "content": {media_type: {"schema": {"type": "string"}}}}
    }


@router.get("/events", response_model=Envelope[list[Event]], responses=MEMBERS)
def events(
    session: DbSession,
    start: date | None = Query(None, alias="from"),
    end: date | None = Query(None, alias="to"),
    _: Viewer = Depends(member),
):
    """Events between two dates (inclusive), earliest first."""
    return ok([Event.from_row(r) for r in list_events(session=session, start=start, end=end)])


@router.get(
    "/events/{event_id}/attendance",
    response_model=Envelope[list[ChecklistRow]],
    responses={**OFFICERS, **refusals(404)},
)
def event_attendance(event_id: RecordId, session: DbSession, _: Viewer = Depends(officer)):
    """The officer checklist for one event."""
    rows = checklist(session=session, event_id=event_id)
    return ok([ChecklistRow.model_validate(r) for r in rows])


@router.get(
    "/attendance/season/{season_id}.csv",
    response_class=Response,
    responses={
        **_file("text/csv", "The season report as CSV, one line per player"),
        **OFFICERS,
        **refusals(404),
    },
)
def season_attendance_csv(season_id: RecordId, session: DbSession, _: Viewer = Depends(officer)):
    """The season report as a CSV download."""
    report = season_report(session=session, season_id=season_id, now=datetime.now(UTC))
    return Response(
        report_csv(report),
        media_type="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="attendance-season-{season_id}.csv"'
        },
    )


@router.get(
    "/attendance/season/{season_id}",
    response_model=Envelope[list[SeasonAttendance]],
    responses={**OFFICERS, **refusals(404)},
)
def season_attendance(season_id: RecordId, session: DbSession, _: Viewer = Depends(officer)):
    """Per player: expected, attended, excused, missed, percent (null when nothing counts)."""
    report = season_report(session=session, season_id=season_id, now=datetime.now(UTC))
    return ok([SeasonAttendance.model_validate(p) for p in report.players])


@router.get(
    "/calendar/{token}.ics",
    response_class=Response,
    responses={
        **_file("text/calendar", "The member's raids as an iCalendar feed"),
        **refusals(404, 422),
    },
)
def calendar(token: str, session: DbSession):
    """A member's private feed; the token in the link is the only key."""
    feed = build_feed(
        session=session, token=token, now=datetime.now(UTC), base_url=get_settings().public_base_url
    )
    if feed is None:
        return error("No calendar here: the link was reset or is wrong.", 404)
    return Response(feed, media_type="text/calendar; charset=utf-8")
