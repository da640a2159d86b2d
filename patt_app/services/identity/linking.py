"""Identity matching applied: read who-is-who from the database, run the pure matcher, write
the links it proposes. Characters or Discord accounts an officer linked or unlinked by hand are
never touched (the matcher only sees unlinked, unblocked ones)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, select

from patt_app.models import DiscordUser, Player, PlayerCharacter, WowCharacter
from patt_app.services.identity.matching import (
    CharacterFacts,
    DiscordFacts,
    LinkProposal,
    Suggestion,
    match_identities,
)
from patt_app.services.players.player_admin import recompute_rank


@dataclass
class MatchOutcome:
    links_made: int = 0
    suggestions: list[Suggestion] = field(default_factory=list)


def _free_name(session: Session, wanted: str, username: str) -> str:
    for name in (wanted, f"{wanted} (@{username})"):
        taken = session.exec(
            select(Player.id).where(func.lower(Player.display_name) == name.lower())
        ).first()
        if not taken:
            return name[:64]
    return f"@{username}"[:64]


def player_for_discord(session: Session, discord: DiscordUser) -> Player:
    """The player linked to this Discord account, created (named after it) when there is none."""
    player = session.exec(select(Player).where(Player.discord_user_id == discord.id)).first()
    if player is None:
        name = _free_name(session, discord.display_name or discord.username, discord.username)
        player = Player(display_name=name, discord_user_id=discord.id)
        session.add(player)
        session.flush()
    return player


def link_character(
    session: Session, *, player: Player, character_id: int, source: str, confidence: str
) -> None:
    """Give the character to the player (it must have no player yet) and re-derive the rank."""
    session.add(
        PlayerCharacter(
            player_id=player.id,
            character_id=character_id,
            link_source=source,
            confidence=confidence,
        )
    )
    session.flush()
    recompute_rank(session=session, player=player)


def _facts(session: Session) -> tuple[list[CharacterFacts], list[DiscordFacts]]:
    rows = session.exec(
        select(WowCharacter, PlayerCharacter.player_id)
        .join(PlayerCharacter, isouter=True)
        .where(WowCharacter.removed_at.is_(None))
        .order_by(WowCharacter.id)
    ).all()
    characters = [
        CharacterFacts(
            id=c.id,
            name=c.character_name,
            guild_note=c.guild_note or "",
            officer_note=c.officer_note or "",
            player_id=player_id,
            blocked=c.auto_link_blocked,
        )
        for c, player_id in rows
    ]
    users = session.exec(
        select(DiscordUser, Player.id)
        .join(Player, Player.discord_user_id == DiscordUser.id, isouter=True)
        .where(DiscordUser.removed_at.is_(None))
        .order_by(DiscordUser.id)
    ).all()
    discord = [
        DiscordFacts(
            id=d.id,
            username=d.username,
            display_name=d.display_name or "",
            player_id=player_id,
            blocked=d.auto_link_blocked and player_id is None,
        )
        for d, player_id in users
    ]
    return characters, discord


def _apply(session: Session, proposal: LinkProposal) -> bool:
    if session.exec(
        select(PlayerCharacter.id).where(PlayerCharacter.character_id == proposal.character_id)
    ).first():
        return False
    if proposal.target.player_id is not None:
        player = session.get(Player, proposal.target.player_id)
    else:
        player = player_for_discord(
            session, session.get(DiscordUser, proposal.target.discord_user_id)
        )
    link_character(
        session,
        player=player,
        character_id=proposal.character_id,
        source=proposal.source,
        confidence=proposal.confidence,
    )
    return True


def run_identity_matching(*, session: Session) -> MatchOutcome:
    """Link what the matcher is sure of; return how many links and the suggestions."""
    characters, discord = _facts(session)
    result = match_identities(characters=characters, discord_users=discord)
    made = sum(_apply(session, proposal) for proposal in result.links)
    return MatchOutcome(links_made=made, suggestions=result.suggestions)
