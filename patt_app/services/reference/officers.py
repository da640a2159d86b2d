"""Two guards on rank changes: the guild always keeps an active officer, and nobody is given a
rank above the officer who gives it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import func
from sqlmodel import Session, select

from patt_app.models import GuildRank, Player
from patt_app.services.errors import InvalidInput, NotAllowed
from patt_app.services.reference.reference_data import OFFICER_LEVEL


def _active_officers(session: Session) -> int:
    session.flush()
    return session.exec(
        select(func.count())
        .select_from(Player)
        .join(GuildRank, GuildRank.id == Player.guild_rank_id)
        .where(Player.is_active, GuildRank.level >= OFFICER_LEVEL)
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
