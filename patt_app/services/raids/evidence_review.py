"""The attendance page as a review of evidence: per player the sign-up answer, the Warcraft
Logs presence, the suggested status with its evidence and what was recorded; "accept all"
records every suggestion in one transaction. Without an import the page is the checklist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col, select

from patt_app.models import (
    Player,
    RaidAttendanceStatus,
    RaidEvent,
    RaidLogPresence,
)
from patt_app.services.errors import InvalidInput
from patt_app.services.raids import attendance as att
from patt_app.services.raids.attendance_suggestions import EXCUSED, PRESENT_STATUSES, Suggestion
from patt_app.services.raids.events import EventRow, get_event
from patt_app.services.raids.evidence_suggestions import RaidEvidence, raid_evidence
from patt_app.services.statements import row_or_refuse


@dataclass
class PlayerEvidence:
    """What the logs and the voice channel say of one player at one raid ("" or 0 where they
    say nothing)."""

    fights: int = 0
    first_seen_iso: str = ""
    last_seen_iso: str = ""
    characters_seen: str = ""
    suggestion: str = ""
    evidence: str = ""
    recorded: str = ""
    in_voice: bool = False
    voice_minutes: int = 0
    voice_late: bool = False
    voice_left_early: bool = False


@dataclass(kw_only=True)
class EvidenceRow(PlayerEvidence):
    """One checklist row's evidence, for its player."""

    player_id: int


@dataclass
class UnknownName:
    name: str
    realm: str
    fights: int


@dataclass
class EvidenceReview:
    import_status: str  # "" when never imported
    import_message: str
    imported_at: datetime | None
    total_fights: int
    rows: dict[int, EvidenceRow]
    unknown: list[UnknownName]
    has_evidence: bool = False  # a report was imported or the bot heard someone in voice
    voice_listened: bool = False  # the bot recorded someone in the raid's voice channel
    voice_channel_id: str = ""  # the channel the bot listens to for this raid ("": none)
    voice_channel_name: str = ""
    voice_own_channel: bool = False  # this raid's own channel, not the guild's default
    voice_channels: dict[str, str] = field(default_factory=dict)  # id → name, if known


@dataclass
class ReviewRow(PlayerEvidence, att.ChecklistRow):
    """One line of the attendance page: the checklist's fields, then the evidence's."""


@dataclass
class EventReview:
    event: EventRow
    rows: list[ReviewRow]
    evidence: EvidenceReview


def event_review(*, session: Session, event_id: int, now: datetime | None = None) -> EventReview:
    """The attendance page in one transaction: the event, its checklist with the evidence
    per player, and the import's state."""
    event = get_event(session=session, event_id=event_id)
    evidence = evidence_review(session=session, event_id=event_id, now=now)
    checklist = att.checklist(session=session, event_id=event_id)
    listed = {row.player_id for row in checklist}
    missing = [pid for pid in evidence.rows if pid not in listed]  # seen, but not on the list
    for player in session.exec(select(Player).where(col(Player.id).in_(missing or [0]))):
        checklist.append(
            att.ChecklistRow(player.id or 0, player.display_name, False, False, False, "", 0)
        )
    rows = []
    for row in checklist:
        found = evidence.rows.get(row.player_id)
        extra = {k: v for k, v in vars(found).items() if k != "player_id"} if found else {}
        rows.append(ReviewRow(**vars(row), **extra))
    rows.sort(
        key=lambda r: (
            not r.signed_up,
            not (r.attended or r.fights or r.in_voice),
            r.name.casefold(),
        )
    )
    return EventReview(event=event, rows=rows, evidence=evidence)


def _event(session: Session, event_id: int) -> RaidEvent:
    event = row_or_refuse(session, RaidEvent, event_id, "That event does not exist.")
    return event


def _row(pid: int, found: RaidEvidence, recorded: dict[int, RaidAttendanceStatus]) -> EvidenceRow:
    mine = found.logs.get(pid, [])
    tip = found.suggestions.get(pid)
    heard = found.voice.by_player.get(pid)
    return EvidenceRow(
        player_id=pid,
        fights=sum(r.fights for r in mine),
        first_seen_iso=min(r.first_seen for r in mine).isoformat() if mine else "",
        last_seen_iso=max(r.last_seen for r in mine).isoformat() if mine else "",
        characters_seen=", ".join(sorted(r.character_name for r in mine)),
        suggestion=tip.status if tip else "",
        evidence=tip.evidence if tip else "",
        recorded=recorded[pid].status if pid in recorded else "",
        in_voice=heard is not None,
        voice_minutes=heard.minutes if heard else 0,
        voice_late=heard.late if heard else False,
        voice_left_early=heard.left_early if heard else False,
    )


