"""The player manager's account links: an invite code or a password reset link, shown once to
copy or sent by DM through the bot, and following that DM until it is sent or failed.

Plain helpers that AdminPlayersState's event handlers call with themselves (the handlers stay
on the state, so pages and the permission table reach them as before)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from patt_app.db import run_in_session
from patt_app.services.accounts.invites import create_invite, registration_link
from patt_app.services.accounts.password_change import issue_reset_link
from patt_app.services.errors import InvalidInput
from patt_app.services.guild_discord.account_dms import send_invite_by_dm, send_reset_link_by_dm
from patt_app.services.guild_discord.bot_status import read_status
from patt_app.services.guild_discord.posts import post_outcome
from patt_app.settings import get_settings
from patt_app.states.form_values import record_id

if TYPE_CHECKING:
    from patt_app.states.admin.players import AdminPlayersState

BOT_OFFLINE = "The Discord bot is not connected — copy the link instead."


def clear_dm(state: AdminPlayersState) -> None:
    state.dm_state, state.dm_message, state._dm_key = "", "", ""


async def _bot_connected(now: datetime) -> bool:
    settings = get_settings()
    status = await run_in_session(read_status, configured=settings.discord_enabled, now=now)
    return bool(status.connected)


async def new_invite(state: AdminPlayersState, player_id: int) -> None:
    """A fresh invite code to copy, shown this once (only its hash is stored)."""
    invite = await run_in_session(
        create_invite,
        player_id=record_id(player_id, "player"),
        created_by_player_id=state.actor.player_id,
        now=datetime.now(UTC),
    )
    state.invite_player = next(
        (p.display_name for p in state.players if p.id == invite.player_id), ""
    )
    state.invite_code = invite.code
    state.invite_link = registration_link(get_settings().public_base_url, invite.code)
    state.invite_expires = invite.expires_at.isoformat()  # shown in the officer's zone
    clear_dm(state)


async def invite_by_dm(state: AdminPlayersState, player_id: int) -> tuple[bool, str]:
    """A fresh invite sent by DM; (whether it is on its way, the toast to show)."""
    settings, now = get_settings(), datetime.now(UTC)
    if not await _bot_connected(now):
        await new_invite(state, player_id)
        state.dm_state, state.dm_message = "failed", BOT_OFFLINE
        return False, BOT_OFFLINE
    sent = await run_in_session(
        send_invite_by_dm,
        player_id=record_id(player_id, "player"),
        created_by_player_id=state.actor.player_id,
        now=now,
        base_url=settings.public_base_url,
        guild_name=settings.guild_name,
    )
    state.invite_player, state.invite_code, state.invite_link = (
        sent.player_name,
        sent.code,
        sent.link,
    )
    state.invite_expires = sent.expires_at.isoformat()  # shown in the officer's zone
    state._dm_key = sent.dedupe_key
    state.dm_state = "sending"
    state.dm_message = f"Sending the invite to @{sent.discord_username} by DM…"
    return True, f"Invite created for {sent.player_name}; sending it by DM."


async def follow_dm(state: AdminPlayersState) -> None:
    """Follow the DM of the open dialog (the bot announces "discord" when it sent or failed
    one)."""
    if not state._dm_key or state.dm_state != "sending":
        return
    outcome = await run_in_session(post_outcome, dedupe_key=state._dm_key)
    if outcome is None or outcome.status in ("queued", "sending"):
        return
    if outcome.status == "sent":
        state.dm_state = "sent"
        state.dm_message = "Sent by DM. They can also use the link below."
    else:
        state.dm_state = "failed"
        state.dm_message = "DM failed — copy the link instead."


async def new_reset_link(state: AdminPlayersState, player_id: int) -> str:
    """A one-time password reset link (72 h), shown once; returns the player's name."""
    issued = await run_in_session(
        issue_reset_link,
        player_id=record_id(player_id, "player"),
        created_by_player_id=state.actor.player_id,
        now=datetime.now(UTC),
        base_url=get_settings().public_base_url,
    )
    state.reset_player = issued.player_name
    state.reset_link = issued.url
    state.reset_expires = issued.expires_at.isoformat()  # shown in the officer's zone
    state._reset_player_id, state._reset_expires_at = (
        record_id(player_id),
        issued.expires_at.isoformat(),
    )
    card = next((p for p in state.players if p.id == state._reset_player_id), None)
    state.reset_can_dm = card is not None and card.discord_user_id > 0
    clear_dm(state)
    return str(issued.player_name)


async def reset_link_by_dm(state: AdminPlayersState) -> tuple[bool, str]:
    """The reset link on screen sent by DM; (whether it is on its way, the toast to show)."""
    if not state.reset_link:
        raise InvalidInput("Make a reset link first.")
    settings, now = get_settings(), datetime.now(UTC)
    if not await _bot_connected(now):
        state.dm_state, state.dm_message = "failed", BOT_OFFLINE
        return False, BOT_OFFLINE
    queued = await run_in_session(
        send_reset_link_by_dm,
        player_id=state._reset_player_id,
        link=state.reset_link,
        expires_at=datetime.fromisoformat(state._reset_expires_at),
        now=now,
        guild_name=settings.guild_name,
    )
    state._dm_key, state.dm_state = queued.dedupe_key, "sending"
    state.dm_message = f"Sending the link to @{queued.discord_username} by DM…"
    return True, f"Sending the reset link to {state.reset_player} by DM."
