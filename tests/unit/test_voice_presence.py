"""Voice presence from joins and leaves, table-driven: the edges at 10 and 15 minutes, rejoin
gaps, the listening window, someone still in the channel, raids past midnight and on a
clock-change night; and how voice changes the suggested status."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from patt_app.services.raids.attendance_suggestions import (
    ATTENDED,
    BENCHED,
    CAME_UNSIGNED,
    LATE,
    LEFT_EARLY,
    NO_SHOW,
    Answer,
    RaidWindow,
    Seen,
    Sources,
    suggest,
)
from patt_app.services.raids.voice_presence import Interval, VoicePresence, summarise

START = datetime(2026, 11, 3, 2, 0, tzinfo=UTC)  # 21:00 in New York
END = START + timedelta(hours=3)
AFTER = END + timedelta(hours=2)  # the summary is read after the raid
M = timedelta(minutes=1)
S = timedelta(seconds=1)


def _stay(joined: timedelta, left: timedelta | None) -> Interval:
    return Interval(START + joined, START + left if left is not None else None)


# (intervals as offsets from the start, minutes present, late, left early)
CASES = [
    ("whole raid", [(-20 * M, 200 * M)], 180, False, False),
    ("joined at +10 min: on time", [(10 * M, 180 * M)], 170, False, False),
    ("joined at +10 min 1 s: late", [(10 * M + S, 180 * M)], 169, True, False),
    ("left 15 min before the end: stayed", [(0 * M, 165 * M)], 165, False, False),
    ("left 15 min 1 s before the end: early", [(0 * M, 165 * M - S)], 164, False, True),
    ("late and early", [(40 * M, 100 * M)], 60, True, True),
    ("a rejoin gap counts once, flags from first join and last leave",
     [(-5 * M, 30 * M), (60 * M, 190 * M)], 150, False, False),
    ("overlapping stays (two clients) are not counted twice",
     [(0 * M, 120 * M), (90 * M, 180 * M)], 180, False, False),
    ("still in the channel after the raid: not early", [(-10 * M, None)], 180, False, False),
    ("joined long before the window: counted from the window", [(-300 * M, 181 * M)], 180, False,
     False),
    ("only in the channel before the raid", [(-30 * M, -5 * M)], 0, False, True),
]  # fmt: skip


@pytest.mark.parametrize(("intervals", "minutes", "late", "early"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])  # fmt: skip
def test_minutes_late_and_left_early(intervals, minutes, late, early):
    found = summarise([_stay(*i) for i in intervals], start=START, end=END, now=AFTER)
    assert (found.minutes, found.late, found.left_early) == (minutes, late, early)


def test_outside_the_listening_window_is_nothing():
    before = [_stay(-120 * M, -31 * M)]
    after = [_stay(211 * M, 260 * M)]
    assert summarise(before, start=START, end=END, now=AFTER) is None
    assert summarise(after, start=START, end=END, now=AFTER) is None
    assert summarise([], start=START, end=END, now=AFTER) is None


def test_during_the_raid_an_open_stay_counts_up_to_now():
    found = summarise([_stay(0 * M, None)], start=START, end=END, now=START + 42 * M)
    assert (found.minutes, found.late, found.left_early) == (42, False, False)


@pytest.mark.parametrize(
    ("zone", "start", "end", "real_minutes"),
    [
        ("America/New_York", datetime(2026, 11, 10, 22, 30), datetime(2026, 11, 11, 1, 30), 180),
        # clocks go back at 02:00 in New York: 00:00 – 03:00 local is four real hours
        ("America/New_York", datetime(2026, 11, 1, 0, 0), datetime(2026, 11, 1, 3, 0), 240),
        # clocks go forward in London: 00:00 – 03:00 local is two real hours
        ("Europe/London", datetime(2027, 3, 28, 0, 0), datetime(2027, 3, 28, 3, 0), 120),
    ],
)
def test_overnight_and_clock_change_nights_count_real_minutes(zone, start, end, real_minutes):
    tz = ZoneInfo(zone)
    begin, finish = start.replace(tzinfo=tz).astimezone(UTC), end.replace(tzinfo=tz).astimezone(UTC)
    edge = [Interval(begin + 10 * M, finish - 15 * M)]
    found = summarise(edge, start=begin, end=finish, now=finish + 5 * M)
    assert (found.raid_minutes, found.minutes) == (real_minutes, real_minutes - 25)
    assert not found.late and not found.left_early
    beyond = [Interval(begin + 11 * M, finish - 16 * M)]
    found = summarise(beyond, start=begin, end=finish, now=finish + 5 * M)
    assert found.late and found.left_early


# --- voice in the suggestions ------------------------------------------------------------

RAID = RaidWindow(start=START, end=END, total_fights=20, first_fight=START, last_fight=END)
SIGNED = Answer(signed_up=True)
BOTH = Sources(logs=True, voice=True)
VOICE_ONLY = Sources(logs=False, voice=True)
IN_LOGS = Seen(fights=20, first=START, last=END)
LATE_IN_LOGS = Seen(fights=12, first=START + 30 * M, last=END)


def _voice(minutes=180, late=0, early=0) -> VoicePresence:
    return VoicePresence(minutes=minutes, raid_minutes=180, late_minutes=late, early_minutes=early)


@pytest.mark.parametrize(
    ("answer", "seen", "voice", "sources", "status"),
    [
        (SIGNED, IN_LOGS, _voice(), BOTH, ATTENDED),
        (SIGNED, None, _voice(), BOTH, ATTENDED),  # attended by voice
        (SIGNED, None, _voice(), VOICE_ONLY, ATTENDED),
        (SIGNED, IN_LOGS, _voice(late=25), BOTH, LATE),  # late from voice
        (SIGNED, IN_LOGS, _voice(late=10), BOTH, ATTENDED),  # exactly 10: on time
        (SIGNED, IN_LOGS, _voice(early=16), BOTH, LEFT_EARLY),  # early from voice
        (SIGNED, IN_LOGS, _voice(early=15), BOTH, ATTENDED),
        (SIGNED, LATE_IN_LOGS, _voice(), BOTH, LATE),  # late from the logs
        (SIGNED, None, _voice(late=40, early=30), VOICE_ONLY, LATE),
        (SIGNED, None, _voice(minutes=0, early=180), BOTH, NO_SHOW),  # only before the raid
        (SIGNED, None, None, VOICE_ONLY, NO_SHOW),
        (Answer(), None, _voice(), VOICE_ONLY, CAME_UNSIGNED),
        (Answer(signed_up=True, benched=True), None, _voice(), BOTH, ATTENDED),
        (Answer(signed_up=True, benched=True), None, None, BOTH, BENCHED),
        (Answer(), None, None, BOTH, None),
    ],
)
def test_voice_and_logs_together(answer, seen, voice, sources, status):
    found = suggest(answer=answer, seen=seen, raid=RAID, voice=voice, sources=sources)
    assert (found.status if found else None) == status


def test_the_evidence_names_both_sources():
    found = suggest(answer=SIGNED, seen=None, raid=RAID, voice=_voice(150, late=30),
                    sources=VOICE_ONLY)  # fmt: skip
    assert (
        found.evidence
        == "attended by voice; in voice 150 of 180 min, joined 30 min after the start"
    )
    gone = suggest(answer=SIGNED, seen=None, raid=RAID, sources=BOTH)
    assert gone.evidence == "signed up; not in the logs nor in voice"
    assert suggest(answer=SIGNED, seen=None, raid=RAID).evidence == "signed up; not in the logs"
