"""The members' slash commands, one registry: each line of `COMMANDS` is a command's name, its
description and the coroutine that answers it. `add_commands` registers them on the guild's
server; the bot syncs them on every new session. Every answer is deferred, then sent
ephemerally (only the caller sees it); the texts come from `services/guild_discord/
member_commands.py`. Officer commands live with their feature (`onboarding_commands.py`)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import discord
from discord import app_commands

from patt_app.db import run_in_session
from patt_app.integrations.discord.raid_buttons import raid_view
from patt_app.services.errors import PattError
from patt_app.services.guild_discord import member_commands as texts
from patt_app.settings import get_settings

T = TypeVar("T")


def _site() -> str:
    return get_settings().public_base_url


async def _deferred(
    interaction: discord.Interaction, fn: Callable[..., T], **kwargs: Any
) -> T | None:
    """Acknowledge at once, then the service's answer (a refusal is the answer)."""
    await interaction.response.defer(ephemeral=True, thinking=True)
    try:
        return await run_in_session(fn, discord_id=str(interaction.user.id), **kwargs)
    except PattError as refusal:
        await interaction.followup.send(str(refusal), ephemeral=True)
        return None


async def raids(interaction: discord.Interaction) -> None:
    lines = await _deferred(interaction, texts.my_raids, now=datetime.now(UTC), site_url=_site())
    if lines is None:
        return
    if not lines:
        await interaction.followup.send("No raids coming up.", ephemeral=True)
        return
    for line in lines:  # one message per raid, each with its buttons
        view = raid_view(line.event_id) if line.can_change else discord.utils.MISSING
        await interaction.followup.send(line.text, ephemeral=True, view=view)


async def availability(interaction: discord.Interaction) -> None:
    text = await _deferred(interaction, texts.my_week, site_url=_site())
    if text is not None:
        await interaction.followup.send(text, ephemeral=True)


async def link(interaction: discord.Interaction) -> None:
    text = await _deferred(interaction, texts.link_status, site_url=_site())
    if text is not None:
        await interaction.followup.send(text, ephemeral=True)


@dataclass(frozen=True)
class MemberCommand:
    name: str
    description: str
    answer: Callable[[discord.Interaction], Coroutine[Any, Any, None]]


COMMANDS = (
    MemberCommand("raids", "My next three raids, where I stand, and the buttons", raids),
    MemberCommand("availability", "My raid times this week, in my time zone", availability),
    MemberCommand("link", "Is my Discord account linked to the guild site?", link),
)


def add_commands(tree: app_commands.CommandTree, guild_id: int) -> None:
    """Register every command of `COMMANDS` on the guild's server."""
    guild = discord.Object(id=guild_id)
    for command in COMMANDS:
        tree.add_command(
            app_commands.Command(
                name=command.name, description=command.description, callback=command.answer
            ),
            guild=guild,
        )
