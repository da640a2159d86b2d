"""Invites, registration, login and sessions against PostgreSQL."""

from datetime import UTC, datetime, timedelta

import bcrypt
import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from patt_app.models import GuildRank, InviteCode, Player, User, UserSession
from patt_app.services.accounts.invites import INVITE_LIFETIME, create_invite
from patt_app.services.accounts.passwords import hash_password
from patt_app.services.accounts.permissions import require_member, require_officer
from patt_app.services.accounts.registration import LOGIN_FAILED, authenticate, register
from patt_app.services.accounts.sessions import (
    end_all_sessions,
    end_session,
    hash_token,
    resolve_session,
    start_session,
)
from patt_app.services.errors import InvalidInput, InviteInvalid, NotAllowed
from tests.integration.racing import run_together

NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)


def _player(db: Session, name: str = "Newbie") -> Player:
    player = Player(display_name=name)
    db.add(player)
    db.flush()
    return player


def _users(db: Session) -> int:
    return db.exec(select(func.count()).select_from(User)).one()


def test_an_invite_is_valid_for_72_hours_and_replaces_older_ones(seeded):
    player = _player(seeded)
    first = create_invite(session=seeded, player_id=player.id, created_by_player_id=None, now=NOW)
    second = create_invite(
        session=seeded,
        player_id=player.id,
        created_by_player_id=None,
        now=NOW + timedelta(minutes=1),
    )
    assert second.expires_at == NOW + timedelta(minutes=1) + INVITE_LIFETIME
    older = seeded.get(InviteCode, first.id, populate_existing=True)
    assert older.expires_at <= NOW + timedelta(minutes=1), "the older code stops working"
    with pytest.raises(InviteInvalid, match="expired"):
        register(
            session=seeded,
            code=first.code,
            username="newbie",
            password="longenough",
            now=NOW + timedelta(minutes=2),
        )


def test_no_invite_for_a_player_who_has_an_account_or_left(seeded):
    player = _player(seeded)
    user = User(discord_username="has_one", password_hash="x")
    seeded.add(user)
    seeded.flush()
    player.website_user_id = user.id
    gone = _player(seeded, "Gone")
    gone.is_active = False
    seeded.flush()
    with pytest.raises(InvalidInput, match="already has an account"):
        create_invite(session=seeded, player_id=player.id, created_by_player_id=None, now=NOW)
    with pytest.raises(InvalidInput, match="inactive"):
        create_invite(session=seeded, player_id=gone.id, created_by_player_id=None, now=NOW)


def test_register_links_the_player_and_uses_up_the_code(seeded):
    player = _player(seeded)
    invite = create_invite(session=seeded, player_id=player.id, created_by_player_id=None, now=NOW)
    user = register(
        session=seeded,
        code=invite.code.lower(),
        username="  NewBie ",
        password="longenough",
        now=NOW,
    )
    assert user.discord_username == "newbie"
    assert player.website_user_id == user.id
    assert seeded.get(InviteCode, invite.id).used_at == NOW
    with pytest.raises(InviteInvalid, match="already used"):
        register(session=seeded, code=invite.code, username="other", password="longenough", now=NOW)


@pytest.mark.parametrize(
    ("code_kind", "username", "password", "message"),
    [
        ("unknown", "newbie", "longenough", "unknown, already used or expired"),
        ("expired", "newbie", "longenough", "expired"),
        ("valid", "newbie", "short", "at least 8"),
        ("valid", "taken", "longenough", "already has an account"),
        ("valid", "bad name!", "longenough", "Discord username"),
    ],
)
def test_refused_registrations_write_nothing(committed, code_kind, username, password, message):
    """Checked from a fresh session after the caller COMMITS its transaction: whatever register
    had written before refusing would now be visible."""
    with Session(committed) as setup:
        setup.add(User(discord_username="taken", password_hash="x"))
        player_id = _player(setup).id
        invite = create_invite(
            session=setup, player_id=player_id, created_by_player_id=None, now=NOW
        )
        invite_id, valid_code = invite.id, invite.code
        setup.commit()
    code = {"unknown": "ZZZZZZZZ", "valid": valid_code, "expired": valid_code}[code_kind]
    when = NOW + INVITE_LIFETIME + timedelta(seconds=1) if code_kind == "expired" else NOW
    with Session(committed) as caller:
        with pytest.raises(InvalidInput, match=message):
            register(session=caller, code=code, username=username, password=password, now=when)
        caller.commit()
    with Session(committed) as fresh:
        assert fresh.exec(select(User.discord_username)).all() == ["taken"]
        assert fresh.get(InviteCode, invite_id).used_at is None
        assert fresh.get(Player, player_id).website_user_id is None


