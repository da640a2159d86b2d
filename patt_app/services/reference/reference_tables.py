"""Officers' edits to ranks, roles and raid seasons; classes and specs are read-only game data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from patt_app.models import GuildRank, RaidSeason, Role, Specialization, WowClass
from patt_app.services.errors import InvalidInput
from patt_app.services.reference.officers import (
    ensure_within_own_rank,
    keeps_an_officer,
)
from patt_app.services.reference.seasons import current_season
from patt_app.services.statements import record_from, row_or_refuse
from patt_app.services.text_input import one_line

HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
DISCORD_ID = re.compile(r"^\d{15,21}$")


@dataclass
class RankRow:
    id: int
    name: str
    level: int
    scheduling_weight: int
    wow_rank_index: str  # "" when unset, so a form can show it
    discord_role_id: str
    description: str


@dataclass
class SeasonRow:
    id: int
    name: str
    start_date: str
    is_active: bool
    is_current: bool


@dataclass
class ClassRow:
    id: int
    name: str
    colour: str
    blizzard_class_id: int
    specs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class GuildRankInfo:
    """A rank as stored, for the public rank list (no Discord role id)."""

    id: int
    name: str
    level: int
    scheduling_weight: int
    wow_rank_index: int | None
    description: str | None


@dataclass
class RoleRow:
    id: int
    name: str
    key: str
    colour: str


@dataclass
class ReferenceTables:
    """Everything the reference tables screen shows, read in one transaction."""

    ranks: list[RankRow]
    roles: list[RoleRow]
    seasons: list[SeasonRow]
    classes: list[ClassRow]


def guild_ranks(*, session: Session) -> list[GuildRankInfo]:
    """The guild's ranks, lowest level first."""
    return [
        record_from(GuildRankInfo, r)
        for r in session.exec(select(GuildRank).order_by(col(GuildRank.level)))
    ]


def load_reference_tables(
    *, session: Session, today: date, with_classes: bool = True
) -> ReferenceTables:
    """Ranks, roles and seasons (and the game's classes unless the caller has them already)."""
    return ReferenceTables(
        ranks=list_ranks(session=session),
        roles=[record_from(RoleRow, r) for r in list_roles(session=session)],
        seasons=list_seasons(session=session, today=today),
        classes=list_classes(session=session) if with_classes else [],
    )


def list_ranks(*, session: Session) -> list[RankRow]:
    rows = session.exec(select(GuildRank).order_by(col(GuildRank.level))).all()
    return [
        record_from(
            RankRow,
            r,
            wow_rank_index="" if r.wow_rank_index is None else str(r.wow_rank_index),
            discord_role_id=r.discord_role_id or "",
            description=r.description or "",
        )
        for r in rows
    ]


def update_rank(
    *,
    session: Session,
    rank_id: int,
    name: str,
    level: int,
    scheduling_weight: int,
    description: str = "",
    discord_role_id: str = "",
    wow_rank_index: int | None = None,
    actor_level: int = 10,
) -> GuildRank:
    """Change a rank. Names and levels stay unique, weights >= 0, in-game index 0–9 and unique.
    An officer can't lift a rank above their own level, and the guild keeps an officer."""
    rank = row_or_refuse(session, GuildRank, rank_id, "That rank does not exist.")
    if level != rank.level:
        ensure_within_own_rank(level=max(level, rank.level), actor_level=actor_level)
    name = one_line(name, longest=50, refusal="A rank needs a name of 1 to 50 characters.")
    if not 1 <= level <= 10:
        raise InvalidInput("A rank's level must be between 1 and 10.")
    if scheduling_weight < 0 or scheduling_weight > 100:
        raise InvalidInput("The scheduling weight must be between 0 and 100.")
    if wow_rank_index is not None and not 0 <= wow_rank_index <= 9:
        raise InvalidInput("The in-game rank index must be between 0 and 9.")
    discord_role_id = discord_role_id.strip()
    if discord_role_id and not DISCORD_ID.fullmatch(discord_role_id):
        raise InvalidInput("A Discord role id is a number of 15 to 21 digits.")
    others = select(GuildRank).where(col(GuildRank.id) != rank_id)
    if session.exec(others.where(func.lower(col(GuildRank.name)) == name.lower())).first():
        raise InvalidInput(f"Another rank is already called {name}.")
    if session.exec(others.where(col(GuildRank.level) == level)).first():
        raise InvalidInput(f"Another rank already has level {level}.")
    if (
        wow_rank_index is not None
        and session.exec(others.where(col(GuildRank.wow_rank_index) == wow_rank_index)).first()
    ):
        raise InvalidInput(f"Another rank already uses in-game rank index {wow_rank_index}.")
    with keeps_an_officer(session):
        rank.name, rank.level, rank.scheduling_weight = name, level, scheduling_weight
        rank.description = description.strip() or None
        rank.discord_role_id = discord_role_id or None
        rank.wow_rank_index = wow_rank_index
        session.add(rank)
    return rank


