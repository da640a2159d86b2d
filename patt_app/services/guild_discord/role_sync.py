"""Discord roles follow the platform (README: "Who holds which rank").

A Discord role is a claim: it counts for a player's rank only when none of their characters
has one, and then under the rank rule (`services/players/ranks.py`, which never lets a feed
grant or change an officer rank by itself). The other way round, every linked member present
on the server gets the Discord role of the rank they hold on the site, and loses their other
guild roles.

`plan_role_sync` decides from plain data; the bot performs the `RoleAssignment`s and reports
with `role_sync_summary`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from patt_app.models import DiscordUser, GuildRank, Player
from patt_app.services.players.rank_rule import DISCORD_ROLE_RANKS

# The Discord role name for each rank level (a rank's discord_role_id, when set, wins).
ROLE_NAME_FOR_LEVEL = {5: "GM", 4: "Officer", 3: "Veteran", 2: "Member", 1: "Initiate"}


@dataclass(frozen=True)
class LinkedMember:
    player_id: int
    display_name: str
    discord_id: str
    rank_level: int | None
    rank_source: str | None
    guild_roles: tuple[str, ...]  # highest first
    is_present: bool


@dataclass(frozen=True)
class RoleAssignment:
    """Give `discord_id` the role for `level` and remove the other guild roles it has."""

    discord_id: str
    player_name: str
    level: int
    role_name: str
    role_id: str | None
    remove: tuple[str, ...]


@dataclass
class RolePlan:
    assignments: list[RoleAssignment] = field(default_factory=list)


def _level(role: str) -> int:
    return DISCORD_ROLE_RANKS[role.strip().lower()]


def plan_role_sync(members: list[LinkedMember], role_ids: dict[int, str | None]) -> RolePlan:
    """The Discord roles to give so that each present member's roles match their rank on the
    site. `role_ids`: each rank level's Discord role id (or None: find the role by name)."""
    plan = RolePlan()
    for member in members:
        level = member.rank_level
        if not member.is_present or level is None or level not in ROLE_NAME_FOR_LEVEL:
            continue
        discord_level = _level(member.guild_roles[0]) if member.guild_roles else None
        extra = tuple(r for r in member.guild_roles if _level(r) != level)
        if discord_level != level or extra:
            plan.assignments.append(
                RoleAssignment(
                    discord_id=member.discord_id,
                    player_name=member.display_name,
                    level=level,
                    role_name=ROLE_NAME_FOR_LEVEL[level],
                    role_id=role_ids.get(level),
                    remove=extra,
                )
            )
    return plan


def linked_members(*, session: Session) -> list[LinkedMember]:
    """Every active player with a Discord account, with their rank and guild roles."""
    rows = session.exec(
        select(Player, DiscordUser, GuildRank)
        .join(DiscordUser, col(DiscordUser.id) == col(Player.discord_user_id))
        .outerjoin(GuildRank, col(GuildRank.id) == col(Player.guild_rank_id))
        .where(col(Player.is_active))
        .order_by(col(Player.id))
    ).all()
    return [
        LinkedMember(
            player_id=player.id,
            display_name=player.display_name,
            discord_id=discord.discord_id,
            rank_level=rank.level if rank else None,
            rank_source=player.guild_rank_source,
            guild_roles=tuple(discord.all_guild_roles or ()),
            is_present=discord.is_present,
        )
        for player, discord, rank in rows
    ]


def plan_for_guild(*, session: Session) -> RolePlan:
    ranks = session.exec(select(GuildRank)).all()
    return plan_role_sync(
        linked_members(session=session), {rank.level: rank.discord_role_id for rank in ranks}
    )


def role_sync_summary(*, ranks_changed: int, assigned: int, failed: list[str]) -> str:
    """One line for officers, e.g. "2 ranks follow Discord · 1 Discord role assigned"."""
    parts = [
        f"{ranks_changed} rank{'s' if ranks_changed != 1 else ''} updated",
        f"{assigned} Discord role{'s' if assigned != 1 else ''} assigned",
    ]
    if failed:
        parts.append(f"{len(failed)} failed ({'; '.join(failed[:3])})")
    return " · ".join(parts)
