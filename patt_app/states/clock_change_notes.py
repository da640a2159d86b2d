"""A member's own raid times across a clock change, shown on /events beside each raid whose
local start differs from the usual ("this week your raid starts at 20:00, not 21:00")."""

from __future__ import annotations

from datetime import UTC, datetime

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.hub import subscribe
from patt_app.live.topics import Topic
from patt_app.services.errors import PattError
from patt_app.services.raids.dst_view import my_dst_notes
from patt_app.states.session import SessionState


class ClockChangeNotesState(SessionState):
    """State of the clock-change notes on /events."""

    notes: dict[str, str] = {}  # event id → note

    async def _reload(self, player_id: int) -> None:
        found = await run_in_session(my_dst_notes, player_id=player_id, now=datetime.now(UTC))
        self.notes = {str(n.event_id): n.text for n in found}

    @rx.event
    async def load(self):
        try:
            viewer = await self._member()  # an active player's account
        except PattError:
            self.notes = {}  # /events itself sends visitors to the login page
            return
        await self._reload(viewer.player_id)
        await subscribe(self, Topic.EVENTS)

    async def _on_live(self, topics: list[str]) -> None:
        viewer = await self._viewer()
        if viewer is not None and viewer.player_id is not None:
            await self._reload(viewer.player_id)
