"""Sends the outbox: claims due posts, sends each through discord.py, records what happened.

A passing problem (Discord down, 5xx, rate limit, network) queues the post again for a retry;
a lasting one (DMs closed, channel gone or not allowed) fails it with a reason officers read.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import discord
from sqlmodel import Session

from patt_app.db import run_in_session
from patt_app.integrations.discord.convert import discord_embed, mention_line
from patt_app.integrations.discord.raid_buttons import raid_view
from patt_app.integrations.discord.role_ask_buttons import role_ask_view
from patt_app.services.guild_discord import posts
from patt_app.services.guild_discord.bot_status import discord_config

log = logging.getLogger(__name__)

DM_CLOSED = "DM failed: the member's direct messages are closed"


class SendFailed(Exception):
    def __init__(self, reason: str, *, retry: bool) -> None:
        super().__init__(reason)
        self.retry = retry


async def _channel(client: discord.Client, channel_id: str) -> discord.abc.Messageable:
    channel = client.get_channel(int(channel_id))
    if channel is None:
        channel = await client.fetch_channel(int(channel_id))
    if not isinstance(channel, discord.abc.Messageable):
        raise SendFailed(f"channel {channel_id} takes no messages", retry=False)
    return channel


async def _user(client: discord.Client, discord_id: str) -> discord.User:
    user = client.get_user(int(discord_id))
    if user is None:
        user = await client.fetch_user(int(discord_id))
    return user


async def send_one(client: discord.Client, post: posts.OutgoingPost) -> str:
    """Send one claimed post; Discord's message id. Raises SendFailed."""
    try:
        view = raid_view(post.raid_event_id) if post.raid_event_id else discord.utils.MISSING
        if post.role_ask_id:
            view = role_ask_view(post.role_ask_id)
        if post.kind == "dm":
            user = await _user(client, post.discord_id or "")
            message = await user.send(post.text, view=view)
        else:
            channel = await _channel(client, post.channel_id or "")
            embed = post.embed or posts.Embed(title=post.text[:256] or "PATT")
            message = await channel.send(
                content=mention_line(embed),
                embed=discord_embed(embed),
                allowed_mentions=discord.AllowedMentions(users=True, roles=False, everyone=False),
                view=view,
            )
    except discord.Forbidden as error:
        if post.kind == "dm":
            raise SendFailed(DM_CLOSED, retry=False) from error
        raise SendFailed(
            f"not allowed to post in channel {post.channel_id}", retry=False
        ) from error
    except discord.NotFound as error:
        what = "member" if post.kind == "dm" else f"channel {post.channel_id}"
        raise SendFailed(f"{what} not found on Discord", retry=False) from error
    except discord.HTTPException as error:
        retry = error.status >= 500 or error.status == 429
        raise SendFailed(f"Discord answered {error.status}: {error.text}", retry=retry) from error
    except (OSError, TimeoutError) as error:
        raise SendFailed(f"Discord unreachable: {error}", retry=True) from error
    return str(message.id)


def _default_channel(*, session: Session) -> str | None:
    return discord_config(session=session).default_announcement_channel_id


async def drain_outbox(client: discord.Client, *, limit: int = 20) -> int:
    """Send every due post once; returns how many were handled (sent or failed)."""
    default = await run_in_session(_default_channel)
    claimed = await run_in_session(
        posts.claim_due_posts, now=datetime.now(UTC), default_channel_id=default, limit=limit
    )
    for post in claimed:
        try:
            message_id = await send_one(client, post)
        except SendFailed as error:
            log.info("discord post %s not sent: %s", post.id, error)
            await run_in_session(
                posts.record_failed,
                post_id=post.id,
                error=str(error),
                now=datetime.now(UTC),
                retry=error.retry,
            )
            continue
        await run_in_session(
            posts.record_sent, post_id=post.id, message_id=message_id, now=datetime.now(UTC)
        )
    return len(claimed)
