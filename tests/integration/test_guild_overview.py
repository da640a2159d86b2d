"""The landing page's guild overview and what it draws on (services/players/guild_overview.py,
services/players/roster.py, services/reference/seasons.py): the roster of active players with
a main, the current season, the member count and the next raid."""

from datetime import UTC, date, datetime, timedelta

from sqlmodel import select

from patt_app.models import Player, RaidEvent, RaidSeason, WowCharacter, WowClass
from patt_app.services.players.guild_overview import guild_overview
from patt_app.services.players.roster import list_roster
from patt_app.services.reference.seasons import current_season

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)


def _raider(db, name: str, *, active: bool = True, main: bool = True) -> Player:
    mage = db.exec(select(WowClass).where(WowClass.name == "Mage")).one()
    char = WowCharacter(
        character_name=f"{name}char",
        realm_slug="senjin",
        realm_name="Sen'jin",
        class_id=mage.id,
        item_level=650,
    )
    db.add(char)
    db.flush()
    player = Player(
        display_name=name, is_active=active, main_character_id=char.id if main else None
    )
    db.add(player)
    db.flush()
    return player


def test_roster_lists_active_players_with_a_main_only(seeded):
    _raider(seeded, "Shown")
    _raider(seeded, "Retired", active=False)
    _raider(seeded, "Nomain", main=False)
    names = [r.display_name for r in list_roster(session=seeded)]
    assert names == ["Shown"]
    row = list_roster(session=seeded)[0]
    assert (row.class_name, row.class_colour, row.item_level) == ("Mage", "#3FC7EB", 650)
    assert row.armory_url.endswith("/senjin/shownchar")


def test_current_season_is_the_latest_active_one_already_started(seeded):
    today = date(2026, 11, 25)
    seeded.add_all(
        [
            RaidSeason(name="Old", start_date=today - timedelta(days=200)),
            RaidSeason(name="Now", start_date=today - timedelta(days=20)),
            RaidSeason(name="Paused", start_date=today - timedelta(days=5), is_active=False),
            RaidSeason(name="Next", start_date=today + timedelta(days=10)),
        ]
    )
    seeded.flush()
    assert current_season(session=seeded, today=today).name == "Now"
    assert current_season(session=seeded, today=today + timedelta(days=10)).name == "Next"


def test_no_season_before_the_first_one_starts(seeded):
    seeded.add(RaidSeason(name="Later", start_date=date(2027, 1, 5)))
    seeded.flush()
    assert current_season(session=seeded, today=date(2026, 11, 25)) is None


def test_overview_counts_members_and_finds_the_next_raid(seeded):
    _raider(seeded, "One")
    _raider(seeded, "Two", main=False)
    _raider(seeded, "Gone", active=False)
    for hours, title in ((-30, "Last week"), (-1, "Running now"), (48, "Thursday")):
        start = NOW + timedelta(hours=hours)
        seeded.add(
            RaidEvent(
                title=title,
                event_date=start.date(),
                start_time_utc=start,
                end_time_utc=start + timedelta(hours=3),
            )
        )
    seeded.flush()
    overview = guild_overview(session=seeded, now=NOW)
    assert (overview.member_count, overview.raider_count) == (2, 1)
    assert overview.next_raid_title == "Running now"  # a raid in progress is still "next"
