"""The player manager as the demo officer (rank Officer) pointed at the Guild Leader: every
action on them is refused with a plain message and changes nothing — the guard is wired into
the screen, not only the services."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.models import (
    InviteCode,
    PasswordReset,
    Player,
    PlayerCharacter,
    UserSession,
)
from patt_app.services.accounts.sessions import resolve_session
from patt_app.states.admin.players import AdminPlayersState
from tests.browser_session import give_session


def _snapshot(engine, player_id: int) -> tuple:
    with Session(engine) as session:
        player = session.get(Player, player_id)
        return (
            player.is_active,
            player.guild_rank_id,
            player.guild_rank_source,
            player.discord_user_id,
            sorted(
                session.exec(
                    select(PlayerCharacter.character_id).where(
                        PlayerCharacter.player_id == player_id
                    )
                ).all()
            ),
            len(session.exec(select(PasswordReset)).all()),
            len(session.exec(select(InviteCode)).all()),
            len(session.exec(select(UserSession).where(UserSession.revoked_at.is_(None))).all()),
        )


def _leader(engine) -> tuple[int, int]:
    with Session(engine) as session:
        leader = session.exec(select(Player).where(Player.display_name == "Trogdor")).one()
        character = session.exec(
            select(PlayerCharacter.character_id).where(PlayerCharacter.player_id == leader.id)
        ).first()
        return leader.id, character


ACTIONS = {
    "password reset link": lambda s, leader, _c: AdminPlayersState.generate_reset_link.fn(
        s, leader
    ),
    "deactivate": lambda s, leader, _c: AdminPlayersState.set_active.fn(s, leader, False),
    "unlink Discord": lambda s, leader, _c: AdminPlayersState.unlink_discord.fn(s, leader),
    "unassign a character": lambda s, _l, character: AdminPlayersState.unassign_character.fn(
        s, character
    ),
    "log out everywhere": lambda s, leader, _c: AdminPlayersState.log_out_everywhere.fn(s, leader),
    "re-rank": lambda s, leader, _c: AdminPlayersState.set_rank_override.fn(s, leader, "auto"),
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_an_officer_is_refused_every_action_on_the_guild_leader(committed, tokens, action):
    leader, character = _leader(committed)
    before = _snapshot(committed, leader)
    state = AdminPlayersState()
    give_session(state, tokens[DEMO_OFFICER])
    answer = repr(asyncio.run(ACTIONS[action](state, leader, character)))
    assert "at or above yours" in answer
    assert _snapshot(committed, leader) == before
    assert state.reset_link == ""


def test_an_officer_logs_a_member_out_everywhere(committed, tokens):
    with Session(committed) as session:
        member = session.exec(select(Player).where(Player.display_name == "Demo Member")).one()
    state = AdminPlayersState()
    give_session(state, tokens[DEMO_OFFICER])
    answer = repr(asyncio.run(AdminPlayersState.log_out_everywhere.fn(state, member.id)))
    assert "Demo Member is logged out everywhere (1 sessions ended)" in answer
    with Session(committed) as session:
        assert (
            resolve_session(session=session, token=tokens[DEMO_MEMBER], now=datetime.now(UTC))
            is None
        )
        assert resolve_session(session=session, token=tokens[DEMO_OFFICER], now=datetime.now(UTC))
