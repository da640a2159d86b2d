"""Officers' changes to players: create, rename, (de)activate, characters, main/off-spec,
Discord link and rank override. Each refuses bad input with a clear message and writes nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from patt_app.models import (
    DiscordUser,
    GuildRank,
    Player,
    PlayerCharacter,
    Specialization,
    WowCharacter,
)
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.players.rank_log import record_rank_change
from patt_app.services.players.rank_rule import PINNED
from patt_app.services.players.ranks import follow_feeds, recompute_rank
from patt_app.services.reference.officers import (
    acting_level,
    ensure_may_act_on,
    ensure_within_own_rank,
    keeps_an_officer,
)
from patt_app.services.text_input import one_line


def _player(session: Session, player_id: int) -> Player:
    player = session.get(Player, player_id)
    if player is None:
        raise NotFound("That player does not exist.")
    return player


def _clean_name(display_name: str) -> str:
    return one_line(display_name, longest=64, refusal="A player's name must be 1 to 64 characters.")


def _ensure_unique_name(session: Session, name: str, except_id: int | None = None) -> None:
    clash = session.exec(
        select(col(Player.id)).where(
            func.lower(col(Player.display_name)) == name.lower(), col(Player.id) != (except_id or 0)
        )
    ).first()
    if clash:
        raise InvalidInput(f"There is already a player called {name}.")


def create_player(*, session: Session, display_name: str) -> Player:
    """A new, active player with no characters yet."""
    name = _clean_name(display_name)
    _ensure_unique_name(session, name)
    player = Player(display_name=name)
    session.add(player)
    session.flush()
    return player


def rename_player(*, session: Session, player_id: int, display_name: str) -> Player:
    player = _player(session, player_id)
    name = _clean_name(display_name)
    _ensure_unique_name(session, name, except_id=player_id)
    player.display_name = name
    session.add(player)
    session.flush()
    return player


def set_player_active(
    *, session: Session, player_id: int, active: bool, actor_player_id: int | None
) -> Player:
    """Deactivate (they leave the roster and scheduling) or reactivate a player."""
    player = _player(session, player_id)
    ensure_may_act_on(session=session, actor_player_id=actor_player_id, target_player_id=player_id)
    with keeps_an_officer(session):
        player.is_active = active
        session.add(player)
    return player


def assign_character(*, session: Session, player_id: int, character_id: int) -> PlayerCharacter:
    """Give a character to a player; a character belongs to at most one player."""
    player = _player(session, player_id)
    character = session.get(WowCharacter, character_id)
    if character is None:
        raise NotFound("That character does not exist.")
    owner = session.exec(
        select(col(Player.display_name))
        .join(PlayerCharacter)
        .where(col(PlayerCharacter.character_id) == character_id)
    ).first()
    if owner:
        raise InvalidInput(f"{character.character_name} already belongs to {owner}.")
    link = PlayerCharacter(player_id=player.id, character_id=character_id, link_source="manual")
    session.add(link)
    try:
        session.flush()
    except IntegrityError as exc:
        raise InvalidInput(f"{character.character_name} already belongs to someone.") from exc
    recompute_rank(session=session, player=player)
    return link


def unassign_character(*, session: Session, character_id: int, actor_player_id: int | None) -> None:
    """Take a character away from its player (and drop it as their main or off-spec)."""
    link = session.exec(
        select(PlayerCharacter).where(col(PlayerCharacter.character_id) == character_id)
    ).first()
    if link is None:
        raise InvalidInput("That character is not assigned to anyone.")
    player = _player(session, link.player_id)
    ensure_may_act_on(session=session, actor_player_id=actor_player_id, target_player_id=player.id)
    if player.main_character_id == character_id:
        player.main_character_id, player.main_spec_id = None, None
    if player.offspec_character_id == character_id:
        player.offspec_character_id, player.offspec_spec_id = None, None
    character = session.get(WowCharacter, character_id)
    if character is not None:  # taken away by hand: identity matching must not re-link it
        character.auto_link_blocked = True
        session.add(character)
    with keeps_an_officer(session):
        session.delete(link)
        session.flush()
        recompute_rank(session=session, player=player)


def _checked_pick(
    session: Session, player: Player, character_id: int | None, spec_id: int | None
) -> tuple[int | None, int | None]:
    if character_id is None:
        return None, None
    owned = session.exec(
        select(WowCharacter)
        .join(PlayerCharacter)
        .where(col(PlayerCharacter.player_id) == player.id, col(WowCharacter.id) == character_id)
    ).first()
    if owned is None:
        raise InvalidInput("Pick one of the player's own characters.")
    spec_id = spec_id or owned.active_spec_id
    if spec_id is not None:
        spec = session.get(Specialization, spec_id)
        if spec is None or (owned.class_id is not None and spec.class_id != owned.class_id):
            raise InvalidInput(f"That spec is not one of {owned.character_name}'s class.")
    return owned.id, spec_id


def set_main(
    *, session: Session, player_id: int, character_id: int | None, spec_id: int | None = None
) -> Player:
    """Choose the player's main character and spec (None clears it)."""
    player = _player(session, player_id)
    player.main_character_id, player.main_spec_id = _checked_pick(
        session, player, character_id, spec_id
    )
    same_as_offspec = (player.main_character_id, player.main_spec_id) == (
        player.offspec_character_id,
        player.offspec_spec_id,
    )
    if player.main_character_id and same_as_offspec:
        player.offspec_character_id, player.offspec_spec_id = None, None
    session.add(player)
    session.flush()
    return player


