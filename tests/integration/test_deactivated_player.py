"""A deactivated player's calendar link stops, "log out everywhere" resets the link, and a
deactivated player can still end their own logins."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import Player, User
from patt_app.services.accounts.sessions import end_all_sessions, resolve_session, start_session
from patt_app.services.raids.calendar_feed import build_feed, reset_calendar_token
from patt_app.states.profile import ProfileState
from tests.browser_session import give_session

NOW = datetime.now(UTC)
BASE = "https://patt.example.org"


def _member(session: Session) -> tuple[User, Player]:
    user = session.exec(select(User).where(User.discord_username == DEMO_MEMBER)).one()
    return user, session.exec(select(Player).where(Player.website_user_id == user.id)).one()


def test_the_feed_stops_when_the_player_is_deactivated(seeded: Session):
    seed_demo_guild(session=seeded, now=NOW)
    _, player = _member(seeded)
    token = reset_calendar_token(session=seeded, player_id=player.id)
    assert build_feed(session=seeded, token=token, now=NOW, base_url=BASE) is not None
    player.is_active = False
    seeded.add(player)
    seeded.flush()
    assert build_feed(session=seeded, token=token, now=NOW, base_url=BASE) is None


def test_logging_out_everywhere_resets_the_calendar_link(seeded: Session):
    seed_demo_guild(session=seeded, now=NOW)
    user, player = _member(seeded)
    old = reset_calendar_token(session=seeded, player_id=player.id)
    end_all_sessions(session=seeded, user_id=user.id, now=NOW)
    assert build_feed(session=seeded, token=old, now=NOW, base_url=BASE) is None
    new = reset_calendar_token(session=seeded, player_id=player.id)
    assert new != old and build_feed(session=seeded, token=new, now=NOW, base_url=BASE)


def test_a_deactivated_player_can_still_end_their_sessions(committed):
    with Session(committed) as session:
        seed_demo_guild(session=session, now=NOW)
        user, player = _member(session)
        tokens = [start_session(session=session, user_id=user.id, now=NOW, hours=1) for _ in "ab"]
        player.is_active = False
        session.add(player)
        session.commit()
    profile = ProfileState()
    give_session(profile, tokens[0])
    asyncio.run(ProfileState.event_handlers["load"].fn(profile))
    assert profile.inactive and not profile.loaded
    result = asyncio.run(ProfileState.event_handlers["logout_everywhere"].fn(profile))
    assert "Logged out of 2 session(s)" in repr(result)
    assert "/auth/logout?next=/login" in repr(result)  # the cookie goes; the login page is next
    with Session(committed) as session:
        assert all(resolve_session(session=session, token=t, now=NOW) is None for t in tokens)


def test_visitors_cannot_log_anyone_out(committed):
    profile = ProfileState()
    give_session(profile, "forged")
    result = asyncio.run(ProfileState.event_handlers["logout_everywhere"].fn(profile))
    assert "Log in first" in repr(result)
