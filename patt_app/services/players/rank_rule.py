"""The one rule for who holds which rank, as a pure function (README: "Who holds which rank").

1. An officer's pin wins.
2. Else the highest in-game rank among the player's characters (Battle.net's guild roster, or
   the addon where Battle.net is not configured — that choice is made where characters'
   ranks are written).
3. Else the rank of the player's highest guild role on Discord.

Feeds are claims, so one limit: no feed grants officer rank, or changes an officer's rank, by
itself. Such a change is not applied; it becomes a claim another officer confirms.
"""

from __future__ import annotations

from dataclasses import dataclass

from patt_app.services.reference.reference_data import OFFICER_LEVEL

PINNED = "admin_override"
FROM_CHARACTERS = "wow_character"
FROM_DISCORD = "discord_sync"

# Discord guild role names and the rank level each stands for.
DISCORD_ROLE_RANKS = {
    "gm": 5,
    "guild leader": 5,
    "officer": 4,
    "veteran": 3,
    "member": 2,
    "initiate": 1,
}


@dataclass(frozen=True)
class RankOption:
    rank_id: int
    level: int


@dataclass(frozen=True)
class RankInputs:
    """What is known of one player: the rank held now and what each feed says."""

    current: RankOption | None
    current_source: str | None
    from_characters: RankOption | None
    from_discord: RankOption | None


@dataclass(frozen=True)
class RankDecision:
    """The rank to hold (and where it came from). `claim_waits` is True when the feeds say
    something else that only an officer may confirm: then `claimed` / `claimed_source` say
    what (`claimed` None: the feeds give no rank at all)."""

    rank: RankOption | None
    source: str | None
    claim_waits: bool = False
    claimed: RankOption | None = None
    claimed_source: str | None = None


def discord_role_level(role: str | None) -> int | None:
    """The rank level a Discord guild role stands for, if it is one of the guild's roles."""
    return DISCORD_ROLE_RANKS.get((role or "").strip().lower())


def derived_rank(inputs: RankInputs) -> tuple[RankOption | None, str | None]:
    """What the feeds say, by precedence: characters first, then Discord."""
    if inputs.from_characters is not None:
        return inputs.from_characters, FROM_CHARACTERS
    if inputs.from_discord is not None:
        return inputs.from_discord, FROM_DISCORD
    return None, None


def is_officer_rank(rank: RankOption | None) -> bool:
    return rank is not None and rank.level >= OFFICER_LEVEL


def decide_rank(inputs: RankInputs) -> RankDecision:
    """The rank a player holds under the rule above."""
    if inputs.current_source == PINNED:
        return RankDecision(inputs.current, PINNED)
    claimed, source = derived_rank(inputs)
    current_id = inputs.current.rank_id if inputs.current else None
    claimed_id = claimed.rank_id if claimed else None
    if claimed_id == current_id:
        return RankDecision(claimed, source)
    if is_officer_rank(claimed) or is_officer_rank(inputs.current):
        return RankDecision(
            inputs.current,
            inputs.current_source,
            claim_waits=True,
            claimed=claimed,
            claimed_source=source,
        )
    return RankDecision(claimed, source)
