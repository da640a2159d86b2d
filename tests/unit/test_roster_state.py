"""The roster page's sorting and filtering, on the state class itself."""

import pytest

from patt_app.services.players.roster import RosterEntry
from patt_app.states.roster import RosterState


def _entry(name: str, role: str, item_level: int | None, rank: int, cls: str = "Mage"):
    return RosterEntry(
        player_id=hash(name),
        display_name=name,
        character_name=f"{name}main",
        realm_name="Sen'jin",
        class_name=cls,
        class_colour="#3FC7EB",
        spec_name="Frost",
        role_name=role.title(),
        role_key=role,
        item_level=item_level,
        rank_name=f"rank {rank}",
        rank_level=rank,
        armory_url="",
    )


@pytest.fixture
def state() -> RosterState:
    state = RosterState()
    state.rows = [
        _entry("alda", "tank", 640, 2, "Warrior"),
        _entry("Brann", "healer", 665, 4, "Priest"),
        _entry("Cairne", "tank", 655, 3, "Druid"),
        _entry("Dusk", "ranged", None, 3),
    ]
    return state


def _names(state: RosterState) -> list[str]:
    return [r.display_name for r in state.visible_rows]


def test_highest_rank_first_then_by_name(state):
    assert _names(state) == ["Brann", "Cairne", "Dusk", "alda"]
    assert state.count_label == "4 raiders"


def test_sorting_by_item_level_puts_the_best_geared_first_and_unknown_last(state):
    state.sort("item_level")
    assert _names(state) == ["Brann", "Cairne", "alda", "Dusk"]
    state.sort("item_level")
    assert _names(state) == ["Dusk", "alda", "Cairne", "Brann"]


def test_sorting_by_name_ignores_case(state):
    state.sort("name")
    assert _names(state) == ["alda", "Brann", "Cairne", "Dusk"]


def test_unknown_sort_keys_change_nothing(state):
    state.sort("password_hash")
    assert state.sort_by == "rank"


def test_filters_combine_and_report_what_is_hidden(state):
    state.set_role_filter("tank")
    assert _names(state) == ["Cairne", "alda"]
    state.set_class_filter("Druid")
    assert _names(state) == ["Cairne"]
    assert state.count_label == "1 of 4 raiders"
    state.clear_filters()
    assert len(_names(state)) == 4


def test_search_matches_player_or_character_names(state):
    state.set_search("  dusk ")
    assert _names(state) == ["Dusk"]
    state.set_search("bRANNmain")
    assert _names(state) == ["Brann"]


def test_class_filter_offers_only_classes_on_the_roster(state):
    assert state.class_options == ["all", "Druid", "Mage", "Priest", "Warrior"]
