"""Queueing in the Discord outbox: a channel post (`queue_post`) or a direct message
(`queue_dm`), each row once for ever by its `dedupe_key` (see `posts`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col

from patt_app.models import DiscordPost
from patt_app.services.errors import InvalidInput
from patt_app.services.guild_discord.post_embeds import DM_LIMIT, Embed, checked_embed


def _insert(session: Session, values: dict[str, Any]) -> bool:
    result = session.execute(
        insert(DiscordPost)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(col(DiscordPost.id))
    )
    return result.first() is not None


def queue_post(
    *,
    session: Session,
    dedupe_key: str,
    embed: Embed,
    now: datetime,
    channel_id: str | None = None,
    not_after: datetime | None = None,
    subject: str | None = None,
    buttons_for_event: int | None = None,
) -> bool:
    """Queue `embed` for `channel_id` (None: the default announcement channel when it is sent).
    `buttons_for_event`: the post carries that raid's answer buttons. Returns False when
    `dedupe_key` was queued before (then nothing changes)."""
    checked_embed(embed)
    payload: dict[str, Any] = {"embed": embed.to_payload()}
    if buttons_for_event is not None:
        payload["raid_buttons"] = buttons_for_event
    return _insert(
        session,
        {
            "dedupe_key": dedupe_key,
            "kind": "channel",
            "channel_id": channel_id,
            "subject": subject,
            "payload": payload,
            "not_after": not_after,
            "created_at": now,
            "status": "queued",
        },
    )


def queue_dm(
    *,
    session: Session,
    dedupe_key: str,
    discord_id: str,
    text: str,
    now: datetime,
    not_after: datetime | None = None,
    subject: str | None = None,
    private: bool = False,
    buttons_for_event: int | None = None,
    role_ask: int | None = None,
) -> bool:
    """Queue a direct message to the member with Discord id `discord_id`. Returns False when
    `dedupe_key` was queued before. `private`: the text holds a secret and is wiped once the
    DM is sent or given up. `role_ask`: the DM carries that ask's Yes / No buttons."""
    if not text.strip() or len(text) > DM_LIMIT:
        raise InvalidInput(f"A direct message is 1 to {DM_LIMIT} characters.")
    if not discord_id.isdigit():
        raise InvalidInput("A Discord id is a number.")
    return _insert(
        session,
        {
            "dedupe_key": dedupe_key,
            "kind": "dm",
            "discord_id": discord_id,
            "subject": subject,
            "payload": {"text": text, "private": private}
            | ({"raid_buttons": buttons_for_event} if buttons_for_event is not None else {})
            | ({"role_ask": role_ask} if role_ask is not None else {}),
            "not_after": not_after,
            "created_at": now,
            "status": "queued",
        },
    )
