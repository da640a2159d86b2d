"""The one-time code between a page's login and the browser's cookie
(`sessions.park_for_browser` → `trade_for_token`): while parked the token opens nothing, a
logged-out session cannot be parked back to life, and the traded session lasts its full term
from the trade, listed as seen then."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER
from patt_app.models import User, UserSession
from patt_app.services.accounts.sessions import (
    HANDOFF,
    end_session,
    list_sessions,
    park_for_browser,
    resolve_session,
    start_session,
    trade_for_token,
)
from patt_app.services.errors import NotLoggedIn

NOW = datetime(2026, 12, 7, 20, 0, tzinfo=UTC)


def _fresh_login(session: Session) -> tuple[int, str]:
    user = session.exec(select(User).where(User.discord_username == DEMO_MEMBER)).one()
    return user.id, start_session(session=session, user_id=user.id, now=NOW, hours=1)


def test_a_parked_token_opens_nothing_and_the_traded_one_lasts_its_term(committed, tokens):
    with Session(committed) as session:
        user_id, token = _fresh_login(session)
        code = park_for_browser(session=session, token=token, now=NOW)
        assert resolve_session(session=session, token=token, now=NOW) is None  # stops at once

        traded_at = NOW + HANDOFF / 2
        cookie = trade_for_token(session=session, code=code, now=traded_at, hours=12)
        listed = list_sessions(session=session, user_id=user_id, now=traded_at)
        mine = [s for s in listed if s.created_at == NOW]  # listed again, seen at the trade
        assert len(mine) == 1 and mine[0].last_seen_at == traded_at
        assert len(cookie) >= 43 and cookie != token  # 32 random bytes, a new secret
        assert resolve_session(session=session, token=token, now=traded_at) is None
        assert resolve_session(session=session, token=cookie, now=traded_at) is not None
        # 12 hours from the trade, not the handoff's minute
        late = traded_at + timedelta(hours=11, minutes=59)
        assert resolve_session(session=session, token=cookie, now=late) is not None
        gone = traded_at + timedelta(hours=12, minutes=1)
        assert resolve_session(session=session, token=cookie, now=gone) is None


def test_a_logged_out_session_cannot_be_parked_back_to_life(committed, tokens):
    with Session(committed) as session:
        _, token = _fresh_login(session)
        end_session(session=session, token=token, now=NOW)
        with pytest.raises(NotLoggedIn) as refused:
            park_for_browser(session=session, token=token, now=NOW)
        assert str(refused.value) == "That login has ended: log in again."
        parked = session.exec(select(UserSession).where(UserSession.handoff_hash.is_not(None)))
        assert parked.all() == []


def test_a_login_link_used_twice_or_late_says_so(committed, tokens):
    with Session(committed) as session:
        _, token = _fresh_login(session)
        code = park_for_browser(session=session, token=token, now=NOW)
        trade_for_token(session=session, code=code, now=NOW, hours=12)
        again = park_for_browser(session=session, token=_fresh_login(session)[1], now=NOW)
        for used, at in ((code, NOW), (again, NOW + HANDOFF + timedelta(seconds=1))):
            with pytest.raises(NotLoggedIn) as refused:
                trade_for_token(session=session, code=used, now=at, hours=12)
            assert str(refused.value) == (
                "That login link has expired or was used already: log in again."
            )
