"""One week's heatmap view is computed once per read of the schedules and choice of filters,
and shared by every tab asking the same; a new read (a change) computes afresh."""

from __future__ import annotations

from datetime import date, time

from patt_app.live.read_cache import Kept
from patt_app.services.scheduling import schedule_view as view
from patt_app.services.scheduling.heatmap import Filters
from patt_app.services.scheduling.schedule_time import PlayerSchedule, WeeklyWindow
from patt_app.states.heatmap_rows import COUNT, heat_rows
from patt_app.states.week_view import week_view

WEEK = date(2026, 11, 23)
TANKS = Filters(roles=frozenset({"tank"}))


def _guild(hours: float) -> list[PlayerSchedule]:
    return [
        PlayerSchedule(1, "Europe/Berlin", 3, 2, "tank", (WeeklyWindow(2, time(19), hours),)),
        PlayerSchedule(2, "America/New_York", 1, 2, "healer", (WeeklyWindow(2, time(14), 3.0),)),
    ]


def _counts(shown) -> int:
    return sum(cell[COUNT] for row in shown.rows for cell in row.cells)


def test_tabs_asking_the_same_share_one_view():
    kept = Kept(_guild(3.0), read_number=1001)
    first = week_view(kept, WEEK, "UTC", 30, TANKS, frozenset())
    again = week_view(kept, WEEK, "UTC", 30, TANKS, frozenset())
    assert again is first
    everyone = week_view(kept, WEEK, "UTC", 30, Filters(), frozenset())
    assert everyone is not first and _counts(everyone) > _counts(first)
    reference = heat_rows(view.compute(kept.value, WEEK, "UTC", 30, TANKS))
    assert first.rows == reference
    assert first.active_count == 2


def test_a_new_read_is_computed_afresh():
    before = week_view(Kept(_guild(3.0), 2001), WEEK, "UTC", 30, Filters(), frozenset())
    after = week_view(Kept(_guild(6.0), 2002), WEEK, "UTC", 30, Filters(), frozenset())
    assert _counts(after) > _counts(before)


def test_an_answer_not_kept_is_never_shared():
    guild = _guild(3.0)
    one = week_view(Kept(guild, None), WEEK, "UTC", 30, Filters(), frozenset())
    two = week_view(Kept(_guild(6.0), None), WEEK, "UTC", 30, Filters(), frozenset())
    assert one is not two and _counts(two) > _counts(one)
