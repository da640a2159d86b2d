"""What a newcomer is told when registration is refused, word for word, and what a successful
registration records: the refusals are the only hint a newcomer gets about what to do next."""

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from patt_app.models import Player, User
from patt_app.services.accounts.invites import create_invite
from patt_app.services.accounts.registration import register
from patt_app.services.errors import InvalidInput
from tests.integration.racing import run_together

NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
LINKED = "This invite's player already has an account. Log in instead."
TAKEN = "That username already has an account."


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


def test_two_newcomers_racing_for_one_username_one_wins_the_other_is_told(committed):
    """Neither sees the other's account when it checks the name; the database's unique index
    decides, and the loser gets the same words as when the name was taken long ago."""
    with Session(committed) as setup:
        codes = [_invited(setup, name)[1] for name in ("First", "Second")]
        setup.commit()

    def attempt(code: str) -> str:
        with Session(committed) as session:
            try:
                register(
                    session=session, code=code, username="samename", password="longenough", now=NOW
                )
                session.commit()
                return "won"
            except InvalidInput as error:
                session.rollback()
                return str(error)

    outcomes = run_together(*(lambda code=code: attempt(code) for code in codes))
    assert sorted(outcomes) == sorted(["won", TAKEN]), outcomes
    with Session(committed) as session:
        assert session.exec(select(User.discord_username)).all() == ["samename"]
