"""The campaign rules without a database: scoring and its tie-breaks, turnout, the lifecycle
with a fake clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from patt_app.services.campaigns.lifecycle_rules import next_status
from patt_app.services.campaigns.scoring import (
    EntryRef,
    Pick,
    VoteStats,
    leader,
    points_for,
    standings,
)

A, B, C, D = (EntryRef(i, n, o) for i, n, o in ((1, "A", 0), (2, "B", 1), (3, "C", 2), (4, "D", 3)))
START = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)


def ballot(voter: int, *entries: EntryRef) -> list[Pick]:
    return [Pick(voter, e.id, rank) for rank, e in enumerate(entries, start=1)]


def order(table) -> list[str]:
    return [s.name for s in table]


def test_points_are_three_two_one_and_follow_picks_per_voter():
    assert [points_for(r, 3) for r in (1, 2, 3)] == [3, 2, 1]
    assert [points_for(r, 5) for r in (1, 2, 3, 4, 5)] == [5, 4, 3, 2, 1]
    assert points_for(4, 3) == 0 and points_for(0, 3) == 0


def test_standings_add_up_points_and_count_first_places():
    picks = ballot(1, A, B, C) + ballot(2, B, A, D) + ballot(3, B, C, A)
    table = standings([A, B, C, D], picks, 3)
    assert order(table) == ["B", "A", "C", "D"]
    b, a = table[0], table[1]
    assert (b.points, b.first_place_votes, b.second_place_votes) == (8, 2, 1)
    assert (a.points, a.first_place_votes) == (6, 1)
    assert [s.position for s in table] == [1, 2, 3, 4]
    assert table[3].points == 1 and leader(table) is b


def test_equal_points_go_to_more_first_place_votes():
    # B: 2 + 2 + 3 = 7 with one first; C: 3 + 3 + 1 = 7 with two; B is listed before C
    picks = ballot(1, C, B, A) + ballot(2, C, B, A) + ballot(3, B, A, C)
    table = standings([A, B, C], picks, 3)
    row = {s.name: s for s in table}
    assert row["B"].points == row["C"].points == 7
    assert (row["C"].first_place_votes, row["B"].first_place_votes) == (2, 1)
    assert order(table) == ["C", "B", "A"]


def test_equal_points_and_firsts_go_to_more_second_place_votes():
    # A: 3 + 2 = 5 (1 first, 1 second); D: 3 + 1 + 1 = 5 (1 first, 0 second)
    picks = ballot(1, A, B, C) + ballot(2, D, A, B) + ballot(3, B, C, D) + ballot(4, C, B, D)
    table = standings([D, A, B, C], picks, 3)
    row = {s.name: s for s in table}
    assert row["A"].points == row["D"].points == 5
    assert row["A"].first_place_votes == row["D"].first_place_votes == 1
    assert order(table).index("A") < order(table).index("D")


def test_a_complete_tie_goes_to_the_entry_listed_first():
    picks = ballot(1, C, B, A) + ballot(2, B, C, A)
    table = standings([A, B, C], picks, 3)
    assert order(table) == ["B", "C", "A"]  # B is listed before C
    reordered = [EntryRef(3, "C", 0), EntryRef(2, "B", 1), EntryRef(1, "A", 2)]
    assert order(standings(reordered, picks, 3)) == ["C", "B", "A"]


def test_no_ballots_no_leader_and_foreign_picks_are_ignored():
    table = standings([A, B], [Pick(1, 99, 1)], 3)
    assert [s.points for s in table] == [0, 0] and leader(table) is None


def test_turnout_rounds_down_and_needs_someone_eligible():
    assert VoteStats(eligible=3, voted=2).percent == 66
    assert VoteStats(eligible=0, voted=0).percent == 0
    assert VoteStats(eligible=2, voted=2).everyone_voted
    assert not VoteStats(eligible=0, voted=0).everyone_voted


def _next(status: str, now: datetime, *, voted=0, eligible=10, early=True) -> str | None:
    return next_status(
        status=status,
        start_at=START,
        duration_hours=48,
        early_close=early,
        stats=VoteStats(eligible=eligible, voted=voted),
        now=now,
    )


def test_a_draft_goes_live_when_its_start_comes():
    assert _next("draft", START - timedelta(seconds=1)) is None
    assert _next("draft", START) == "live"


def test_a_live_campaign_closes_at_its_end():
    assert _next("live", START + timedelta(hours=47, minutes=59)) is None
    assert _next("live", START + timedelta(hours=48)) == "closed"


@pytest.mark.parametrize(
    ("early", "voted", "expected"), [(True, 10, "closed"), (True, 9, None), (False, 10, None)]
)
def test_early_close_when_every_eligible_voter_voted(early, voted, expected):
    assert _next("live", START + timedelta(hours=1), voted=voted, early=early) == expected


def test_closed_and_archived_never_move_and_nobody_eligible_is_not_everyone():
    late = START + timedelta(days=30)
    assert _next("closed", late) is None and _next("archived", late) is None
    assert _next("live", START + timedelta(hours=1), voted=0, eligible=0) is None
