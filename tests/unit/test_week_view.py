"""One week's heatmap view is computed once per read of the schedules and choice of filters,
and shared by every tab asking the same; a new read (a change) computes afresh. A read that was
not kept (a change came while it was read) is shared by the tabs of one live redraw only."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date, time

from patt_app.live.hub import LiveHub, Subscriber
from patt_app.live.read_cache import Kept
from patt_app.services.scheduling import schedule_view as view
from patt_app.services.scheduling.heatmap import Filters
from patt_app.services.scheduling.schedule_time import PlayerSchedule, WeeklyWindow
from patt_app.states.heatmap_rows import COUNT, heat_rows
from patt_app.states.schedule import ScheduleState
from patt_app.states.week_view import week_view as shared_view
from tests.unit.test_live_hub import FakeApp, _settled

WEEK = date(2026, 11, 23)
TANKS = Filters(roles=frozenset({"tank"}))


def _guild(hours: float) -> list[PlayerSchedule]:
    return [
        PlayerSchedule(1, "Europe/Berlin", 3, 2, "tank", (WeeklyWindow(2, time(19), hours),)),
        PlayerSchedule(2, "America/New_York", 1, 2, "healer", (WeeklyWindow(2, time(14), 3.0),)),
    ]


def week_view(*args):
    return asyncio.run(shared_view(*args))


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


def test_an_answer_not_kept_is_computed_once_for_the_tabs_of_one_redraw(monkeypatch):
    computed = []
    compute = view.heatmap

    def counted(*args):
        computed.append(1)
        return compute(*args)

    monkeypatch.setattr(view, "heatmap", counted)

    async def scenario():
        app, hub = FakeApp(), LiveHub()
        hub.app = app
        kept = Kept(_guild(3.0), None)
        shown = []
        for n in range(6):
            token = f"officer-{n}"
            tab = app.open(token, ScheduleState, "/admin/schedule")
            hub.subscribe(Subscriber(token, ScheduleState, "/admin/schedule"), ("schedule",))

            async def redraw(topics, zone=("UTC", "Europe/Berlin")[n % 2]):
                shown.append(await shared_view(kept, WEEK, zone, 30, Filters(), frozenset()))

            tab._on_live = redraw
        hub.received("schedule")
        await _settled(hub)
        assert len(shown) == 6 and computed == [1, 1]  # one per zone, not one per tab
        assert len({id(v) for v in shown}) == 2  # the tabs of a zone got the same view
        # the next redraw, with another answer not kept, computes again
        kept = Kept(_guild(6.0), None)
        hub.received("schedule")
        await _settled(hub)
        assert len(computed) == 4 and _counts(shown[-1]) > _counts(shown[0])

    asyncio.run(scenario())


def test_after_one_players_change_the_unchanged_rows_are_reused_and_the_rest_redrawn():
    first = week_view(Kept(_guild(3.0), 3001), WEEK, "UTC", 30, Filters(), frozenset())
    patched = Kept(_guild(6.0), 3002, since={3001: frozenset({"1"})})  # player 1 saved
    second = week_view(patched, WEEK, "UTC", 30, Filters(), frozenset())
    fresh = heat_rows(view.compute(patched.value, WEEK, "UTC", 30, Filters()))
    assert second.rows == fresh  # the same picture as computing it all again
    assert second.row_keys == tuple(tuple(x for cell in row.cells for x in cell) for row in fresh)
    reused = [n for n, row in enumerate(second.rows) if row is first.rows[n]]
    redrawn = [second.rows[n].label for n in range(len(fresh)) if n not in reused]
    assert redrawn == ["21:00", "21:30", "22:00", "22:30", "23:00", "23:30"]  # 3 more hours
    assert len(reused) == len(fresh) - 6


def test_a_new_best_slot_recolours_rows_whose_numbers_did_not_change():
    first = week_view(Kept(_guild(3.0), 4001), WEEK, "UTC", 30, Filters(), frozenset())
    heavier = [replace(_guild(3.0)[0], weight=5), _guild(3.0)[1]]  # the week's best goes up
    patched = Kept(heavier, 4002, since={4001: frozenset({"1"})})
    second = week_view(patched, WEEK, "UTC", 30, Filters(), frozenset())
    assert second.rows == heat_rows(view.compute(heavier, WEEK, "UTC", 30, Filters()))
    assert second.rows != first.rows
