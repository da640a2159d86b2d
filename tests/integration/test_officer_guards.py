"""The guild never loses its last officer by an officer's click, and nobody is given a rank
above the officer who gives it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from patt_app.models import GuildRank, Player
from patt_app.services.errors import InvalidInput, NotAllowed
from patt_app.services.players import player_admin as players
from patt_app.services.reference.reference_tables import update_rank

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def _rank(session: Session, level: int) -> GuildRank:
    return session.exec(select(GuildRank).where(GuildRank.level == level)).one()


def _player(session: Session, name: str, level: int) -> Player:
    player = players.create_player(session=session, display_name=name)
    players.set_rank_override(
        session=session, player_id=player.id, rank_id=_rank(session, level).id
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
        lambda: players.set_player_active(session=seeded, player_id=officer.id, active=False),
    )  # fmt: skip
    _refused(
        seeded, InvalidInput, "without an active officer",
        lambda: players.set_rank_override(
            session=seeded, player_id=officer.id, rank_id=_rank(seeded, 2).id, actor_level=4
        ),
    )  # fmt: skip
    players.set_player_active(session=seeded, player_id=member.id, active=False)  # others: fine


def test_with_a_second_officer_the_first_can_step_down(seeded: Session):
    first = _player(seeded, "First", 4)
    _player(seeded, "Second", 5)
    players.set_player_active(session=seeded, player_id=first.id, active=False)
    assert not seeded.get(Player, first.id).is_active


def test_officers_give_ranks_up_to_their_own(seeded: Session):
    _player(seeded, "Guild Leader", 5)
    member = _player(seeded, "Member", 2)
    _refused(
        seeded, NotAllowed, "above your own",
        lambda: players.set_rank_override(
            session=seeded, player_id=member.id, rank_id=_rank(seeded, 5).id, actor_level=4
        ),
    )  # fmt: skip
    players.set_rank_override(
        session=seeded, player_id=member.id, rank_id=_rank(seeded, 4).id, actor_level=4
    )
    leader = seeded.exec(select(Player).where(Player.display_name == "Guild Leader")).one()
    _refused(
        seeded, NotAllowed, "above your own",
        lambda: players.set_rank_override(
            session=seeded, player_id=leader.id, rank_id=_rank(seeded, 2).id, actor_level=4
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
