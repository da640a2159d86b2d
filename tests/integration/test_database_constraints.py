"""The database itself refuses bad data, whatever code writes it."""

from datetime import time
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from patt_app.models import (
    GuildRank,
    Player,
    PlayerAvailability,
    PlayerCharacter,
    User,
    WowCharacter,
)


def _player(db: Session, name: str = "Tester") -> Player:
    player = Player(display_name=name)
    db.add(player)
    db.flush()
    return player


def _refused(db: Session, row) -> None:
    with pytest.raises(IntegrityError), db.begin_nested():
        db.add(row)
        db.flush()


@pytest.mark.parametrize("day", [-1, 7])
def test_day_of_week_outside_monday_to_sunday_is_refused(db, day):
    player = _player(db)
    _refused(
        db,
        PlayerAvailability(
            player_id=player.id,
            day_of_week=day,
            earliest_start=time(20),
            available_hours=Decimal("3"),
        ),
    )


@pytest.mark.parametrize("hours", ["0", "-1", "16.5"])
def test_hours_outside_zero_to_sixteen_are_refused(db, hours):
    player = _player(db)
    _refused(
        db,
        PlayerAvailability(
            player_id=player.id,
            day_of_week=1,
            earliest_start=time(20),
            available_hours=Decimal(hours),
        ),
    )


@pytest.mark.parametrize("hours", ["0.5", "16"])
def test_hours_at_the_edges_are_accepted(db, hours):
    player = _player(db)
    db.add(
        PlayerAvailability(
            player_id=player.id,
            day_of_week=6,
            earliest_start=time(22),
            available_hours=Decimal(hours),
        )
    )
    db.flush()


def test_one_window_per_player_and_day(db):
    player = _player(db)
    db.add(
        PlayerAvailability(
            player_id=player.id,
            day_of_week=1,
            earliest_start=time(20),
            available_hours=Decimal("3"),
        )
    )
    db.flush()
    _refused(
        db,
        PlayerAvailability(
            player_id=player.id,
            day_of_week=1,
            earliest_start=time(21),
            available_hours=Decimal("2"),
        ),
    )


def test_new_players_default_to_central_time_and_no_auto_invite(db):
    db.execute(text("INSERT INTO guild_identity.players (display_name) VALUES ('Raw')"))
    row = db.execute(
        text(
            "SELECT timezone, auto_invite_events, is_active FROM guild_identity.players "
            "WHERE display_name = 'Raw'"
        )
    ).one()
    assert tuple(row) == ("America/Chicago", False, True)


def test_scheduling_weight_defaults_to_zero_and_is_never_negative(db):
    db.execute(text("INSERT INTO common.guild_ranks (name, level) VALUES ('Raider', 9)"))
    weight = db.execute(
        text("SELECT scheduling_weight FROM common.guild_ranks WHERE name = 'Raider'")
    ).scalar()
    assert weight == 0
    _refused(db, GuildRank(name="Bad", level=8, scheduling_weight=-1))


def test_a_character_belongs_to_at_most_one_player(db):
    first, second = _player(db, "First"), _player(db, "Second")
    char = WowCharacter(character_name="Zatañña", realm_slug="senjin", realm_name="Sen'jin")
    db.add(char)
    db.flush()
    db.add(PlayerCharacter(player_id=first.id, character_id=char.id))
    db.flush()
    _refused(db, PlayerCharacter(player_id=second.id, character_id=char.id))


def test_character_name_and_realm_are_unique(db):
    db.add(WowCharacter(character_name="Trogdor", realm_slug="senjin", realm_name="Sen'jin"))
    db.flush()
    _refused(db, WowCharacter(character_name="Trogdor", realm_slug="senjin", realm_name="Sen'jin"))
    db.add(WowCharacter(character_name="Trogdor", realm_slug="area-52", realm_name="Area 52"))
    db.flush()


def test_login_names_are_stored_lower_case(db):
    _refused(db, User(discord_username="Trogdor", password_hash="x"))


def test_a_player_links_at_most_one_website_account(db):
    user = User(discord_username="solo", password_hash="x")
    db.add(user)
    db.flush()
    db.add(Player(display_name="One", website_user_id=user.id))
    db.flush()
    _refused(db, Player(display_name="Two", website_user_id=user.id))
