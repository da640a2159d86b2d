"""Weekly windows to UTC with real timezone rules."""

from datetime import UTC, date, datetime, time

import pytest

from patt_app.services.scheduling.schedule_time import (
    PlayerSchedule,
    WeeklyWindow,
    local_to_utc,
    utc_intervals,
    window_to_utc_text,
)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def _player(zone: str, *windows: WeeklyWindow, away=()) -> PlayerSchedule:
    return PlayerSchedule(player_id=1, timezone=zone, windows=windows, away=away)


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        # New York: EST until 8 March 2026, EDT after; back to EST on 1 November.
        ("America/New_York", date(2026, 3, 3), utc(2026, 3, 4, 1)),
        ("America/New_York", date(2026, 3, 10), utc(2026, 3, 11, 0)),
        ("America/New_York", date(2026, 11, 3), utc(2026, 11, 4, 1)),
        # Berlin changes on 29 March: the US and EU change on different dates.
        ("Europe/Berlin", date(2026, 3, 24), utc(2026, 3, 24, 19)),
        ("Europe/Berlin", date(2026, 3, 31), utc(2026, 3, 31, 18)),
        ("Asia/Kathmandu", date(2026, 11, 24), utc(2026, 11, 24, 14, 15)),
        ("America/St_Johns", date(2026, 1, 13), utc(2026, 1, 13, 23, 30)),
        ("America/St_Johns", date(2026, 7, 14), utc(2026, 7, 14, 22, 30)),
    ],
)
def test_eight_pm_in_each_zone(zone, day, expected):
    assert local_to_utc(zone, day, time(20, 0)) == expected


def test_a_start_in_the_spring_forward_gap_moves_to_the_end_of_the_gap():
    # 02:30 does not exist in New York on 8 March 2026: the clocks jump from 02:00 to 03:00 EDT.
    assert local_to_utc("America/New_York", date(2026, 3, 8), time(2, 30)) == utc(2026, 3, 8, 7)
    assert local_to_utc("Europe/Berlin", date(2026, 3, 29), time(2, 15)) == utc(2026, 3, 29, 1)


def test_an_ambiguous_start_on_fall_back_day_takes_the_first_occurrence():
    # 01:30 happens twice in New York on 1 November 2026; the first is still EDT (UTC-4).
    assert local_to_utc("America/New_York", date(2026, 11, 1), time(1, 30)) == utc(
        2026, 11, 1, 5, 30
    )


def test_windows_last_elapsed_hours_across_a_dst_change():
    # 00:30 for 4 h on fall-back night ends at 03:30 wall time but lasts 4 real hours.
    player = _player("America/New_York", WeeklyWindow(6, time(0, 30), 4))
    [(start, end)] = utc_intervals(player, date(2026, 11, 1), date(2026, 11, 1))
    assert (start, end) == (utc(2026, 11, 1, 4, 30), utc(2026, 11, 1, 8, 30))


def test_a_window_crossing_midnight():
    player = _player("America/Chicago", WeeklyWindow(1, time(22, 0), 4))  # Tue 22:00 + 4 h
    [(start, end)] = utc_intervals(player, date(2026, 11, 24), date(2026, 11, 24))
    assert (start, end) == (utc(2026, 11, 25, 4), utc(2026, 11, 25, 8))
    assert end.astimezone(start.tzinfo).date() == date(2026, 11, 25)


def test_overlapping_windows_merge_so_nobody_counts_twice():
    player = _player("UTC", WeeklyWindow(0, time(22, 0), 5), WeeklyWindow(1, time(1, 0), 2))
    assert utc_intervals(player, date(2026, 11, 23), date(2026, 11, 24)) == [
        (utc(2026, 11, 23, 22), utc(2026, 11, 24, 3))
    ]


def test_away_days_are_skipped():
    player = _player(
        "UTC",
        WeeklyWindow(1, time(20), 3),
        WeeklyWindow(3, time(20), 3),
        away=((date(2026, 11, 24), date(2026, 11, 25)),),
    )
    starts = [s for s, _ in utc_intervals(player, date(2026, 11, 23), date(2026, 11, 29))]
    assert starts == [utc(2026, 11, 26, 20)]


def test_preview_line_for_the_availability_page():
    text = window_to_utc_text(WeeklyWindow(1, time(20), 3), "America/Chicago", date(2026, 11, 24))
    assert text == "Tue 20:00–23:00 (your time) = Wed 02:00–05:00 UTC"
