"""/admin/campaigns/<id>: one campaign's settings, entries (while draft), open / close, live
turnout and standings, and what the contest agent said."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.hub import subscribe
from patt_app.live.notify import notify
from patt_app.live.topics import Topic, campaign_topic
from patt_app.services.campaigns import officer_changes as changes
from patt_app.services.campaigns.entry_images import MAX_IMAGE_BYTES, images_directory, store_image
from patt_app.services.campaigns.officer_view import load_campaign_editor
from patt_app.services.errors import InvalidInput
from patt_app.settings import get_settings
from patt_app.states.campaign_form import campaign_details, entry_details, form_values
from patt_app.states.form_values import record_id
from patt_app.states.moments import instant
from patt_app.states.officer import OfficerState, officer_only
from patt_app.states.toasts import toast
from patt_app.states.vote import StandingRow, campaign_id_from_path, standing_rows


@dataclass
class EditorEntry:
    id: int
    name: str
    description: str
    image_url: str
    player_name: str
    first: bool
    last: bool


@dataclass
class AgentLine:
    when: str
    event_type: str
    title: str
    message: str
    channel: str
    sent: bool


BLANK_ENTRY = {"name": "", "description": "", "image_url": "", "associated_player_id": ""}


class AdminCampaignEditorState(OfficerState):
    """State of /admin/campaigns/<id>."""

    changes_topics: ClassVar[tuple[str, ...]] = (Topic.CAMPAIGNS,)
    live_topics: ClassVar[tuple[str, ...]] = (Topic.CAMPAIGNS,)

    campaign_id: int = 0
    officer_zone: str = "UTC"
    title: str = ""
    status: str = ""
    starts: str = ""
    ends: str = ""
    form: dict[str, str] = {}
    form_version: int = 0
    ranks: list[list[str]] = []
    players: list[list[str]] = []
    entries: list[EditorEntry] = []
    entry_form: dict[str, str] = dict(BLANK_ENTRY)
    editing_entry_id: int = 0
    entry_version: int = 0
    voted: int = 0
    eligible: int = 0
    percent: int = 0
    standings: list[StandingRow] = []
    log: list[AgentLine] = []

    def _changed(self) -> None:
        notify(*self.changes_topics, campaign_topic(self.campaign_id))

    async def _reload(self, *, refresh_form: bool = True) -> None:
        view = await run_in_session(
            load_campaign_editor, player_id=self.actor.player_id, campaign_id=self.campaign_id
        )
        lists, detail = view.lists, view.detail
        c = detail.campaign
        self.officer_zone = lists.timezone
        self.ranks = [[str(level), name] for level, name in lists.ranks]
        self.players = [[str(i), name] for i, name in lists.players]
        self.title, self.status = c.title, c.status
        self.starts = instant(c.start_at)
        self.ends = instant(c.closed_at or detail.end_at)
        saved = form_values(c, lists.timezone)
        if refresh_form and saved != self.form:  # unchanged: what is being typed stays
            self.form = saved
            self.form_version += 1
        count = len(detail.entries)
        self.entries = [
            EditorEntry(
                e.id, e.name, e.description, e.image_url, e.player_name, i == 0, i == count - 1
            )
            for i, e in enumerate(detail.entries)
        ]
        self.voted, self.eligible = detail.stats.voted, detail.stats.eligible
        self.percent = detail.stats.percent
        self.standings = standing_rows(detail.standings, None)
        self.log = [
            AgentLine(
                instant(row.posted_at),
                row.event_type.replace("_", " "),
                row.title,
                row.message.replace("**", ""),  # Discord's bold markers, shown plain here
                row.channel_id or "default channel",
                row.discord_message_id is not None,
            )
            for row in detail.log
        ]

    async def _on_live(self, topics: list[str]) -> None:
        """A ballot arrived or the agent spoke: redraw, but leave settings being edited alone."""
        viewer = await self._viewer()
        if viewer is not None and viewer.is_officer:
            self._actor = viewer
            try:
                await self._reload(refresh_form=False)
            finally:
                self._actor = None

    @rx.event
    @officer_only
    async def load(self):
        self.campaign_id = campaign_id_from_path(self.router.url.path)
        self._blank_entry()
        await self._reload()
        await subscribe(self, campaign_topic(self.campaign_id))

    async def _act(self, fn, message: str, **kwargs):
        return await self._apply(fn, message, campaign_id=self.campaign_id, **kwargs)

    @rx.event
    @officer_only
    async def save_settings(self, form_data: dict):
        # Disabled fields (fixed once live) are not sent: they keep their stored values.
        fixed = {k: self.form.get(k, "") for k in ("picks_per_voter", "start_date", "start_time")}
        details = campaign_details({**fixed, **form_data}, self.officer_zone)
        return await self._act(changes.update_campaign, "Campaign saved.", details=details)

    def _blank_entry(self) -> None:
        self.entry_form = dict(BLANK_ENTRY)
        self.editing_entry_id = 0
        self.entry_version += 1

    @rx.event
    @officer_only
    async def save_entry(self, form_data: dict):
        entry = entry_details({**self.entry_form, **form_data})
        if self.editing_entry_id:
            result = await self._act(
                changes.update_entry, "Entry saved.", entry_id=self.editing_entry_id, entry=entry
            )
        else:
            result = await self._act(changes.add_entry, "Entry added.", entry=entry)
        self._blank_entry()
        return result

    @rx.event
    @officer_only
    async def edit_entry(self, entry_id: int):
        row = next((e for e in self.entries if e.id == record_id(entry_id)), None)
        if row is None:
            raise InvalidInput("That entry is not in this campaign.")
        player = next((p[0] for p in self.players if p[1] == row.player_name), "")
        self.entry_form = {
            "name": row.name,
            "description": row.description,
            "image_url": row.image_url,
            "associated_player_id": player if row.player_name else "",
        }
        self.editing_entry_id = row.id
        self.entry_version += 1

    @rx.event
    @officer_only
    async def new_entry(self):
        self._blank_entry()

    @rx.event
    @officer_only
    async def remove_entry(self, entry_id: int):
        return await self._act(changes.remove_entry, "Entry removed.", entry_id=record_id(entry_id))

    @rx.event
    @officer_only
    async def move_entry(self, entry_id: int, direction: str):
        ids = [e.id for e in self.entries]
        entry_id = record_id(entry_id)
        position = ids.index(entry_id) if entry_id in ids else 0
        step = -1 if direction == "up" else 1
        return await self._act(
            changes.move_entry, "Order saved.", entry_id=entry_id, to_position=position + step
        )

    @rx.event
    @officer_only
    async def upload_image(self, files: list[rx.UploadFile]):
        """A picture for the entry being edited: checked by its content, at most 2 MB."""
        if not files:
            raise InvalidInput("Choose a picture first.")
        data = await files[0].read(MAX_IMAGE_BYTES + 1)
        directory = images_directory(get_settings().data_dir)
        url = await asyncio.to_thread(store_image, data=data, directory=directory)
        self.entry_form = {**self.entry_form, "image_url": url}
        self.entry_version += 1
        return toast("Picture uploaded; save the entry to keep it.")

    @rx.event
    @officer_only
    async def activate(self):
        now = datetime.now(UTC)
        return await self._act(changes.activate_now, "Voting is open.", now=now)

    @rx.event
    @officer_only
    async def close_now(self):
        now = datetime.now(UTC)
        return await self._act(changes.close_now, "Voting closed; results stored.", now=now)
