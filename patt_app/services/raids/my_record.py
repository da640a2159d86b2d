"""A member's own record, raid by raid, with the evidence behind it (the Warcraft Logs
fights and first and last time seen) and their appeal of it, if any: /events' history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from patt_app.models import AttendanceAppeal, RaidLogPresence
from patt_app.services.raids.attendance_report import player_history
from patt_app.services.reference.seasons import current_season


@dataclass
class RecordLine:
    event_id: int
    title: str
    start_iso: str
    status: str  # attended | late | left early | benched | excused | missed
    fights: int = 0
    first_seen_iso: str = ""  # "" when the logs did not see them
    last_seen_iso: str = ""
    appeal: str = ""  # "" | open | accepted | rejected (the latest appeal)
    reason: str = ""
    new_status: str = ""
    officer_note: str = ""

    @property
    def can_appeal(self) -> bool:
        return self.appeal != "open"


def _latest_appeals(session: Session, player_id: int) -> dict[int, AttendanceAppeal]:
    rows = session.exec(
        select(AttendanceAppeal)
        .where(col(AttendanceAppeal.player_id) == player_id)
        .order_by(col(AttendanceAppeal.opened_at), col(AttendanceAppeal.id))
    ).all()
    return {a.event_id: a for a in rows}  # the latest wins


def _seen(session: Session, player_id: int, events: list[int]) -> dict[int, list[RaidLogPresence]]:
    found: dict[int, list[RaidLogPresence]] = {}
    for row in session.exec(
        select(RaidLogPresence).where(
            col(RaidLogPresence.player_id) == player_id,
            col(RaidLogPresence.event_id).in_(events or [0]),
        )
    ):
        found.setdefault(row.event_id, []).append(row)
    return found


def my_record(*, session: Session, player_id: int, now: datetime) -> list[RecordLine]:
    """This season's held raids of the player, latest first."""
    season = current_season(session=session, today=now.date())
    if season is None:
        return []
    _, history = player_history(session=session, player_id=player_id, season_id=season.id, now=now)
    seen = _seen(session, player_id, [h.event_id for h in history])
    appeals = _latest_appeals(session, player_id)
    lines = []
    for row in history:
        line = RecordLine(row.event_id, row.title, row.start.isoformat(), row.status)
        if mine := seen.get(row.event_id):
            line.fights = sum(r.fights for r in mine)
            line.first_seen_iso = min(r.first_seen for r in mine).isoformat()
            line.last_seen_iso = max(r.last_seen for r in mine).isoformat()
        if appeal := appeals.get(row.event_id):
            line.appeal = appeal.answer or "open"
            line.reason = appeal.reason
            line.new_status = appeal.new_status or ""
            line.officer_note = appeal.officer_note or ""
        lines.append(line)
    return lines