def list_roles(*, session: Session) -> list[Role]:
    return list(session.exec(select(Role).order_by(col(Role.id))).all())


def update_role(*, session: Session, role_id: int, name: str, colour: str) -> Role:
    """Rename a role or change its colour (its key, used by the scheduling maths, stays)."""
    role = row_or_refuse(session, Role, role_id, "That role does not exist.")
    name = one_line(name, longest=30, refusal="A role needs a name of 1 to 30 characters.")
    if not HEX_COLOUR.fullmatch(colour.strip()):
        raise InvalidInput("Colours look like #60a5fa.")
    if session.exec(
        select(Role).where(func.lower(col(Role.name)) == name.lower(), col(Role.id) != role_id)
    ).first():
        raise InvalidInput(f"Another role is already called {name}.")
    role.name, role.colour = name, colour.strip()
    session.add(role)
    session.flush()
    return role


def list_seasons(*, session: Session, today: date) -> list[SeasonRow]:
    current = current_season(session=session, today=today)
    rows = session.exec(select(RaidSeason).order_by(col(RaidSeason.start_date).desc())).all()
    return [
        SeasonRow(
            id=s.id,
            name=s.name,
            start_date=s.start_date.isoformat(),
            is_active=s.is_active,
            is_current=current is not None and s.id == current.id,
        )
        for s in rows
    ]


def _season_name(session: Session, name: str, except_id: int = 0) -> str:
    name = one_line(name, longest=100, refusal="A season needs a name of 1 to 100 characters.")
    if session.exec(
        select(RaidSeason).where(
            func.lower(col(RaidSeason.name)) == name.lower(), col(RaidSeason.id) != except_id
        )
    ).first():
        raise InvalidInput(f"There is already a season called {name}.")
    return name


def create_season(*, session: Session, name: str, start_date: date) -> RaidSeason:
    season = RaidSeason(name=_season_name(session, name), start_date=start_date)
    session.add(season)
    session.flush()
    return season


def rename_season(*, session: Session, season_id: int, name: str) -> RaidSeason:
    season = row_or_refuse(session, RaidSeason, season_id, "That season does not exist.")
    season.name = _season_name(session, name, except_id=season_id)
    session.add(season)
    session.flush()
    return season


def set_season_active(*, session: Session, season_id: int, active: bool) -> RaidSeason:
    season = row_or_refuse(session, RaidSeason, season_id, "That season does not exist.")
    season.is_active = active
    session.add(season)
    session.flush()
    return season


def list_classes(*, session: Session) -> list[ClassRow]:
    """Classes with their specs, for the read-only reference view."""
    classes = {
        c.id: record_from(ClassRow, c)
        for c in session.exec(select(WowClass).order_by(col(WowClass.name)))
    }
    for spec in session.exec(select(Specialization).order_by(col(Specialization.name))):
        classes[spec.class_id].specs.append(spec.name)
    return list(classes.values())
