"""The availability page's preview of each weekly window in UTC (states/availability.py): in a
week the clocks change, each day uses its own offset."""

from __future__ import annotations

from datetime import date

import pytest

from patt_app.services.scheduling.availability import DayWindow
from patt_app.states.availability import _rows


@pytest.mark.parametrize(
    ("zone", "today", "monday", "sunday"),
    [
        (  # the US springs forward on Sunday 14 March 2027
            "America/New_York",
            date(2027, 3, 10),
            "Mon 20:00–23:00 (your time) = Tue 01:00–04:00 UTC",
            "Sun 20:00–23:00 (your time) = Mon 00:00–03:00 UTC",
        ),
        (  # the US falls back on Sunday 7 November 2027
            "America/New_York",
            date(2027, 11, 4),
            "Mon 20:00–23:00 (your time) = Tue 00:00–03:00 UTC",
            "Sun 20:00–23:00 (your time) = Mon 01:00–04:00 UTC",
        ),
        (  # the EU springs forward on Sunday 28 March 2027
            "Europe/Berlin",
            date(2027, 3, 22),
            "Mon 20:00–23:00 (your time) = Mon 19:00–22:00 UTC",
            "Sun 20:00–23:00 (your time) = Sun 18:00–21:00 UTC",
        ),
    ],
)
def test_the_preview_of_a_week_the_clocks_change_uses_each_days_own_offset(
    zone, today, monday, sunday
):
    week = [DayWindow(day, "20:00", 3.0) for day in range(7)]
    rows = _rows(week, zone, today)
    assert (rows[0].preview, rows[6].preview) == (monday, sunday)
    assert [row.preview[:3] for row in rows] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
