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

from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col, select

from patt_app.models import DiscordPost
from patt_app.services.errors import InvalidInput

MAX_ATTEMPTS = 3
RETRY_AFTER = timedelta(seconds=30)
INTERRUPTED_AFTER = timedelta(minutes=2)
# Discord's own limits for an embed.
TITLE_LIMIT, DESCRIPTION_LIMIT, FIELD_LIMIT, FIELDS_LIMIT, DM_LIMIT = 256, 4096, 1024, 25, 2000


@dataclass(frozen=True)
class EmbedField:
    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True)
class Embed:
    """A Discord embed as plain data. `colour` is 0xRRGGBB; `mentions` are Discord user ids
    pinged in the message text above the embed (Discord never pings from inside an embed)."""

    title: str
    description: str = ""
    colour: int = 0xD4A84B
    fields: tuple[EmbedField, ...] = ()
    timestamp: datetime | None = None
    url: str | None = None
    footer: str | None = None
    mentions: tuple[str, ...] = ()

    def to_payload(self) -> dict[str, Any]:
        data = asdict(self)
        data["timestamp"] = self.timestamp.isoformat() if self.timestamp else None
        return data

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> Embed:
        stamp = data.get("timestamp")
        return cls(
            title=data["title"],
            description=data.get("description", ""),
            colour=data.get("colour", 0xD4A84B),
            fields=tuple(EmbedField(**f) for f in data.get("fields", ())),
            timestamp=datetime.fromisoformat(stamp) if stamp else None,
            url=data.get("url"),
            footer=data.get("footer"),
            mentions=tuple(data.get("mentions", ())),
        )


@dataclass(frozen=True)
class OutgoingPost:
    """A claimed row for the bot to send: an embed to a channel, or a DM's text."""

    id: int
    kind: str
    channel_id: str | None
    discord_id: str | None
    embed: Embed | None
    text: str
    attempts: int


@dataclass(frozen=True)
class PostView:
    id: int
    dedupe_key: str
    kind: str
    title: str
    status: str
    created_at: datetime
    sent_at: datetime | None
    error: str
    message_id: str


def _checked_embed(embed: Embed) -> None:
    if not embed.title.strip() or len(embed.title) > TITLE_LIMIT:
        raise InvalidInput(f"A post needs a title of 1 to {TITLE_LIMIT} characters.")
    if len(embed.description) > DESCRIPTION_LIMIT:
        raise InvalidInput(f"A post's text is limited to {DESCRIPTION_LIMIT} characters.")
    if len(embed.fields) > FIELDS_LIMIT or any(len(f.value) > FIELD_LIMIT for f in embed.fields):
        raise InvalidInput(f"A post has at most {FIELDS_LIMIT} fields of {FIELD_LIMIT} characters.")
    if not 0 <= embed.colour <= 0xFFFFFF:
        raise InvalidInput("An embed colour is 0x000000 to 0xFFFFFF.")


def _insert(session: Session, values: dict[str, Any]) -> bool:
    result = session.execute(
        insert(DiscordPost)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(DiscordPost.id)
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
) -> bool:
    """Queue `embed` for `channel_id` (None: the default announcement channel when it is sent).
    Returns False when `dedupe_key` was queued before (then nothing changes)."""
    _checked_embed(embed)
    return _insert(
        session,
        {
            "dedupe_key": dedupe_key,
            "kind": "channel",
            "channel_id": channel_id,
            "subject": subject,
            "payload": {"embed": embed.to_payload()},
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
) -> bool:
    """Queue a direct message to the member with Discord id `discord_id`. Returns False when
    `dedupe_key` was queued before. `private`: the text holds a secret and is wiped once the
    DM is sent or given up."""
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
            "payload": {"text": text, "private": private},
            "not_after": not_after,
            "created_at": now,
            "status": "queued",
        },
    )


def claim_due_posts(
    *, session: Session, now: datetime, default_channel_id: str | None, limit: int = 20
) -> list[OutgoingPost]:
    """Mark due rows `sending` and return them, oldest first; skip the ones too late to matter
    and give up on ones left `sending` by a bot that stopped mid-send."""
    session.execute(
        update(DiscordPost)
        .where(DiscordPost.status == "sending", DiscordPost.next_attempt_at < now)
        .values(status="failed", error="interrupted while sending; not sent again")
    )
    session.execute(
        update(DiscordPost)
        .where(DiscordPost.status == "queued", DiscordPost.not_after < now)
        .values(status="skipped", error="too late to matter; not sent")
    )
    _wipe_private_texts(session)
    rows = session.exec(
        select(DiscordPost)
        .where(
            DiscordPost.status == "queued",
            (DiscordPost.next_attempt_at.is_(None)) | (DiscordPost.next_attempt_at <= now),
        )
        .order_by(col(DiscordPost.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    claimed = []
    for row in rows:
        channel = row.channel_id or default_channel_id
        if row.kind == "channel" and channel is None:
            row.status, row.error = "failed", "no channel: set the announcement channel"
            session.add(row)
            continue
        row.status, row.attempts = "sending", row.attempts + 1
        row.next_attempt_at = now + INTERRUPTED_AFTER
        session.add(row)
        embed = row.payload.get("embed")
        claimed.append(
            OutgoingPost(
                id=row.id,
                kind=row.kind,
                channel_id=channel if row.kind == "channel" else None,
                discord_id=row.discord_id,
                embed=Embed.from_payload(embed) if embed else None,
                text=row.payload.get("text", ""),
                attempts=row.attempts,
            )
        )
    session.flush()
    return claimed


_WIPED = {"text": "", "private": True}


def _wipe_private_texts(session: Session) -> None:
    """Private DMs that are done with (sent, failed for good, skipped) lose their text."""
    session.execute(
        update(DiscordPost)
        .where(
            col(DiscordPost.status).in_(("sent", "failed", "skipped")),
            DiscordPost.payload["private"].as_boolean().is_(True),
            DiscordPost.payload["text"].as_string() != "",
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


def post_outcome(*, session: Session, dedupe_key: str) -> PostView | None:
    """Where one post stands (e.g. to tell an officer whether an invite DM went out)."""
    row = session.exec(select(DiscordPost).where(DiscordPost.dedupe_key == dedupe_key)).first()
    return _view(row) if row else None


def _view(row: DiscordPost) -> PostView:
    embed = row.payload.get("embed") or {}
    text = row.payload.get("text", "")
    return PostView(
        id=row.id,
        dedupe_key=row.dedupe_key,
        kind=row.kind,
        title=(embed.get("title") or text.split("\n", 1)[0][:80])
        + (
            f" · {datetime.fromisoformat(embed['timestamp']).astimezone(UTC):%a %d %b %H:%M} UTC"
            if embed.get("timestamp")
            else ""
        ),
        status=row.status,
        created_at=row.created_at,
        sent_at=row.sent_at,
        error=row.error or "",
        message_id=row.message_id or "",
    )


def recent_posts(*, session: Session, limit: int = 20) -> list[PostView]:
    """The latest queued, sent, failed and skipped posts, newest first."""
    rows = session.exec(select(DiscordPost).order_by(col(DiscordPost.id).desc()).limit(limit))
    return [_view(row) for row in rows.all()]


def last_post_about(*, session: Session, subject: str) -> DiscordPost | None:
    """The newest post about `subject` (e.g. "raid_event:12"), whatever became of it."""
    return session.exec(
        select(DiscordPost)
        .where(DiscordPost.subject == subject, DiscordPost.kind == "channel")
        .order_by(col(DiscordPost.id).desc())
        .limit(1)
    ).first()
