"""A member changing their own password, and the one-time reset link an officer makes for a
member who forgot theirs (valid 72 hours, single use, only its SHA-256 stored)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from patt_app.models import PasswordReset, Player, User, UserSession
from patt_app.services.accounts.login_throttle import attempt_succeeded
from patt_app.services.accounts.one_time_secrets import expire_unused
from patt_app.services.accounts.passwords import hash_password, verify_password
from patt_app.services.accounts.registration import MAX_PASSWORD_LENGTH, validate_new_password
from patt_app.services.accounts.sessions import end_all_sessions, hash_token
from patt_app.services.errors import InvalidInput, InviteInvalid, NotAllowed
from patt_app.services.reference.officers import ensure_may_act_on
from patt_app.services.statements import row_or_refuse, rows_changed

RESET_LIFETIME = timedelta(hours=72)
RESET_PATH = "/reset-password"
UNUSABLE_RESET = (
    "That reset link can't be used: it is unknown, already used or expired. "
    "Ask an officer for a new one."
)
WRONG_CURRENT = "Your current password is not right."


def _end_sessions(session: Session, user_id: int, now: datetime, keep: int | None) -> int:
    statement = update(UserSession).where(
        col(UserSession.user_id) == user_id,
        col(UserSession.revoked_at).is_(None),
        col(UserSession.expires_at) > now,
    )
    if keep is not None:
        statement = statement.where(col(UserSession.id) != keep)
    return rows_changed(session.execute(statement.values(revoked_at=now)))


def change_password(
    *,
    session: Session,
    user_id: int,
    current_password: str,
    new_password: str,
    keep_session_id: int,
    client: str,
    now: datetime,
) -> int:
    """Set a new password after checking the current one (same rules as registration); every
    other session of the account is logged out. Returns how many were. The attempt was
    counted beforehand like a login (`login_throttle.count_attempt`); a success takes it back."""
    user = session.get(User, user_id, with_for_update=True)
    if user is None or not user.is_active:
        raise NotAllowed("Log in first.")
    if len(current_password) > MAX_PASSWORD_LENGTH:
        raise NotAllowed(WRONG_CURRENT)
    matches, _ = verify_password(current_password, user.password_hash)
    if not matches:
        raise NotAllowed(WRONG_CURRENT)
    validate_new_password(new_password)
    if new_password == current_password:
        raise InvalidInput("Choose a password different from the current one.")
    attempt_succeeded(session=session, client=client, name=user.discord_username)
    user.password_hash = hash_password(new_password)
    session.add(user)
    ended = _end_sessions(session, user.id, now, keep_session_id)
    session.flush()
    return ended


@dataclass(frozen=True)
class IssuedReset:
    """A new reset link, shown once (only its hash is stored)."""

    player_name: str
    username: str
    url: str
    expires_at: datetime


def reset_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}{RESET_PATH}?token={token}"


def issue_reset_link(
    *,
    session: Session,
    player_id: int,
    created_by_player_id: int | None,
    now: datetime,
    base_url: str,
) -> IssuedReset:
    """A one-time link for the player's account to set a new password (72 h). Earlier unused
    links for the account stop working. The link is in the answer only: show it, or send it
    by Discord DM."""
    player = row_or_refuse(session, Player, player_id, "That player does not exist.")
    user = session.get(User, player.website_user_id) if player.website_user_id else None
    if user is None:
        raise InvalidInput(f"{player.display_name} has no account yet; send an invite instead.")
    if not user.is_active:
        raise InvalidInput(f"{player.display_name}'s account is disabled.")
    ensure_may_act_on(
        session=session, actor_player_id=created_by_player_id, target_player_id=player_id
    )
    expire_unused(session, PasswordReset, col(PasswordReset.user_id), user.id, now)
    token = secrets.token_urlsafe(32)
    reset = PasswordReset(
        user_id=user.id,
        token_hash=hash_token(token),
        created_by_player_id=created_by_player_id,
        expires_at=now + RESET_LIFETIME,
        created_at=now,
    )
    session.add(reset)
    session.flush()
    return IssuedReset(
        player.display_name, user.discord_username, reset_url(base_url, token), reset.expires_at
    )


def reset_password(
    *, session: Session, token: str, new_password: str, client: str, now: datetime
) -> str:
    """Set a new password from a reset link and use the link up; every session of the account
    is logged out. Unknown, used and expired links get one message. Returns the username. The
    attempt was counted beforehand like an invite code (`count_attempt` with no name)."""
    reset = session.exec(
        select(PasswordReset)
        .where(col(PasswordReset.token_hash) == hash_token(token.strip()))
        .with_for_update()
    ).first()
    user = session.get(User, reset.user_id) if reset is not None else None
    if reset is None or reset.used_at is not None or reset.expires_at <= now or user is None:
        raise InviteInvalid(UNUSABLE_RESET)  # one message: a guesser learns nothing
    if not user.is_active:
        raise InviteInvalid(UNUSABLE_RESET)
    validate_new_password(new_password)
    attempt_succeeded(session=session, client=client, name=None)
    user.password_hash = hash_password(new_password)
    reset.used_at = now
    session.add_all([user, reset])
    _end_sessions(session, user.id, now, keep=None)
    session.flush()
    return user.discord_username


def log_player_out_everywhere(
    *, session: Session, player_id: int, actor_player_id: int | None, now: datetime
) -> tuple[str, int]:
    """An officer ends every login of a player's account (a lost laptop, a shared password):
    (the player's name, how many sessions ended). Refused for a rank at or above the officer's."""
    player = row_or_refuse(session, Player, player_id, "That player does not exist.")
    if player.website_user_id is None:
        raise InvalidInput(f"{player.display_name} has no account.")
    ensure_may_act_on(session=session, actor_player_id=actor_player_id, target_player_id=player_id)
    return player.display_name, end_all_sessions(
        session=session, user_id=player.website_user_id, now=now
    )