def evidence_review(
    *, session: Session, event_id: int, now: datetime | None = None
) -> EvidenceReview:
    """The evidence for every player of the event's checklist (and anyone a source saw)."""
    event = _event(session, event_id)
    recorded = {
        r.player_id: r
        for r in session.exec(
            select(RaidAttendanceStatus).where(col(RaidAttendanceStatus.event_id) == event_id)
        )
    }
    players = [r.player_id for r in att.checklist(session=session, event_id=event_id)]
    found = raid_evidence(
        session=session, event=event, players=players, now=now or datetime.now(UTC)
    )
    done = found.log_import
    rows = {
        pid: _row(pid, found, recorded) for pid in {*players, *found.logs, *found.voice.by_player}
    }
    unknown = session.exec(
        select(RaidLogPresence)
        .where(col(RaidLogPresence.event_id) == event_id, col(RaidLogPresence.player_id).is_(None))
        .order_by(col(RaidLogPresence.character_name))
    ).all()
    return EvidenceReview(
        import_status=done.status if done else "",
        import_message=(done.message or "") if done else "",
        imported_at=done.finished_at if done else None,
        total_fights=done.total_fights if done else 0,
        rows=rows,
        unknown=[UnknownName(u.character_name, u.realm, u.fights) for u in unknown],
        has_evidence=found.any,
        voice_listened=found.voice.listened,
        voice_channel_id=found.voice.channel_id or "",
        voice_channel_name=found.voice.channel_name,
        voice_own_channel=found.voice.own_channel,
        voice_channels=found.voice.channels,
    )


def accept_all(*, session: Session, event_id: int, recorded_by: str, now: datetime) -> int:
    """Record every suggestion: the tick (attended / excused, and the character seen in the
    logs) and the status with its evidence. How many players were recorded."""
    event = _event(session, event_id)
    players = [r.player_id for r in att.checklist(session=session, event_id=event_id)]
    found = raid_evidence(session=session, event=event, players=players, now=now)
    if not found.any:
        raise InvalidInput("There is no evidence for this raid yet: nothing to accept.")
    source = "warcraft_logs" if found.imported else "auto"
    seen = found.logs
    for pid, tip in found.suggestions.items():
        present = tip.status in PRESENT_STATUSES
        changes: dict[str, Any] = {"attended": present}
        if tip.status == EXCUSED or present:
            changes["noted_absence"] = tip.status == EXCUSED
        if present and (mine := seen.get(pid)):
            changes["character_id"] = max(mine, key=lambda r: r.fights).character_id
        att.write_attendance(session, event_id, pid, changes, source=source, keep_source=False)
        _upsert_status(session, event_id, pid, tip, recorded_by, now)
    return len(found.suggestions)


def _upsert_status(
    session: Session, event_id: int, player_id: int, tip: Suggestion, by: str, now: datetime
) -> None:
    values = {"status": tip.status, "evidence": tip.evidence[:300], "recorded_by": by}
    statement = insert(RaidAttendanceStatus).values(
        event_id=event_id, player_id=player_id, recorded_at=now, **values
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["event_id", "player_id"],
            set_={k: statement.excluded[k] for k in (*values, "recorded_at")},
        )
    )


def set_by_hand(*, session: Session, event_id: int, player_id: int, **change: Any) -> None:
    """An officer's own tick (`attendance.set_attendance`): the recorded status of that
    player, taken from the evidence, no longer holds and is forgotten."""
    att.set_attendance(session=session, event_id=event_id, player_id=player_id, **change)
    if "character_id" in change and len(change) == 1:
        return  # choosing the character changes nothing about attendance
    session.execute(
        delete(RaidAttendanceStatus).where(
            col(RaidAttendanceStatus.event_id) == event_id,
            col(RaidAttendanceStatus.player_id) == player_id,
        )
    )
