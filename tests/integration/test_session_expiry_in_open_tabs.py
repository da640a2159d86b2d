"""An expired login stops working in the tabs left open: the next click in an open screen is
refused and asks to log in again, though the tab's viewer is kept between clicks."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import time_machine
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER
from patt_app.live import read_cache
from patt_app.live.listener import listen_for_changes
from patt_app.models import UserSession
from patt_app.services.accounts.sessions import hash_token
from patt_app.states.schedule import ScheduleState
from patt_app.states.session import VIEWERS
from tests.browser_session import give_session
from tests.support.waiting import until


async def _click(view, handler: str, *args):
    return await type(view).event_handlers[handler].fn(view, *args)


def test_an_expired_login_stops_working_in_an_open_tab_at_the_next_click(tokens, committed):
    token = tokens[DEMO_MEMBER]
    with Session(committed) as session:
        expires = session.exec(
            select(UserSession.expires_at).where(UserSession.token_hash == hash_token(token))
        ).one()

    async def scenario():
        listener = asyncio.create_task(listen_for_changes())
        try:
            await until(lambda: read_cache._listening)
            view = ScheduleState()
            give_session(view, token)
            await _click(view, "load")
            assert await _click(view, "toggle_role", "tank") is None
            assert VIEWERS.peek(token) is not None  # the tab's viewer is kept between clicks
            with time_machine.travel(expires + timedelta(minutes=1), tick=True):
                refused = await _click(view, "toggle_role", "healer")
            assert refused is not None and "log in" in str(refused).lower()
        finally:
            listener.cancel()
            await asyncio.gather(listener, return_exceptions=True)

    asyncio.run(scenario())
