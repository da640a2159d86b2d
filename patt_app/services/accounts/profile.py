"""A member's own settings (timezone, auto-invite) and what their profile page shows. (Main and
off-spec changes reuse players/player_admin.py.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col

from patt_app.models import Player, PlayerCharacter
from patt_app.services.accounts.sessions import SessionInfo, list_sessions
from patt_app.services.players.player_directory import (
    CharacterChip,
    SpecOption,
    character_chips,
    list_spec_options,
    mark_main_first,
)
from patt_app.services.reference.time_zones import validate_timezone
from patt_app.services.statements import row_or_refuse


def _player(session: Session, player_id: int) -> Player:
    player = row_or_refuse(session, Player, player_id, "That player does not exist.")
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
    battletag: str = ""  # the linked Battle.net account's, "" when none


def load_profile(*, session: Session, player_id: int) -> ProfileData:
    """The member's characters (main first) and settings."""
    player = _player(session, player_id)
    chips = [
        chip for _, chip in character_chips(session, col(PlayerCharacter.player_id) == player_id)
    ]
    mark_main_first(chips, player)
    return ProfileData(
        display_name=player.display_name,
        timezone=player.timezone,
        auto_invite_events=player.auto_invite_events,
        main_character_id=player.main_character_id or 0,
        main_spec_id=player.main_spec_id or 0,
        offspec_character_id=player.offspec_character_id or 0,
        offspec_spec_id=player.offspec_spec_id or 0,
        characters=chips,
        battletag=(player.battletag or "a Battle.net account")
        if player.battlenet_account_id is not None
        else "",
    )


@dataclass
class ProfilePage:
    """Everything the profile page shows, read in one transaction."""

    profile: ProfileData
    sessions: list[SessionInfo]
    specs: list[SpecOption]  # empty when not asked for


def load_profile_page(
    *, session: Session, player_id: int, user_id: int, now: datetime, with_specs: bool = True
) -> ProfilePage:
    """The member's profile, their account's open sessions, and (unless the caller has them
    already) every spec to choose a main or off-spec from."""
    return ProfilePage(
        profile=load_profile(session=session, player_id=player_id),
        sessions=list_sessions(session=session, user_id=user_id, now=now),
        specs=list_spec_options(session=session) if with_specs else [],
    )
