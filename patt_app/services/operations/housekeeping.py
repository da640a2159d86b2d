"""Housekeeping the background runner does: purge dead logins, invites and password reset
links, check the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_
from sqlmodel import Session, col, select

from patt_app.models import InviteCode, PasswordReset, UserSession
from patt_app.services.players.guild_overview import count_active_players
from patt_app.services.statements import rows_changed

SESSION_KEEP = timedelta(days=7)  # ended logins stay visible on the profile for a week
INVITE_KEEP = timedelta(days=30)  # used or expired invites stay visible to officers a month


@dataclass(frozen=True)
class PurgeResult:
    sessions: int
    invites: int
    reset_links: int = 0

    def summary(self) -> str:
        return (
            f"removed {self.sessions} ended logins, {self.invites} old invites "
            f"and {self.reset_links} old password reset links"
        )


def purge_expired(*, session: Session, now: datetime) -> PurgeResult:
    """Delete logins that ended (expired or logged out) over a week ago, and invites and
    password reset links that were used or expired over a month ago."""
    session_cutoff, invite_cutoff = now - SESSION_KEEP, now - INVITE_KEEP
    sessions = session.execute(
        delete(UserSession).where(
            or_(
                col(UserSession.expires_at) < session_cutoff,
                col(UserSession.revoked_at) < session_cutoff,
            )
        )
    )
    invites = session.execute(
        delete(InviteCode).where(
            or_(col(InviteCode.used_at) < invite_cutoff, col(InviteCode.expires_at) < invite_cutoff)
        )
    )
    resets = session.execute(
        delete(PasswordReset).where(
            or_(
                col(PasswordReset.used_at) < invite_cutoff,
                col(PasswordReset.expires_at) < invite_cutoff,
            )
        )
    )
    return PurgeResult(
        sessions=rows_changed(sessions),
        invites=rows_changed(invites),
        reset_links=rows_changed(resets),
    )


@dataclass(frozen=True)
class GuildPulse:
    active_players: int
    live_sessions: int

    def summary(self) -> str:
        sessions = "session" if self.live_sessions == 1 else "sessions"
        return f"{self.active_players} active players, {self.live_sessions} signed-in {sessions}"


def guild_pulse(*, session: Session, now: datetime) -> GuildPulse:
    """A cheap read that proves the database answers: active players and live logins."""
    players = count_active_players(session=session)
    live = session.exec(
        select(func.count())
        .select_from(UserSession)
        .where(col(UserSession.expires_at) > now, col(UserSession.revoked_at).is_(None))
    ).one()
    return GuildPulse(active_players=players, live_sessions=live)
