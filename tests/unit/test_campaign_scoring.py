"""Campaign standings (services/campaigns/scoring.py): the second places of a two-pick
campaign, ties broken on first places, and one vote enough to lead."""

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
