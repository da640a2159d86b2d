"""The fair bench: composition kept, the bench rotates through a season, lower ranks first."""

from __future__ import annotations

import pytest

from patt_app.services.raids.bench import Candidate, propose_bench
from patt_app.services.raids.turnout_forecast import Composition


def _c(pid: int, role: str, rank: int = 2, benched: int = 0) -> Candidate:
    return Candidate(pid, f"P{pid:02d}", role, rank, benched)


def test_everyone_plays_when_they_fit():
    players = [_c(k, "melee") for k in range(5)]
    result = propose_bench(players, raid_size=5)
    assert result.benched == [] and len(result.playing) == 5


def test_the_composition_is_kept_even_when_healers_rank_lowest():
    players = [
        *[_c(k, "tank", rank=3) for k in range(2)],
        *[_c(10 + k, "healer", rank=1) for k in range(4)],  # Initiates: benched first otherwise
        *[_c(20 + k, "ranged", rank=3) for k in range(16)],
    ]
    result = propose_bench(players, raid_size=20, need=Composition(2, 4, 10))
    assert len(result.playing) == 20 and len(result.benched) == 2
    assert sum(c.role == "healer" for c in result.playing) == 4
    assert all(c.role == "ranged" for c in result.benched)


def test_a_surplus_healer_can_be_benched_but_not_a_needed_one():
    players = [
        _c(1, "tank"),
        _c(2, "tank"),
        *[_c(10 + k, "healer", rank=1) for k in range(5)],
        *[_c(20 + k, "melee", rank=3) for k in range(10)],
    ]
    result = propose_bench(players, raid_size=16, need=Composition(2, 4, 10))
    assert [c.role for c in result.benched] == ["healer"]


def test_the_least_benched_sit_out_first_then_lower_ranks():
    players = [
        _c(1, "melee", rank=3, benched=0),
        _c(2, "melee", rank=1, benched=2),
        _c(3, "melee", rank=1, benched=0),
        _c(4, "melee", rank=2, benched=0),
    ]
    result = propose_bench(players, raid_size=2, need=Composition(0, 0, 0))
    assert [c.player_id for c in result.benched] == [4, 3]  # rank 2 and rank 1, never benched
    assert {c.player_id for c in result.playing} == {1, 2}


def test_fair_across_a_season():
    """Twelve raids, 24 DPS of the same rank for 20 seats: everyone sits out twice."""
    counts = {k: 0 for k in range(24)}
    for _ in range(12):
        players = [_c(k, "ranged", benched=counts[k]) for k in range(24)]
        for c in propose_bench(players, raid_size=20, need=Composition(0, 0, 10)).benched:
            counts[c.player_id] += 1
    assert set(counts.values()) == {2}


def test_missing_roles_are_warned_about():
    players = [_c(1, "tank"), *[_c(10 + k, "melee") for k in range(25)]]
    result = propose_bench(players, raid_size=20, need=Composition(2, 4, 10))
    assert result.warnings == [
        "only 1 tank signed up (need 2)",
        "only 0 healers signed up (need 4)",
    ]
    assert len(result.playing) == 20


def test_a_size_below_one_is_refused():
    with pytest.raises(ValueError):
        propose_bench([], raid_size=0)
