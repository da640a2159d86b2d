"""Member screens re-check the login in every handler: a visitor's tampered event is refused and
writes nothing, and sees nothing."""

import asyncio

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from patt_app.models import PlayerAvailability, RaidAttendance
from patt_app.states.availability import AvailabilityState
from patt_app.states.events import EventsState
from patt_app.states.profile import ProfileState
from patt_app.states.schedule import ScheduleState, shown_rows
from tests.browser_session import give_session

CALLS = [
    (ScheduleState, "shift_week", (1,)),
    (ScheduleState, "this_week", ()),
    (ScheduleState, "set_min_rank", ("3",)),
    (ScheduleState, "toggle_role", ("tank",)),
    (ScheduleState, "set_slot_minutes", ("60",)),
    (ScheduleState, "set_zone", ({"zone": "Europe/Berlin"},)),
    (AvailabilityState, "set_hours", (1, "3")),
    (AvailabilityState, "set_start", (1, "20:00")),
    (AvailabilityState, "clear_all", ()),
    (AvailabilityState, "add_away", ({"start_date": "2026-12-01", "end_date": "2026-12-02"},)),
    (EventsState, "sign_up", (1,)),
    (EventsState, "excuse", ({"event_id": "1", "note": "sick"},)),
    (EventsState, "reset_calendar", ()),
    (ProfileState, "set_auto_invite", (True,)),
    (ProfileState, "save_timezone", ({"timezone": "Europe/Berlin"},)),
]


@pytest.mark.parametrize(("cls", "name", "args"), CALLS, ids=lambda v: getattr(v, "__name__", v))
def test_visitors_are_refused(committed, cls, name, args):
    state = cls()
    give_session(state, "forged")
    if cls is ScheduleState:
        state.week_start = "2026-11-23"
    result = asyncio.run(cls.event_handlers[name].fn(state, *args))
    assert "log in" in repr(result), result
    if cls is ScheduleState:
        assert shown_rows(state) == [] and state.summary == []
    with Session(committed) as session:
        for model in (PlayerAvailability, RaidAttendance):
            assert session.exec(select(func.count()).select_from(model)).one() == 0
