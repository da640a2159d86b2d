"""The login limit of an address (services/accounts/login_throttle.py): one good login does not
lift it, and the nightly purge forgets only counters untouched for a day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from patt_app.models import LoginFailure, User
from patt_app.services.accounts import login_throttle as throttle
from patt_app.services.accounts.passwords import hash_password
from patt_app.services.accounts.registration import authenticate
from patt_app.services.errors import NotLoggedIn, RateLimited

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=UTC)


NOW = datetime(2026, 11, 26, 20, 0, tzinfo=UTC)


def _login(engine: Engine, client: str, name: str, password: str) -> bool:
    """One attempt as the login page makes it: counted first, then checked."""
    throttle.count_attempt(bind=engine, client=client, name=name, now=NOW)
    with Session(engine) as session:
        try:
            authenticate(session=session, username=name, password=password, client=client, now=NOW)
        except NotLoggedIn:
            return False
        session.commit()
        return True


def test_a_valid_account_does_not_lift_the_thirty_failure_limit_of_an_address(committed):
    with Session(committed) as session:
        session.add(User(discord_username="decoy", password_hash=hash_password("decoy-password")))
        session.commit()
    sprayer = "6.6.6.6"
    for n in range(throttle.CLIENT_LIMIT - 1):
        assert not _login(committed, sprayer, f"victim{n}", "guess")
    assert _login(committed, sprayer, "decoy", "decoy-password")  # its own account: let in
    assert not _login(committed, sprayer, "victim-last", "guess")  # the 30th failure
    with pytest.raises(RateLimited, match="Too many failed logins"):
        _login(committed, sprayer, "victim-after", "guess")
    with pytest.raises(RateLimited):  # even the decoy's right password: wait the window out
        _login(committed, sprayer, "decoy", "decoy-password")
    assert _login(committed, "203.0.113.9", "decoy", "decoy-password")  # others are not


def test_the_nightly_purge_forgets_only_counters_untouched_for_a_day(committed):
    for _ in range(3):
        _login(committed, "6.6.6.6", "victim", "guess")  # NOW: kept
    with Session(committed) as session:
        assert throttle.purge_old_failures(session=session, now=NOW) == 0
        assert throttle.purge_old_failures(session=session, now=NOW + throttle.KEEP) == 0
        session.commit()
        assert len(session.exec(select(LoginFailure)).all()) == 3  # client, pair, name
        later = NOW + throttle.KEEP + timedelta(seconds=1)
        assert throttle.purge_old_failures(session=session, now=later) == 3
        session.commit()
