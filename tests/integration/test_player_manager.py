"""The officer's player-manager changes against PostgreSQL."""

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from patt_app.models import DiscordUser, GuildRank, Player, Specialization, WowCharacter, WowClass
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.players import player_admin as players
from patt_app.services.players.player_directory import load_player_directory

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def _rank(db: Session, level: int) -> GuildRank:
    return db.exec(select(GuildRank).where(GuildRank.level == level)).one()


def _char(db: Session, name: str, cls: str = "Mage", spec: str = "Frost", level: int = 2):
    wow_class = db.exec(select(WowClass).where(WowClass.name == cls)).one()
    spec_row = db.exec(
        select(Specialization).where(
            Specialization.class_id == wow_class.id, Specialization.name == spec
        )
    ).one()
    char = WowCharacter(
        character_name=name,
        realm_slug="senjin",
        realm_name="Sen'jin",
        class_id=wow_class.id,
        active_spec_id=spec_row.id,
        level=80,
        guild_rank_id=_rank(db, level).id,
    )
    db.add(char)
    db.flush()
    return char


def test_create_and_rename_refuse_blank_and_duplicate_names(seeded):
    trog = players.create_player(session=seeded, display_name="  Trogdor  ")
    assert trog.display_name == "Trogdor" and trog.is_active
    with pytest.raises(InvalidInput, match="already a player called"):
        players.create_player(session=seeded, display_name="trogdor")
    with pytest.raises(InvalidInput, match="1 to 64"):
        players.create_player(session=seeded, display_name="   ")
    other = players.create_player(session=seeded, display_name="Other")
    with pytest.raises(InvalidInput):
        players.rename_player(session=seeded, player_id=other.id, display_name="TROGDOR")
    players.rename_player(session=seeded, player_id=trog.id, display_name="Trogdor the Burninator")
    assert trog.display_name == "Trogdor the Burninator"


def test_assigning_characters_sets_the_rank_from_the_highest_one(seeded):
    player = players.create_player(session=seeded, display_name="Alt-o-holic")
    low, high = _char(seeded, "Lowbie", level=1), _char(seeded, "Bigmain", level=3)
    players.assign_character(session=seeded, player_id=player.id, character_id=low.id)
    assert player.guild_rank_id == _rank(seeded, 1).id
    players.assign_character(session=seeded, player_id=player.id, character_id=high.id)
    assert (player.guild_rank_id, player.guild_rank_source) == (
        _rank(seeded, 3).id,
        "wow_character",
    )
    players.unassign_character(session=seeded, character_id=high.id, actor_player_id=None)
    assert player.guild_rank_id == _rank(seeded, 1).id


def test_a_character_cannot_belong_to_two_players(seeded):
    first = players.create_player(session=seeded, display_name="First")
    second = players.create_player(session=seeded, display_name="Second")
    char = _char(seeded, "Contested")
    players.assign_character(session=seeded, player_id=first.id, character_id=char.id)
    with pytest.raises(InvalidInput, match="already belongs to First"):
        players.assign_character(session=seeded, player_id=second.id, character_id=char.id)


def test_main_and_offspec_must_be_the_players_own_and_the_right_class(seeded):
    player = players.create_player(session=seeded, display_name="Picker")
    stranger = players.create_player(session=seeded, display_name="Stranger")
    mage = _char(seeded, "Frosty")
    druid = _char(seeded, "Barkskin", cls="Druid", spec="Restoration")
    not_mine = _char(seeded, "Notmine")
    for char in (mage, druid):
        players.assign_character(session=seeded, player_id=player.id, character_id=char.id)
    players.assign_character(session=seeded, player_id=stranger.id, character_id=not_mine.id)

    players.set_main(session=seeded, player_id=player.id, character_id=mage.id)
    assert (player.main_character_id, player.main_spec_id) == (mage.id, mage.active_spec_id)
    with pytest.raises(InvalidInput, match="own characters"):
        players.set_main(session=seeded, player_id=player.id, character_id=not_mine.id)
    guardian = seeded.exec(select(Specialization).where(Specialization.name == "Guardian")).one()
    with pytest.raises(InvalidInput, match="not one of Frosty's class"):
        players.set_main(
            session=seeded, player_id=player.id, character_id=mage.id, spec_id=guardian.id
        )
    players.set_offspec(
        session=seeded, player_id=player.id, character_id=druid.id, spec_id=guardian.id
    )
    assert player.offspec_spec_id == guardian.id
    with pytest.raises(InvalidInput, match="differ"):
        players.set_offspec(session=seeded, player_id=player.id, character_id=mage.id)
    players.unassign_character(session=seeded, character_id=mage.id, actor_player_id=None)
    assert player.main_character_id is None and player.main_spec_id is None


