"""The browser's session cookie is HttpOnly: the login page parks its new session behind a
one-time code, `/auth/session` trades it for the cookie, and the pages read the cookie from
their websocket's handshake. Tried the way a browser goes through it."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from fastapi.testclient import TestClient
from reflex.istate.data import RouterData
from sqlmodel import Session, select

from patt_app.api import create_api
from patt_app.demo.guild import DEMO_MEMBER, DEMO_PASSWORD
from patt_app.models import User, UserSession
from patt_app.services.accounts.sessions import (
    HANDOFF_PATH,
    SESSION_COOKIE,
    list_sessions,
    resolve_session,
    trade_for_token,
)
from patt_app.services.errors import NotLoggedIn
from patt_app.states.login import LoginState
from patt_app.states.profile import ProfileState
from tests.browser_session import give_session


def _login(password: str = DEMO_PASSWORD, next_path: str = "/events") -> list:
    """What the login form's submit sends back to the page, as the page receives it."""
    state = LoginState()
    page = f"/login?next={quote(next_path)}"
    state.router = RouterData.from_router_data({"pathname": "/login", "asPath": page})

    async def submit():
        form = {"username": DEMO_MEMBER, "password": password}
        return [answer async for answer in LoginState.login.fn(state, form)]

    return asyncio.run(submit()), state


def _handoff(answers: list) -> str:
    found = re.search(rf"({HANDOFF_PATH}\?[^\"\\]+)", json.dumps(repr(answers)))
    assert found, answers
    return found.group(1)


@pytest.fixture
def browser(committed, tokens):
    with TestClient(create_api(), follow_redirects=False) as client:
        yield client


def test_logging_in_sets_an_httponly_cookie_and_goes_on_to_the_page(committed, browser):
    answers, _ = _login()
    address = _handoff(answers)
    assert parse_qs(urlsplit(address).query)["next"] == ["/events"]
    answer = browser.get(address)
    assert answer.status_code == 303 and answer.headers["location"] == "/events"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    token = answer.cookies[SESSION_COOKIE]
    with Session(committed) as session:
        viewer = resolve_session(session=session, token=token, now=datetime.now(UTC))
    assert viewer is not None and viewer.username == DEMO_MEMBER

    # The pages read it from the handshake: the profile page knows who this is.
    profile = ProfileState()
    give_session(profile, token)
    asyncio.run(ProfileState.load.fn(profile))
    assert profile.viewer_name != ""


def test_a_code_works_once_and_only_for_a_minute(committed, browser):
    address = _handoff(_login()[0])
    assert SESSION_COOKIE in browser.get(address).cookies
    again = browser.get(address)
    assert again.status_code == 303 and again.headers["location"].startswith("/login?ended=1")
    assert SESSION_COOKIE not in again.headers.get("set-cookie", "")

    code = parse_qs(urlsplit(_handoff(_login()[0])).query)["code"][0]
    with Session(committed) as session, pytest.raises(NotLoggedIn):
        trade_for_token(
            session=session, code=code, now=datetime.now(UTC) + timedelta(minutes=2), hours=1
        )


def test_a_waiting_login_is_no_session_yet(committed, tokens):
    before = _sessions(committed)
    _handoff(_login()[0])
    with Session(committed) as session:
        parked = session.exec(select(UserSession).where(UserSession.handoff_hash.is_not(None)))
        assert len(parked.all()) == 1
    assert _sessions(committed) == before  # not listed under "your sessions" until traded


def _sessions(engine) -> int:
    with Session(engine) as session:
        user = session.exec(select(User).where(User.discord_username == DEMO_MEMBER)).one()
        return len(list_sessions(session=session, user_id=user.id, now=datetime.now(UTC)))


def test_a_wrong_password_sends_nobody_on(committed, tokens):
    answers, state = _login(password="not the password")
    assert HANDOFF_PATH not in repr(answers)
    assert state.error != ""


def test_the_next_page_stays_on_this_site(committed, browser):
    answer = browser.get(_handoff(_login(next_path="//evil.example/x")[0]))
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    # browsers read a backslash after the slash as a second slash: "/\host" is another site
    answer = browser.get(_handoff(_login(next_path="/\\evil.example/x")[0]))
    assert answer.status_code == 303 and answer.headers["location"] == "/"


def test_logging_out_ends_the_session_and_clears_the_cookie(committed, browser, tokens):
    token = tokens[DEMO_MEMBER]
    profile = ProfileState()
    give_session(profile, token)
    answer = asyncio.run(ProfileState.logout.fn(profile))
    assert "/auth/logout?next=/" in repr(answer)
    with Session(committed) as session:
        assert resolve_session(session=session, token=token, now=datetime.now(UTC)) is None
    cleared = browser.get("/auth/logout?next=/")
    assert cleared.status_code == 303 and cleared.headers["location"] == "/"
    assert re.search(rf'{SESSION_COOKIE}="?"?;.*Max-Age=0', cleared.headers["set-cookie"])
