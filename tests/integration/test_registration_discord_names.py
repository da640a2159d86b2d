"""Security review (issue 24), registration: an invite can't be used to take another player's
Discord username, and while the bot is connected only a member of the server may register.
Each refusal is checked after the caller commits: nothing was written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from patt_app.models import DiscordBotStatus, DiscordUser, InviteCode, Player, User
from patt_app.services.accounts.invites import create_invite
from patt_app.services.accounts.registration import register
from patt_app.services.errors import InvalidInput

NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)


def _discord_user(session: Session, username: str, *, present: bool = True) -> DiscordUser:
    user = DiscordUser(discord_id=str(10**17 + len(username)), username=username)
    user.is_present = present
    session.add(user)
    session.flush()
    return user


@pytest.fixture
def guild(committed: Engine) -> dict:
    """An officer whose Discord account is linked, and a newcomer holding an invite."""
    with Session(committed) as session:
        officer_account = _discord_user(session, "trogdor")
        session.add(Player(display_name="Trogdor", discord_user_id=officer_account.id))
        newcomer = Player(display_name="Newbie")
        session.add(newcomer)
        session.flush()
        invite = create_invite(
            session=session, player_id=newcomer.id, created_by_player_id=None, now=NOW
        )
        found = {"code": invite.code, "invite": invite.id, "player": newcomer.id}
        session.commit()
    return found


def _bot(committed: Engine, *, heartbeat: datetime, synced: bool = True) -> None:
    with Session(committed) as session:
        session.add(
            DiscordBotStatus(
                id=1,
                connected=True,
                heartbeat_at=heartbeat,
                last_member_sync=heartbeat if synced else None,
            )
        )
        session.commit()


def _register(committed: Engine, guild: dict, username: str) -> str:
    with Session(committed) as caller:
        user = register(
            session=caller, code=guild["code"], username=username, password="longenough", now=NOW
        )
        name = user.discord_username
        caller.commit()
        return name


def _nothing_written(committed: Engine, guild: dict) -> None:
    with Session(committed) as fresh:
        assert fresh.exec(select(User)).all() == []
        assert fresh.get(InviteCode, guild["invite"]).used_at is None
        assert fresh.get(Player, guild["player"]).website_user_id is None


def test_an_officers_discord_username_is_refused(committed, guild):
    with pytest.raises(InvalidInput, match="belongs to another member"):
        _register(committed, guild, "@Trogdor")
    _nothing_written(committed, guild)


def test_with_the_bot_connected_the_username_must_be_on_the_server(committed, guild):
    _bot(committed, heartbeat=NOW - timedelta(seconds=5))
    with Session(committed) as session:
        _discord_user(session, "leftalready", present=False)
        session.commit()
    for stranger in ("nobodyhere", "leftalready"):
        with pytest.raises(InvalidInput, match="not on the guild's Discord server"):
            _register(committed, guild, stranger)
        _nothing_written(committed, guild)
    with Session(committed) as session:
        _discord_user(session, "newbie")
        session.commit()
    assert _register(committed, guild, "Newbie") == "newbie"


def test_without_a_connected_bot_an_unknown_username_may_register(committed, guild):
    _bot(committed, heartbeat=NOW - timedelta(minutes=10))  # stopped long ago
    assert _register(committed, guild, "nobodyhere") == "nobodyhere"
