"""/events' record, raid by raid: the evidence behind each status, "This is wrong" with a
reason (an appeal), and the officer's answer (services/raids/my_record.py, appeals.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.hub import subscribe
from patt_app.live.notify import announce
from patt_app.live.topics import Topic, signups_topic
from patt_app.services.raids.appeals import open_appeal
from patt_app.services.raids.my_record import RecordLine, my_record
from patt_app.services.scheduling.availability import player_timezone
from patt_app.states.form_values import record_id
from patt_app.states.session import SessionState, shows_refusals
from patt_app.states.toasts import toast


@dataclass
class RecordRow:
    event_id: int
    title: str
    start_iso: str
    status: str
    fights: int
    first_seen_iso: str
    last_seen_iso: str
    appeal: str  # "" | open | accepted | rejected
    reason: str
    new_status: str
    officer_note: str
    can_appeal: bool


def _row(line: RecordLine) -> RecordRow:
    return RecordRow(**vars(line), can_appeal=line.can_appeal)


def _read(*, session: Any, player_id: int, now: datetime) -> tuple[str, list[RecordLine]]:
    zone = player_timezone(session=session, player_id=player_id)
    return zone, my_record(session=session, player_id=player_id, now=now)


def _appeal(*, session: Any, player_id: int, event_id: int, reason: str, now: datetime) -> None:
    open_appeal(session=session, player_id=player_id, event_id=event_id, reason=reason, now=now)
    announce(session, Topic.APPEALS, signups_topic(player_id))


class MyRecordState(SessionState):
    """The record section of /events."""

    lines: list[RecordRow] = []
    record_zone: str = "UTC"

    async def _reload(self, player_id: int) -> None:
        zone, lines = await run_in_session(_read, player_id=player_id, now=datetime.now(UTC))
        self.record_zone = zone
        self.lines = [_row(line) for line in lines]

    @rx.event
    async def load(self):
        viewer = await self._viewer()
        if viewer is None or viewer.player_id is None:
            return
        await self._reload(viewer.player_id)
        await subscribe(self, Topic.EVENTS, signups_topic(viewer.player_id))

    async def _on_live(self, topics: list[str]) -> None:
        viewer = await self._viewer()
        if viewer is not None and viewer.player_id is not None:
            await self._reload(viewer.player_id)

    @rx.event
    @shows_refusals
    async def appeal(self, form_data: dict):
        viewer = await self._member()
        await run_in_session(
            _appeal,
            player_id=viewer.player_id,
            event_id=record_id(form_data.get("event_id"), "event"),
            reason=str(form_data.get("reason", "")),
            now=datetime.now(UTC),
        )
        await self._reload(viewer.player_id or 0)
        return toast("Appeal sent. An officer will answer here.")
