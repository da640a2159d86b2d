"""The guards on what officers do to players: the guild always keeps an active officer, nobody
is given a rank above the officer who gives it, and no officer acts on a player whose rank is
at or above their own (except the Guild Leader)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import func
from sqlmodel import Session, col, select

from patt_app.models import GuildRank, Player
from patt_app.services.errors import InvalidInput, NotAllowed
from patt_app.services.reference.reference_data import GUILD_LEADER_LEVEL, OFFICER_LEVEL


def _active_officers(session: Session) -> int:
    session.flush()
    return session.exec(
        select(func.count())
        .select_from(Player)
        .join(GuildRank, col(GuildRank.id) == col(Player.guild_rank_id))
        .where(col(Player.is_active), col(GuildRank.level) >= OFFICER_LEVEL)
    ).one()


@contextmanager
def keeps_an_officer(session: Session) -> Iterator[None]:
    """Around a change: refuse it (the caller's transaction then rolls back) when the guild had
    an active officer before and has none after — it would be locked out of its own admin."""
    before = _active_officers(session)
    yield
    if before > 0 and _active_officers(session) == 0:
        raise InvalidInput("That would leave the guild without an active officer; not changed.")


def ensure_within_own_rank(*, level: int, actor_level: int) -> None:
    """Officers hand out ranks up to their own, never above it."""
    if level > actor_level:
        raise NotAllowed("You can't give a rank above your own.")


def rank_level_of(session: Session, player_id: int | None) -> int:
    """The level of the player's rank now (0: no rank, or no such player)."""
    if player_id is None:
        return 0
    level = session.exec(
        select(col(GuildRank.level))
        .join(Player, col(Player.guild_rank_id) == col(GuildRank.id))
        .where(col(Player.id) == player_id)
    ).first()
    return level or 0


def acting_level(session: Session, actor_player_id: int | None) -> int:
    """The rank level an actor acts with: their rank now; the command line (None) acts as the
    deployment's operator, above every rank."""
    if actor_player_id is None:
        return GUILD_LEADER_LEVEL
    return rank_level_of(session, actor_player_id)


def ensure_may_act_on(
    *, session: Session, actor_player_id: int | None, target_player_id: int
) -> None:
    """Refuse when the target's rank is at or above the acting officer's, unless the actor is
    the Guild Leader, the command line (None) or the target themselves."""
    if actor_player_id is None or actor_player_id == target_player_id:
        return
    actor_level = rank_level_of(session, actor_player_id)
    if actor_level >= GUILD_LEADER_LEVEL:
        return
    if rank_level_of(session, target_player_id) >= actor_level:
        target = session.get(Player, target_player_id)
        name = target.display_name if target else "That player"
        raise NotAllowed(f"{name}'s rank is at or above yours: only the Guild Leader can do that.")
