"""After every sync: identity matching, then the integrity check, in the caller's transaction.
Also the officer actions that change who-is-who and so re-run both."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from patt_app.models import DiscordUser, GuildRank, Player, PlayerCharacter, WowCharacter
from patt_app.services.identity.audit_log import AuditStats, accept_issue, record_findings
from patt_app.services.identity.integrity import (
    CharacterState,
    DiscordState,
    PlayerState,
    Snapshot,
    find_issues,
)
from patt_app.services.identity.linking import run_identity_matching
from patt_app.services.identity.matching import Suggestion


@dataclass
class RefreshOutcome:
    links_made: int
    audit: AuditStats


def load_snapshot(session: Session, suggestions: list[Suggestion]) -> Snapshot:
    """What the integrity checks look at, as plain data."""
    characters = session.exec(
        select(WowCharacter, PlayerCharacter, GuildRank.level)
        .join(PlayerCharacter, isouter=True)
        .join(GuildRank, WowCharacter.guild_rank_id == GuildRank.id, isouter=True)
        .where(WowCharacter.removed_at.is_(None))
    ).all()
    owners = {
        d_id: p_id
        for p_id, d_id in session.exec(
            select(Player.id, Player.discord_user_id).where(Player.discord_user_id.is_not(None))
        ).all()
    }
    discord = session.exec(select(DiscordUser).where(DiscordUser.removed_at.is_(None))).all()
    players = session.exec(select(Player).where(Player.is_active)).all()
    return Snapshot(
        characters=[
            CharacterState(
                id=c.id,
                name=c.character_name,
                realm_name=c.realm_name,
                player_id=link.player_id if link else None,
                rank_level=level,
                last_login_ms=c.last_login_timestamp,
                link_confidence=link.confidence if link else None,
            )
            for c, link, level in characters
        ],
        discord_users=[
            DiscordState(
                id=d.id,
                username=d.username,
                is_present=d.is_present,
                highest_role=d.highest_guild_role,
                player_id=owners.get(d.id),
            )
            for d in discord
        ],
        players=[PlayerState(p.id, p.display_name, p.discord_user_id) for p in players],
        suggestions=suggestions,
    )


def refresh_identity(*, session: Session, now: datetime) -> RefreshOutcome:
    """Run identity matching, then the integrity check; returns links made and issue stats."""
    matched = run_identity_matching(session=session)
    findings = find_issues(load_snapshot(session, matched.suggestions), now=now)
    stats = record_findings(session=session, findings=findings, now=now)
    return RefreshOutcome(links_made=matched.links_made, audit=stats)


def accept_suggestion(
    *, session: Session, issue_id: int, officer_player_id: int | None, now: datetime
) -> str:
    """An officer accepts a suggested link in one click; the audit is brought up to date."""
    done = accept_issue(
        session=session, issue_id=issue_id, officer_player_id=officer_player_id, now=now
    )
    refresh_identity(session=session, now=now)
    return done
