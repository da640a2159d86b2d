"""The guild never loses its last officer by an officer's click, nobody is given a rank above
the officer who gives it, and no officer acts on a player at or above their own rank (except
the Guild Leader)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from patt_app.models import GuildRank, Player, PlayerCharacter, User, WowCharacter
from patt_app.services.accounts.invites import create_invite
from patt_app.services.accounts.password_change import (
    issue_reset_link,
    log_player_out_everywhere,
)
from patt_app.services.errors import InvalidInput, NotAllowed
from patt_app.services.players import player_admin as players
from patt_app.services.reference.reference_tables import update_rank

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def _rank(session: Session, level: int) -> GuildRank:
    return session.exec(select(GuildRank).where(GuildRank.level == level)).one()


def _player(session: Session, name: str, level: int) -> Player:
    player = players.create_player(session=session, display_name=name)
    players.set_rank_override(
        session=session,
        player_id=player.id,
        rank_id=_rank(session, level).id,
        actor_player_id=None,
        now=NOW,
    )
    return player


def _refused(session: Session, error: type[Exception], match: str, change) -> None:
    """`change` is refused and leaves players and ranks exactly as they were."""
    state = lambda: (  # noqa: E731
        sorted((p.id, p.is_active, p.guild_rank_id) for p in session.exec(select(Player)).all()),
        sorted((r.id, r.level) for r in session.exec(select(GuildRank)).all()),
    )
    before = state()
    with pytest.raises(error, match=match), session.begin_nested():
        change()  # raising inside the savepoint rolls it back, as the app's transaction would
    session.expire_all()
    assert state() == before


def test_the_last_officer_cannot_be_deactivated_or_demoted(seeded: Session):
    officer = _player(seeded, "Only Officer", 4)
    member = _player(seeded, "Member", 2)
    _refused(
        seeded, InvalidInput, "without an active officer",
        lambda: players.set_player_active(
            session=seeded, player_id=officer.id, active=False, actor_player_id=officer.id
        ),
    )  # fmt: skip
    _refused(
        seeded, InvalidInput, "without an active officer",
        lambda: players.set_rank_override(
            session=seeded, player_id=officer.id, rank_id=_rank(seeded, 2).id,
            actor_player_id=officer.id, now=NOW,
        ),
    )  # fmt: skip
    players.set_player_active(  # others: fine
        session=seeded, player_id=member.id, active=False, actor_player_id=officer.id
    )


def test_with_a_second_officer_the_first_can_step_down(seeded: Session):
    first = _player(seeded, "First", 4)
    _player(seeded, "Second", 5)
    players.set_player_active(
        session=seeded, player_id=first.id, active=False, actor_player_id=first.id
    )
    assert not seeded.get(Player, first.id).is_active


def test_officers_give_ranks_up_to_their_own(seeded: Session):
    leader = _player(seeded, "Guild Leader", 5)
    officer = _player(seeded, "Officer", 4)
    member = _player(seeded, "Member", 2)
    _refused(
        seeded, NotAllowed, "above your own",
        lambda: players.set_rank_override(
            session=seeded, player_id=member.id, rank_id=_rank(seeded, 5).id,
            actor_player_id=officer.id, now=NOW,
        ),
    )  # fmt: skip
    players.set_rank_override(
        session=seeded,
        player_id=member.id,
        rank_id=_rank(seeded, 4).id,
        actor_player_id=officer.id,
        now=NOW,
    )
    _refused(
        seeded, NotAllowed, "at or above yours",
        lambda: players.set_rank_override(
            session=seeded, player_id=leader.id, rank_id=_rank(seeded, 2).id,
            actor_player_id=officer.id, now=NOW,
        ),
    )  # fmt: skip
    officer_rank = _rank(seeded, 4)
    _refused(
        seeded, NotAllowed, "above your own",
        lambda: update_rank(
            session=seeded, rank_id=officer_rank.id, name=officer_rank.name, level=7,
            scheduling_weight=officer_rank.scheduling_weight, actor_level=4,
        ),
    )  # fmt: skip


OFFICER_ACTIONS = {
    "deactivate": lambda s, target, actor: players.set_player_active(
        session=s, player_id=target.id, active=False, actor_player_id=actor.id
    ),
    "re-rank": lambda s, target, actor: players.set_rank_override(
        session=s, player_id=target.id, rank_id=_rank(s, 1).id, actor_player_id=actor.id, now=NOW
    ),
    "unpin the rank": lambda s, target, actor: players.set_rank_override(
        session=s, player_id=target.id, rank_id=None, actor_player_id=actor.id, now=NOW
    ),
    "unlink Discord": lambda s, target, actor: players.unlink_discord(
        session=s, player_id=target.id, actor_player_id=actor.id
    ),
    "unassign a character": lambda s, target, actor: players.unassign_character(
        session=s, character_id=_character_of(s, target), actor_player_id=actor.id
    ),
    "log out everywhere": lambda s, target, actor: log_player_out_everywhere(
        session=s, player_id=target.id, actor_player_id=actor.id, now=NOW
    ),
    "password reset link": lambda s, target, actor: issue_reset_link(
        session=s, player_id=target.id, created_by_player_id=actor.id, now=NOW,
        base_url="http://localhost:3000",
    ),
}  # fmt: skip


def _character_of(session: Session, player: Player) -> int:
    character = WowCharacter(character_name=f"C{player.id}", realm_slug="senjin", realm_name="x")
    session.add(character)
    session.flush()
    session.add(PlayerCharacter(player_id=player.id, character_id=character.id))
    session.flush()
    return character.id


def _with_account(session: Session, player: Player) -> Player:
    user = User(discord_username=f"user{player.id}", password_hash="x")
    session.add(user)
    session.flush()
    player.website_user_id = user.id
    session.add(player)
    session.flush()
    return player


@pytest.mark.parametrize("action", sorted(OFFICER_ACTIONS))
def test_an_officer_cannot_act_on_a_rank_at_or_above_their_own(seeded: Session, action: str):
    """The attack: an officer made a reset link for the Guild Leader and took their account."""
    leader = _with_account(seeded, _player(seeded, "Guild Leader", 5))
    officer = _with_account(seeded, _player(seeded, "Officer", 4))
    peer = _with_account(seeded, _player(seeded, "Other Officer", 4))
    for target in (leader, peer):
        _refused(
            seeded, NotAllowed, "at or above yours",
            lambda target=target: OFFICER_ACTIONS[action](seeded, target, officer),
        )  # fmt: skip
    OFFICER_ACTIONS[action](seeded, peer, leader)  # the Guild Leader may


@pytest.mark.parametrize("action", sorted(OFFICER_ACTIONS))
def test_an_officer_still_acts_on_members_below_them(seeded: Session, action: str):
    _player(seeded, "Guild Leader", 5)
    officer = _player(seeded, "Officer", 4)
    member = _with_account(seeded, _player(seeded, "Member", 2))
    OFFICER_ACTIONS[action](seeded, member, officer)


def test_an_officer_cannot_invite_someone_into_a_higher_players_account(seeded: Session):
    """A registration code for the Guild Leader's (or a peer's) player, who has no login yet,
    would let the officer make that login and act as them."""
    leader = _player(seeded, "Guild Leader", 5)
    officer = _with_account(seeded, _player(seeded, "Officer", 4))
    peer = _player(seeded, "Other Officer", 4)
    for target in (leader, peer):
        _refused(
            seeded, NotAllowed, "at or above yours",
            lambda target=target: create_invite(
                session=seeded, player_id=target.id, created_by_player_id=officer.id, now=NOW
            ),
        )  # fmt: skip
    issued = create_invite(  # the Guild Leader may
        session=seeded, player_id=peer.id, created_by_player_id=leader.id, now=NOW
    )
    assert issued.player_id == peer.id
    member = _player(seeded, "Member", 2)
    issued = create_invite(
        session=seeded, player_id=member.id, created_by_player_id=officer.id, now=NOW
    )
    assert issued.player_id == member.id
