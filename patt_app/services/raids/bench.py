"""The fair bench: when more players sign up than an event has seats, who sits out. Pure.

1. Keep the needed composition: for tanks, healers and DPS in turn, the players of that main
   role who most deserve a seat keep one, up to what the officer needs.
2. Fill the other seats the same way from everyone left.
3. Who "most deserves a seat": first everyone who did not volunteer to sit ("bench" on the
   raid's post or /events: a volunteer is benched first), then the one benched *more* often
   this season, then the higher rank
   (higher attendance obligation), then the name — so the bench rotates through those benched
   least, starting with the ranks that are asked to attend least.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from patt_app.services.raids.turnout_forecast import Composition
from patt_app.services.scheduling.role_shortfalls import role_shortfalls

DPS_ROLES = ("melee", "ranged")


@dataclass(frozen=True)
class Candidate:
    """A signed-up player."""

    player_id: int
    name: str
    role: str  # tank | healer | melee | ranged | unknown
    rank_level: int
    benched_this_season: int
    volunteer: bool = False  # will sit if needed


@dataclass(frozen=True)
class BenchProposal:
    playing: list[Candidate]
    benched: list[Candidate]
    warnings: list[str]


def _seat_order(candidate: Candidate) -> tuple[bool, int, int, str]:
    """Sort key: who gets a seat first."""
    return (
        candidate.volunteer,
        -candidate.benched_this_season,
        -candidate.rank_level,
        candidate.name.casefold(),
    )


def propose_bench(
    candidates: list[Candidate], *, raid_size: int, need: Composition = Composition()
) -> BenchProposal:
    """Who plays and who is benched (nobody when everyone fits), with warnings when the
    composition cannot be met even before benching anyone."""
    if raid_size < 1:
        raise ValueError("raid_size must be at least 1")
    ordered = sorted(candidates, key=_seat_order)
    shortfalls = role_shortfalls(Counter(c.role for c in candidates), need)
    warnings = [f"only {have} signed up (need {wanted})" for have, wanted in shortfalls]
    if len(candidates) <= raid_size:
        return BenchProposal(playing=ordered, benched=[], warnings=warnings)
    seats: list[Candidate] = []
    for roles, wanted in (
        (("tank",), need.tanks),
        (("healer",), need.healers),
        (DPS_ROLES, need.dps),
    ):
        of_role = [c for c in ordered if c.role in roles]
        seats.extend(of_role[: max(0, min(wanted, raid_size - len(seats)))])
    taken = {c.player_id for c in seats}
    for candidate in ordered:
        if len(seats) >= raid_size:
            break
        if candidate.player_id not in taken:
            seats.append(candidate)
            taken.add(candidate.player_id)
    playing = sorted(seats, key=_seat_order)
    benched = sorted((c for c in ordered if c.player_id not in taken), key=_seat_order)
    return BenchProposal(playing=playing, benched=benched, warnings=warnings)
