from patt_app.services.reference.reference_data import (
    CLASSES,
    RANKS,
    ROLES,
    SPECIALIZATIONS,
    wowhead_slug,
)


def test_ranks_match_the_guild():
    by_level = {r.level: r for r in RANKS}
    assert [by_level[level].name for level in range(1, 6)] == [
        "Initiate",
        "Member",
        "Veteran",
        "Officer",
        "Guild Leader",
    ]
    assert [by_level[level].scheduling_weight for level in range(1, 6)] == [0, 1, 3, 5, 5]
    # Blizzard's index 0 is the guild master: it maps to the highest level, never to level 0.
    assert [by_level[level].wow_rank_index for level in range(1, 6)] == [4, 3, 2, 1, 0]


def test_thirteen_classes_with_their_colours_and_blizzard_ids():
    classes = {name: (class_id, colour) for name, class_id, colour in CLASSES}
    assert len(classes) == 13
    assert classes["Death Knight"] == (6, "#C41E3A")
    assert classes["Evoker"] == (13, "#33937F")
    assert classes["Warrior"] == (1, "#C69B6D")
    assert sorted(class_id for class_id, _ in classes.values()) == list(range(1, 14))
    assert set(SPECIALIZATIONS) == set(classes)


def test_thirty_nine_specs_with_the_right_default_roles():
    specs = {(cls, spec): role for cls, pairs in SPECIALIZATIONS.items() for spec, role in pairs}
    assert len(specs) == 39
    assert specs[("Death Knight", "Blood")] == "tank"
    assert specs[("Death Knight", "Frost")] == "melee"
    assert specs[("Mage", "Frost")] == "ranged"
    assert specs[("Evoker", "Augmentation")] == "ranged"
    assert specs[("Hunter", "Survival")] == "melee"
    assert specs[("Monk", "Mistweaver")] == "healer"
    assert set(specs.values()) == {key for _, key, _ in ROLES}


def test_wowhead_slugs_are_unique_and_readable():
    slugs = [wowhead_slug(c, s) for c, pairs in SPECIALIZATIONS.items() for s, _ in pairs]
    assert len(set(slugs)) == 39
    assert wowhead_slug("Death Knight", "Blood") == "death-knight/blood"
    assert wowhead_slug("Hunter", "Beast Mastery") == "hunter/beast-mastery"
