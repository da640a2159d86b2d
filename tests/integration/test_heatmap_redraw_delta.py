"""A member's save redraws an officer's open heatmap with the rows it changed, not the week:
what the tab is sent after one save is a few rows (under a kilobyte), and what it then holds
is exactly the heatmap a fresh tab draws."""

from __future__ import annotations

import asyncio
import json

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.states.availability import AvailabilityState
from patt_app.states.heatmap_rows import heat_row_var
from patt_app.states.schedule import ScheduleState, shown_rows
from tests.browser_session import give_session


def _open(token: str) -> ScheduleState:
    view = ScheduleState()
    give_session(view, token)
    asyncio.run(view.load())
    view._clean()  # what the first answer carried is in the tab now
    return view


def _save_hours(token: str, day: int, hours: str) -> None:
    page = AvailabilityState()
    give_session(page, token)
    asyncio.run(page.load())
    asyncio.run(AvailabilityState.event_handlers["set_hours"].fn(page, day, hours))


def _sent(view: ScheduleState) -> dict:
    """What Reflex would send this tab now: its changed vars."""
    delta = view.get_delta()
    view._clean()
    return delta.get(view.get_full_name(), {})


def test_one_save_sends_the_officer_only_the_rows_it_changed(tokens):
    view = _open(tokens[DEMO_OFFICER])
    rows_before = shown_rows(view)
    _save_hours(tokens[DEMO_MEMBER], 2, "1")  # Wednesday: a one-hour evening now
    asyncio.run(view._on_live(["schedule"]))
    sent = _sent(view)
    heat_rows = [name for name in sent if name.startswith("heat_")]
    assert heat_rows, "the save changed no row the officer was sent"
    assert len(heat_rows) < len(rows_before) // 4
    assert len(json.dumps(sent, separators=(",", ":"))) < 1024
    assert shown_rows(view) == shown_rows(_open(tokens[DEMO_OFFICER]))
    assert shown_rows(view) != rows_before


def test_a_redraw_with_nothing_changed_sends_no_rows(tokens):
    view = _open(tokens[DEMO_OFFICER])
    asyncio.run(view._on_live(["schedule"]))
    assert not [name for name in _sent(view) if name.startswith("heat_")]


def test_a_shorter_grid_empties_the_rows_past_its_end(tokens):
    view = _open(tokens[DEMO_OFFICER])
    assert len(shown_rows(view)) == 48
    asyncio.run(ScheduleState.event_handlers["set_slot_minutes"].fn(view, "60"))
    assert len(shown_rows(view)) == 24 and getattr(view, heat_row_var(30)) == []
    asyncio.run(ScheduleState.event_handlers["set_slot_minutes"].fn(view, "15"))
    assert len(shown_rows(view)) == 96 and view.row_labels[-1] == "23:45"
