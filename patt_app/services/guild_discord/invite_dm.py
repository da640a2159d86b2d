"""Registration invites by direct message (spec §3): the player's Discord account gets the code
and the link; the officer learns whether the DM went out or should copy the link instead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from patt_app.models import DiscordUser, Player
from patt_app.services.accounts.invites import create_invite, registration_link
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.guild_discord.posts import queue_dm


@dataclass(frozen=True)
class InviteSent:
    player_name: str
    code: str
    link: str
    expires_at: datetime
    dedupe_key: str
    discord_username: str


def invite_text(*, guild_name: str, code: str, link: str) -> str:
    return (
        f"You've been invited to register on the {guild_name} guild platform!\n"
        f"Your invite code: **{code}**\n"
        f"Register here: {link}\n"
        f"The code is for you only and expires in 72 hours."
    )


def send_invite_by_dm(
    *,
    session: Session,
    player_id: int,
    created_by_player_id: int | None,
    now: datetime,
    base_url: str,
    guild_name: str,
) -> InviteSent:
    """A fresh invite for the player, queued as a DM to their Discord account."""
    player = session.get(Player, player_id)
    if player is None:
        raise NotFound("That player does not exist.")
    discord = session.get(DiscordUser, player.discord_user_id) if player.discord_user_id else None
    if discord is None:
        raise InvalidInput(
            f"{player.display_name} has no Discord account linked: link one, or generate an "
            "invite to copy."
        )
    if not discord.is_present:
        raise InvalidInput(f"{discord.username} is no longer on the Discord server.")
    invite = create_invite(
        session=session, player_id=player_id, created_by_player_id=created_by_player_id, now=now
    )
    link = registration_link(base_url, invite.code)
    key = f"invite:{invite.code}"
    queue_dm(
        session=session,
        dedupe_key=key,
        discord_id=discord.discord_id,
        text=invite_text(guild_name=guild_name, code=invite.code, link=link),
        now=now,
        not_after=invite.expires_at,
        subject=f"invite:player:{player_id}",
    )
    return InviteSent(
        player_name=player.display_name,
        code=invite.code,
        link=link,
        expires_at=invite.expires_at,
        dedupe_key=key,
        discord_username=discord.username,
    )
