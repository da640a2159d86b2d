"""Member sync: who is on the guild's Discord server, as a pure diff and its apply.

The bot reads the server's members into `SeenMember`s; `diff_members` compares them with the
`discord_users` rows (new, changed, departed, returning); `apply_member_diff` writes that in the
caller's transaction; `sync_members` does both, one sync at a time (MEMBER_SYNC_LOCK). Guild
roles are the roles named GM, Officer, Veteran, Member or Initiate (any case); the highest of
them is kept as `highest_guild_role`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from patt_app.models import DiscordUser
from patt_app.services.players.rank_rule import DISCORD_ROLE_RANKS
from patt_app.services.statements import hold_lock

# pg_advisory_xact_lock key shared by every member sync. Lock order: this one first, then
# refresh_identity's IDENTITY_LOCK (the full sync takes both, in one transaction).
MEMBER_SYNC_LOCK = 0x7A77_4D53


@dataclass(frozen=True)
class SeenMember:
    """A member of the server as the bot sees it (bots left out by the adapter)."""

    discord_id: str
    username: str
    display_name: str | None
    role_names: tuple[str, ...] = ()
    joined_at: datetime | None = None


@dataclass(frozen=True)
class KnownMember:
    """What `discord_users` holds about one account."""

    discord_id: str
    username: str
    display_name: str | None
    guild_roles: tuple[str, ...]
    is_present: bool


@dataclass
class MemberDiff:
    new: list[SeenMember] = field(default_factory=list)
    changed: list[SeenMember] = field(default_factory=list)
    returning: list[SeenMember] = field(default_factory=list)
    departed: list[str] = field(default_factory=list)  # discord ids
    unchanged: list[SeenMember] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.new)} joined · {len(self.returning)} returned · {len(self.departed)} left "
            f"· {len(self.changed)} updated · {len(self.unchanged)} unchanged"
        )


def guild_roles(role_names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The guild roles among a member's roles, highest first (names as Discord spells them)."""
    ranked = [name for name in role_names if name.strip().lower() in DISCORD_ROLE_RANKS]
    return tuple(sorted(ranked, key=lambda n: -DISCORD_ROLE_RANKS[n.strip().lower()]))


def highest_guild_role(role_names: tuple[str, ...] | list[str]) -> str | None:
    roles = guild_roles(role_names)
    return roles[0] if roles else None


def diff_members(
    known: list[KnownMember], seen: list[SeenMember], *, complete: bool = True
) -> MemberDiff:
    """Compare the server with the table. `complete`: `seen` is every member, so anyone
    present in the table and not seen has left (False for one member's join or update)."""
    by_id = {member.discord_id: member for member in known}
    diff = MemberDiff()
    for member in seen:
        before = by_id.get(member.discord_id)
        if before is None:
            diff.new.append(member)
        elif not before.is_present:
            diff.returning.append(member)
        elif (
            before.username != member.username
            or before.display_name != member.display_name
            or tuple(before.guild_roles) != guild_roles(member.role_names)
        ):
            diff.changed.append(member)
        else:
            diff.unchanged.append(member)
    if complete:
        seen_ids = {member.discord_id for member in seen}
        diff.departed = [
            m.discord_id for m in known if m.is_present and m.discord_id not in seen_ids
        ]
    return diff


def known_members(*, session: Session) -> list[KnownMember]:
    return [
        KnownMember(
            discord_id=row.discord_id,
            username=row.username,
            display_name=row.display_name,
            guild_roles=tuple(row.all_guild_roles or ()),
            is_present=row.is_present,
        )
        for row in session.exec(select(DiscordUser)).all()
    ]


def _write(row: DiscordUser, member: SeenMember, now: datetime) -> None:
    roles = guild_roles(member.role_names)
    row.username = member.username[:64]
    row.display_name = (member.display_name or None) and member.display_name[:64]
    row.all_guild_roles = list(roles)
    row.highest_guild_role = roles[0] if roles else None
    row.joined_server_at = member.joined_at or row.joined_server_at
    row.is_present, row.removed_at, row.last_sync = True, None, now


def apply_member_diff(*, session: Session, diff: MemberDiff, now: datetime) -> MemberDiff:
    """Write `diff` into `discord_users` (in the caller's transaction); returns it."""
    rows = {row.discord_id: row for row in session.exec(select(DiscordUser)).all()}
    for member in diff.new:
        row = DiscordUser(discord_id=member.discord_id, username=member.username, first_seen=now)
        _write(row, member, now)
        session.add(row)
    for member in [*diff.changed, *diff.returning, *diff.unchanged]:
        row = rows[member.discord_id]
        _write(row, member, now)
        session.add(row)
    for discord_id in diff.departed:
        row = rows[discord_id]
        row.is_present, row.removed_at, row.last_sync = False, now, now
        session.add(row)
    session.flush()
    return diff


def sync_members(
    *, session: Session, seen: list[SeenMember], now: datetime, complete: bool = True
) -> MemberDiff:
    """Diff and apply in one go, one sync at a time: the bot hears a newcomer's join and the
    role another bot gives them on two threads (and a full sync may run meanwhile); both would
    see the account as new and the second insert break the unique Discord id, so the join's
    onboarding would never start. The lock is taken before the rows are read: the second sync
    waits, then sees the first one's rows."""
    hold_lock(session, MEMBER_SYNC_LOCK)
    diff = diff_members(known_members(session=session), seen, complete=complete)
    return apply_member_diff(session=session, diff=diff, now=now)


def member_left(*, session: Session, discord_id: str, now: datetime) -> bool:
    """One member left the server; returns whether we knew them."""
    row = session.exec(select(DiscordUser).where(col(DiscordUser.discord_id) == discord_id)).first()
    if row is None or not row.is_present:
        return False
    row.is_present, row.removed_at, row.last_sync = False, now, now
    session.add(row)
    return True
