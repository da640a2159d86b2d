from collections import Counter
from zoneinfo import ZoneInfo

from patt_app.demo.guild import (
    DEMO_MEMBER,
    DEMO_OFFICER,
    plan_demo_guild,
    realm_slug,
)
from patt_app.services.reference.reference_data import SPECIALIZATIONS


def _all_characters(guild):
    return [c for p in guild.players for c in p.characters] + guild.unlinked_characters


def test_the_plan_is_the_same_every_time():
    assert plan_demo_guild() == plan_demo_guild()
    assert plan_demo_guild(seed=1) != plan_demo_guild()


def test_a_guild_of_realistic_size():
    guild = plan_demo_guild()
    characters = _all_characters(guild)
    assert 40 <= len(guild.players) <= 46
    assert 180 <= len(characters) <= 210
    assert guild.unlinked_characters, "the player manager needs unlinked characters to work on"
    assert guild.unlinked_discord, "and unlinked Discord users"
    assert any(p.discord_username is None for p in guild.players)


def test_every_class_rank_and_role_is_present():
    guild = plan_demo_guild()
    assert {c.class_name for c in _all_characters(guild)} == set(SPECIALIZATIONS)
    assert {p.rank_level for p in guild.players} == {1, 2, 3, 4, 5}
    roles = {
        dict(SPECIALIZATIONS[c.class_name])[c.spec_name]
        for p in guild.players
        for c in p.characters[:1]
    }
    assert roles == {"tank", "healer", "melee", "ranged"}


def test_players_span_us_eu_and_oceania_zones():
    zones = Counter(p.timezone for p in plan_demo_guild().players)
    assert len(zones) >= 5
    assert "Asia/Kathmandu" in zones
    assert any(z.startswith("Europe/") for z in zones)
    assert any(z.startswith(("Australia/", "Pacific/")) for z in zones)
    for zone in zones:
        ZoneInfo(zone)  # every zone is a real IANA name


def test_names_include_non_ascii_and_apostrophe_realms():
    characters = _all_characters(plan_demo_guild())
    assert "Zatañña" in {c.name for c in characters}
    assert "Sen'jin" in {c.realm_name for c in characters}
    keys = [(c.name, realm_slug(c.realm_name)) for c in characters]
    assert len(keys) == len(set(keys)), "character name + realm must be unique"


def test_demo_logins_have_the_right_ranks():
    players = {p.discord_username: p for p in plan_demo_guild().players}
    assert players[DEMO_OFFICER].rank_level == 4 and players[DEMO_OFFICER].has_account
    assert players[DEMO_MEMBER].rank_level == 2 and players[DEMO_MEMBER].has_account


def test_availability_windows_are_valid():
    guild = plan_demo_guild()
    windows = [w for p in guild.players for w in p.availability.items()]
    assert len(windows) > 100
    for day, (_start, hours) in windows:
        assert 0 <= day <= 6
        assert 0 < hours <= 16
    assert any(not p.availability for p in guild.players), "some players never filled it in"


def test_realm_slugs_drop_apostrophes():
    assert realm_slug("Sen'jin") == "senjin"
    assert realm_slug("Area 52") == "area-52"
    assert realm_slug("Mal'Ganis") == "malganis"
