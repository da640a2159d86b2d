"""The rank rule (`rank_rule.py`) applied: players' ranks brought in line with what their
characters and Discord roles say, and the claims that wait for an officer.

A claim is an open `audit_issues` row of type `rank_claim` ("Tordris is Officer in game:
confirm"); it shows on /admin/audit, where another officer accepts or dismisses it. A claim
the feeds no longer make resolves itself; a dismissed one is not raised again."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from patt_app.models import (
    AuditIssue,
    DiscordUser,
    GuildRank,
    Player,
    PlayerCharacter,
    WowCharacter,
)
from patt_app.services.errors import InvalidInput, NotAllowed, NotFound
from patt_app.services.players.rank_rule import (
    FROM_CHARACTERS,
    RankDecision,
    RankInputs,
    RankOption,
    decide_rank,
    derived_rank,
    discord_role_level,
)
from patt_app.services.reference.officers import (
    acting_level,
    ensure_may_act_on,
    ensure_within_own_rank,
    keeps_an_officer,
)
from patt_app.services.reference.reference_data import OFFICER_LEVEL
from patt_app.services.statements import known_row

RANK_CLAIM = "rank_claim"
RANK_CLAIM_LABEL = "Rank changes to confirm"


@dataclass
class RankRefresh:
    changed: int = 0
    claims_waiting: int = 0


def _inputs(session: Session, player_ids: list[int] | None) -> dict[int, tuple[Player, RankInputs]]:
    # Keyed `int | None`: a player without a rank, or no level, finds nothing.
    ranks: dict[int | None, RankOption] = {
        r.id: RankOption(r.id, r.level) for r in session.exec(select(GuildRank)).all()
    }
    by_level: dict[int | None, RankOption] = {option.level: option for option in ranks.values()}
    players_query = select(Player)
    best_query = (
        select(col(PlayerCharacter.player_id), func.max(col(GuildRank.level)))
        .join(WowCharacter, col(WowCharacter.id) == col(PlayerCharacter.character_id))
        .join(GuildRank, col(GuildRank.id) == col(WowCharacter.guild_rank_id))
        .where(col(WowCharacter.removed_at).is_(None))
        .group_by(col(PlayerCharacter.player_id))
    )
    roles_query = select(col(Player.id), col(DiscordUser.highest_guild_role)).join(
        DiscordUser, col(DiscordUser.id) == col(Player.discord_user_id)
    )
    if player_ids is not None:
        players_query = players_query.where(col(Player.id).in_(player_ids))
        best_query = best_query.where(col(PlayerCharacter.player_id).in_(player_ids))
        roles_query = roles_query.where(col(Player.id).in_(player_ids))
    best = dict(session.exec(best_query).all())
    roles = dict(session.exec(roles_query).all())
    found = {}
    for player in session.exec(players_query).all():
        role_level = discord_role_level(roles.get(player.id))
        found[player.id] = (
            player,
            RankInputs(
                current=ranks.get(player.guild_rank_id),
                current_source=player.guild_rank_source,
                from_characters=by_level.get(best.get(player.id)),
                from_discord=by_level.get(role_level),
            ),
        )
    return found


def _claim_hash(player_id: int, decision: RankDecision, current_id: int | None) -> str:
    claimed = decision.claimed.rank_id if decision.claimed else None
    key = f"{RANK_CLAIM}:{player_id}:{current_id}:{claimed}"
    return hashlib.sha256(key.encode()).hexdigest()


def _claim_summary(session: Session, player: Player, decision: RankDecision) -> str:
    where = "in game" if decision.claimed_source == FROM_CHARACTERS else "on Discord"
    if decision.claimed is None:
        current = session.get(GuildRank, player.guild_rank_id) if player.guild_rank_id else None
        held = current.name if current else "a rank"
        return f"{player.display_name} no longer holds {held} anywhere: confirm"
    claimed = known_row(session, GuildRank, decision.claimed.rank_id)
    return f"{player.display_name} is {claimed.name} {where}: confirm"


def _open_claims(session: Session) -> dict[int, list[AuditIssue]]:
    rows = session.exec(
        select(AuditIssue).where(
            col(AuditIssue.issue_type) == RANK_CLAIM, col(AuditIssue.resolved_at).is_(None)
        )
    ).all()
    by_player: dict[int, list[AuditIssue]] = {}
    for row in rows:
        by_player.setdefault(int(row.details.get("player_id", 0)), []).append(row)
    return by_player


def _keep_claim(
    session: Session,
    player: Player,
    decision: RankDecision,
    open_rows: list[AuditIssue],
    now: datetime,
) -> bool:
    """Open the claim the decision makes (if new and never dismissed); resolve the player's
    other open claims. True when a claim waits."""
    wanted = (
        _claim_hash(player.id, decision, player.guild_rank_id) if decision.claim_waits else None
    )
    for row in open_rows:
        if row.issue_hash != wanted:
            row.resolved_at, row.resolution = now, "auto"
            session.add(row)
    if wanted is None:
        return False
    if any(row.issue_hash == wanted for row in open_rows):
        return True
    dismissed = session.exec(
        select(col(AuditIssue.id)).where(
            col(AuditIssue.issue_hash) == wanted, col(AuditIssue.resolution) == "dismissed"
        )
    ).first()
    if dismissed:
        return False
    claim = AuditIssue(
        issue_type=RANK_CLAIM,
        severity="critical"
        if (decision.claimed and decision.claimed.level >= OFFICER_LEVEL)
        else "warning",
        summary=_claim_summary(session, player, decision),
        details={
            "player_id": player.id,
            "current_rank_id": player.guild_rank_id,
            "claimed_rank_id": decision.claimed.rank_id if decision.claimed else None,
            "claimed_source": decision.claimed_source,
        },
        issue_hash=wanted,
        created_at=now,
        last_seen_at=now,
    )
    _open(session, claim)
    return True


OPEN_CLAIM_INDEX = "uq_audit_issues_open_hash"  # one open audit issue per hash


def _open(session: Session, claim: AuditIssue) -> None:
    """Open `claim`, unless a refresh running at the same time (the bot hears one role change
    twice) has just opened the very same one: then it waits already."""
    try:
        with session.begin_nested():
            session.add(claim)
    except IntegrityError as error:
        constraint = getattr(getattr(error.orig, "diag", None), "constraint_name", None)
        if constraint != OPEN_CLAIM_INDEX:
            raise


def refresh_ranks(
    *, session: Session, player_ids: list[int] | None = None, now: datetime | None = None
) -> RankRefresh:
    """Apply the rank rule to these players (None: everyone): ranks the feeds may set are set;
    officer ranks the feeds claim wait for an officer."""
    now = now or datetime.now(UTC)
    outcome = RankRefresh()
    claims = _open_claims(session)
    for player_id, (player, inputs) in _inputs(session, player_ids).items():
        decision = decide_rank(inputs)
        new_id = decision.rank.rank_id if decision.rank else None
        if (new_id, decision.source) != (player.guild_rank_id, player.guild_rank_source):
            player.guild_rank_id, player.guild_rank_source = new_id, decision.source
            session.add(player)
            outcome.changed += 1
        outcome.claims_waiting += _keep_claim(
            session, player, decision, claims.get(player_id, []), now
        )
    session.flush()
    return outcome


def recompute_rank(*, session: Session, player: Player) -> None:
    """`refresh_ranks` for one player (after their characters or Discord link changed)."""
    session.flush()
    refresh_ranks(session=session, player_ids=[player.id])


def follow_feeds(*, session: Session, player: Player, actor_level: int) -> None:
    """An officer unpins a rank: the player takes what the game or Discord gives, now (the
    officer's act is the confirmation), never above the officer's own rank."""
    player.guild_rank_source = None
    session.add(player)
    session.flush()
    claimed, source = derived_rank(_inputs(session, [player.id])[player.id][1])
    if claimed is not None:
        ensure_within_own_rank(level=claimed.level, actor_level=actor_level)
    player.guild_rank_id = claimed.rank_id if claimed else None
    player.guild_rank_source = source
    session.add(player)
    refresh_ranks(session=session, player_ids=[player.id])


def accept_rank_claim(
    *, session: Session, issue: AuditIssue, officer_player_id: int | None, now: datetime
) -> str:
    """Another officer confirms a claim: the player takes the rank the feeds give. Refused for
    one's own rank, for a player at or above the officer's rank (unless Guild Leader), above
    the officer's own rank, and when the feeds no longer say it."""
    player_id = int(issue.details.get("player_id", 0))
    player = session.get(Player, player_id)
    if player is None:
        raise NotFound("That player no longer exists.")
    if officer_player_id is not None and officer_player_id == player_id:
        raise NotAllowed("Another officer must confirm a change to your own rank.")
    ensure_may_act_on(
        session=session, actor_player_id=officer_player_id, target_player_id=player_id
    )
    player, inputs = _inputs(session, [player_id])[player_id]
    decision = decide_rank(inputs)
    if (
        not decision.claim_waits
        or _claim_hash(player_id, decision, player.guild_rank_id) != issue.issue_hash
    ):
        raise InvalidInput(
            "That rank change is out of date: the game or Discord no longer says it."
        )
    if decision.claimed is not None:
        ensure_within_own_rank(
            level=decision.claimed.level, actor_level=acting_level(session, officer_player_id)
        )
    with keeps_an_officer(session):
        player.guild_rank_id = decision.claimed.rank_id if decision.claimed else None
        player.guild_rank_source = decision.claimed_source
        session.add(player)
    claimed = session.get(GuildRank, player.guild_rank_id) if player.guild_rank_id else None
    return f"{player.display_name} is now {claimed.name if claimed else 'without a rank'}."
