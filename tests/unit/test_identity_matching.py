"""Identity matching, case by case: accents, each note hint, the fuzzy bands, manual links."""

from __future__ import annotations

import pytest

from patt_app.services.identity.matching import (
    CharacterFacts,
    DiscordFacts,
    Target,
    match_identities,
)
from patt_app.services.identity.name_clues import normalise, note_hints, similarity


def _one(characters, discord):
    return match_identities(characters=characters, discord_users=discord)


def test_accents_are_folded_and_case_ignored():
    assert normalise("Zatañña") == "zatanna"
    assert normalise("Àrthàs") == "arthas"
    result = _one([CharacterFacts(1, "Zatañña")], [DiscordFacts(7, "zatanna")])
    assert [
        (link.character_id, link.target, link.source, link.confidence) for link in result.links
    ] == [(1, Target(discord_user_id=7), "exact_name", "high")]


def test_display_name_counts_and_existing_player_is_the_target():
    result = _one(
        [CharacterFacts(1, "Trogmoon")], [DiscordFacts(7, "trog99", "TrogMoon", player_id=3)]
    )
    assert result.links[0].target == Target(player_id=3)


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("GM -- discord: trog", [("discord", "trog")]),
        ("Discord:Trog", [("discord", "Trog")]),
        ("dc=shodoom\nraid lead backup", [("discord", "shodoom")]),
        ("@skate", [("discord", "skate")]),
        ("alt of Rocket\\main on Sargeras", [("character", "Rocket")]),
        ("Mito's alt", [("character", "Mito")]),
        ("main: Porax", [("character", "Porax")]),
        ("trial until 12/10", []),
        ("mail me at a@b.c", []),
    ],
)
def test_note_hint_forms(note, expected):
    assert note_hints(note) == expected


@pytest.mark.parametrize(
    "note", ["discord: trogg", "dc=trogg", "@trogg", "plays with discord:trogg"]
)
def test_each_discord_hint_links_with_high_confidence(note):
    result = _one([CharacterFacts(1, "Healbot", guild_note=note)], [DiscordFacts(9, "trogg")])
    assert [(link.target, link.source, link.confidence) for link in result.links] == [
        (Target(discord_user_id=9), "note_hint", "high")
    ]


@pytest.mark.parametrize("note", ["alt of Rocket", "Rocket's alt", "main: Rocket", "main:rocket"])
def test_each_alt_hint_joins_the_named_characters_player(note):
    rocket = CharacterFacts(1, "Rocket", player_id=5)
    alt = CharacterFacts(2, "Zippy", officer_note=note)
    result = _one([rocket, alt], [])
    assert [(link.character_id, link.target) for link in result.links] == [(2, Target(player_id=5))]


def test_guild_note_wins_over_officer_note_and_alt_hints_chain_within_a_run():
    rocket = CharacterFacts(1, "Rocket")  # linked in this same run by its exact name
    alt = CharacterFacts(2, "Zippy", guild_note="alt of Rocket", officer_note="dc=someoneelse")
    result = _one([alt, rocket], [DiscordFacts(4, "rocket"), DiscordFacts(5, "someoneelse")])
    targets = {link.character_id: link.target for link in result.links}
    assert targets == {1: Target(discord_user_id=4), 2: Target(discord_user_id=4)}


def test_a_note_naming_the_character_itself_links_nothing():
    assert _one([CharacterFacts(1, "Porax", guild_note="main: Porax")], []).links == []


def test_fuzzy_bands():
    assert similarity("Shodoom", "shodom") >= 0.85
    assert 0.70 <= similarity("Bloodvalor", "bloodvale") < 0.85
    characters = [
        CharacterFacts(1, "Shodoom"),
        CharacterFacts(2, "Bloodvalor"),
        CharacterFacts(3, "Qwerty"),
    ]
    discord = [DiscordFacts(7, "shodom"), DiscordFacts(8, "bloodvale"), DiscordFacts(9, "zzzz")]
    result = _one(characters, discord)
    assert [(link.character_id, link.source, link.confidence) for link in result.links] == [
        (1, "fuzzy", "medium")
    ]
    assert [(s.character_id, s.discord_user_id) for s in result.suggestions] == [(2, 8)]
    assert 0.70 <= result.suggestions[0].score < 0.85


def test_ambiguous_names_link_nothing():
    discord = [DiscordFacts(7, "porax"), DiscordFacts(8, "x", "Porax")]
    assert _one([CharacterFacts(1, "Porax")], discord).links == []


def test_manual_links_and_manual_unlinks_are_kept():
    linked_by_hand = CharacterFacts(1, "Trogmoon", player_id=2)  # linked elsewhere by an officer
    unlinked_by_hand = CharacterFacts(3, "Shodoom", blocked=True)
    blocked_discord = DiscordFacts(9, "porax", blocked=True)
    result = _one(
        [linked_by_hand, unlinked_by_hand, CharacterFacts(4, "Porax")],
        [DiscordFacts(7, "trogmoon"), DiscordFacts(8, "shodoom"), blocked_discord],
    )
    assert result.links == [] and result.suggestions == []
