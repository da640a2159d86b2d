"""The open appeals on a raid's attendance page (/admin/events/<id>): officers accept one (the
record becomes the status they choose) or reject it with a note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.notify import notify
from patt_app.live.topics import Topic, signups_topic
from patt_app.models.raid_evidence import RECORDED_STATUSES
from patt_app.services.raids.appeals import answer_appeal, open_appeals
from patt_app.states.form_values import choice, record_id
from patt_app.states.officer import OfficerState, officer_only
from patt_app.states.toasts import toast

KEEP = "keep"  # the answer that rejects the appeal
ANSWERS = (KEEP, *RECORDED_STATUSES)


@dataclass
class AppealRow:
    id: int
    player_id: int
    player_name: str
    status_then: str
    reason: str
    opened_iso: str


class AdminAttendanceAppealsState(OfficerState):
    """The appeals panel of /admin/events/<id>."""

    changes_topics: ClassVar[tuple[str, ...]] = (Topic.APPEALS, Topic.EVENTS)
    live_topics: ClassVar[tuple[str, ...]] = (Topic.APPEALS,)

    event_id: int = 0
    appeals: list[AppealRow] = []
    answers: list[list[str]] = [
        [KEEP, "Reject: keep the record"],
        *[[s, f"Accept: change to {s}"] for s in RECORDED_STATUSES],
    ]

    async def _reload(self) -> None:
        lines = await run_in_session(open_appeals, event_id=self.event_id)
        self.appeals = [
            AppealRow(
                a.id, a.player_id, a.player_name, a.status_then, a.reason, a.opened_at.isoformat()
            )
            for a in lines
        ]

    @rx.event
    @officer_only
    async def load(self, event_id: int):
        """Chained from the attendance page's own load, which read the raid from the path."""
        self.event_id = record_id(event_id, "event")
        await self._reload()

    @rx.event
    @officer_only
    async def answer(self, form_data: dict):
        appeal_id = record_id(form_data.get("appeal_id"), "appeal")
        picked = choice(form_data.get("answer"), "Answer", ANSWERS)
        said = await run_in_session(
            answer_appeal,
            appeal_id=appeal_id,
            officer_player_id=self.actor.player_id,
            accept=picked != KEEP,
            status="" if picked == KEEP else picked,
            note=str(form_data.get("note", "")),
            now=datetime.now(UTC),
        )
        member = next((a.player_id for a in self.appeals if a.id == appeal_id), None)
        self._changed()
        if member is not None:
            notify(signups_topic(member))
        await self._reload()
        return toast(said)
