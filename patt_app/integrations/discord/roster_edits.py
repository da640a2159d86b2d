"""Keeps each raid's roster post true: edits the posts that are behind their raid's answers
(`services/guild_discord/roster_post.py` decides which and what they say).

Coalesced: one message is edited at most once per `EDIT_SPACING` seconds, so a burst of
sign-ups costs one edit showing them all. A 429 is waited out by discord.py (its `retry_after`)
and the edit retried; any other passing failure leaves the post behind, to be tried at the next
pass. A deleted post is not edited again.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime

import discord
from sqlmodel import Session

from patt_app.db import run_in_session
from patt_app.integrations.discord.convert import discord_embed
from patt_app.integrations.discord.raid_buttons import raid_view
from patt_app.services.guild_discord.bot_status import discord_config
from patt_app.services.guild_discord.roster_post import RosterEdit, roster_posted, rosters_behind
from patt_app.settings import get_settings

log = logging.getLogger(__name__)

EDIT_SPACING = 2.0


def _behind(*, session: Session) -> list[RosterEdit]:
    return rosters_behind(
        session=session,
        now=datetime.now(UTC),
        site_url=get_settings().public_base_url,
        default_channel_id=discord_config(session=session).default_announcement_channel_id,
    )


class RosterEditor:
    """Remembers when it last edited each message (in this bot's life)."""

    def __init__(self, spacing: float = EDIT_SPACING) -> None:
        self.spacing = spacing
        self._last_edit: dict[str, float] = {}

    def wait_before_next(self, edits: list[RosterEdit]) -> float:
        """Seconds until the first of `edits` may be edited (0: now)."""
        now = time.monotonic()
        waits = [self._last_edit.get(e.message_id, -1e9) + self.spacing - now for e in edits]
        return max(0.0, min(waits, default=0.0))

    async def refresh(self, client: discord.Client) -> tuple[int, float]:
        """Edit every post that is behind and may be edited now; (edits made, seconds until
        a post held back by the spacing may be edited)."""
        edits = await run_in_session(_behind)
        held = [e for e in edits if self.wait_before_next([e]) > 0]
        made = 0
        for edit in edits:
            if edit in held:
                continue
            self._last_edit[edit.message_id] = time.monotonic()
            if await self._edit(client, edit):
                made += 1
        return made, self.wait_before_next(held) if held else 0.0

    async def _edit(self, client: discord.Client, edit: RosterEdit) -> bool:
        channel = client.get_partial_messageable(int(edit.channel_id))
        message = channel.get_partial_message(int(edit.message_id))
        try:
            await message.edit(
                embed=discord_embed(edit.embed),
                view=raid_view(edit.event_id) if edit.open else None,
            )
        except discord.NotFound:
            log.info("roster post of event %s is gone; not edited again", edit.event_id)
        except (discord.HTTPException, OSError, TimeoutError) as error:
            log.warning("roster post of event %s not edited: %s", edit.event_id, error)
            return False
        await run_in_session(roster_posted, event_id=edit.event_id, changed_at=edit.changed_at)
        return True
