"""Login sessions: a random 256-bit token for the client, only its SHA-256 in the database."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from http.cookies import CookieError, SimpleCookie
from urllib.parse import quote

from sqlalchemy import ColumnElement, update
from sqlmodel import Session, col, select

from patt_app.models import GuildRank, Player, User, UserSession
from patt_app.services.errors import NotLoggedIn
from patt_app.services.reference.reference_data import OFFICER_LEVEL
from patt_app.services.statements import record_from, rows_changed

LAST_SEEN_RESOLUTION = timedelta(minutes=5)
# The browser keeps its token in this HttpOnly cookie, set by `/auth/session` (api/browser_session.py);
# the pages (their websocket's handshake), `/_upload`'s gate and the Battle.net callback read it.
SESSION_COOKIE = "patt_session"
# How long a page's login waits for the browser to trade its one-time code for the cookie, and
# the HTTP answers that set and clear that cookie (api/browser_session.py).
HANDOFF = timedelta(minutes=1)
HANDOFF_PATH = "/auth/session"
LOGOUT_PATH = "/auth/logout"


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


@lru_cache(maxsize=4096)
def token_in_cookies(cookie_header: str) -> str:
    """The session token in a request's `Cookie` header, or "". Kept per header: every live
    redraw of a tab checks its viewer, and parsing a cookie header is slow."""
    try:
        morsel = SimpleCookie(cookie_header).get(SESSION_COOKIE)
    except CookieError:
        return ""
    return morsel.value if morsel else ""


def safe_next(path: str | None) -> str:
    """Where to go after logging in or out: only paths on this site."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


def handoff_address(code: str, next_path: str | None) -> str:
    """Where a page sends the browser with its one-time code, to come back at `next_path`."""
    return f"{HANDOFF_PATH}?code={quote(code)}&next={quote(safe_next(next_path))}"


def logout_address(next_path: str) -> str:
    """Where a page sends the browser to drop its session cookie, to come back at `next_path`."""
    return f"{LOGOUT_PATH}?next={quote(safe_next(next_path))}"


def _still_working(now: datetime) -> tuple[ColumnElement[bool], ...]:
    """The conditions of a session that still works: not ended, not expired."""
    return (col(UserSession.revoked_at).is_(None), col(UserSession.expires_at) > now)


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


def park_for_browser(*, session: Session, token: str, now: datetime) -> str:
    """Put a session a page's login just opened behind a one-time code, good for `HANDOFF`:
    the browser trades it at `/auth/session` for its HttpOnly cookie, so the session token
    itself never reaches page code. The token stops working; returns the code."""
    code = secrets.token_urlsafe(32)
    parked = session.execute(
        update(UserSession)
        .where(
            col(UserSession.token_hash) == hash_token(token), col(UserSession.revoked_at).is_(None)
        )
        .values(
            token_hash=hash_token(secrets.token_urlsafe(32)),  # nothing opens it until traded
            handoff_hash=hash_token(code),
            expires_at=now + HANDOFF,
        )
    )
    if not rows_changed(parked):
        raise NotLoggedIn("That login has ended: log in again.")
    return code


def trade_for_token(*, session: Session, code: str, now: datetime, hours: int) -> str:
    """The session token for a one-time code from `park_for_browser` (once, within `HANDOFF`);
    the session then lasts `hours` from now."""
    token = secrets.token_urlsafe(32)
    traded = session.execute(
        update(UserSession)
        .where(
            col(UserSession.handoff_hash) == hash_token(code),
            *_still_working(now),
        )
        .values(
            token_hash=hash_token(token),
            handoff_hash=None,
            expires_at=now + timedelta(hours=hours),
            last_seen_at=now,
        )
    )
    if not rows_changed(traded):
        raise NotLoggedIn("That login link has expired or was used already: log in again.")
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
        .join(User, col(User.id) == col(UserSession.user_id))
        .outerjoin(Player, col(Player.website_user_id) == col(User.id))
        .outerjoin(GuildRank, col(GuildRank.id) == col(Player.guild_rank_id))
        .where(
            col(UserSession.token_hash).in_(list(by_hash)),
            *_still_working(now),
            col(User.is_active),
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
        .where(
            col(UserSession.token_hash) == hash_token(token), col(UserSession.revoked_at).is_(None)
        )
        .values(revoked_at=now)
    )


def end_all_sessions(*, session: Session, user_id: int, now: datetime) -> int:
    """Log out everywhere; returns how many sessions were ended. The account's calendar link
    stops working too (the member makes a new one on the raids page)."""
    session.execute(
        update(Player)
        .where(col(Player.website_user_id) == user_id)
        .values(calendar_token_hash=None)
    )
    result = session.execute(
        update(UserSession)
        .where(
            col(UserSession.user_id) == user_id,
            *_still_working(now),
        )
        .values(revoked_at=now)
    )
    return rows_changed(result)


def list_sessions(*, session: Session, user_id: int, now: datetime) -> list[SessionInfo]:
    """The user's sessions that still work, newest first."""
    rows = session.exec(
        select(UserSession)
        .where(
            col(UserSession.user_id) == user_id,
            *_still_working(now),
            col(UserSession.handoff_hash).is_(None),
        )
        .order_by(col(UserSession.created_at).desc())
    ).all()
    return [
        record_from(SessionInfo, r, user_agent=r.user_agent or "", ip_address=r.ip_address or "")
        for r in rows
    ]
