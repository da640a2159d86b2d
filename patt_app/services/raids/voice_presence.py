"""A player's voice presence at one raid, from their joins and leaves of its channel (pure).

The bot listens from 30 minutes before the raid to 30 minutes after it (`listening_window`).
From the intervals it recorded:

    minutes present   time in the channel during the raid itself (start to end), overlaps
                      counted once; an interval still open counts up to `now`
    late              the first join is more than 10 minutes after the start
    left early        the last leave is more than 15 minutes before the end (someone still
                      in the channel has not left)

Exactly 10 (15) minutes is on time. All times are aware instants, so overnight raids and
clock-change nights are plain subtraction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

LISTEN_BEFORE = timedelta(minutes=30)
LISTEN_AFTER = timedelta(minutes=30)
LATE_AFTER = timedelta(minutes=10)
EARLY_BEFORE = timedelta(minutes=15)


@dataclass(frozen=True)
class Interval:
    """One stay in the channel; `left` None while still there."""

    joined: datetime
    left: datetime | None = None


@dataclass(frozen=True)
class VoicePresence:
    minutes: int  # present during the raid
    raid_minutes: int  # the raid's length
    late_minutes: int  # first join after the start (0: on time or before)
    early_minutes: int  # last leave before the end (0: stayed, or still there)

    @property
    def late(self) -> bool:
        return self.late_minutes * 60 > LATE_AFTER.total_seconds()

    @property
    def left_early(self) -> bool:
        return self.early_minutes * 60 > EARLY_BEFORE.total_seconds()


def listening_window(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """When the bot records joins and leaves for a raid."""
    return start - LISTEN_BEFORE, end + LISTEN_AFTER


def _merged(spans: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    out: list[tuple[datetime, datetime]] = []
    for begin, finish in sorted(spans):
        if out and begin <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], finish))
        else:
            out.append((begin, finish))
    return out


def _whole_minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _seconds_past(moment: datetime, mark: datetime) -> float:
    return max(0.0, (moment - mark).total_seconds())


def summarise(
    intervals: list[Interval], *, start: datetime, end: datetime, now: datetime
) -> VoicePresence | None:
    """Minutes and flags of one player, or None when they were never in the channel while
    the bot listened."""
    opens, closes = listening_window(start, end)
    spans = []
    for stay in intervals:
        left = stay.left if stay.left is not None else min(now, closes)
        begin, finish = max(stay.joined, opens), min(left, closes)
        if finish > begin or (finish == begin and stay.left is None):
            spans.append((begin, finish))
    if not spans:
        return None
    merged = _merged(spans)
    inside = sum((max(timedelta(0), min(f, end) - max(b, start)) for b, f in merged), timedelta(0))
    still_there = any(stay.left is None for stay in intervals)
    last_left = closes if still_there else merged[-1][1]
    late = _seconds_past(merged[0][0], start)
    early = _seconds_past(end, last_left)
    return VoicePresence(
        minutes=_whole_minutes(inside),
        raid_minutes=_whole_minutes(end - start),
        late_minutes=_ceil_minutes(late),
        early_minutes=_ceil_minutes(early),
    )


def _ceil_minutes(seconds: float) -> int:
    """Whole minutes, rounded up, so 10 min 1 s counts as 11 (late), 10 min as 10 (on time)."""
    return int(-(-seconds // 60))
