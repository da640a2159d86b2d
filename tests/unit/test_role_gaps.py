"""Filling a role gap with off-specs (services/raids/role_gaps.py): the fewest asks that close
the gap plus one spare, most likely first, the rarely asked before the often asked, and never a
move that opens another gap."""

from __future__ import annotations

from patt_app.services.raids.role_gaps import (
    Candidate,
    Option,
    ask_text,
    copy_text,
    propose_gap_fills,
)
from patt_app.services.raids.turnout_forecast import Composition

NEED = Composition(tanks=2, healers=4, dps=10)
HOLY = (Option("healer", "Holy"),)


def _roles(tank=2.0, healer=4.0, melee=5.0, ranged=6.0):
    return {"tank": tank, "healer": healer, "melee": melee, "ranged": ranged}


def _dps(name, chance=0.9, *, asked=0, options=HOLY, signed_up=True, role="ranged"):
    return Candidate(
        player_id=hash(name) % 10_000,
        name=name,
        role=role,
        chance=chance,
        counted=chance if signed_up else 0.0,
        signed_up=signed_up,
        options=options,
        asked=asked,
    )


def _names(fill):
    return [a.name for a in fill.asks]


def test_no_gap_no_proposal():
    assert propose_gap_fills(by_role=_roles(), need=NEED, candidates=[_dps("Ann")]) == []


def test_one_healer_short_asks_the_likeliest_and_one_spare():
    people = [_dps("Ann", 0.6), _dps("Bob", 0.95), _dps("Cat", 0.8), _dps("Dan", 0.7)]
    (fill,) = propose_gap_fills(
        by_role=_roles(healer=3.0, ranged=9.0), need=NEED, candidates=people
    )
    assert (fill.gap, fill.have, fill.need, fill.closes) == ("healer", 3.0, 4, True)
    assert _names(fill) == ["Bob", "Cat"]  # Bob closes it, Cat is the spare
    assert fill.asks[0].spec == "Holy" and fill.asks[0].role == "healer"


def test_two_short_needs_two_plus_one_never_more():
    people = [_dps(n, 0.9) for n in ("Ann", "Bob", "Cat", "Dan", "Eve")]
    (fill,) = propose_gap_fills(
        by_role=_roles(healer=2.0, ranged=12.0), need=NEED, candidates=people
    )
    assert len(fill.asks) == 3


def test_the_rarely_asked_go_first_among_the_equally_likely():
    people = [_dps("Ann", 0.9, asked=3), _dps("Bob", 0.9, asked=0), _dps("Cat", 0.9, asked=1)]
    (fill,) = propose_gap_fills(
        by_role=_roles(healer=3.0, ranged=9.0), need=NEED, candidates=people
    )
    assert _names(fill) == ["Bob", "Cat"]


def test_a_move_that_opens_another_gap_is_not_proposed():
    # the DPS are exactly at their need: taking a signed-up DPS would leave them short
    people = [_dps("Ann", 0.9), _dps("Fay", 0.4, signed_up=False)]
    (fill,) = propose_gap_fills(by_role=_roles(healer=3.0, melee=4.0), need=NEED, candidates=people)
    assert _names(fill) == ["Fay"]  # free, not signed up: takes nobody's place
    assert not fill.closes  # 3.4 is still likely 3


def test_open_asks_count_against_the_limit():
    people = [_dps(n, 0.9) for n in ("Ann", "Bob", "Cat")]
    short = _roles(healer=3.0, ranged=9.0)
    (fill,) = propose_gap_fills(by_role=short, need=NEED, candidates=people, waiting={"healer": 1})
    assert _names(fill) == ["Ann"]  # one waiting + one new = the gap's one plus one
    (full,) = propose_gap_fills(by_role=short, need=NEED, candidates=people, waiting={"healer": 2})
    assert full.asks == () and full.waiting == 2


def test_each_player_is_proposed_for_one_gap_and_unlikely_players_never():
    both = (Option("tank", "Protection", "Tankalt"), Option("healer", "Holy"))
    people = [_dps("Ann", 0.9, options=both), _dps("Bob", 0.8, options=both), _dps("Zed", 0.0)]
    fills = propose_gap_fills(
        by_role=_roles(tank=1.0, healer=3.0, ranged=10.0), need=NEED, candidates=people
    )
    assert [f.gap for f in fills] == ["tank", "healer"]
    assert _names(fills[0]) == ["Ann", "Bob"] and fills[0].asks[0].character == "Tankalt"
    assert _names(fills[1]) == []  # both are already asked to tank; Zed won't come


def test_the_words_a_player_and_an_officer_read():
    text = ask_text(spec="Holy", character="", weekday="Tuesday", start_unix=1, title="Raid")
    assert text.startswith("Could you bring Holy on Tuesday?")
    people = [_dps("Ann", 0.9, options=(Option("healer", "Discipline", "Annpriest"),))]
    (fill,) = propose_gap_fills(
        by_role=_roles(healer=3.0, ranged=9.0), need=NEED, candidates=people
    )
    message = copy_text(fill, start_unix=1, title="Raid")
    assert (
        "likely 3, need 4" in message and "Ann: could you bring Discipline on Annpriest?" in message
    )
