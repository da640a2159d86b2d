"""Login sessions: a random 256-bit token for the client, only its SHA-256 in the database."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from patt_app.models import GuildRank, Player, User, UserSession
from patt_app.services.reference.reference_data import OFFICER_LEVEL

LAST_SEEN_RESOLUTION = timedelta(minutes=5)


@dataclass(frozen=True)
class Viewer:
    """Who is asking: a logged-in account and the player behind it."""

    user_id: int
    session_id: int
    username: str
    player_id: int | None
    display_name: str
    rank_level: int
    rank_name: str
    session_expires_at: datetime | None = None  # None: never (tests' hand-made viewers)

    @property
    def is_officer(self) -> bool:
        return self.rank_level >= OFFICER_LEVEL


@dataclass(frozen=True)
class SessionInfo:
    """One row of "your sessions"."""

    id: int
    created_at: datetime
    last_seen_at: datetime | None
    expires_at: datetime
    user_agent: str
    ip_address: str


def hash_token(token: str) -> str:
    """What is stored for a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(
    *,
    session: Session,
    user_id: int,
    now: datetime,
    hours: int,
    user_agent: str = "",
    ip_address: str = "",
) -> str:
    """Open a session for a user; returns the token to hand to the client (never stored)."""
    token = secrets.token_urlsafe(32)
    session.add(
        UserSession(
            user_id=user_id,
            token_hash=hash_token(token),
            created_at=now,
            expires_at=now + timedelta(hours=hours),
            last_seen_at=now,
            user_agent=user_agent[:512] or None,
            ip_address=ip_address[:64] or None,
        )
    )
    session.flush()
    return token


def resolve_session(*, session: Session, token: str, now: datetime) -> Viewer | None:
    """The viewer behind a token, or None when it is unknown, expired, revoked or disabled."""
    return resolve_sessions(session=session, tokens=[token], now=now)[token]


def resolve_sessions(
    *, session: Session, tokens: list[str], now: datetime
) -> dict[str, Viewer | None]:
    """`resolve_session` for many tokens in one query (a live redraw re-checks every tab it
    reaches): each token maps to its viewer, or None."""
    by_hash = {hash_token(t): t for t in tokens if t}
    found: dict[str, Viewer | None] = dict.fromkeys(tokens)
    if not by_hash:
        return found
    rows = session.exec(
        select(UserSession, User, Player, GuildRank)
        .join(User, User.id == UserSession.user_id)
        .outerjoin(Player, Player.website_user_id == User.id)
        .outerjoin(GuildRank, GuildRank.id == Player.guild_rank_id)
        .where(
            col(UserSession.token_hash).in_(list(by_hash)),
            UserSession.revoked_at.is_(None),
            UserSession.expires_at > now,
            User.is_active,
        )
    ).all()
    for user_session, user, player, rank in rows:
        found[by_hash[user_session.token_hash]] = _viewer(
            session, now, user_session, user, player, rank
        )
    return found


def _viewer(
    session: Session,
    now: datetime,
    user_session: UserSession,
    user: User,
    player: Player | None,
    rank: GuildRank | None,
) -> Viewer:
    if user_session.last_seen_at is None or now - user_session.last_seen_at > LAST_SEEN_RESOLUTION:
        user_session.last_seen_at = now
        session.add(user_session)
    active_player = player if player is not None and player.is_active else None
    return Viewer(
        user_id=user.id,
        session_id=user_session.id,
        username=user.discord_username,
        player_id=active_player.id if active_player else None,
        display_name=player.display_name if player else user.discord_username,
        rank_level=rank.level if rank and active_player else 0,
        rank_name=rank.name if rank and active_player else "",
        session_expires_at=user_session.expires_at,
    )


def end_session(*, session: Session, token: str, now: datetime) -> None:
    """Log out this one session."""
    session.execute(
        update(UserSession)
        .where(UserSession.token_hash == hash_token(token), UserSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def end_all_sessions(*, session: Session, user_id: int, now: datetime) -> int:
    """Log out everywhere; returns how many sessions were ended. The account's calendar link
    stops working too (the member makes a new one on the raids page)."""
    session.execute(
        update(Player).where(Player.website_user_id == user_id).values(calendar_token_hash=None)
    )
    result = session.execute(
        update(UserSession)
        .where(
            UserSession.user_id == user_id,
            UserSession.revoked_at.is_(None),
            UserSession.expires_at > now,
        )
        .values(revoked_at=now)
    )
    return result.rowcount or 0


def list_sessions(*, session: Session, user_id: int, now: datetime) -> list[SessionInfo]:
    """The user's sessions that still work, newest first."""
    rows = session.exec(
        select(UserSession)
        .where(
            UserSession.user_id == user_id,
            UserSession.revoked_at.is_(None),
            UserSession.expires_at > now,
        )
        .order_by(col(UserSession.created_at).desc())
    ).all()
    return [
        SessionInfo(
            id=r.id,
            created_at=r.created_at,
            last_seen_at=r.last_seen_at,
            expires_at=r.expires_at,
            user_agent=r.user_agent or "",
            ip_address=r.ip_address or "",
        )
        for r in rows
    ]
