"""Every rank an officer pins or unpins by hand (the player manager, "Promote", the command
line) leaves a line in the audit log's history: whose rank, from what to what, by whom and
when. A rank is what lets someone run the guild, so who changed one is never a mystery."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlmodel import Session

from patt_app.models import AuditIssue, GuildRank, Player
from patt_app.services.players.rank_rule import PINNED

RANK_SET_ISSUE = "rank_set_by_hand"
RANK_SET_LABEL = "Ranks set by hand"


def _rank_name(session: Session, rank_id: int | None) -> str:
    """A rank's name, "no rank" for none."""
    rank = session.get(GuildRank, rank_id) if rank_id is not None else None
    return rank.name if rank else "no rank"


def record_rank_change(
    *,
    session: Session,
    player: Player,
    rank_before: int | None,
    pinned_before: bool,
    actor_player_id: int | None,
    now: datetime,
) -> None:
    """Write the history line for the change just made to `player`'s rank (`rank_before` and
    `pinned_before` being how it stood); nothing when neither the rank nor its pin changed."""
    pinned = player.guild_rank_source == PINNED
    if (player.guild_rank_id, pinned) == (rank_before, pinned_before):
        return
    before, after = _rank_name(session, rank_before), _rank_name(session, player.guild_rank_id)
    how = "pinned by hand" if pinned else "no longer pinned: as the game and Discord give it"
    actor = session.get(Player, actor_player_id) if actor_player_id is not None else None
    by = actor.display_name if actor else "the command line"
    summary = f"{player.display_name}: {before} → {after} ({how})"
    session.add(
        AuditIssue(
            issue_type=RANK_SET_ISSUE,
            severity="info",
            summary=summary,
            details={"player_id": player.id, "rank_id": player.guild_rank_id, "pinned": pinned},
            issue_hash=hashlib.sha256(
                f"{RANK_SET_ISSUE}:{player.id}:{now.isoformat()}".encode()
            ).hexdigest(),
            created_at=now,
            last_seen_at=now,
            resolved_at=now,
            resolution="accepted",
            resolved_by_player_id=actor.id if actor else None,
            resolution_note=f"Set by {by}.",
        )
    )
