"""Registering with an invite code, and logging in with a Discord username and password."""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from patt_app.models import Player, User
from patt_app.services.accounts.discord_names import check_discord_name
from patt_app.services.accounts.invites import claim_invite
from patt_app.services.accounts.login_throttle import attempt_succeeded
from patt_app.services.accounts.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password
from patt_app.services.accounts.sessions import start_session
from patt_app.services.errors import InvalidInput, NotLoggedIn
from patt_app.services.reference.time_zones import timezone_names

USERNAME_PATTERN = re.compile(r"^[a-z0-9_.]{2,32}$")
MAX_PASSWORD_LENGTH = 256
LOGIN_FAILED = "Wrong Discord username or password."


def normalise_username(username: str) -> str:
    """Discord usernames are case-insensitive; we store them lower-case."""
    return username.strip().lstrip("@").lower()


def validate_new_password(password: str) -> None:
    """The rules for a new password: registration, change and reset alike."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(f"Passwords are limited to {MAX_PASSWORD_LENGTH} characters.")


def validate_new_credentials(username: str, password: str) -> str:
    """Check a username and password for a new account; returns the stored username."""
    name = normalise_username(username)
    if not USERNAME_PATTERN.fullmatch(name):
        raise InvalidInput(
            "Use your Discord username: 2–32 characters, letters, digits, '_' or '.'."
        )
    validate_new_password(password)
    return name


def register(*, session: Session, code: str, username: str, password: str, now: datetime) -> User:
    """Create an account for the invite's player, link it, and use up the code.

    Everything happens in the caller's transaction: a refusal leaves nothing behind.
    """
    name = validate_new_credentials(username, password)
    invite = claim_invite(session=session, code=code, now=now)
    player = session.get(Player, invite.player_id, with_for_update=True)
    if player is None or player.website_user_id is not None:
        raise InvalidInput("This invite's player already has an account. Log in instead.")
    if session.exec(select(col(User.id)).where(col(User.discord_username) == name)).first():
        raise InvalidInput("That username already has an account.")
    check_discord_name(session=session, name=name, player_id=player.id, now=now)
    user = User(
        discord_username=name,
        password_hash=hash_password(password),
        created_at=now,
        last_login_at=now,
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError as exc:
        raise InvalidInput("That username already has an account.") from exc
    player.website_user_id = user.id
    invite.used_at = now
    session.add_all([player, invite])
    session.flush()
    return user


def authenticate(
    *,
    session: Session,
    username: str,
    password: str,
    client: str,
    now: datetime,
) -> User:
    """The user for these credentials. Failures say nothing about which part was wrong. The
    attempt was counted beforehand (`login_throttle.count_attempt`); a success takes it back."""
    name = normalise_username(username)
    if len(password) > MAX_PASSWORD_LENGTH:  # no account has one; don't spend a hash on it
        raise NotLoggedIn(LOGIN_FAILED)
    user = session.exec(select(User).where(col(User.discord_username) == name)).first()
    matches, new_hash = (False, None)
    if user is not None and user.is_active:
        matches, new_hash = verify_password(password, user.password_hash)
    else:
        verify_password(password, _dummy_hash())  # same work either way: no timing hint
    if user is None or not matches:  # no account never matches (the dummy hash)
        raise NotLoggedIn(LOGIN_FAILED)
    attempt_succeeded(session=session, client=client, name=name)
    if new_hash:
        user.password_hash = new_hash  # bcrypt (or outdated argon2) upgraded on login
    user.last_login_at = now
    session.add(user)
    session.flush()
    return user


@cache
def _dummy_hash() -> str:
    """What an unknown name's password is checked against, made with the current parameters."""
    return hash_password("not-a-real-password")


def log_in(
    *,
    session: Session,
    username: str,
    password: str,
    client: str,
    user_agent: str,
    now: datetime,
    hours: int,
) -> str:
    """Check the credentials and open a session; returns its token (the login page and the
    JSON login both use this)."""
    user = authenticate(
        session=session, username=username, password=password, client=client, now=now
    )
    return start_session(
        session=session,
        user_id=user.id,
        now=now,
        hours=hours,
        user_agent=user_agent,
        ip_address=client,
    )


def register_and_log_in(
    *,
    session: Session,
    code: str,
    username: str,
    password: str,
    timezone: str,
    client: str,
    user_agent: str,
    now: datetime,
    hours: int,
) -> str:
    """`register`, adopt the browser's `timezone` for the player when it is a known IANA zone
    (an odd one is no reason to refuse), and open a session; returns its token."""
    user = register(session=session, code=code, username=username, password=password, now=now)
    attempt_succeeded(session=session, client=client, name=None)
    if timezone in timezone_names():
        player = session.exec(select(Player).where(col(Player.website_user_id) == user.id)).one()
        player.timezone = timezone
        session.add(player)
    return start_session(
        session=session,
        user_id=user.id,
        now=now,
        hours=hours,
        user_agent=user_agent,
        ip_address=client,
    )
