"""A member changes their password on the profile; an officer makes a one-time reset link
from the player manager and the member sets a new password with it. Driven through the real
state handlers against PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER, DEMO_PASSWORD
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import PasswordReset, Player, User
from patt_app.services.accounts import login_throttle
from patt_app.services.accounts.password_change import (
    UNUSABLE_RESET,
    issue_reset_link,
    reset_password,
)
from patt_app.services.accounts.registration import authenticate
from patt_app.services.accounts.sessions import resolve_session, start_session
from patt_app.services.errors import InviteInvalid, NotLoggedIn
from patt_app.services.operations.housekeeping import purge_expired
from patt_app.states.admin.players import AdminPlayersState
from patt_app.states.profile import ProfileState
from patt_app.states.reset_password import ResetPasswordState
from tests.browser_session import give_session

NEW = "a-brand-new-password"


@pytest.fixture
def guild(committed):
    now = datetime.now(UTC)
    with Session(committed) as session:
        seed_demo_guild(session=session, now=now)
        ids = {
            name: session.exec(select(User.id).where(User.discord_username == name)).one()
            for name in (DEMO_MEMBER, DEMO_OFFICER)
        }
        session.commit()
    return ids


def _token(engine, user_id: int) -> str:
    with Session(engine) as session:
        token = start_session(session=session, user_id=user_id, now=datetime.now(UTC), hours=1)
        session.commit()
    return token


def _works(engine, token: str) -> bool:
    with Session(engine) as session:
        return resolve_session(session=session, token=token, now=datetime.now(UTC)) is not None


def _password_is(engine, username: str, password: str) -> bool:
    with Session(engine) as session:
        try:
            authenticate(
                session=session,
                username=username,
                password=password,
                client="t",
                now=datetime.now(UTC),
            )
        except NotLoggedIn:
            return False
        return True


def _change(token: str, current: str, new: str, again: str | None = None) -> str:
    state = ProfileState()
    give_session(state, token)
    form = {"current_password": current, "new_password": new, "new_password_again": again or new}
    return repr(asyncio.run(ProfileState.change_password.fn(state, form)))


def test_a_member_changes_their_password_and_other_logins_end(committed, guild):
    here, elsewhere = _token(committed, guild[DEMO_MEMBER]), _token(committed, guild[DEMO_MEMBER])
    answer = _change(here, DEMO_PASSWORD, NEW)
    assert "Password changed." in answer and "1 other session(s) were logged out" in answer
    assert _works(committed, here) and not _works(committed, elsewhere)
    assert _password_is(committed, DEMO_MEMBER, NEW)
    assert not _password_is(committed, DEMO_MEMBER, DEMO_PASSWORD)


@pytest.mark.parametrize(
    ("current", "new", "again", "message"),
    [
        ("not-my-password", NEW, NEW, "Your current password is not right."),
        (DEMO_PASSWORD, NEW, NEW + "x", "The two new passwords differ."),
        (DEMO_PASSWORD, "short", "short", "at least 8 characters"),
        (DEMO_PASSWORD, "x" * 300, "x" * 300, "limited to 256 characters"),
        (DEMO_PASSWORD, DEMO_PASSWORD, DEMO_PASSWORD, "different from the current one"),
    ],
)
def test_a_refused_change_says_why_and_changes_nothing(
    committed, guild, current, new, again, message
):
    here, elsewhere = _token(committed, guild[DEMO_MEMBER]), _token(committed, guild[DEMO_MEMBER])
    assert message in _change(here, current, new, again)
    assert _password_is(committed, DEMO_MEMBER, DEMO_PASSWORD)
    assert _works(committed, elsewhere)


def test_a_visitor_cannot_change_a_password(committed, guild):
    assert "log in" in _change("forged", DEMO_PASSWORD, NEW).lower()
    assert _password_is(committed, DEMO_MEMBER, DEMO_PASSWORD)


def _member_player(engine) -> int:
    with Session(engine) as session:
        user = session.exec(select(User).where(User.discord_username == DEMO_MEMBER)).one()
        return session.exec(select(Player.id).where(Player.website_user_id == user.id)).one()


def _officer_makes_link(engine, officer_user: int) -> str:
    state = AdminPlayersState()
    give_session(state, _token(engine, officer_user))
    answer = asyncio.run(AdminPlayersState.generate_reset_link.fn(state, _member_player(engine)))
    assert "Password reset link made for Demo Member" in repr(answer)
    assert state.reset_player == "Demo Member"
    assert datetime.fromisoformat(state.reset_expires).tzinfo is not None  # shown locally
    return state.reset_link


def _set_password(token: str, new: str, again: str | None = None) -> ResetPasswordState:
    state = ResetPasswordState()
    state.reset_token = token

    async def run():
        async for _ in ResetPasswordState.set_new_password.fn(
            state, {"password": new, "password_again": again or new}
        ):
            pass

    asyncio.run(run())
    return state


def test_an_officer_makes_a_reset_link_and_the_member_sets_a_new_password(committed, guild):
    link = _officer_makes_link(committed, guild[DEMO_OFFICER])
    assert urlparse(link).path == "/reset-password"
    token = parse_qs(urlparse(link).query)["token"][0]
    with Session(committed) as session:
        stored = session.exec(select(PasswordReset)).one()
        assert token not in stored.token_hash and len(stored.token_hash) == 64
        assert stored.expires_at - stored.created_at == timedelta(hours=72)
    logged_in = _token(committed, guild[DEMO_MEMBER])

    state = _set_password(token, NEW)
    assert state.done and state.error == ""
    assert _password_is(committed, DEMO_MEMBER, NEW)
    assert not _works(committed, logged_in), "a reset ends every login of the account"

    again = _set_password(token, "yet-another-password")
    assert again.error == UNUSABLE_RESET and not again.done
    assert _password_is(committed, DEMO_MEMBER, NEW)


def test_unknown_expired_and_mismatched_links_get_a_clear_message(committed, guild):
    assert _set_password("made-up-token", NEW).error == UNUSABLE_RESET
    link = _officer_makes_link(committed, guild[DEMO_OFFICER])
    token = parse_qs(urlparse(link).query)["token"][0]
    assert _set_password(token, NEW, NEW + "!").error == "The two passwords differ."
    assert "at least 8" in _set_password(token, "short").error
    with Session(committed) as session, pytest.raises(InviteInvalid, match="expired"):
        reset_password(
            session=session,
            token=token,
            new_password=NEW,
            client="t",
            now=datetime.now(UTC) + timedelta(hours=72, seconds=1),
        )
    assert _password_is(committed, DEMO_MEMBER, DEMO_PASSWORD)


def test_a_newer_link_replaces_the_older_one(committed, guild):
    first = _officer_makes_link(committed, guild[DEMO_OFFICER])
    second = _officer_makes_link(committed, guild[DEMO_OFFICER])
    assert _set_password(parse_qs(urlparse(first).query)["token"][0], NEW).error == UNUSABLE_RESET
    assert _set_password(parse_qs(urlparse(second).query)["token"][0], NEW).done


def test_guessing_reset_links_goes_through_the_invite_limit(committed, guild):
    for _ in range(login_throttle.PAIR_LIMIT):
        assert _set_password("guess", NEW).error == UNUSABLE_RESET
    assert "Too many failed registration attempts" in _set_password("guess", NEW).error


def test_the_link_service_returns_the_url_for_the_bot_to_send(committed, guild):
    with Session(committed) as session:
        issued = issue_reset_link(
            session=session,
            player_id=_member_player(committed),
            created_by_player_id=None,
            now=datetime.now(UTC),
            base_url="https://patt.example/",
        )
    assert issued.url.startswith("https://patt.example/reset-password?token=")
    assert issued.username == DEMO_MEMBER


def test_a_player_without_an_account_gets_an_invite_instead(committed, guild):
    with Session(committed) as session:
        nobody = session.exec(select(Player.id).where(Player.website_user_id.is_(None))).first()
    state = AdminPlayersState()
    give_session(state, _token(committed, guild[DEMO_OFFICER]))
    answer = repr(asyncio.run(AdminPlayersState.generate_reset_link.fn(state, nobody)))
    assert "has no account yet; send an invite instead" in answer and state.reset_link == ""


def test_the_nightly_purge_removes_reset_links_used_or_expired_over_a_month_ago(committed, guild):
    now = datetime.now(UTC)
    with Session(committed) as session:
        made = {
            when: issue_reset_link(
                session=session,
                player_id=_member_player(committed),
                created_by_player_id=None,
                now=now - timedelta(days=days),
                base_url="x",
            )
            for when, days in (("old", 40), ("recent", 2))
        }
        result = purge_expired(session=session, now=now)
        left = [r.expires_at for r in session.exec(select(PasswordReset))]
        session.commit()
    assert result.reset_links == 1 and "1 old password reset links" in result.summary()
    assert len(left) == 1 and left[0] > now - timedelta(days=30)
    assert set(made) == {"old", "recent"}