def test_discord_links_are_one_to_one_and_give_a_rank_when_no_character_does(seeded):
    first = players.create_player(session=seeded, display_name="First")
    second = players.create_player(session=seeded, display_name="Second")
    discord = DiscordUser(
        discord_id="123456789012345678", username="vet", highest_guild_role="Veteran"
    )
    seeded.add(discord)
    seeded.flush()
    players.link_discord(session=seeded, player_id=first.id, discord_user_id=discord.id)
    assert (first.guild_rank_id, first.guild_rank_source) == (_rank(seeded, 3).id, "discord_sync")
    with pytest.raises(InvalidInput, match="already linked to First"):
        players.link_discord(session=seeded, player_id=second.id, discord_user_id=discord.id)
    players.unlink_discord(session=seeded, player_id=first.id, actor_player_id=None)
    assert first.discord_user_id is None and first.guild_rank_id is None


def test_a_rank_override_wins_until_cleared(seeded):
    leader = players.create_player(session=seeded, display_name="Leader")  # the guild's officer
    players.set_rank_override(
        session=seeded,
        player_id=leader.id,
        rank_id=_rank(seeded, 5).id,
        actor_player_id=None,
        now=NOW,
    )
    player = players.create_player(session=seeded, display_name="Promoted")
    players.assign_character(
        session=seeded, player_id=player.id, character_id=_char(seeded, "Mainy", level=2).id
    )
    officer = _rank(seeded, 4)
    players.set_rank_override(
        session=seeded, player_id=player.id, rank_id=officer.id, actor_player_id=None, now=NOW
    )
    players.assign_character(
        session=seeded, player_id=player.id, character_id=_char(seeded, "Alty", level=3).id
    )
    assert (player.guild_rank_id, player.guild_rank_source) == (officer.id, "admin_override")
    players.set_rank_override(
        session=seeded, player_id=player.id, rank_id=None, actor_player_id=None, now=NOW
    )
    assert player.guild_rank_id == _rank(seeded, 3).id
    with pytest.raises(NotFound):
        players.set_rank_override(
            session=seeded, player_id=player.id, rank_id=99999, actor_player_id=None, now=NOW
        )


def test_unknown_ids_are_refused_plainly(seeded):
    with pytest.raises(NotFound, match="player does not exist"):
        players.set_player_active(session=seeded, player_id=-1, active=False, actor_player_id=None)
    player = players.create_player(session=seeded, display_name="Real")
    with pytest.raises(NotFound, match="character does not exist"):
        players.assign_character(session=seeded, player_id=player.id, character_id=-1)


def test_the_directory_has_three_columns(seeded):
    player = players.create_player(session=seeded, display_name="Linked")
    players.assign_character(
        session=seeded, player_id=player.id, character_id=_char(seeded, "Mine").id
    )
    _char(seeded, "Orphan")
    seeded.add(DiscordUser(discord_id="223456789012345678", username="lurker"))
    seeded.add(DiscordUser(discord_id="323456789012345678", username="departed", is_present=False))
    seeded.flush()
    directory = load_player_directory(session=seeded)
    card = next(p for p in directory.players if p.display_name == "Linked")
    assert [c.name for c in card.characters] == ["Mine"]
    assert [c.name for c in directory.unlinked_characters] == ["Orphan"]
    assert [d.username for d in directory.unlinked_discord] == ["lurker"]
    assert len(seeded.exec(select(Player)).all()) == 1
