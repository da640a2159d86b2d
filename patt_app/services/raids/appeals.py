"""Members' appeals of their attendance record: "This is wrong", with a short reason, at most
one open per raid; an officer accepts it (the record becomes the status the officer picks) or
rejects it (the record stays) with a note. Each appeal is a line of the audit log
(`audit_issues`, type `attendance_appeal`): open while it waits, resolved with the answer."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from patt_app.models import (
    AttendanceAppeal,
    AuditIssue,
    Player,
    RaidAttendance,
    RaidAttendanceStatus,
    RaidEvent,
)
from patt_app.models.appeals import APPEAL_ISSUE
from patt_app.models.raid_evidence import RECORDED_STATUSES
from patt_app.services.errors import InvalidInput, NotAllowed, NotFound
from patt_app.services.raids.attendance_suggestions import (
    BENCHED,
    CAME_UNSIGNED,
    EXCUSED,
    NO_SHOW,
    PRESENT_STATUSES,
)
from patt_app.services.reference.officers import acting_level
from patt_app.services.reference.reference_data import OFFICER_LEVEL
from patt_app.services.statements import known_row

MAX_REASON = 500
ALREADY_OPEN = "You already have an open appeal for this raid; an officer will answer."


@dataclass
class AppealLine:
    """An appeal as officers see it."""

    id: int
    event_id: int
    event_title: str
    player_id: int
    player_name: str
    status_then: str
    reason: str
    opened_at: datetime


def _status_now(session: Session, event_id: int, player_id: int) -> str:
    recorded = session.exec(
        select(col(RaidAttendanceStatus.status)).where(
            col(RaidAttendanceStatus.event_id) == event_id,
            col(RaidAttendanceStatus.player_id) == player_id,
        )
    ).first()
    if recorded:
        return recorded
    row = session.exec(
        select(RaidAttendance).where(
            col(RaidAttendance.event_id) == event_id, col(RaidAttendance.player_id) == player_id
        )
    ).first()
    if row is None:
        return "missed"
    if row.attended:
        return "attended"
    return "benched" if row.benched else "excused" if row.noted_absence else "missed"


def _clean_reason(reason: str) -> str:
    text = " ".join(reason.split())
    if not text:
        raise InvalidInput("Say briefly what is wrong (officers read it).")
    if len(text) > MAX_REASON:
        raise InvalidInput(f"Keep the reason to {MAX_REASON} characters.")
    return text


def open_appeal(
    *, session: Session, player_id: int, event_id: int, reason: str, now: datetime
) -> AttendanceAppeal:
    """A member says their record at a past raid is wrong; refused for a raid not yet held or
    cancelled, and while an appeal for that raid is open."""
    text = _clean_reason(reason)
    event = session.get(RaidEvent, event_id)
    if event is None:
        raise NotFound("That event does not exist.")
    if event.cancelled_at is not None or event.start_time_utc > now:
        raise InvalidInput("Only a raid that took place has a record to appeal.")
    waiting = session.exec(
        select(col(AttendanceAppeal.id)).where(
            col(AttendanceAppeal.event_id) == event_id,
            col(AttendanceAppeal.player_id) == player_id,
            col(AttendanceAppeal.answer).is_(None),
        )
    ).first()
    if waiting is not None:
        raise InvalidInput(ALREADY_OPEN)
    player = known_row(session, Player, player_id)
    status = _status_now(session, event_id, player_id)
    appeal = AttendanceAppeal(
        event_id=event_id, player_id=player_id, reason=text, status_then=status, opened_at=now
    )
    try:  # the same appeal sent from two tabs at once: the one open appeal is the database's
        with session.begin_nested():
            session.add(appeal)
            session.flush()
    except IntegrityError:
        raise InvalidInput(ALREADY_OPEN) from None
    appeal.audit_issue_id = _audit_line(session, appeal, player, event, now)
    session.add(appeal)
    session.flush()
    return appeal


def _audit_line(
    session: Session, appeal: AttendanceAppeal, player: Player, event: RaidEvent, now: datetime
) -> int:
    """The appeal's line in the audit log, open until an officer answers; its id."""
    issue = AuditIssue(
        issue_type=APPEAL_ISSUE,
        severity="info",
        summary=f"{player.display_name} appeals their record at {event.title} "
        f"({event.event_date:%d %b}): {appeal.status_then}. “{appeal.reason}”",
        details={"appeal_id": appeal.id, "event_id": event.id, "player_id": player.id},
        issue_hash=hashlib.sha256(f"{APPEAL_ISSUE}:{appeal.id}".encode()).hexdigest(),
        created_at=now,
        last_seen_at=now,
    )
    session.add(issue)
    session.flush()
    return issue.id


