"""A member's own settings: timezone and auto-invite. (Main and off-spec reuse players.py.)"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from patt_app.models import Player, PlayerCharacter
from patt_app.services.errors import NotFound
from patt_app.services.players.player_directory import CharacterChip, character_chips
from patt_app.services.reference.time_zones import validate_timezone


def _player(session: Session, player_id: int) -> Player:
    player = session.get(Player, player_id)
    if player is None:
        raise NotFound("That player does not exist.")
    return player


def set_timezone(*, session: Session, player_id: int, timezone: str) -> Player:
    player = _player(session, player_id)
    player.timezone = validate_timezone(timezone)
    session.add(player)
    session.flush()
    return player


def set_auto_invite(*, session: Session, player_id: int, enabled: bool) -> Player:
    player = _player(session, player_id)
    player.auto_invite_events = enabled
    session.add(player)
    session.flush()
    return player


@dataclass
class ProfileData:
    """What a member's profile shows about them."""

    display_name: str
    timezone: str
    auto_invite_events: bool
    main_character_id: int
    main_spec_id: int
    offspec_character_id: int
    offspec_spec_id: int
    characters: list[CharacterChip]


def load_profile(*, session: Session, player_id: int) -> ProfileData:
    """The member's characters (main first) and settings."""
    player = _player(session, player_id)
    chips = [chip for _, chip in character_chips(session, PlayerCharacter.player_id == player_id)]
    for chip in chips:
        chip.is_main = chip.id == player.main_character_id
        chip.is_offspec = chip.id == player.offspec_character_id
    chips.sort(key=lambda c: (not c.is_main, not c.is_offspec, -c.level, c.name))
    return ProfileData(
        display_name=player.display_name,
        timezone=player.timezone,
        auto_invite_events=player.auto_invite_events,
        main_character_id=player.main_character_id or 0,
        main_spec_id=player.main_spec_id or 0,
        offspec_character_id=player.offspec_character_id or 0,
        offspec_spec_id=player.offspec_spec_id or 0,
        characters=chips,
    )
