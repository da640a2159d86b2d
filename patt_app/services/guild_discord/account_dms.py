"""Account links by direct message: registration invites (spec §3) and password reset links.
The player's Discord account gets the code or link; the officer learns whether the DM went out
or should copy the link instead. Both DMs are private: the outbox forgets their text once
they are sent (the codes and links themselves are stored only as hashes)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from patt_app.models import DiscordUser, Player
from patt_app.services.accounts.invites import create_invite, hash_code, registration_link
from patt_app.services.errors import InvalidInput
from patt_app.services.guild_discord.posts import queue_dm
from patt_app.services.statements import row_or_refuse


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


def reset_text(*, guild_name: str, link: str) -> str:
    return (
        f"An officer of {guild_name} made you a link to set a new password on the guild "
        f"platform:\n{link}\n"
        "It works once and expires in 72 hours. If you did not ask for it, tell an officer."
    )


def _present_discord(session: Session, player: Player, instead: str) -> DiscordUser:
    """The player's Discord account, if they can be sent a DM; else a refusal naming what
    to do `instead`."""
    discord = session.get(DiscordUser, player.discord_user_id) if player.discord_user_id else None
    if discord is None:
        raise InvalidInput(
            f"{player.display_name} has no Discord account linked: link one, or {instead}."
        )
    if not discord.is_present:
        raise InvalidInput(f"{discord.username} is no longer on the Discord server.")
    return discord


@dataclass(frozen=True)
class DmQueued:
    dedupe_key: str
    discord_username: str


def send_reset_link_by_dm(
    *,
    session: Session,
    player_id: int,
    link: str,
    expires_at: datetime,
    now: datetime,
    guild_name: str,
) -> DmQueued:
    """Queue a password reset link an officer just made (`issue_reset_link`) as a DM to the
    player's Discord account; once per link."""
    player = row_or_refuse(session, Player, player_id, "That player does not exist.")
    discord = _present_discord(session, player, "copy the link instead")
    key = f"reset:{hashlib.sha256(link.encode()).hexdigest()[:24]}"
    queue_dm(
        session=session,
        dedupe_key=key,
        discord_id=discord.discord_id,
        text=reset_text(guild_name=guild_name, link=link),
        now=now,
        not_after=expires_at,
        subject=f"reset:player:{player_id}",
        private=True,
    )
    return DmQueued(dedupe_key=key, discord_username=discord.username)


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
    player = row_or_refuse(session, Player, player_id, "That player does not exist.")
    discord = _present_discord(session, player, "generate an invite to copy")
    invite = create_invite(
        session=session, player_id=player_id, created_by_player_id=created_by_player_id, now=now
    )
    link = registration_link(base_url, invite.code)
    key = f"invite:{hash_code(invite.code)[:24]}"  # the code itself is never kept in the clear
    queue_dm(
        session=session,
        dedupe_key=key,
        discord_id=discord.discord_id,
        text=invite_text(guild_name=guild_name, code=invite.code, link=link),
        now=now,
        not_after=invite.expires_at,
        subject=f"invite:player:{player_id}",
        private=True,
    )
    return InviteSent(
        player_name=player.display_name,
        code=invite.code,
        link=link,
        expires_at=invite.expires_at,
        dedupe_key=key,
        discord_username=discord.username,
    )
