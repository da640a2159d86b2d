"""One raid's evidence gathered for the suggestions: the Warcraft Logs presence per player (when
a report was imported), their voice presence (when the bot heard anyone in the raid's channel),
the sign-up answers, and the suggested status of each (`attendance_suggestions.suggest`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from patt_app.models import RaidAttendance, RaidEvent, RaidLogImport, RaidLogPresence
from patt_app.services.raids.attendance_suggestions import (
    Answer,
    Seen,
    Sources,
    Suggestion,
    raid_window,
    suggest,
)
from patt_app.services.raids.voice_stays import VoiceEvidence, voice_evidence


@dataclass
class RaidEvidence:
    """What the sources say about one raid (empty where a source has nothing)."""

    log_import: RaidLogImport | None
    voice: VoiceEvidence
    logs: dict[int, list[RaidLogPresence]] = field(default_factory=dict)
    suggestions: dict[int, Suggestion] = field(default_factory=dict)

    @property
    def imported(self) -> bool:
        return self.log_import is not None and self.log_import.report_codes is not None

    @property
    def any(self) -> bool:
        """A report was imported or the bot heard someone: the page reviews evidence."""
        return self.imported or self.voice.listened


def _logs_by_player(session: Session, event_id: int) -> dict[int, list[RaidLogPresence]]:
    rows = session.exec(
        select(RaidLogPresence).where(col(RaidLogPresence.event_id) == event_id)
    ).all()
    by_player: dict[int, list[RaidLogPresence]] = {}
    for row in rows:
        if row.player_id is not None:
            by_player.setdefault(row.player_id, []).append(row)
    return by_player


def _seen(rows: list[RaidLogPresence]) -> Seen:
    return Seen(
        fights=sum(r.fights for r in rows),
        first=min(r.first_seen for r in rows),
        last=max(r.last_seen for r in rows),
    )


def _answers(session: Session, event_id: int) -> dict[int, Answer]:
    rows = session.exec(select(RaidAttendance).where(col(RaidAttendance.event_id) == event_id))
    return {
        r.player_id: Answer(signed_up=r.signed_up, excused=r.noted_absence, benched=r.benched)
        for r in rows
    }


def raid_evidence(
    *, session: Session, event: RaidEvent, players: list[int], now: datetime
) -> RaidEvidence:
    """Both sources for one raid and a suggestion for every player of `players` and anyone
    either source saw (none at all when neither source has anything)."""
    done = session.exec(
        select(RaidLogImport).where(col(RaidLogImport.event_id) == event.id)
    ).first()
    found = RaidEvidence(
        log_import=done, voice=voice_evidence(session=session, event=event, now=now)
    )
    if not found.any:
        return found
    found.logs = _logs_by_player(session, event.id) if found.imported else {}
    seen = {pid: _seen(rows) for pid, rows in found.logs.items()}
    window = raid_window(
        start=event.start_time_utc,
        end=event.end_time_utc,
        seen=list(seen.values()),
        total_fights=done.total_fights if done is not None and found.imported else 0,
    )
    sources = Sources(logs=found.imported, voice=found.voice.listened)
    answers = _answers(session, event.id)
    for pid in {*players, *seen, *found.voice.by_player}:
        tip = suggest(
            answer=answers.get(pid, Answer()),
            seen=seen.get(pid),
            raid=window,
            voice=found.voice.by_player.get(pid),
            sources=sources,
        )
        if tip is not None:
            found.suggestions[pid] = tip
    return found
