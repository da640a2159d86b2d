"""Ranked-ballot scoring, pure: points per pick, standings with the tie-breaks, vote statistics.

With `picks` picks per voter, the first pick is worth `picks` points, the second `picks - 1`, …,
the last 1 (so 3 / 2 / 1 for the usual three picks). Standings are ordered by points, then by
first-place votes, then by second-place votes, then by the entries' own order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class EntryRef:
    """An entry as the rules need it: id, name and its position in the campaign's list."""

    id: int
    name: str
    sort_order: int


@dataclass(frozen=True)
class Pick:
    """One line of a ballot: a voter ranked an entry 1st, 2nd, …"""

    voter_id: int
    entry_id: int
    rank: int


@dataclass(frozen=True)
class Standing:
    entry_id: int
    name: str
    points: int
    first_place_votes: int
    second_place_votes: int
    third_place_votes: int
    position: int


@dataclass(frozen=True)
class VoteStats:
    eligible: int
    voted: int

    @property
    def percent(self) -> int:
        """Share of eligible voters who voted, rounded down (0 when nobody is eligible)."""
        return self.voted * 100 // self.eligible if self.eligible else 0

    @property
    def everyone_voted(self) -> bool:
        return self.eligible > 0 and self.voted >= self.eligible


def points_for(rank: int, picks: int) -> int:
    """Points of a pick ranked `rank` (1 = first) on a ballot of `picks` picks."""
    if not 1 <= rank <= picks:
        return 0
    return picks - rank + 1


def standings(entries: Sequence[EntryRef], picks: Iterable[Pick], per_voter: int) -> list[Standing]:
    """Every entry (also those nobody picked), best first, with positions 1, 2, 3, …"""
    counts = {e.id: [0] * (per_voter + 1) for e in entries}
    for pick in picks:
        if pick.entry_id in counts and 1 <= pick.rank <= per_voter:
            counts[pick.entry_id][pick.rank] += 1

    def tally(entry: EntryRef) -> tuple[int, list[int]]:
        by_rank = counts[entry.id]
        return sum(n * points_for(r, per_voter) for r, n in enumerate(by_rank)), by_rank

    def key(entry: EntryRef) -> tuple[int, int, int, int, int]:
        points, by_rank = tally(entry)
        first = by_rank[1] if per_voter >= 1 else 0
        second = by_rank[2] if per_voter >= 2 else 0
        return (-points, -first, -second, entry.sort_order, entry.id)

    ordered = sorted(entries, key=key)
    result = []
    for position, entry in enumerate(ordered, start=1):
        points, by_rank = tally(entry)
        result.append(
            Standing(
                entry_id=entry.id,
                name=entry.name,
                points=points,
                first_place_votes=by_rank[1] if per_voter >= 1 else 0,
                second_place_votes=by_rank[2] if per_voter >= 2 else 0,
                third_place_votes=by_rank[3] if per_voter >= 3 else 0,
                position=position,
            )
        )
    return result


def leader(table: Sequence[Standing]) -> Standing | None:
    """The entry in front, once anyone has scored."""
    return table[0] if table and table[0].points > 0 else None