def set_offspec(
    *, session: Session, player_id: int, character_id: int | None, spec_id: int | None = None
) -> Player:
    """Choose the player's off-spec character and spec (None clears it)."""
    player = _player(session, player_id)
    character_id, spec_id = _checked_pick(session, player, character_id, spec_id)
    if character_id and (character_id, spec_id) == (player.main_character_id, player.main_spec_id):
        raise InvalidInput("The off-spec must differ from the main spec.")
    player.offspec_character_id, player.offspec_spec_id = character_id, spec_id
    session.add(player)
    session.flush()
    return player


def link_discord(*, session: Session, player_id: int, discord_user_id: int) -> Player:
    """Link a Discord account to a player; each account belongs to at most one player."""
    player = _player(session, player_id)
    discord = session.get(DiscordUser, discord_user_id)
    if discord is None:
        raise NotFound("That Discord user does not exist.")
    owner = session.exec(
        select(Player).where(
            col(Player.discord_user_id) == discord_user_id, col(Player.id) != player_id
        )
    ).first()
    if owner:
        raise InvalidInput(f"@{discord.username} is already linked to {owner.display_name}.")
    player.discord_user_id = discord_user_id
    session.add(player)
    session.flush()
    recompute_rank(session=session, player=player)
    return player


def unlink_discord(*, session: Session, player_id: int, actor_player_id: int | None) -> Player:
    """Unlink the player's Discord account; matching will not link that account again."""
    player = _player(session, player_id)
    ensure_may_act_on(session=session, actor_player_id=actor_player_id, target_player_id=player_id)
    discord = session.get(DiscordUser, player.discord_user_id) if player.discord_user_id else None
    if discord is not None:
        discord.auto_link_blocked = True
        session.add(discord)
    player.discord_user_id = None
    session.add(player)
    session.flush()
    recompute_rank(session=session, player=player)
    return player


def set_rank_override(
    *,
    session: Session,
    player_id: int,
    rank_id: int | None,
    actor_player_id: int | None,
    now: datetime,
) -> Player:
    """Pin a rank by hand, or (None) go back to the rank the game and Discord give. No officer
    re-ranks a player at or above their own rank (the Guild Leader may) or pins a rank above
    their own; no change may leave the guild without an officer. The change is a line of the
    audit log's history. `actor_player_id` None: the command line."""
    player = _player(session, player_id)
    ensure_may_act_on(session=session, actor_player_id=actor_player_id, target_player_id=player_id)
    actor_level = acting_level(session, actor_player_id)
    rank_before, pinned_before = player.guild_rank_id, player.guild_rank_source == PINNED
    with keeps_an_officer(session):
        if rank_id is None:
            follow_feeds(session=session, player=player, actor_level=actor_level)
        else:
            rank = session.get(GuildRank, rank_id)
            if rank is None:
                raise NotFound("That rank does not exist.")
            ensure_within_own_rank(level=rank.level, actor_level=actor_level)
            player.guild_rank_id, player.guild_rank_source = rank_id, PINNED
            session.add(player)
    record_rank_change(
        session=session,
        player=player,
        rank_before=rank_before,
        pinned_before=pinned_before,
        actor_player_id=actor_player_id,
        now=now,
    )
    return player
