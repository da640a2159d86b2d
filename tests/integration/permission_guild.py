"""The guild the permission walk (tests/integration/test_permissions.py) runs in: the demo guild,
a login for each kind of caller, and real rows that the walk's dummy arguments point at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import (
    AddonApiKey,
    AuditIssue,
    AvailabilityException,
    Campaign,
    CampaignEntry,
    DiscordUser,
    GuildRank,
    Player,
    PlayerCharacter,
    PromotionRule,
    RaidEvent,
    RaidSeason,
    Role,
    User,
)
from patt_app.services.accounts.sessions import start_session
from patt_app.services.identity.addon_keys import generate_key
from patt_app.services.identity.refresh import refresh_identity
from patt_app.services.raids.appeals import open_appeal


@dataclass
class Guild:
    engine: Engine
    users: dict[str, int]  # caller -> user id (visitor and forged token have none)
    ids: dict[str, int]  # real rows the dummy arguments point at

    def token(self, caller: str) -> str:
        """A fresh session token for the caller (calls may end sessions)."""
        if caller == "visitor":
            return ""
        if caller == "forged token":
            return "forged-" + "x" * 36
        with Session(self.engine) as session:
            token = start_session(
                session=session, user_id=self.users[caller], now=datetime.now(UTC), hours=1
            )
            session.commit()
        return token


def _user_for(session: Session, player: Player, username: str) -> int:
    user = User(discord_username=username, password_hash="not-a-hash")
    session.add(user)
    session.flush()
    player.website_user_id = user.id
    session.add(player)
    return user.id


def _player_at(session: Session, level: int, skip: set[int]) -> Player:
    return session.exec(
        select(Player)
        .join(GuildRank, GuildRank.id == Player.guild_rank_id)
        .where(
            GuildRank.level == level,
            Player.is_active,
            Player.website_user_id.is_(None),
            Player.id.not_in(skip or {-1}),
        )
        .order_by(Player.id)
    ).first()


def _an_open_issue(session: Session, now: datetime) -> int:
    """A real integrity finding of the demo guild (the audit screen's handlers act on one)."""
    refresh_identity(session=session, now=now)
    return session.exec(
        select(AuditIssue.id).where(AuditIssue.resolved_at.is_(None)).order_by(AuditIssue.id)
    ).first()


def _an_open_appeal(session: Session, member_id: int, now: datetime) -> int:
    """The demo member's appeal of their record at a held raid (officers answer it)."""
    held = session.exec(
        select(RaidEvent.id).where(RaidEvent.end_time_utc < now).order_by(RaidEvent.id)
    ).first()
    return open_appeal(
        session=session, player_id=member_id, event_id=held, reason="I was there", now=now
    ).id


def _an_uploader_key(session: Session, owner_player_id: int, now: datetime) -> int:
    generate_key(session=session, officer_player_id=None, owner_player_id=owner_player_id, now=now)
    return session.exec(select(AddonApiKey.id).where(AddonApiKey.revoked_at.is_(None))).one()


def build_guild(committed: Engine) -> Guild:
    """The demo guild with a user for every kind of caller and real rows for the arguments."""
    now = datetime.now(UTC)
    with Session(committed) as session:
        seed_demo_guild(session=session, now=now)
        users = {
            name: session.exec(select(User.id).where(User.discord_username == username)).one()
            for name, username in (("member", DEMO_MEMBER), ("officer", DEMO_OFFICER))
        }
        taken: set[int] = set()
        for caller, level in (("initiate", 1), ("veteran", 3), ("deactivated officer", 4)):
            player = _player_at(session, level, taken)
            assert player is not None, f"the demo guild has an unlinked level-{level} player"
            taken.add(player.id)
            users[caller] = _user_for(session, player, caller.replace(" ", "_"))
            if caller == "deactivated officer":
                player.is_active = False
                session.add(player)
        session.flush()
        member = session.exec(select(Player).where(Player.website_user_id == users["member"])).one()
        other = _player_at(session, 2, taken)
        event = session.exec(
            select(RaidEvent)
            .where(RaidEvent.start_time_utc > now, RaidEvent.cancelled_at.is_(None))
            .order_by(RaidEvent.start_time_utc)
        ).first()
        assert event is not None, "the demo guild has an upcoming event"
        away = AvailabilityException(
            player_id=member.id, start_date=now.date(), end_date=now.date() + timedelta(days=3)
        )
        session.add(away)
        session.flush()
        character = session.exec(
            select(PlayerCharacter.character_id).where(PlayerCharacter.player_id == other.id)
        ).first()
        draft = Campaign(title="Walk vote", start_at=now + timedelta(days=1), duration_hours=24)
        session.add(draft)
        session.flush()
        for order, name in enumerate(("North", "South", "East", "West")):
            session.add(CampaignEntry(campaign_id=draft.id, name=name, sort_order=order))
        session.flush()
        entry = session.exec(
            select(CampaignEntry.id).where(CampaignEntry.campaign_id == draft.id)
        ).first()
        ids = {
            "campaign": draft.id,  # a public draft: opening it or editing it changes tables
            "campaign_entry": entry,
            "player": other.id,
            "member_player": member.id,
            "character": character,
            "event": event.id,
            "season": session.exec(select(RaidSeason.id).order_by(RaidSeason.id)).first(),
            "rank": session.exec(select(GuildRank.id).where(GuildRank.level == 2)).one(),
            "role": session.exec(select(Role.id).order_by(Role.id)).first(),
            "away": away.id,
            "discord_user": session.exec(select(DiscordUser.id).order_by(DiscordUser.id)).first(),
            "issue": _an_open_issue(session, now),
            "uploader_key": _an_uploader_key(session, member.id, now),
            "appeal": _an_open_appeal(session, member.id, now),
            "rule": session.exec(select(PromotionRule.id).order_by(PromotionRule.id)).first(),
        }
        session.commit()
    return Guild(committed, users, ids)