def test_two_registrations_racing_for_one_code_only_one_wins(committed):
    with Session(committed) as session:
        player = _player(session, "Racer")
        code = create_invite(
            session=session, player_id=player.id, created_by_player_id=None, now=NOW
        ).code
        session.commit()

    def attempt(username: str) -> str:
        with Session(committed) as session:
            try:
                register(
                    session=session, code=code, username=username, password="longenough", now=NOW
                )
                session.commit()
                return "won"
            except InvalidInput as error:
                session.rollback()
                return str(error)

    outcomes = run_together(lambda: attempt("racer_a"), lambda: attempt("racer_b"))
    assert len(outcomes) == 2 and outcomes.count("won") == 1, outcomes
    assert any("already" in o or "used" in o for o in outcomes if o != "won"), outcomes
    with Session(committed) as session:
        assert _users(session) == 1
        assert session.exec(select(InviteCode.used_at)).one() is not None


def _account(db: Session, name: str = "raider", password: str = "longenough") -> User:
    user = User(discord_username=name, password_hash=hash_password(password))
    db.add(user)
    db.flush()
    return user


def test_login_failures_never_say_which_part_was_wrong(seeded):
    _account(seeded)
    for username, password in (("raider", "wrong-password"), ("nobody", "longenough")):
        with pytest.raises(NotAllowed) as refused:
            authenticate(
                session=seeded,
                username=username,
                password=password,
                client="c",
                now=NOW,
            )
        assert str(refused.value) == LOGIN_FAILED
    user = authenticate(
        session=seeded,
        username="RAIDER",
        password="longenough",
        client="c",
        now=NOW,
    )
    assert user.last_login_at == NOW


def test_a_bcrypt_password_is_rehashed_with_argon2_on_login(seeded):
    legacy = bcrypt.hashpw(b"oldschool1", bcrypt.gensalt(rounds=4)).decode()
    user = User(discord_username="oldtimer", password_hash=legacy)
    seeded.add(user)
    seeded.flush()
    authenticate(
        session=seeded,
        username="oldtimer",
        password="oldschool1",
        client="c",
        now=NOW,
    )
    assert user.password_hash.startswith("$argon2")


def test_sessions_store_only_a_hash_expire_and_can_be_revoked(seeded):
    user = _account(seeded)
    player = _player(seeded, "Raider")
    player.website_user_id = user.id
    seeded.flush()
    token = start_session(session=seeded, user_id=user.id, now=NOW, hours=24)
    assert len(token) >= 43  # 256 bits, URL-safe base64
    stored = seeded.exec(select(UserSession.token_hash)).all()
    assert stored == [hash_token(token)] and token not in stored
    viewer = resolve_session(session=seeded, token=token, now=NOW + timedelta(hours=23))
    assert viewer.player_id == player.id and viewer.username == "raider"
    assert resolve_session(session=seeded, token=token, now=NOW + timedelta(hours=24)) is None
    assert resolve_session(session=seeded, token="forged", now=NOW) is None
    end_session(session=seeded, token=token, now=NOW)
    assert resolve_session(session=seeded, token=token, now=NOW) is None


def test_log_out_everywhere_ends_every_session(seeded):
    user = _account(seeded)
    tokens = [start_session(session=seeded, user_id=user.id, now=NOW, hours=24) for _ in range(3)]
    assert end_all_sessions(session=seeded, user_id=user.id, now=NOW) == 3
    assert all(resolve_session(session=seeded, token=t, now=NOW) is None for t in tokens)


def test_a_disabled_account_loses_its_sessions(seeded):
    user = _account(seeded)
    token = start_session(session=seeded, user_id=user.id, now=NOW, hours=24)
    user.is_active = False
    seeded.flush()
    assert resolve_session(session=seeded, token=token, now=NOW) is None


def test_a_deactivated_officer_has_no_officer_rights(seeded):
    """The player left (inactive): the account still logs in, but as nobody's rank."""
    officer_rank = seeded.exec(select(GuildRank).where(GuildRank.level == 4)).one()
    user = User(discord_username="former_officer", password_hash="x")
    seeded.add(user)
    seeded.flush()
    player = Player(display_name="Former", website_user_id=user.id, guild_rank_id=officer_rank.id)
    seeded.add(player)
    seeded.flush()
    token = start_session(session=seeded, user_id=user.id, now=NOW, hours=1)
    assert require_officer(resolve_session(session=seeded, token=token, now=NOW)).is_officer
    player.is_active = False
    seeded.add(player)
    seeded.flush()
    viewer = resolve_session(session=seeded, token=token, now=NOW)
    assert viewer is not None and (viewer.player_id, viewer.rank_level) == (None, 0)
    assert not viewer.is_officer
    with pytest.raises(NotAllowed):
        require_officer(viewer)
    with pytest.raises(NotAllowed):
        require_member(viewer)
