"""Filling a role gap with off-specs. Pure: plain data in, plain data out.

When the forecast says "likely 3 healers, need 4", propose the fewest players to ask — signed
up, or free and not answered yet — whose off-spec or another character fills the missing role:

- Only players who would not open another gap: moving a signed-up priest from ranged to healer
  is proposed only while the DPS stay at their need without them.
- The most likely to come first, and among equals those asked least often before.
- Picked one by one until the expected count of the role reaches the need; then one spare (a
  "no" is likely). Never more asks than the players the gap misses plus one: asks still
  waiting for an answer for this raid count against that limit, so pressing "Ask them" twice
  never asks more.
"""

from __future__ import annotations

from dataclasses import dataclass

from patt_app.services.raids.turnout_forecast import Composition

GAP_ROLES = {"tank": ("tank",), "healer": ("healer",), "dps": ("melee", "ranged")}
GROUP_OF = {role: group for group, roles in GAP_ROLES.items() for role in roles}
GAP_WORDS = {"tank": "tanks", "healer": "healers", "dps": "DPS"}


@dataclass(frozen=True)
class Option:
    """One other role a player can bring: the spec, and the character when not their main."""

    role: str  # tank | healer | melee | ranged
    spec: str  # "Holy"
    character: str = ""  # "" for the main character


@dataclass(frozen=True)
class Candidate:
    player_id: int
    name: str
    role: str  # the role they come as now (signed up) or would (main spec); "unknown"
    chance: float  # how likely they come if they say yes
    counted: float  # what the forecast counts for them now, in `role`
    signed_up: bool
    options: tuple[Option, ...]
    asked: int = 0  # role asks they had before (any raid)


@dataclass(frozen=True)
class Ask:
    player_id: int
    name: str
    role: str
    spec: str
    character: str
    chance: float
    signed_up: bool
    asked: int


@dataclass(frozen=True)
class GapFill:
    gap: str  # tank | healer | dps
    have: float  # the expected count now
    need: int
    asks: tuple[Ask, ...]  # the proposal, most likely first (the last may be the spare)
    closes: bool  # the asks, all saying yes and coming as likely as forecast, close the gap
    waiting: int = 0  # asks for this gap still open for this raid


def _group_counts(by_role: dict[str, float]) -> dict[str, float]:
    return {g: sum(by_role.get(r, 0.0) for r in roles) for g, roles in GAP_ROLES.items()}


def _needs(need: Composition) -> dict[str, int]:
    return {"tank": need.tanks, "healer": need.healers, "dps": need.dps}


def _option_for(candidate: Candidate, gap: str) -> Option | None:
    if GROUP_OF.get(candidate.role) == gap:
        return None  # already counted there
    return next((o for o in candidate.options if GROUP_OF.get(o.role) == gap), None)


def _rank(candidate: Candidate) -> tuple[float, int, str]:
    return (-round(candidate.chance, 1), candidate.asked, candidate.name.casefold())


def propose_gap_fills(
    *,
    by_role: dict[str, float],
    need: Composition,
    candidates: list[Candidate],
    waiting: dict[str, int] | None = None,
) -> list[GapFill]:
    """One `GapFill` per role group (tanks, healers, DPS) the forecast leaves short, in that
    order; a player is proposed for one gap at most. `waiting`: open asks per group."""
    waiting = waiting or {}
    counts, wanted = _group_counts(by_role), _needs(need)
    taken: set[int] = set()
    fills = []
    for gap in GAP_ROLES:
        if round(counts[gap]) >= wanted[gap]:
            continue
        fill = _fill_one(gap, counts, wanted, candidates, taken, waiting.get(gap, 0))
        fills.append(fill)
    return fills


def _ask(candidate: Candidate, option: Option) -> Ask:
    return Ask(
        candidate.player_id,
        candidate.name,
        option.role,
        option.spec,
        option.character,
        candidate.chance,
        candidate.signed_up,
        candidate.asked,
    )


def _fill_one(
    gap: str,
    counts: dict[str, float],
    wanted: dict[str, int],
    candidates: list[Candidate],
    taken: set[int],
    waiting: int,
) -> GapFill:
    have = counts[gap]
    picked: list[Ask] = []
    spare: Ask | None = None
    for candidate in sorted(candidates, key=_rank):
        option = _option_for(candidate, gap)
        if option is None or candidate.player_id in taken or candidate.chance <= 0:
            continue
        source = GROUP_OF.get(candidate.role)
        if source and round(counts[source] - candidate.counted) < wanted[source]:
            continue  # moving them would open a gap where they are now
        ask = _ask(candidate, option)
        if round(counts[gap]) >= wanted[gap]:
            spare = ask
            break
        picked.append(ask)
        counts[gap] += candidate.chance
        if source:
            counts[source] -= candidate.counted
    closes = round(counts[gap]) >= wanted[gap]
    asks = picked + ([spare] if spare and closes else [])
    limit = max(0, wanted[gap] - round(have) + 1 - waiting)  # the gap's players, plus one
    asks = asks[:limit]
    taken.update(a.player_id for a in asks)
    reach = have + sum(a.chance for a in asks)
    return GapFill(
        gap, round(have, 1), wanted[gap], tuple(asks), round(reach) >= wanted[gap], waiting
    )


def ask_text(*, spec: str, character: str, weekday: str, start_unix: int, title: str) -> str:
    """The question a player gets ("Could you bring Holy on Tuesday?"); Discord's `<t:…:t>`
    shows the start in the reader's own time."""
    on = f" on {character}" if character else ""
    return (
        f"Could you bring {spec}{on} on {weekday}? ({title}, <t:{start_unix}:t>) "
        "A yes signs you up as that role."
    )


def copy_text(fill: GapFill, *, start_unix: int, title: str) -> str:
    """What an officer pastes into Discord for one gap."""
    lines = [
        f"We're short of {GAP_WORDS[fill.gap]} for {title} on <t:{start_unix}:F> "
        f"(likely {round(fill.have)}, need {fill.need}):"
    ]
    for ask in fill.asks:
        on = f" on {ask.character}" if ask.character else ""
        lines.append(f"- {ask.name}: could you bring {ask.spec}{on}?")
    return "\n".join(lines)
