"""Whose Discord username a new account may take: not one linked to another player, and,
while the bot is connected and has read the server's members, only a member of the server
(so an invite can't be used to register under an officer's name first)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from patt_app.models import DiscordBotStatus, DiscordUser, Player
from patt_app.services.errors import InvalidInput

# The bot reports every couple of seconds; older than this, it is not running any more.
BOT_STALE_AFTER = timedelta(seconds=30)
BOT_STATUS_ID = 1


def bot_knows_members(*, session: Session, now: datetime) -> bool:
    """The bot is connected (fresh heartbeat) and has read the server's members at least once."""
    row = session.get(DiscordBotStatus, BOT_STATUS_ID)
    return (
        row is not None
        and row.connected
        and row.heartbeat_at is not None
        and now - row.heartbeat_at < BOT_STALE_AFTER
        and row.last_member_sync is not None
    )


def check_discord_name(*, session: Session, name: str, player_id: int, now: datetime) -> None:
    """Refuse `name` (normalised) for `player_id`'s new account when it is another player's
    Discord account, or, with the bot connected, nobody on the guild's server."""
    accounts = session.exec(
        select(col(DiscordUser.id), col(DiscordUser.is_present)).where(
            func.lower(col(DiscordUser.username)) == name
        )
    ).all()
    ids = [account_id for account_id, _ in accounts]
    if ids:
        owner = session.exec(
            select(col(Player.id)).where(
                col(Player.discord_user_id).in_(ids), col(Player.id) != player_id
            )
        ).first()
        if owner is not None:
            raise InvalidInput(
                "That Discord username belongs to another member of the guild. Use your own "
                "Discord username, or ask an officer if this is yours."
            )
    if bot_knows_members(session=session, now=now) and not any(p for _, p in accounts):
        raise InvalidInput(
            "That Discord username is not on the guild's Discord server. Join the server "
            "first (or check the spelling: your username, not your display name)."
        )
