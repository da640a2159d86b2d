"""The suggested attendance status of one player for one raid, from the evidence (pure).

    evidence                                   suggestion
    in the logs, not signed up (nor benched)   came (not signed up)
    in the logs, benched                       attended (brought in from the bench)
    in the logs, first fight > 10 min late     late
    in the logs, last fight ends > 15 min early left early
    in the logs otherwise                      attended
    not in the logs, excused                   excused
    not in the logs, benched                   benched
    not in the logs, signed up                 no-show
    not in the logs, not expected              nothing to suggest

Voice (`voice_presence`) is the second source: someone in the raid's voice channel during the
raid but not in the logs counts as present ("attended by voice"), and late / left early come
from whichever source shows them (the logs first). Without voice evidence the table above holds.

"Late" and "early" are measured against the raid as it really ran: from the later of the
scheduled start and the first fight anyone was in, to the earlier of the scheduled end and the
end of the last fight (a raid that pulled at 21:20 makes nobody late for 21:00; one called off
early makes nobody leave early). All times are aware instants, so overnight raids and
clock-change nights are plain subtraction. Exactly 10 (15) minutes is on time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from patt_app.services.raids.voice_presence import VoicePresence

LATE_AFTER = timedelta(minutes=10)
EARLY_BEFORE = timedelta(minutes=15)

ATTENDED, LATE, LEFT_EARLY, NO_SHOW = "attended", "late", "left early", "no-show"
EXCUSED, BENCHED, CAME_UNSIGNED = "excused", "benched", "came (not signed up)"
STATUSES = (ATTENDED, LATE, LEFT_EARLY, NO_SHOW, EXCUSED, BENCHED, CAME_UNSIGNED)
PRESENT_STATUSES = frozenset({ATTENDED, LATE, LEFT_EARLY, CAME_UNSIGNED})


@dataclass(frozen=True)
class Seen:
    """A player's presence in the logs: fights, first fight's start, last fight's end."""

    fights: int
    first: datetime
    last: datetime


@dataclass(frozen=True)
class Answer:
    """What the player said before the raid."""

    signed_up: bool = False
    excused: bool = False
    benched: bool = False


@dataclass(frozen=True)
class RaidWindow:
    """The raid as scheduled, and the span of its fights in the logs (None: no fights)."""

    start: datetime
    end: datetime
    total_fights: int = 0
    first_fight: datetime | None = None
    last_fight: datetime | None = None

    @property
    def ran_from(self) -> datetime:
        return max(self.start, self.first_fight) if self.first_fight else self.start

    @property
    def ran_until(self) -> datetime:
        return min(self.end, self.last_fight) if self.last_fight else self.end


@dataclass(frozen=True)
class Suggestion:
    status: str
    evidence: str


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _presence(seen: Seen, raid: RaidWindow) -> tuple[str, str]:
    """(status among attended / late / left early, the evidence) for someone in the logs."""
    parts = [f"in {seen.fights} of {raid.total_fights} fights"]
    late = seen.first - raid.ran_from
    early = raid.ran_until - seen.last
    if late > LATE_AFTER:
        parts.append(f"first fight {_minutes(late)} min after the raid began")
    if early > EARLY_BEFORE:
        parts.append(f"last fight ended {_minutes(early)} min before the raid's end")
    if late > LATE_AFTER:
        return LATE, "; ".join(parts)
    if early > EARLY_BEFORE:
        return LEFT_EARLY, "; ".join(parts)
    return ATTENDED, "; ".join(parts)


def _voice_words(voice: VoicePresence) -> str:
    words = f"in voice {voice.minutes} of {voice.raid_minutes} min"
    if voice.late:
        words += f", joined {voice.late_minutes} min after the start"
    if voice.left_early:
        words += f", left {voice.early_minutes} min before the end"
    return words


@dataclass(frozen=True)
class Sources:
    """Which evidence the raid has: an imported report, the bot listening in voice."""

    logs: bool = True
    voice: bool = False

    def absent(self) -> str:
        names = [n for n, on in (("the logs", self.logs), ("voice", self.voice)) if on]
        return "not in " + " nor in ".join(names) if names else "no evidence"


def _with_voice(
    seen: Seen | None, raid: RaidWindow, voice: VoicePresence | None
) -> tuple[str, str] | None:
    """(status, evidence) of someone present in either source, else None."""
    heard = voice is not None and voice.minutes > 0
    if seen is None and not heard:
        return None
    if seen is not None:
        status, evidence = _presence(seen, raid)
    else:
        status, evidence = ATTENDED, "attended by voice"
    if voice is not None and heard:
        evidence = f"{evidence}; {_voice_words(voice)}"
        if status == ATTENDED and voice.late:
            status = LATE
        elif status == ATTENDED and voice.left_early:
            status = LEFT_EARLY
    return status, evidence


def suggest(
    *,
    answer: Answer,
    seen: Seen | None,
    raid: RaidWindow,
    voice: VoicePresence | None = None,
    sources: Sources = Sources(),
) -> Suggestion | None:
    """The suggested status and why, or None when there is nothing to record."""
    present = _with_voice(seen, raid, voice)
    if present is not None:
        status, evidence = present
        if answer.benched:
            return Suggestion(ATTENDED, f"benched, but {evidence}")
        if not answer.signed_up and not answer.excused:
            return Suggestion(CAME_UNSIGNED, f"not signed up; {evidence}")
        return Suggestion(status, evidence)
    absent = sources.absent()
    if answer.excused:
        return Suggestion(EXCUSED, f"excused before the raid; {absent}")
    if answer.benched:
        return Suggestion(BENCHED, f"benched; {absent}")
    if answer.signed_up:
        return Suggestion(NO_SHOW, f"signed up; {absent}")
    return None


def raid_window(
    *, start: datetime, end: datetime, seen: list[Seen], total_fights: int
) -> RaidWindow:
    """The raid's window with the span of the fights anyone was seen in."""
    return RaidWindow(
        start=start,
        end=end,
        total_fights=total_fights,
        first_fight=min((s.first for s in seen), default=None),
        last_fight=max((s.last for s in seen), default=None),
    )
