"""What a newcomer is told when registration is refused, word for word, and what a successful
registration records: the refusals are the only hint a newcomer gets about what to do next."""

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, text, update
from sqlmodel import Session, col, select

from patt_app.models import DiscordUser, InviteCode, LoginFailure, Player, User, UserSession
from patt_app.services.accounts.invites import create_invite
from patt_app.services.accounts.login_throttle import count_attempt
from patt_app.services.accounts.registration import (
    register,
    register_and_log_in,
    validate_new_credentials,
)
from patt_app.services.accounts.sessions import hash_token
from patt_app.services.errors import InvalidInput

NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
LINKED = "This invite's player already has an account. Log in instead."
TAKEN = "That username already has an account."
BAD_NAME = "Use your Discord username: 2–32 characters, letters, digits, '_' or '.'."


def _invited(session: Session, name: str) -> tuple[Player, str]:
    player = Player(display_name=name)
    session.add(player)
    session.flush()
    invite = create_invite(session=session, player_id=player.id, created_by_player_id=None, now=NOW)
    return player, invite.code


def test_a_new_account_records_when_it_was_made_and_first_logged_in(seeded):
    _, code = _invited(seeded, "Newbie")
    user = register(session=seeded, code=code, username="newbie", password="longenough", now=NOW)
    assert (user.created_at, user.last_login_at) == (NOW, NOW)


def test_an_invite_for_a_player_linked_since_says_log_in_instead(seeded):
    player, code = _invited(seeded, "Newbie")
    other = User(discord_username="already_here", password_hash="x")
    seeded.add(other)
    seeded.flush()
    player.website_user_id = other.id  # linked after the invite was made
    seeded.add(player)
    seeded.flush()
    with pytest.raises(InvalidInput) as refused:
        register(session=seeded, code=code, username="newbie", password="longenough", now=NOW)
    assert str(refused.value) == LINKED


def test_a_taken_username_is_refused_in_words(seeded):
    seeded.add(User(discord_username="taken", password_hash="x"))
    _, code = _invited(seeded, "Newbie")
    with pytest.raises(InvalidInput) as refused:
        register(session=seeded, code=code, username="Taken", password="longenough", now=NOW)
    assert str(refused.value) == TAKEN


def test_a_name_that_is_not_a_discord_username_is_refused_in_words():
    for name in ("a", "has space", "x" * 33, "semi;colon"):
        with pytest.raises(InvalidInput) as refused:
            validate_new_credentials(name, "longenough")
        assert str(refused.value) == BAD_NAME


def test_a_newcomer_may_use_the_discord_name_already_linked_to_their_own_player(seeded):
    """The Discord account the officers linked to this player is the newcomer's own: its name
    is theirs to register (another player's is refused: test_registration_discord_names)."""
    player, code = _invited(seeded, "Newbie")
    discord = DiscordUser(discord_id="000000000000000555", username="Newbie")
    seeded.add(discord)
    seeded.flush()
    player.discord_user_id = discord.id
    seeded.add(player)
    seeded.flush()
    user = register(session=seeded, code=code, username="newbie", password="longenough", now=NOW)
    assert player.website_user_id == user.id


def test_registering_opens_a_session_for_this_browser_and_counts_no_failure(seeded):
    """The session lists the browser and address it was opened from (/profile shows them),
    and the registration attempt, counted before the code was checked, is taken back."""
    _, code = _invited(seeded, "Newbie")
    address = "203.0.113.9"
    count_attempt(bind=seeded.connection(), client=address, name=None, now=NOW)
    token = register_and_log_in(
        session=seeded,
        code=code,
        username="newbie",
        password="longenough",
        timezone="Europe/Berlin",
        client=address,
        user_agent="Firefox/140.0",
        now=NOW,
        hours=2,
    )
    opened = seeded.exec(
        select(UserSession).where(UserSession.token_hash == hash_token(token))
    ).one()
    assert (opened.user_agent, opened.ip_address) == ("Firefox/140.0", address)
    counters = dict(seeded.exec(select(LoginFailure.key, LoginFailure.failures)).all())
    assert counters == {f"client:{address}": 0}


def _waiting_on_a_lock(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(
            conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar_one()
        )


def _second_while_first_is_open(engine: Engine, first: dict, second: dict) -> str:
    """`register(**first)` in a transaction left open while `register(**second)` starts in
    another and waits on a lock; the first then commits. What the second was told."""
    outcome: dict[str, str] = {}

    def run_second() -> None:
        with Session(engine) as session:
            try:
                register(session=session, password="longenough", now=NOW, **second)
                session.commit()
                outcome["second"] = "registered"
            except InvalidInput as error:
                outcome["second"] = str(error)

    with Session(engine) as session:
        register(session=session, password="longenough", now=NOW, **first)
        thread = threading.Thread(target=run_second)
        thread.start()
        deadline = time.monotonic() + 30
        while not _waiting_on_a_lock(engine):
            assert time.monotonic() < deadline and thread.is_alive(), outcome
            time.sleep(0.05)
        session.commit()
    thread.join(30)
    return outcome["second"]


def test_two_newcomers_taking_one_username_at_once_one_is_told_it_is_taken(committed):
    """Neither sees the other's account when it checks the name; the database's unique index
    makes the second wait, and it gets the same words as when the name was taken long ago."""
    with Session(committed) as setup:
        codes = [_invited(setup, name)[1] for name in ("First", "Second")]
        setup.commit()
    told = _second_while_first_is_open(
        committed,
        {"code": codes[0], "username": "samename"},
        {"code": codes[1], "username": "samename"},
    )
    assert told == TAKEN
    with Session(committed) as session:
        assert session.exec(select(User.discord_username)).all() == ["samename"]


def test_two_registrations_for_one_player_at_once_make_one_account(committed):
    """Two usable codes for one player (one made while the other was being used) and both
    used at once: the second waits for the first and is told to log in; the player has one
    account, not the last writer's."""
    with Session(committed) as setup:
        player, first_code = _invited(setup, "Newbie")
        second_code = create_invite(
            session=setup, player_id=player.id, created_by_player_id=None, now=NOW
        ).code
        setup.exec(  # the first code still usable too
            update(InviteCode)
            .where(col(InviteCode.player_id) == player.id)
            .values(expires_at=NOW + timedelta(days=3))
        )
        setup.commit()
        player_id = player.id
    told = _second_while_first_is_open(
        committed,
        {"code": first_code, "username": "newbie"},
        {"code": second_code, "username": "other"},
    )
    assert told == LINKED
    with Session(committed) as session:
        assert session.exec(select(User.discord_username)).all() == ["newbie"]
        linked = session.get(Player, player_id).website_user_id
        assert linked == session.exec(select(User.id)).one()
