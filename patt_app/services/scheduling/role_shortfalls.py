"""What a raid's roles miss against the tanks, healers and DPS an officer needs, in words
("3 healers", "1 tank", "7 DPS"). The turnout forecast, the raid-night finder and the bench
each put it in their own sentence. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class Needs(Protocol):
    """The composition asked for (`turnout_forecast.Composition`, `FinderRequest`)."""

    @property
    def tanks(self) -> int: ...

    @property
    def healers(self) -> int: ...

    @property
    def dps(self) -> int: ...


def counted(n: int, word: str) -> str:
    """`n` of `word` in words: "1 tank", "3 healers", "7 DPS" (DPS takes no plural s)."""
    return f"{n} {word}" if n == 1 or word == "DPS" else f"{n} {word}s"


def role_shortfalls(
    roles: Mapping[str, float], need: Needs, players: float | None = None
) -> list[tuple[str, int]]:
    """For tanks, healers and DPS (melee + ranged) in turn, each that `roles` (a count or an
    expected count per role, rounded) falls short of: what it has in words, and the need. Then,
    given `players` (the whole count), "N players" when it is short of the three together."""
    out = []
    for have, wanted, word in (
        (roles["tank"], need.tanks, "tank"),
        (roles["healer"], need.healers, "healer"),
        (roles["melee"] + roles["ranged"], need.dps, "DPS"),
    ):
        if round(have) < wanted:
            out.append((counted(round(have), word), wanted))
    total = need.tanks + need.healers + need.dps
    if players is not None and round(players) < total:
        out.append((f"{round(players)} players", total))
    return out
