"""Officer handlers that change something announce it, redraw the screen and say what they did
(`OfficerState._apply` / `_confirm`), driven as the browser would."""

from __future__ import annotations

import asyncio

from sqlalchemy import Engine
from sqlmodel import Session

from patt_app.demo.guild import DEMO_OFFICER
from patt_app.live.topics import Topic
from patt_app.models import RaidEvent
from patt_app.states.admin.audit import AdminAuditState
from patt_app.states.admin.events import AdminEventsState
from tests.browser_session import give_session


def test_cancelling_and_restoring_an_event_is_announced_redrawn_and_said(
    tokens: dict[str, str], committed: Engine, announced
):
    screen = AdminEventsState()
    give_session(screen, tokens[DEMO_OFFICER])
    asyncio.run(screen.load())
    event_id = next(r.id for r in screen.events if not r.cancelled)
    announced()  # what seeding the guild announced
    said = asyncio.run(screen.set_cancelled(event_id, True))
    assert "Event cancelled." in repr(said)
    assert Topic.EVENTS in announced()
    assert next(r for r in screen.events if r.id == event_id).cancelled
    said = asyncio.run(screen.set_cancelled(event_id, False))
    assert "Event restored." in repr(said)
    with Session(committed) as session:
        assert session.get(RaidEvent, event_id).cancelled_at is None
    assert not next(r for r in screen.events if r.id == event_id).cancelled


def test_running_the_integrity_check_is_announced_and_said(
    tokens: dict[str, str], committed: Engine, announced
):
    screen = AdminAuditState()
    give_session(screen, tokens[DEMO_OFFICER])
    announced()
    said = asyncio.run(screen.run_check())
    assert "Identity matching and the integrity check ran." in repr(said)
    assert Topic.ROSTER in announced()
