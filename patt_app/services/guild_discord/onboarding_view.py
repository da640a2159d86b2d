"""Onboarding as officers see it: the sessions list (/admin/onboarding, /onboard-status) and
who may use the officer slash commands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from patt_app.models import DiscordUser, GuildRank, OnboardingSession, Player
from patt_app.services.guild_discord import onboarding_flow as flow


@dataclass(frozen=True)
class SessionView:
    id: int
    discord_id: str
    username: str
    state: str
    main: str
    alts: str
    attempts: int
    created_at: datetime
    deadline_at: datetime | None
    escalated: bool
    player_name: str


def list_sessions(
    *, session: Session, open_only: bool = False, limit: int = 100
) -> list[SessionView]:
    """Onboarding sessions, newest first, for /admin/onboarding and /onboard-status."""
    statement = (
        select(OnboardingSession, col(DiscordUser.username), col(Player.display_name))
        .outerjoin(DiscordUser, col(DiscordUser.discord_id) == col(OnboardingSession.discord_id))
        .outerjoin(Player, col(Player.id) == col(OnboardingSession.verified_player_id))
        .order_by(col(OnboardingSession.id).desc())
        .limit(limit)
    )
    if open_only:
        statement = statement.where(col(OnboardingSession.state).in_(flow.OPEN_STATES))
    return [
        SessionView(
            id=row.id,
            discord_id=row.discord_id,
            username=username or row.discord_id,
            state=row.state,
            main=row.reported_main_name or "",
            alts=", ".join(row.reported_alt_names or ()),
            attempts=row.verification_attempts,
            created_at=row.created_at,
            deadline_at=row.deadline_at,
            escalated=row.escalated_at is not None,
            player_name=player_name or "",
        )
        for row, username, player_name in session.exec(statement).all()
    ]


def is_officer(*, session: Session, discord_id: str) -> bool:
    """Whether this Discord account belongs to an active officer (rank level >= 4)."""
    level = session.exec(
        select(col(GuildRank.level))
        .join(Player, col(Player.guild_rank_id) == col(GuildRank.id))
        .join(DiscordUser, col(DiscordUser.id) == col(Player.discord_user_id))
        .where(col(DiscordUser.discord_id) == discord_id, col(Player.is_active))
    ).first()
    return level is not None and level >= 4
