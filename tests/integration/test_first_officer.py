"""The first real officer of a new guild: `python -m patt_app.cli create-officer`, and the demo
officer kept out of real databases."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from patt_app.models import InviteCode, Player, User
from patt_app.services.accounts.first_officer import create_officer
from patt_app.services.accounts.invites import hash_code
from patt_app.services.accounts.registration import authenticate
from patt_app.services.accounts.sessions import resolve_session, start_session
from patt_app.services.errors import InvalidInput
from patt_app.settings import PROJECT_ROOT
from tests.child_process import child_env

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def test_an_officer_with_a_password_can_log_in_with_officer_rights(seeded: Session):
    made = create_officer(
        session=seeded, display_name="Trogdor", username="Trogdor", password="a long secret",
        rank_level=5, now=NOW,
    )  # fmt: skip
    assert (made.username, made.rank_name, made.invite_code) == ("trogdor", "Guild Leader", None)
    user = authenticate(
        session=seeded, username="trogdor", password="a long secret", client="cli", now=NOW
    )
    viewer = resolve_session(
        session=seeded, token=start_session(session=seeded, user_id=user.id, now=NOW, hours=1),
        now=NOW,
    )  # fmt: skip
    assert viewer.is_officer and viewer.display_name == "Trogdor"


def test_without_a_password_a_registration_code_is_made(seeded: Session):
    made = create_officer(
        session=seeded, display_name="Shodo", username="shodo", password=None, rank_level=4, now=NOW
    )
    assert made.username is None and made.invite_code
    invite = seeded.exec(
        select(InviteCode).where(InviteCode.code_hash == hash_code(made.invite_code))
    ).one()
    assert invite.player_id == made.player_id
    assert seeded.exec(select(User)).all() == []


@pytest.mark.parametrize(
    ("level", "message"), [(3, "level 4"), (4, "already has an account")], ids=["member", "taken"]
)
def test_refusals_change_nothing(seeded: Session, level: int, message: str):
    if level == 4:
        create_officer(
            session=seeded, display_name="Kaldra", username="kaldra", password="a long secret",
            rank_level=4, now=NOW,
        )  # fmt: skip
    players = len(seeded.exec(select(Player)).all())
    with pytest.raises(InvalidInput, match=message), seeded.begin_nested():
        create_officer(
            session=seeded, display_name="Kaldra", username="kaldra2", password="a long secret",
            rank_level=level, now=NOW,
        )  # fmt: skip
    assert len(seeded.exec(select(Player)).all()) == players


def test_the_command_prints_a_registration_link(committed: Engine, database_url: str):
    result = subprocess.run(
        [sys.executable, "-m", "patt_app.cli", "create-officer", "--player", "Mito",
         "--username", "mito.wow", "--link"],
        cwd=PROJECT_ROOT, env=child_env(DATABASE_URL=database_url),
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Mito is now Officer." in result.stdout
    assert "/register?code=" in result.stdout
    with Session(committed) as session:
        assert session.exec(select(Player).where(Player.display_name == "Mito")).one()
        assert session.exec(select(User)).all() == []  # no demo officer either
