"""What a login refuses and records, exactly: a disabled account is refused even with its
password, the longest password a member may choose still logs in, a login lists the browser
and address it came from, and a success wipes that address's failed tries on the name."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from patt_app.models import LoginFailure, User, UserSession
from patt_app.services.accounts.login_throttle import count_attempt
from patt_app.services.accounts.passwords import hash_password
from patt_app.services.accounts.registration import (
    LOGIN_FAILED,
    MAX_PASSWORD_LENGTH,
    authenticate,
    log_in,
    validate_new_password,
)
from patt_app.services.accounts.sessions import hash_token
from patt_app.services.errors import NotAllowed

NOW = datetime(2026, 12, 7, 20, 0, tzinfo=UTC)
ADDRESS = "198.51.100.23"


def _account(session: Session, password: str = "longenough", active: bool = True) -> User:
    user = User(discord_username="raider", password_hash=hash_password(password), is_active=active)
    session.add(user)
    session.flush()
    return user


def _log_in(session: Session, password: str = "longenough") -> str:
    return log_in(
        session=session,
        username="raider",
        password=password,
        client=ADDRESS,
        user_agent="Mozilla/5.0 (Android 15) Firefox/140.0",
        now=NOW,
        hours=12,
    )


def test_a_disabled_account_is_refused_even_with_its_password(seeded):
    _account(seeded, active=False)
    with pytest.raises(NotAllowed) as refused:
        authenticate(session=seeded, username="raider", password="longenough", client="c", now=NOW)
    assert str(refused.value) == LOGIN_FAILED


def test_the_longest_password_a_member_may_choose_logs_in(seeded):
    longest = "p" * MAX_PASSWORD_LENGTH
    validate_new_password(longest)  # allowed when chosen
    user = _account(seeded, password=longest)
    assert (
        authenticate(session=seeded, username="raider", password=longest, client="c", now=NOW)
        == user
    )
    with pytest.raises(NotAllowed):
        authenticate(session=seeded, username="raider", password=longest + "p", client="c", now=NOW)


def test_a_login_lists_where_it_came_from_and_when(seeded):
    user = _account(seeded)
    token = _log_in(seeded)
    opened = seeded.exec(
        select(UserSession).where(UserSession.token_hash == hash_token(token))
    ).one()
    assert opened.user_agent == "Mozilla/5.0 (Android 15) Firefox/140.0"
    assert opened.ip_address == ADDRESS
    assert user.last_login_at == NOW


def test_a_success_wipes_the_addresss_failed_tries_on_that_name(seeded):
    """Three wrong passwords, then the right one: the name and this address's tries on it
    start afresh (the address's overall count keeps the earlier failures)."""
    _account(seeded)
    for _ in range(3):
        count_attempt(bind=seeded.connection(), client=ADDRESS, name="raider", now=NOW)
        with pytest.raises(NotAllowed):
            _log_in(seeded, password="wrong-password")
    count_attempt(bind=seeded.connection(), client=ADDRESS, name="raider", now=NOW)
    _log_in(seeded)
    counters = dict(seeded.exec(select(LoginFailure.key, LoginFailure.failures)).all())
    assert counters == {f"client:{ADDRESS}": 3}
