"""Onboarding on Discord: newcomers' DMs fed to the conversation, and the officers' slash
commands /onboard-status, /onboard-resolve, /onboard-dismiss, /onboard-retry — answered
ephemerally (only the caller sees them) and only to officers (checked on every call)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import discord
from discord import app_commands

from patt_app.db import run_in_session
from patt_app.integrations.discord.guild_sync import assign_roles
from patt_app.live.notify import notify
from patt_app.live.topics import Topic
from patt_app.services.errors import PattError
from patt_app.services.guild_discord import onboarding
from patt_app.services.guild_discord.onboarding_provision import SiteFacts
from patt_app.services.guild_discord.onboarding_view import is_officer, list_sessions
from patt_app.services.guild_discord.role_sync import RoleAssignment, RolePlan
from patt_app.settings import get_settings

log = logging.getLogger(__name__)

OFFICERS_ONLY = (
    "Officers only: these commands answer Discord accounts linked to an officer on the guild site."
)


def site_facts() -> SiteFacts:
    settings = get_settings()
    return SiteFacts(base_url=settings.public_base_url, guild_name=settings.guild_name)


async def give_roles(guild: discord.Guild | None, roles: list[RoleAssignment]) -> None:
    """Give newly set-up members the Discord role of their rank."""
    if guild is None or not roles:
        return
    _done, failed = await assign_roles(guild, RolePlan(assignments=roles))
    for role in roles:
        if not any(f.startswith(role.player_name) for f in failed):
            await run_in_session(onboarding.role_given, discord_id=role.discord_id)
    if failed:
        log.warning("onboarding roles not given: %s", "; ".join(failed))


async def member_joined(member: discord.Member) -> None:
    if await run_in_session(
        onboarding.member_joined, discord_id=str(member.id), now=datetime.now(UTC)
    ):
        notify(Topic.DISCORD)


async def direct_message(message: discord.Message, guild: discord.Guild | None) -> None:
    """A DM to the bot: the member's answer, if they are being onboarded."""
    if message.guild is not None or message.author.bot:
        return
    role = await run_in_session(
        onboarding.member_replied,
        discord_id=str(message.author.id),
        text=message.content[:200],
        now=datetime.now(UTC),
        site=site_facts(),
    )
    await give_roles(guild, [role] if role else [])
    notify(Topic.DISCORD, Topic.ROSTER)


async def tick(guild: discord.Guild | None) -> None:
    roles = await run_in_session(
        onboarding.onboarding_tick, now=datetime.now(UTC), site=site_facts()
    )
    await give_roles(guild, roles)
    if roles:
        notify(Topic.DISCORD, Topic.ROSTER)


async def _officer(interaction: discord.Interaction) -> bool:
    if await run_in_session(is_officer, discord_id=str(interaction.user.id)):
        return True
    await interaction.response.send_message(OFFICERS_ONLY, ephemeral=True)
    return False


async def onboard_status(interaction: discord.Interaction, member: discord.Member | None) -> None:
    if not await _officer(interaction):
        return
    views = await run_in_session(list_sessions, open_only=member is None, limit=15)
    if member is not None:
        views = [v for v in views if v.discord_id == str(member.id)][:1]
    if not views:
        text = "No open onboarding sessions." if member is None else "No onboarding for them."
    else:
        text = "\n".join(
            f"<@{v.discord_id}> — {v.state.replace('_', ' ')}"
            + (f", main {v.main}" if v.main else "")
            + (" (escalated)" if v.escalated else "")
            for v in views
        )
    await interaction.response.send_message(text, ephemeral=True)


async def onboard_action(
    interaction: discord.Interaction, member: discord.Member, action: str
) -> None:
    if not await _officer(interaction):
        return
    try:
        answer, role = await run_in_session(
            onboarding.officer_action,
            discord_id=str(member.id),
            action=action,
            now=datetime.now(UTC),
            site=site_facts(),
        )
    except PattError as error:
        await interaction.response.send_message(str(error), ephemeral=True)
        return
    await interaction.response.send_message(answer, ephemeral=True)
    await give_roles(interaction.guild, [role] if role else [])
    notify(Topic.DISCORD)


def add_commands(tree: app_commands.CommandTree, guild_id: int) -> None:
    """Register the four officer commands on the guild's server."""
    guild = discord.Object(id=guild_id)

    @tree.command(name="onboard-status", description="Open onboarding sessions", guild=guild)
    @app_commands.describe(member="Only this member's session")
    async def status(
        interaction: discord.Interaction, member: discord.Member | None = None
    ) -> None:
        await onboard_status(interaction, member)

    @tree.command(name="onboard-resolve", description="Mark as set up by hand", guild=guild)
    async def resolve(interaction: discord.Interaction, member: discord.Member) -> None:
        await onboard_action(interaction, member, "resolve")

    @tree.command(name="onboard-dismiss", description="Close: nothing to set up", guild=guild)
    async def dismiss(interaction: discord.Interaction, member: discord.Member) -> None:
        await onboard_action(interaction, member, "dismiss")

    @tree.command(name="onboard-retry", description="Ask or check the roster again", guild=guild)
    async def retry(interaction: discord.Interaction, member: discord.Member) -> None:
        await onboard_action(interaction, member, "retry")
