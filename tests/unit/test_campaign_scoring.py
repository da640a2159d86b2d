"""Campaign standings (services/campaigns/scoring.py): the second places of a two-pick
campaign, ties broken on first places, then (three picks) on second places, a one-pick vote's
first places, and one vote enough to lead."""

from __future__ import annotations

from patt_app.services.campaigns.scoring import EntryRef, Pick, leader, standings


def test_a_two_pick_campaign_counts_second_places_and_breaks_ties_on_first_places():
    # listed B, D, A, C: a tie that the tie-breaks leave would go to the one listed first
    b, d, a, c = (
        EntryRef(i, n, o) for o, (i, n) in enumerate(((2, "B"), (4, "D"), (1, "A"), (3, "C")))
    )
    ballots = [(a, c), (a, c), (d, b), (d, b), (c, b), (c, b)]
    picks = [
        Pick(voter, entry.id, rank)
        for voter, ballot in enumerate(ballots, start=1)
        for rank, entry in enumerate(ballot, start=1)
    ]
    table = standings([b, d, a, c], picks, 2)
    shown = [
        (s.position, s.name, s.points, s.first_place_votes, s.second_place_votes) for s in table
    ]
    assert shown == [
        (1, "C", 6, 2, 2),
        (2, "D", 4, 2, 0),  # D and A alike: D is listed first
        (3, "A", 4, 2, 0),
        (4, "B", 4, 0, 4),  # as many points as D and A, but no first place
    ]
    assert all(s.third_place_votes == 0 for s in table)


def test_one_vote_is_enough_to_lead_even_when_it_is_worth_one_point():
    a, b = EntryRef(1, "A", 0), EntryRef(2, "B", 1)
    table = standings([a, b], [Pick(1, b.id, 1)], 1)
    assert leader(table) is not None and leader(table).name == "B"
    assert leader(standings([a, b], [], 1)) is None


def test_a_one_pick_vote_counts_its_first_places():
    a, b = EntryRef(1, "A", 0), EntryRef(2, "B", 1)
    table = standings([a, b], [Pick(1, b.id, 1), Pick(2, b.id, 1), Pick(3, a.id, 1)], 1)
    shown = [(s.name, s.points, s.first_place_votes, s.second_place_votes) for s in table]
    assert shown == [("B", 2, 2, 0), ("A", 1, 1, 0)]  # no second places on a one-pick ballot


def test_a_three_pick_tie_on_points_and_first_places_goes_to_more_second_places():
    # Q is listed before P, so only the second places put P ahead: 2 points from one second
    # place against 2 from two third places, no first place for either
    q, p, r, s = EntryRef(1, "Q", 0), EntryRef(2, "P", 1), EntryRef(3, "R", 2), EntryRef(4, "S", 3)
    ballots = [(r, p, q), (s, r, q)]
    picks = [
        Pick(voter, entry.id, rank)
        for voter, ballot in enumerate(ballots, start=1)
        for rank, entry in enumerate(ballot, start=1)
    ]
    table = standings([q, p, r, s], picks, 3)
    assert [(s.name, s.points, s.second_place_votes) for s in table] == [
        ("R", 5, 1),
        ("S", 3, 0),
        ("P", 2, 1),
        ("Q", 2, 0),
    ]
