"""discord.py objects in, plain data out (and the outbox's embeds into discord.Embed)."""

from __future__ import annotations

import discord

from patt_app.services.guild_discord.member_sync import SeenMember
from patt_app.services.guild_discord.posts import Embed


def seen_member(member: discord.Member) -> SeenMember:
    """A server member as the member sync sees it."""
    return SeenMember(
        discord_id=str(member.id),
        username=member.name,
        display_name=member.display_name if member.display_name != member.name else None,
        role_names=tuple(role.name for role in member.roles if not role.is_default()),
        joined_at=member.joined_at,
    )


def seen_members(guild: discord.Guild) -> list[SeenMember]:
    """Every human member of the server (bots are left out)."""
    return [seen_member(member) for member in guild.members if not member.bot]


def text_channels(guild: discord.Guild) -> list[dict[str, str]]:
    """The server's text channels, for the channel pickers on /admin/discord."""
    return [{"id": str(channel.id), "name": channel.name} for channel in guild.text_channels]


def voice_channels(guild: discord.Guild) -> list[dict[str, str]]:
    """The server's voice channels, for the raid voice channel picker on /admin/discord."""
    return [{"id": str(channel.id), "name": channel.name} for channel in guild.voice_channels]


def discord_embed(embed: Embed) -> discord.Embed:
    result = discord.Embed(
        title=embed.title,
        description=embed.description or None,
        colour=discord.Colour(embed.colour),
        url=embed.url,
        timestamp=embed.timestamp,
    )
    for field in embed.fields:
        result.add_field(name=field.name, value=field.value, inline=field.inline)
    if embed.footer:
        result.set_footer(text=embed.footer)
    return result


def mention_line(embed: Embed) -> str | None:
    """The message text that pings the mentioned members (Discord never pings from embeds)."""
    return " ".join(f"<@{discord_id}>" for discord_id in embed.mentions) or None
