"""Login limits that an attacker can't turn against the guild: counted in PostgreSQL (so every
worker shares them), per client and per client+name, counted before the password check, and
a name under attack is slowed down, never locked for clients that did nothing wrong."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, create_engine
from sqlmodel import Session, select

from patt_app.models import LoginFailure, User
from patt_app.services.accounts import login_throttle as throttle
from patt_app.services.accounts.passwords import hash_password
from patt_app.services.accounts.registration import authenticate
from patt_app.services.errors import NotLoggedIn, RateLimited
from tests.integration.racing import run_together

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=UTC)


@pytest.fixture
def officer(committed: Engine) -> str:
    with Session(committed) as session:
        session.add(User(discord_username="kaldra", password_hash=hash_password("right-password")))
        session.commit()
    return "kaldra"


def _try(engine: Engine, client: str, name: str, password: str, now: datetime = NOW) -> float:
    """One login attempt as the adapters make it: count, then check. Returns the wait."""
    delay = throttle.count_attempt(bind=engine, client=client, name=name, now=now)
    with Session(engine) as session:
        try:
            authenticate(session=session, username=name, password=password, client=client, now=now)
            session.commit()
        except NotLoggedIn:
            session.rollback()
    return delay


def test_ten_failures_from_one_client_lock_only_that_client_out_of_that_name(committed, officer):
    for _ in range(throttle.PAIR_LIMIT):
        _try(committed, "6.6.6.6", officer, "guess")
    with pytest.raises(RateLimited, match="from here"):
        throttle.count_attempt(bind=committed, client="6.6.6.6", name=officer, now=NOW)
    # the officer, elsewhere, is slowed (the name was guessed at) but not refused
    delay = _try(committed, "198.51.100.7", officer, "right-password")
    assert 0 < delay <= throttle.MAX_NAME_DELAY
    # and her success starts the name afresh
    assert _try(committed, "198.51.100.7", officer, "right-password") == 0


def test_a_client_spraying_many_names_is_refused_others_are_not(committed, officer):
    for n in range(throttle.CLIENT_LIMIT):
        _try(committed, "6.6.6.6", f"name{n}", "guess")
    with pytest.raises(RateLimited):
        throttle.count_attempt(bind=committed, client="6.6.6.6", name="someone", now=NOW)
    assert _try(committed, "203.0.113.9", officer, "right-password") == 0


def test_parallel_guesses_cannot_slip_past_the_limit(committed, officer):
    """Twenty guesses at the same moment: the count comes first, so only ten get checked."""

    def guess() -> str:
        try:
            throttle.count_attempt(bind=committed, client="6.6.6.6", name=officer, now=NOW)
        except RateLimited:
            return "refused"
        return "checked"

    outcomes = run_together(*[guess] * 20)
    assert sorted(outcomes) == ["checked"] * 10 + ["refused"] * 10


def test_counts_are_shared_by_every_worker(committed, database_url, officer):
    """A second engine (another worker's pool) sees the first one's counts."""
    other_worker = create_engine(database_url)
    try:
        for _ in range(throttle.PAIR_LIMIT):
            _try(committed, "6.6.6.6", officer, "guess")
        with pytest.raises(RateLimited):
            throttle.count_attempt(bind=other_worker, client="6.6.6.6", name=officer, now=NOW)
    finally:
        other_worker.dispose()


def test_the_window_passes_and_old_counters_are_purged(committed, officer):
    for _ in range(throttle.PAIR_LIMIT):
        _try(committed, "6.6.6.6", officer, "guess")
    later = NOW + throttle.WINDOW + timedelta(seconds=1)
    assert throttle.count_attempt(bind=committed, client="6.6.6.6", name=officer, now=later) == 0
    with Session(committed) as session:
        assert throttle.purge_old_failures(session=session, now=later + timedelta(days=2)) == 3
        session.commit()
        assert session.exec(select(LoginFailure)).all() == []


def test_guessing_invite_codes_goes_through_the_same_limit(committed):
    for _ in range(throttle.PAIR_LIMIT):
        throttle.count_attempt(bind=committed, client="6.6.6.6", name=None, now=NOW)
    with pytest.raises(RateLimited, match="registration attempts"):
        throttle.count_attempt(bind=committed, client="6.6.6.6", name=None, now=NOW)
    assert throttle.count_attempt(bind=committed, client="203.0.113.9", name=None, now=NOW) == 0
