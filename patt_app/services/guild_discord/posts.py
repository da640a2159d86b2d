"""The posting service: one database-backed outbox for everything the guild says on Discord.

Anyone — a page, an API route, a job, the contest agent — queues a channel post with
`queue_post(...)` or a direct message with `queue_dm(...)`, in its own transaction. The one bot
(whichever worker runs it) claims due rows, sends them and records the Discord message id or
the failure. Each `dedupe_key` is a unique row, so a post queued twice — by two workers, or
again after a restart — is sent once. A row is marked `sending` before it goes out and is never
sent again after that (at most once: a crash mid-send leaves it `failed: interrupted`).
A post whose `not_after` has passed (a reminder after the raid started) is `skipped`, not sent
late. A DM queued as `private` (it carries an invite code or a password reset link) keeps its
text only until it is sent, given up or skipped: then the text is wiped, so those secrets are
never kept in the clear (their own tables store only hashes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from patt_app.models import DiscordPost
from patt_app.services.guild_discord.post_embeds import (
    DESCRIPTION_LIMIT,
    DM_LIMIT,
    FIELD_LIMIT,
    FIELDS_LIMIT,
    TITLE_LIMIT,
    Embed,
    EmbedField,
)
from patt_app.services.guild_discord.post_listing import (
    PostView,
    last_post_about,
    post_outcome,
    recent_posts,
)
from patt_app.services.guild_discord.post_queue import queue_dm, queue_post

__all__ = [
    "DESCRIPTION_LIMIT",
    "DM_LIMIT",
    "FIELDS_LIMIT",
    "FIELD_LIMIT",
    "INTERRUPTED_AFTER",
    "MAX_ATTEMPTS",
    "RETRY_AFTER",
    "TITLE_LIMIT",
    "Embed",
    "EmbedField",
    "OutgoingPost",
    "PostView",
    "claim_due_posts",
    "last_post_about",
    "post_outcome",
    "queue_dm",
    "queue_post",
    "recent_posts",
    "record_failed",
    "record_sent",
]

MAX_ATTEMPTS = 3
RETRY_AFTER = timedelta(seconds=30)
INTERRUPTED_AFTER = timedelta(minutes=2)


@dataclass(frozen=True)
class OutgoingPost:
    """A claimed row for the bot to send: an embed to a channel, or a DM's text."""

    id: int
    kind: str
    channel_id: str | None
    discord_id: str | None
    embed: Embed | None
    text: str
    raid_event_id: int | None = None  # a raid's roster post: send it with the answer buttons
    role_ask_id: int | None = None  # a role ask: send it with Yes / No


def _close_overdue(session: Session, now: datetime) -> None:
    """Give up on rows left `sending` by a bot that stopped mid-send, skip the queued ones too
    late to matter, and wipe the texts of private DMs now done with."""
    session.execute(
        update(DiscordPost)
        .where(col(DiscordPost.status) == "sending", col(DiscordPost.next_attempt_at) < now)
        .values(status="failed", error="interrupted while sending; not sent again")
    )
    session.execute(
        update(DiscordPost)
        .where(col(DiscordPost.status) == "queued", col(DiscordPost.not_after) < now)
        .values(status="skipped", error="too late to matter; not sent")
    )
    _wipe_private_texts(session)


def _due_rows(session: Session, now: datetime, limit: int) -> list[DiscordPost]:
    """Queued rows whose time has come, oldest first, locked (rows another bot's transaction
    holds are passed over)."""
    return list(
        session.exec(
            select(DiscordPost)
            .where(
                col(DiscordPost.status) == "queued",
                (col(DiscordPost.next_attempt_at).is_(None))
                | (col(DiscordPost.next_attempt_at) <= now),
            )
            .order_by(col(DiscordPost.id))
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
    )


def _outgoing(row: DiscordPost, channel: str | None) -> OutgoingPost:
    embed = row.payload.get("embed")
    return OutgoingPost(
        id=row.id,
        kind=row.kind,
        channel_id=channel if row.kind == "channel" else None,
        discord_id=row.discord_id,
        embed=Embed.from_payload(embed) if embed else None,
        text=row.payload.get("text", ""),
        raid_event_id=row.payload.get("raid_buttons"),
        role_ask_id=row.payload.get("role_ask"),
    )


def claim_due_posts(
    *, session: Session, now: datetime, default_channel_id: str | None, limit: int = 20
) -> list[OutgoingPost]:
    """Mark due rows `sending` and return them, oldest first; skip the ones too late to matter
    and give up on ones left `sending` by a bot that stopped mid-send."""
    _close_overdue(session, now)
    claimed = []
    for row in _due_rows(session, now, limit):
        channel = row.channel_id or default_channel_id
        if row.kind == "channel" and channel is None:
            row.status, row.error = "failed", "no channel: set the announcement channel"
            session.add(row)
            continue
        row.status, row.attempts = "sending", row.attempts + 1
        row.next_attempt_at = now + INTERRUPTED_AFTER
        session.add(row)
        claimed.append(_outgoing(row, channel))
    session.flush()
    return claimed


_WIPED = {"text": "", "private": True}


def _wipe_private_texts(session: Session) -> None:
    """Private DMs that are done with (sent, failed for good, skipped) lose their text."""
    session.execute(
        update(DiscordPost)
        .where(
            col(DiscordPost.status).in_(("sent", "failed", "skipped")),
            col(DiscordPost.payload)["private"].as_boolean().is_(True),
            col(DiscordPost.payload)["text"].as_string() != "",
        )
        .values(payload=_WIPED)
    )


def record_sent(*, session: Session, post_id: int, message_id: str | None, now: datetime) -> None:
    """The bot sent it: keep Discord's message id."""
    row = session.get(DiscordPost, post_id)
    if row is not None:
        row.status, row.sent_at, row.message_id, row.error = "sent", now, message_id, None
        session.add(row)
        session.flush()
        _wipe_private_texts(session)


def record_failed(
    *, session: Session, post_id: int, error: str, now: datetime, retry: bool
) -> None:
    """Sending failed. `retry` (a passing problem: Discord down, rate limited) queues it again
    after a pause, up to MAX_ATTEMPTS; otherwise (DMs closed, channel gone) it stays failed."""
    row = session.get(DiscordPost, post_id)
    if row is None:
        return
    row.error = error[:500]
    if retry and row.attempts < MAX_ATTEMPTS:
        row.status, row.next_attempt_at = "queued", now + RETRY_AFTER * row.attempts
    else:
        row.status = "failed"
    session.add(row)
    session.flush()
    _wipe_private_texts(session)
