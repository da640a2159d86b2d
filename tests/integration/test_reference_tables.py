from datetime import date

import pytest
from sqlmodel import select

from patt_app.models import GuildRank, Role
from patt_app.services.errors import InvalidInput
from patt_app.services.reference import reference_tables as ref


def _rank(db, level):
    return db.exec(select(GuildRank).where(GuildRank.level == level)).one()


def _update(db, rank, **changes):
    values = dict(
        name=rank.name,
        level=rank.level,
        scheduling_weight=rank.scheduling_weight,
        description=rank.description or "",
        discord_role_id="",
        wow_rank_index=rank.wow_rank_index,
    )
    values.update(changes)
    return ref.update_rank(session=db, rank_id=rank.id, **values)


def test_an_officer_can_edit_a_rank(seeded):
    veteran = _rank(seeded, 3)
    _update(
        seeded, veteran, name="Raider", scheduling_weight=4, discord_role_id="112233445566778899"
    )
    rows = {r.level: r for r in ref.list_ranks(session=seeded)}
    assert (rows[3].name, rows[3].scheduling_weight, rows[3].discord_role_id) == (
        "Raider",
        4,
        "112233445566778899",
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "Member"}, "already called Member"),
        ({"level": 2}, "already has level 2"),
        ({"scheduling_weight": -1}, "between 0 and 100"),
        ({"wow_rank_index": 3}, "in-game rank index 3"),
        ({"wow_rank_index": 12}, "between 0 and 9"),
        ({"discord_role_id": "not-a-number"}, "15 to 21 digits"),
        ({"name": " "}, "1 to 50"),
    ],
)
def test_bad_rank_edits_are_refused_and_change_nothing(seeded, changes, message):
    veteran = _rank(seeded, 3)
    with pytest.raises(InvalidInput, match=message):
        _update(seeded, veteran, **changes)
    seeded.refresh(veteran)
    assert (veteran.name, veteran.level, veteran.scheduling_weight) == ("Veteran", 3, 3)


def test_roles_keep_their_key_and_need_a_hex_colour(seeded):
    tank = seeded.exec(select(Role).where(Role.key == "tank")).one()
    ref.update_role(session=seeded, role_id=tank.id, name="Meat Shield", colour="#123abc")
    assert (tank.name, tank.key, tank.colour) == ("Meat Shield", "tank", "#123abc")
    with pytest.raises(InvalidInput, match="#60a5fa"):
        ref.update_role(session=seeded, role_id=tank.id, name="Tank", colour="blue")


def test_seasons_create_rename_activate_and_the_current_one_is_marked(seeded):
    today = date(2026, 11, 25)
    s1 = ref.create_season(session=seeded, name="Season 1", start_date=date(2026, 3, 1))
    s2 = ref.create_season(session=seeded, name="Season 2", start_date=date(2026, 9, 1))
    with pytest.raises(InvalidInput, match="already a season"):
        ref.create_season(session=seeded, name="season 2", start_date=date(2026, 10, 1))
    with pytest.raises(InvalidInput):
        ref.rename_season(session=seeded, season_id=s1.id, name="Season 2")
    current = {s.name: s.is_current for s in ref.list_seasons(session=seeded, today=today)}
    assert current == {"Season 1": False, "Season 2": True}
    ref.set_season_active(session=seeded, season_id=s2.id, active=False)
    current = {s.name: s.is_current for s in ref.list_seasons(session=seeded, today=today)}
    assert current == {"Season 1": True, "Season 2": False}


def test_classes_are_listed_with_their_specs(seeded):
    classes = {c.name: c.specs for c in ref.list_classes(session=seeded)}
    assert len(classes) == 13
    assert classes["Demon Hunter"] == ["Havoc", "Vengeance"]
