"""The raid's roster post as plain data: times as Discord timestamps, seats, roles with class
colours, and the lists — and the text example the README shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from patt_app.services.guild_discord.roster_post import colour_square, roster_embed
from patt_app.services.raids.raid_roster import RaidRoster, RosterName

START = datetime(2026, 12, 8, 20, tzinfo=UTC)


def _roster(**changes) -> RaidRoster:
    roster = RaidRoster(
        event_id=7,
        title="Liberation of Undermine",
        start=START,
        end=START + timedelta(hours=3),
        cancelled=False,
        raid_size=25,
        by_role={
            "tank": [RosterName("Brewmaster", "#00FF98")],
            "healer": [RosterName("Lightwell", "#FFFFFF"), RosterName("Totem", "#0070DD", 20)],
            "melee": [RosterName("Stabby", "#FFF468")],
            "ranged": [],
            "unknown": [],
        },
        waiting=[],
        tentative=[RosterName("Maybe", "#3FC7EB")],
        late=[RosterName("Totem", "#0070DD", 20)],
        bench=[],
        cant_come=[RosterName("Busy", "#C41E3A")],
    )
    for key, value in changes.items():
        setattr(roster, key, value)
    return roster


def test_the_post_reads_as_the_readme_shows_it():
    embed = roster_embed(_roster(), site_url="https://patt.example")
    fields = {f.name: f.value for f in embed.fields}
    assert embed.title == "Liberation of Undermine"
    assert fields["When"] == "<t:1796760000:F> (<t:1796760000:R>) until <t:1796770800:t>"
    assert fields["Seats"] == "4 / 25"
    assert fields["🛡️ Tanks (1)"] == "🟩 Brewmaster"
    assert fields["💚 Healers (2)"] == "⬜ Lightwell\n🟦 Totem"
    assert fields["Late (1)"] == "🟦 Totem (~20 min)"
    assert fields["Tentative (1)"] == "🟦 Maybe" and fields["Can't come (1)"] == "🟥 Busy"
    assert "🏹 Ranged (0)" not in fields and "Waitlist (0)" not in fields
    assert (
        embed.description
        == "Answer with the buttons below, or on the guild site: https://patt.example/events"
    )


def test_a_cancelled_raid_and_a_raid_without_seats():
    embed = roster_embed(_roster(cancelled=True, raid_size=None), site_url="https://x")
    assert embed.title == "Cancelled: Liberation of Undermine"
    assert embed.description == "This raid is cancelled."
    assert {f.name: f.value for f in embed.fields}["Seats"] == "4 signed up"


def test_a_long_list_stays_within_discords_field_limit():
    many = [RosterName(f"Raider{n:03d}", "#AAD372") for n in range(200)]
    embed = roster_embed(_roster(waiting=many), site_url="https://x")
    value = {f.name: f.value for f in embed.fields}["Waitlist (200)"]
    assert len(value) <= 1024 and value.endswith("more")


def test_class_colours_become_the_nearest_square():
    classes = {
        "#C41E3A": "🟥",  # death knight
        "#A330C9": "🟪",  # demon hunter
        "#FF7C0A": "🟧",  # druid
        "#AAD372": "🟩",  # hunter
        "#3FC7EB": "🟦",  # mage
        "#00FF98": "🟩",  # monk
        "#FFFFFF": "⬜",  # priest
        "#FFF468": "🟨",  # rogue
        "#0070DD": "🟦",  # shaman
        "#8788EE": "🟪",  # warlock
        "#C69B6D": "🟫",  # warrior
        "not a colour": "⬜",
    }
    assert {c: colour_square(c) for c in classes} == classes
