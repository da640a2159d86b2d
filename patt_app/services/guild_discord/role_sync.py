"""Role sync, both ways, as a pure plan and its apply.

- Discord → site: a linked player's rank follows their highest guild role on Discord
  (`guild_rank_source = 'discord_sync'`) — Discord is the source of truth for ranks it knows.
- Site → Discord: when an officer pinned a rank on the site (`admin_override`), the bot gives
  the member the matching Discord role and takes away their other guild roles.

`plan_role_sync` decides from plain data; `apply_rank_changes` writes the site side; the bot
performs the `RoleAssignment`s and reports with `role_sync_summary`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from patt_app.models import DiscordUser, GuildRank, Player
from patt_app.services.players.player_admin import DISCORD_ROLE_RANKS

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
    rank_changes: list[tuple[int, int]] = field(default_factory=list)  # (player id, level)
    assignments: list[RoleAssignment] = field(default_factory=list)


def _level(role: str) -> int:
    return DISCORD_ROLE_RANKS[role.strip().lower()]


def plan_role_sync(
    members: list[LinkedMember], role_ids: dict[int, str | None], known_levels: set[int]
) -> RolePlan:
    """What to change on each side. `role_ids`: each rank level's Discord role id (or None:
    find the role by name); `known_levels`: the rank levels the site has."""
    plan = RolePlan()
    for member in members:
        if not member.is_present:
            continue
        discord_level = _level(member.guild_roles[0]) if member.guild_roles else None
        if member.rank_source == "admin_override":
            level = member.rank_level
            if level is None or level not in ROLE_NAME_FOR_LEVEL:
                continue
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
        elif (
            discord_level is not None
            and discord_level in known_levels
            and (member.rank_level != discord_level or member.rank_source != "discord_sync")
        ):
            plan.rank_changes.append((member.player_id, discord_level))
    return plan


def linked_members(*, session: Session) -> list[LinkedMember]:
    """Every active player with a Discord account, with their rank and guild roles."""
    rows = session.exec(
        select(Player, DiscordUser, GuildRank)
        .join(DiscordUser, DiscordUser.id == Player.discord_user_id)
        .outerjoin(GuildRank, GuildRank.id == Player.guild_rank_id)
        .where(Player.is_active)
        .order_by(Player.id)
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
        linked_members(session=session),
        {rank.level: rank.discord_role_id for rank in ranks},
        {rank.level for rank in ranks},
    )


def apply_rank_changes(*, session: Session, plan: RolePlan) -> int:
    """Set each planned rank (source 'discord_sync'); returns how many players changed."""
    rank_ids = {rank.level: rank.id for rank in session.exec(select(GuildRank)).all()}
    for player_id, level in plan.rank_changes:
        player = session.get(Player, player_id)
        player.guild_rank_id, player.guild_rank_source = rank_ids[level], "discord_sync"
        session.add(player)
    session.flush()
    return len(plan.rank_changes)


def role_sync_summary(*, ranks_changed: int, assigned: int, failed: list[str]) -> str:
    """One line for officers, e.g. "2 ranks follow Discord · 1 Discord role assigned"."""
    parts = [
        f"{ranks_changed} rank{'s' if ranks_changed != 1 else ''} updated from Discord",
        f"{assigned} Discord role{'s' if assigned != 1 else ''} assigned",
    ]
    if failed:
        parts.append(f"{len(failed)} failed ({'; '.join(failed[:3])})")
    return " · ".join(parts)