def open_appeals(*, session: Session, event_id: int | None = None) -> list[AppealLine]:
    """Appeals waiting for an officer (one raid's, or all), oldest first."""
    query = (
        select(AttendanceAppeal, col(RaidEvent.title), col(Player.display_name))
        .join(RaidEvent, col(RaidEvent.id) == col(AttendanceAppeal.event_id))
        .join(Player, col(Player.id) == col(AttendanceAppeal.player_id))
        .where(col(AttendanceAppeal.answer).is_(None))
        .order_by(col(AttendanceAppeal.opened_at), col(AttendanceAppeal.id))
    )
    if event_id is not None:
        query = query.where(col(AttendanceAppeal.event_id) == event_id)
    return [
        AppealLine(a.id, a.event_id, title, a.player_id, name, a.status_then, a.reason, a.opened_at)
        for a, title, name in session.exec(query).all()
    ]


def _officer_may_answer(session: Session, appeal: AttendanceAppeal, officer: int | None) -> None:
    if acting_level(session, officer) < OFFICER_LEVEL:
        raise NotAllowed("Only officers answer appeals.")
    if officer is not None and officer == appeal.player_id:
        raise NotAllowed("Another officer must answer your own appeal.")


def _unanswered_appeal(session: Session, appeal_id: int) -> AttendanceAppeal:
    """The appeal, locked and read afresh: of two officers answering at once, the second waits
    and is told it was answered."""
    appeal = session.get(AttendanceAppeal, appeal_id, with_for_update=True, populate_existing=True)
    if appeal is None:
        raise NotFound("That appeal does not exist.")
    if appeal.answer is not None:
        raise InvalidInput("That appeal has already been answered.")
    return appeal


def answer_appeal(
    *,
    session: Session,
    appeal_id: int,
    officer_player_id: int | None,
    accept: bool,
    status: str = "",
    note: str = "",
    now: datetime,
) -> str:
    """Accept (the record becomes `status`) or reject (the record stays; a note says why)."""
    appeal = _unanswered_appeal(session, appeal_id)
    _officer_may_answer(session, appeal, officer_player_id)
    note = " ".join(note.split())
    if len(note) > MAX_REASON:
        raise InvalidInput(f"Keep the note to {MAX_REASON} characters.")
    if accept and status not in RECORDED_STATUSES:
        raise InvalidInput("Choose the status the record should have.")
    if not accept and not note:
        raise InvalidInput("Say why the record stays (the member reads it).")
    officer = session.get(Player, officer_player_id) if officer_player_id else None
    by = officer.display_name if officer else "an officer"
    if accept:
        _change_record(session, appeal, status, by, now)
    appeal.answer = "accepted" if accept else "rejected"
    appeal.new_status = status if accept else None
    appeal.officer_note = note or None
    appeal.answered_by_player_id, appeal.answered_at = officer_player_id, now
    session.add(appeal)
    _resolve_issue(session, appeal, by)
    session.flush()
    return (
        f"Appeal accepted: the record is now {status}."
        if accept
        else "Appeal rejected: the record stays."
    )


def _resolve_issue(session: Session, appeal: AttendanceAppeal, by: str) -> None:
    issue = session.get(AuditIssue, appeal.audit_issue_id) if appeal.audit_issue_id else None
    if issue is None:
        return
    issue.resolved_at = appeal.answered_at
    issue.resolution = "accepted" if appeal.answer == "accepted" else "dismissed"
    change = (
        f"Record changed from {appeal.status_then} to {appeal.new_status} by {by}."
        if appeal.answer == "accepted"
        else f"Record kept ({appeal.status_then}) by {by}."
    )
    issue.resolution_note = f"{change} {appeal.officer_note or ''}".strip()[:500]
    issue.resolved_by_player_id = appeal.answered_by_player_id
    session.add(issue)


def _change_record(
    session: Session, appeal: AttendanceAppeal, status: str, by: str, now: datetime
) -> None:
    """The tick and the recorded status both become `status`."""
    changes: dict[str, Any] = {
        "attended": status in PRESENT_STATUSES,
        "noted_absence": status == EXCUSED,
        "benched": status == BENCHED,
    }
    if status in (NO_SHOW, BENCHED):
        changes["signed_up"] = True
    if status == CAME_UNSIGNED:
        changes["signed_up"] = False
    keys = {"event_id": appeal.event_id, "player_id": appeal.player_id}
    tick = insert(RaidAttendance).values(**keys, source="manual", **changes)
    session.execute(
        tick.on_conflict_do_update(
            index_elements=list(keys),
            set_={**changes, "source": "manual", "updated_at": now},
        )
    )
    values = {"status": status, "evidence": "changed on the member's appeal", "recorded_by": by}
    recorded = insert(RaidAttendanceStatus).values(**keys, recorded_at=now, **values)
    session.execute(
        recorded.on_conflict_do_update(
            index_elements=list(keys), set_={**values, "recorded_at": now}
        )
    )
