"""Member and role sync against the server: the bot reads members, the services decide (ranks
under the rank rule, then the Discord roles that follow them), the bot assigns the roles the
plan asks for, then everyone's open roster views redraw."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import discord
from sqlmodel import Session

from patt_app.db import run_in_session
from patt_app.integrations.discord.convert import seen_member, seen_members
from patt_app.live.notify import notify
from patt_app.live.topics import Topic
from patt_app.services.guild_discord import bot_status, member_sync, role_sync
from patt_app.services.guild_discord.member_sync import SeenMember
from patt_app.services.identity.refresh import refresh_identity, scope_for_discord_changes
from patt_app.services.players.rank_rule import DISCORD_ROLE_RANKS
from patt_app.services.players.ranks import refresh_ranks

log = logging.getLogger(__name__)


def _role_for(guild: discord.Guild, assignment: role_sync.RoleAssignment) -> discord.Role | None:
    if assignment.role_id and assignment.role_id.isdigit():
        role = guild.get_role(int(assignment.role_id))
        if role is not None:
            return role
    wanted = {n for n, level in DISCORD_ROLE_RANKS.items() if level == assignment.level}
    return next((r for r in guild.roles if r.name.strip().lower() in wanted), None)


async def assign_roles(guild: discord.Guild, plan: role_sync.RolePlan) -> tuple[int, list[str]]:
    """Give each planned member their role; (how many done, what failed and why)."""
    done, failed = 0, []
    for assignment in plan.assignments:
        member = guild.get_member(int(assignment.discord_id))
        role = _role_for(guild, assignment)
        if member is None or role is None:
            failed.append(
                f"{assignment.player_name}: "
                + (
                    "not on the server"
                    if member is None
                    else f"no role named {assignment.role_name}"
                )
            )
            continue
        remove = [r for r in member.roles if r.name in assignment.remove]
        try:
            if role not in member.roles:
                await member.add_roles(role, reason="PATT: rank set on the guild site")
            if remove:
                await member.remove_roles(*remove, reason="PATT: rank set on the guild site")
        except discord.Forbidden:
            failed.append(f"{assignment.player_name}: the bot's role must be above {role.name}")
            continue
        except discord.HTTPException as error:
            failed.append(f"{assignment.player_name}: Discord answered {error.status}")
            continue
        done += 1
    return done, failed


def _sync_and_plan(
    *, session: Session, seen: list[SeenMember], now: datetime
) -> tuple[str, role_sync.RolePlan, int]:
    """Members in, then identity matching and the integrity check (as after every sync), then
    the role plan; one transaction."""
    diff = member_sync.sync_members(session=session, seen=seen, now=now)
    moved = [m.discord_id for m in (*diff.new, *diff.changed, *diff.returning)]
    scope = scope_for_discord_changes(session=session, discord_ids=moved)
    refreshed = refresh_identity(session=session, now=now, fuzzy_scope=scope)
    member_summary = diff.summary()
    if refreshed.links_made:
        member_summary += f" · {refreshed.links_made} linked to players"
    bot_status.report_member_sync(session=session, summary=member_summary, now=now)
    plan = role_sync.plan_for_guild(session=session)
    return member_summary, plan, refreshed.ranks.changed


async def full_sync(guild: discord.Guild) -> str:
    """Member sync, then role sync both ways; a one-line summary."""
    now = datetime.now(UTC)
    member_summary, plan, changed = await run_in_session(
        _sync_and_plan, seen=seen_members(guild), now=now
    )
    assigned, failed = await assign_roles(guild, plan)
    summary = role_sync.role_sync_summary(ranks_changed=changed, assigned=assigned, failed=failed)
    await run_in_session(bot_status.report_role_sync, summary=summary, now=datetime.now(UTC))
    notify(Topic.ROSTER, Topic.DISCORD)
    log.info("discord sync: %s; %s", member_summary, summary)
    return f"{member_summary}; {summary}"


async def member_changed(member: discord.Member) -> None:
    """One member joined or changed (name, nickname, roles): sync just them, then their rank."""
    if member.bot:
        return
    now = datetime.now(UTC)
    await run_in_session(
        member_sync.sync_members, seen=[seen_member(member)], now=now, complete=False
    )
    await run_in_session(refresh_ranks, now=now)
    plan = await run_in_session(role_sync.plan_for_guild)
    plan.assignments = [a for a in plan.assignments if a.discord_id == str(member.id)]
    await assign_roles(member.guild, plan)
    notify(Topic.ROSTER, Topic.DISCORD)


async def member_removed(discord_id: str) -> None:
    if await run_in_session(member_sync.member_left, discord_id=discord_id, now=datetime.now(UTC)):
        notify(Topic.ROSTER, Topic.DISCORD)
