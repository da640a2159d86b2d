"""Raid events, attendance and the personal calendar feed."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from sqlmodel import Session

from patt_app.api.dependencies import db_session, member, officer
from patt_app.api.responses import error, ok
from patt_app.services.accounts.sessions import Viewer
from patt_app.services.raids.attendance import checklist
from patt_app.services.raids.attendance_report import report_csv, season_report
from patt_app.services.raids.calendar_feed import build_feed
from patt_app.services.raids.events import list_events
from patt_app.settings import get_settings

router = APIRouter(prefix="/api/v1")


@router.get("/events")
def events(
    start: date | None = Query(None, alias="from"),
    end: date | None = Query(None, alias="to"),
    session: Session = Depends(db_session),
    _: Viewer = Depends(member),
):
    """Events between two dates (inclusive), earliest first."""
    rows = list_events(session=session, start=start, end=end)
    return ok(
        [
            {
                "id": r.id,
                "title": r.title,
                "start": r.start.isoformat(),
                "end": r.end.isoformat(),
                "season_id": r.season_id,
                "season": r.season_name,
                "signed_up_count": r.signed_up_count,
                "cancelled": r.cancelled,
            }
            for r in rows
        ]
    )


@router.get("/events/{event_id}/attendance")
def event_attendance(
    event_id: int, session: Session = Depends(db_session), _: Viewer = Depends(officer)
):
    """The officer checklist for one event."""
    return ok(
        [
            {k: v for k, v in asdict(r).items() if k != "characters"}
            for r in checklist(session=session, event_id=event_id)
        ]
    )


@router.get("/attendance/season/{season_id}.csv")
def season_attendance_csv(
    season_id: int, session: Session = Depends(db_session), _: Viewer = Depends(officer)
):
    report = season_report(session=session, season_id=season_id, now=datetime.now(UTC))
    return Response(
        report_csv(report),
        media_type="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="attendance-season-{season_id}.csv"'
        },
    )


@router.get("/attendance/season/{season_id}")
def season_attendance(
    season_id: int, session: Session = Depends(db_session), _: Viewer = Depends(officer)
):
    """Per player: expected, attended, excused, missed, percent (null when nothing counts)."""
    report = season_report(session=session, season_id=season_id, now=datetime.now(UTC))
    return ok(
        [
            {
                "player_id": p.player_id,
                "display_name": p.display_name,
                "expected": p.expected,
                "attended": p.attended,
                "excused": p.excused,
                "missed": p.missed,
                "percent": p.percent,
            }
            for p in report.players
        ]
    )


@router.get("/calendar/{token}.ics")
def calendar(token: str, session: Session = Depends(db_session)):
    """A member's private feed; the token in the link is the only key."""
    feed = build_feed(
        session=session, token=token, now=datetime.now(UTC), base_url=get_settings().public_base_url
    )
    if feed is None:
        return error("No calendar here: the link was reset or is wrong.", 404)
    return Response(feed, media_type="text/calendar; charset=utf-8")
