"""After every sync: identity matching, then the integrity check, in the caller's transaction.
Also the officer actions that change who-is-who and so re-run both.

A sync that knows what it changed passes a `FuzzyScope`: fuzzy matching then looks only at
that, and the open suggestions of the characters it did not look at stay as they were (a
suggestion goes once its character is linked, blocked or removed, or it is looked at again).

One refresh runs at a time (IDENTITY_LOCK): two at once would both insert the same new audit
issue or link and the second would break a unique index (or deadlock on them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select as select_wide  # sqlmodel's select is typed up to 4 columns
from sqlmodel import Session, col, select

from patt_app.models import (
    AuditIssue,
    DiscordUser,
    GuildRank,
    Player,
    PlayerCharacter,
    WowCharacter,
)
from patt_app.services.identity.audit_log import AuditStats, accept_issue, record_findings
from patt_app.services.identity.integrity import (
    CharacterState,
    DiscordState,
    PlayerState,
    Snapshot,
    find_issues,
)
from patt_app.services.identity.linking import run_identity_matching
from patt_app.services.identity.matching import FuzzyScope, Suggestion
from patt_app.services.players.ranks import RankRefresh, refresh_ranks
from patt_app.services.statements import hold_lock

# pg_advisory_xact_lock key shared by every identity refresh. Lock order: always taken last. A
# caller may hold member_sync.MEMBER_SYNC_LOCK (the Discord full sync) or
# roster_writers.ROSTER_WRITERS_LOCK (an upload) when it comes here, and whoever holds this
# lock never asks for either, so the three cannot wait on each other in a circle.
IDENTITY_LOCK = 0x7A77_4944


def hold_identity_lock(session: Session) -> None:
    """Wait for any other refresh to commit, then keep the others out until this transaction
    ends (taken again in the same transaction, it simply holds)."""
    hold_lock(session, IDENTITY_LOCK)


@dataclass
class RefreshOutcome:
    links_made: int
    audit: AuditStats
    ranks: RankRefresh


def load_snapshot(session: Session, suggestions: list[Suggestion]) -> Snapshot:
    """What the integrity checks look at, as plain data."""
    characters = session.execute(
        select_wide(
            col(WowCharacter.id),
            col(WowCharacter.character_name),
            col(WowCharacter.realm_name),
            col(PlayerCharacter.player_id),
            col(GuildRank.level),
            col(WowCharacter.last_login_timestamp),
            col(PlayerCharacter.confidence),
        )
        .join(PlayerCharacter, isouter=True)
        .join(GuildRank, col(WowCharacter.guild_rank_id) == col(GuildRank.id), isouter=True)
        .where(col(WowCharacter.removed_at).is_(None))
    ).all()
    owners = {
        d_id: p_id
        for p_id, d_id in session.exec(
            select(col(Player.id), col(Player.discord_user_id)).where(
                col(Player.discord_user_id).is_not(None)
            )
        ).all()
    }
    discord = session.exec(select(DiscordUser).where(col(DiscordUser.removed_at).is_(None))).all()
    players = session.exec(select(Player).where(col(Player.is_active))).all()
    return Snapshot(
        characters=[CharacterState(*row) for row in characters],
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


def _kept_suggestions(session: Session, looked_at: set[int]) -> list[Suggestion]:
    """Open suggestions for characters this run's fuzzy matching did not look at, while both
    sides are still there and the character still has no player."""
    rows = session.execute(
        select_wide(
            col(AuditIssue.wow_character_id),
            col(WowCharacter.character_name),
            col(AuditIssue.discord_user_id),
            col(DiscordUser.display_name),
            col(DiscordUser.username),
            col(AuditIssue.details),
        )
        .join(WowCharacter, col(WowCharacter.id) == col(AuditIssue.wow_character_id))
        .join(DiscordUser, col(DiscordUser.id) == col(AuditIssue.discord_user_id))
        .join(
            PlayerCharacter, col(PlayerCharacter.character_id) == col(WowCharacter.id), isouter=True
        )
        .where(
            col(AuditIssue.issue_type) == "link_suggestion",
            col(AuditIssue.resolved_at).is_(None),
            col(WowCharacter.removed_at).is_(None),
            ~col(WowCharacter.auto_link_blocked),
            col(DiscordUser.removed_at).is_(None),
            ~col(DiscordUser.auto_link_blocked),
            col(PlayerCharacter.id).is_(None),
        )
    ).all()
    return [
        Suggestion(c_id, name, d_id, display or username, float((details or {}).get("score", 0)))
        for c_id, name, d_id, display, username, details in rows
        if c_id not in looked_at
    ]


def scope_for_discord_changes(*, session: Session, discord_ids: list[str]) -> FuzzyScope:
    """What a Discord member sync changed, as a fuzzy-matching scope: the accounts that joined,
    came back or changed their names (by Discord id)."""
    if not discord_ids:
        return FuzzyScope()
    ids = session.exec(
        select(col(DiscordUser.id)).where(col(DiscordUser.discord_id).in_(discord_ids))
    ).all()
    return FuzzyScope(discord_user_ids=frozenset(ids))


def refresh_identity(
    *, session: Session, now: datetime, fuzzy_scope: FuzzyScope | None = None
) -> RefreshOutcome:
    """Identity matching, then every player's rank under the rank rule, then the integrity
    check; returns links made, rank changes and issue stats. With `fuzzy_scope`, fuzzy
    matching looks only at what changed (see the module doc). One at a time: IDENTITY_LOCK."""
    hold_identity_lock(session)
    matched = run_identity_matching(session=session, fuzzy_scope=fuzzy_scope)
    ranks = refresh_ranks(session=session, now=now)
    suggestions = matched.suggestions
    if fuzzy_scope is not None:
        suggestions = suggestions + _kept_suggestions(session, matched.fuzzy_checked)
    findings = find_issues(load_snapshot(session, suggestions), now=now)
    stats = record_findings(session=session, findings=findings, now=now)
    return RefreshOutcome(links_made=matched.links_made, audit=stats, ranks=ranks)


def accept_suggestion(
    *, session: Session, issue_id: int, officer_player_id: int | None, now: datetime
) -> str:
    """An officer accepts a suggested link in one click; the audit is brought up to date.
    IDENTITY_LOCK comes before the link is written: asked for only afterwards (in the refresh),
    it could wait on a running refresh that waits on the new link's row, a deadlock."""
    hold_identity_lock(session)
    done = accept_issue(
        session=session, issue_id=issue_id, officer_player_id=officer_player_id, now=now
    )
    refresh_identity(session=session, now=now)
    return done
