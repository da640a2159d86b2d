"""Wrong PATTSync uploader keys count against an address's login limit; a right key takes back
exactly the attempt it counted: that address's own, once, never below zero; and the refusal
says what to do, word for word."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from patt_app.models import LoginFailure
from patt_app.services.accounts.login_throttle import (
    CLIENT_LIMIT,
    count_key_attempt,
    key_attempt_succeeded,
)
from patt_app.services.errors import RateLimited

NOW = datetime(2026, 12, 7, 20, 0, tzinfo=UTC)
UPLOADER, GUESSER = "198.51.100.40", "203.0.113.66"


def _counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        return dict(session.exec(select(LoginFailure.key, LoginFailure.failures)).all())


def _right_key(engine: Engine, client: str) -> None:
    with Session(engine) as session:
        key_attempt_succeeded(session=session, client=client)
        session.commit()


def test_a_right_key_takes_back_its_own_count_and_no_one_elses(committed):
    for _ in range(2):
        count_key_attempt(bind=committed, client=GUESSER, now=NOW)  # two wrong keys
    count_key_attempt(bind=committed, client=UPLOADER, now=NOW)
    _right_key(committed, UPLOADER)
    assert _counts(committed) == {f"client:{UPLOADER}": 0, f"client:{GUESSER}": 2}


def test_a_right_key_never_takes_a_count_below_zero(committed):
    """Already back at zero (a new window began between the count and the check, or a login
    took it back): the upload still goes through and the count stays at zero."""
    count_key_attempt(bind=committed, client=UPLOADER, now=NOW)
    _right_key(committed, UPLOADER)
    _right_key(committed, UPLOADER)
    assert _counts(committed) == {f"client:{UPLOADER}": 0}


def test_too_many_wrong_keys_are_refused_in_words(committed):
    for _ in range(CLIENT_LIMIT):
        count_key_attempt(bind=committed, client=GUESSER, now=NOW)
    with pytest.raises(RateLimited) as refused:
        count_key_attempt(bind=committed, client=GUESSER, now=NOW)
    assert str(refused.value) == (
        "Too many failed logins or uploader keys from here. Wait 15 minutes and try again."
    )
