"""Reading the Discord outbox: where one post stands, the latest posts (for /admin/discord),
the last post about a subject."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from patt_app.models import DiscordPost


@dataclass(frozen=True)
class PostView:
    id: int
    dedupe_key: str
    kind: str
    title: str
    about_at: datetime | None  # the moment the post is about (a raid's start), if any
    status: str
    created_at: datetime
    sent_at: datetime | None
    error: str
    message_id: str


def post_outcome(*, session: Session, dedupe_key: str) -> PostView | None:
    """Where one post stands (e.g. to tell an officer whether an invite DM went out)."""
    row = session.exec(select(DiscordPost).where(col(DiscordPost.dedupe_key) == dedupe_key)).first()
    return _view(row) if row else None


def _view(row: DiscordPost) -> PostView:
    embed = row.payload.get("embed") or {}
    text = row.payload.get("text", "")
    return PostView(
        id=row.id,
        dedupe_key=row.dedupe_key,
        kind=row.kind,
        title=embed.get("title") or text.split("\n", 1)[0][:80],
        about_at=datetime.fromisoformat(embed["timestamp"]) if embed.get("timestamp") else None,
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
        .where(col(DiscordPost.subject) == subject, col(DiscordPost.kind) == "channel")
        .order_by(col(DiscordPost.id).desc())
        .limit(1)
    ).first()
