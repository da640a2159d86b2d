"""The daylight-saving guard against real zone rules: a Thursday 21:00 New York raid in 2027
(US clocks change on 14 March, EU ones on 28 March, Sydney's on 4 April, the other way)."""

from __future__ import annotations

from datetime import date, time, timedelta

from patt_app.services.raids.dst_guard import (
    Member,
    RaidSlot,
    dst_shifts,
    guard_warnings,
    guard_warnings_kept,
    shift_text,
    slot_shift,
    usual_minutes,
)
from patt_app.services.scheduling.schedule_time import PlayerSchedule, WeeklyWindow, local_to_utc

FIRST_THURSDAY = date(2027, 1, 7)


def _series(weeks: int = 25, zone: str = "America/New_York") -> list[RaidSlot]:
    slots = []
    for n in range(weeks):
        day = FIRST_THURSDAY + timedelta(weeks=n)
        start = local_to_utc(zone, day, time(21, 0))
        slots.append(RaidSlot("thu", start, start + timedelta(hours=3), event_id=n + 1))
    return slots


def _member(pid: int, name: str, zone: str, *windows: WeeklyWindow) -> Member:
    return Member(pid, name, PlayerSchedule(player_id=pid, timezone=zone, windows=windows))


MEMBERS = [
    _member(1, "Nyla", "America/New_York", WeeklyWindow(3, time(20, 0), 4)),
    _member(2, "Lenny", "Europe/London", WeeklyWindow(4, time(1, 30), 4)),  # 01:30–05:30 Fri
    _member(3, "Lotte", "Europe/London", WeeklyWindow(4, time(0, 0), 6)),  # 00:00–06:00 Fri
    _member(4, "Sid", "Australia/Sydney", WeeklyWindow(4, time(10, 0), 6)),
]


def _weeks(zone: str, from_day: date = date(2027, 1, 1)):
    return [w for w in dst_shifts(_series(), MEMBERS, from_day=from_day) if w.zone == zone]


def test_new_york_members_keep_their_time_all_year():
    assert _weeks("America/New_York") == []


def test_london_starts_an_hour_earlier_between_the_us_and_eu_changes():
    weeks = _weeks("Europe/London")
    assert [(w.week_start, w.local_shift_minutes) for w in weeks] == [
        (date(2027, 3, 15), -60),
        (date(2027, 3, 22), -60),
    ]
    assert (weeks[0].usual, weeks[0].then) == ("02:00", "01:00")
    assert weeks[0].first_day == date(2027, 3, 19)  # Friday morning in London
    assert weeks[0].players == ["Lenny", "Lotte"]
    assert weeks[0].no_longer_free == ["Lenny"]  # free from 01:30 only


def test_sydney_moves_the_other_way_and_twice():
    usual = usual_minutes(_series(), "Australia/Sydney")
    assert usual["thu"] % 1440 == 11 * 60  # 11:00 Friday, the autumn-winter time (12 weeks)
    weeks = _weeks("Australia/Sydney", from_day=date(2027, 3, 1))
    assert [(w.week_start, w.local_shift_minutes) for w in weeks] == [
        (date(2027, 3, 1), 120),
        (date(2027, 3, 8), 120),
        (date(2027, 3, 15), 60),
        (date(2027, 3, 22), 60),
        (date(2027, 3, 29), 60),
    ]
    assert weeks[2].then == "12:00"


def test_only_weeks_from_the_given_day_are_reported():
    assert _weeks("Europe/London", from_day=date(2027, 3, 26)) == [
        w for w in _weeks("Europe/London") if w.week_start == date(2027, 3, 22)
    ]


def test_a_raid_planned_in_london_moves_for_new_york_instead():
    slots = _series(zone="Europe/London")
    weeks = [w for w in dst_shifts(slots, MEMBERS, from_day=date(2027, 1, 1))]
    ny = [(w.week_start, w.local_shift_minutes) for w in weeks if w.zone == "America/New_York"]
    assert ny == [(date(2027, 3, 15), 60), (date(2027, 3, 22), 60)]  # 16:00 → 17:00 in NY
    assert slot_shift(slots[0], "Europe/London", usual_minutes(slots, "Europe/London")) == 0


def test_the_officers_sentence_runs_weeks_together():
    text = guard_warnings(_weeks("Europe/London"))
    assert text == [
        "19 – 26 March: raids start 1 h earlier for 2 members in Europe/London "
        "(02:00 → 01:00); 1 of them is not free then"
    ]


def test_shift_text():
    assert shift_text(-60) == "1 h earlier"
    assert shift_text(30) == "30 min later"
    assert shift_text(120) == "2 h later"


def test_a_projected_week_says_so():
    slots = [RaidSlot(s.series, s.start, s.end, projected=True) for s in _series()]
    weeks = [
        w
        for w in dst_shifts(slots, MEMBERS, from_day=date(2027, 1, 1))
        if w.zone == "Europe/London"
    ]
    assert guard_warnings(weeks)[0].endswith("(if the weekly series continues)")


def test_a_shift_lasting_to_the_last_raid_reads_from_then_on():
    phoenix = [_member(9, "Pho", "America/Phoenix", WeeklyWindow(3, time(18, 0), 4))]
    weeks = dst_shifts(_series(weeks=11), phoenix, from_day=date(2027, 1, 1))
    assert [(w.week_start, w.local_shift_minutes) for w in weeks] == [
        (date(2027, 3, 15), -60),
    ]
    assert guard_warnings(weeks) == [
        "From 18 March: raids start 1 h earlier for 1 member in America/Phoenix (19:00 → 18:00)"
    ]


def test_a_member_who_changes_their_evening_is_judged_on_the_new_one():
    """The guard's answers are kept between saves (per schedule and zone): after Lenny moves
    his window to start at midnight, the next warnings no longer count him as not free, and
    moving it back counts him again."""
    later = _member(2, "Lenny", "Europe/London", WeeklyWindow(4, time(0, 0), 6))
    moved = [later if m.player_id == 2 else m for m in MEMBERS]
    series = _series()

    def gone(members: list[Member]) -> list[str]:
        weeks = dst_shifts(series, members, from_day=date(2027, 1, 1))
        return sorted({n for w in weeks if w.zone == "Europe/London" for n in w.no_longer_free})

    assert gone(MEMBERS) == ["Lenny"]
    assert gone(moved) == []
    assert gone(MEMBERS) == ["Lenny"]


def test_the_kept_sentences_follow_a_save_in_a_zone_that_shifts():
    """The sentences are kept while the rows are the very same; a save that changes a shifting
    zone's rows is worded again, and a save elsewhere keeps them."""
    series = _series()
    later = _member(2, "Lenny", "Europe/London", WeeklyWindow(4, time(0, 0), 6))
    moved = [later if m.player_id == 2 else m for m in MEMBERS]
    new_york_save = [
        _member(1, "Nyla", "America/New_York", WeeklyWindow(3, time(19, 0), 5))
        if m.player_id == 1
        else m
        for m in moved
    ]

    def said(members: list[Member]) -> list[str]:
        weeks = dst_shifts(series, members, from_day=date(2027, 1, 1))
        kept = guard_warnings_kept(weeks)
        assert kept == guard_warnings(weeks)
        return kept

    before = said(MEMBERS)
    assert any("2 of them are not free" in s or "1 of them is not free" in s for s in before)
    after = said(moved)
    assert after != before and not any("not free" in s for s in after if "London" in s)
    assert said(new_york_save) == after
    assert said(MEMBERS) == before
