"""Yes / No under a role ask's DM ("Could you bring Holy on Tuesday?"). Each button is a
`DynamicItem` whose custom id names the ask ("roleask:7:yes"), registered once in
`PattBot.__init__`, so a press answers after a restart too. The answer is recorded by
`services/guild_discord/role_ask_dms.py` (a yes moves the sign-up to the asked role)."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from typing import Any

import discord

from patt_app.db import run_in_session
from patt_app.live.notify import notify
from patt_app.live.topics import Topic
from patt_app.services.errors import PattError
from patt_app.services.guild_discord.role_ask_dms import answer_ask_from_discord

log = logging.getLogger(__name__)

SOMETHING_WRONG = "Sorry, that didn't go through (the guild site had a problem). Try again soon."


class RoleAskButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=r"roleask:(?P<ask>[0-9]{1,12}):(?P<answer>yes|no)",
):
    def __init__(self, ask_id: int, answer: str) -> None:
        yes = answer == "yes"
        super().__init__(
            discord.ui.Button(
                label="Yes" if yes else "No",
                style=discord.ButtonStyle.success if yes else discord.ButtonStyle.secondary,
                custom_id=f"roleask:{ask_id}:{answer}",
            )
        )
        self.ask_id, self.answer = ask_id, answer

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> RoleAskButton:
        return cls(int(match["ask"]), match["answer"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            message = await run_in_session(
                answer_ask_from_discord,
                discord_id=str(interaction.user.id),
                ask_id=self.ask_id,
                yes=self.answer == "yes",
                now=datetime.now(UTC),
            )
        except PattError as refusal:
            await interaction.followup.send(str(refusal), ephemeral=True)
            return
        except Exception:
            log.exception("discord: answering role ask %s failed", self.ask_id)
            await interaction.followup.send(SOMETHING_WRONG, ephemeral=True)
            return
        notify(Topic.EVENTS, Topic.SIGNUPS)
        await interaction.followup.send(message, ephemeral=True)
        wake = getattr(interaction.client, "roster_changed", None)
        if wake is not None:
            wake()


def role_ask_view(ask_id: int) -> discord.ui.View:
    """Yes and No for one ask."""
    view = discord.ui.View(timeout=None)
    view.add_item(RoleAskButton(ask_id, "yes"))
    view.add_item(RoleAskButton(ask_id, "no"))
    return view
