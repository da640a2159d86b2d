"""Identity matching applied: read who-is-who from the database, run the pure matcher, write
the links it proposes. Characters or Discord accounts an officer linked or unlinked by hand are
never touched (the matcher only sees unlinked, unblocked ones)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func
from sqlalchemy import select as select_wide  # sqlmodel's select is typed up to 4 columns
from sqlmodel import Session, col, select

from patt_app.models import DiscordUser, Player, PlayerCharacter, WowCharacter
from patt_app.services.identity.matching import (
    CharacterFacts,
    DiscordFacts,
    FuzzyScope,
    LinkProposal,
    Suggestion,
    match_identities,
)
from patt_app.services.players.ranks import recompute_rank
from patt_app.services.statements import known_row


@dataclass
class MatchOutcome:
    links_made: int = 0
    suggestions: list[Suggestion] = field(default_factory=list)
    fuzzy_checked: set[int] = field(default_factory=set)


def _free_name(session: Session, wanted: str, username: str) -> str:
    for name in (wanted, f"{wanted} (@{username})"):
        taken = session.exec(
            select(col(Player.id)).where(func.lower(col(Player.display_name)) == name.lower())
        ).first()
        if not taken:
            return name[:64]
    return f"@{username}"[:64]


def player_for_discord(session: Session, discord: DiscordUser) -> Player:
    """The player linked to this Discord account, created (named after it) when there is none."""
    player = session.exec(select(Player).where(col(Player.discord_user_id) == discord.id)).first()
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
    rows = session.execute(
        select_wide(
            col(WowCharacter.id),
            col(WowCharacter.character_name),
            col(WowCharacter.guild_note),
            col(WowCharacter.officer_note),
            col(PlayerCharacter.player_id),
            col(WowCharacter.auto_link_blocked),
        )
        .join(PlayerCharacter, isouter=True)
        .where(col(WowCharacter.removed_at).is_(None))
        .order_by(col(WowCharacter.id))
    ).all()
    characters = [
        CharacterFacts(
            id=c_id,
            name=name,
            guild_note=guild_note or "",
            officer_note=officer_note or "",
            player_id=player_id,
            blocked=blocked,
        )
        for c_id, name, guild_note, officer_note, player_id, blocked in rows
    ]
    users = session.exec(
        select(DiscordUser, col(Player.id))
        .join(Player, col(Player.discord_user_id) == col(DiscordUser.id), isouter=True)
        .where(col(DiscordUser.removed_at).is_(None))
        .order_by(col(DiscordUser.id))
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
        select(col(PlayerCharacter.id)).where(
            col(PlayerCharacter.character_id) == proposal.character_id
        )
    ).first():
        return False
    if proposal.target.player_id is not None:
        player = known_row(session, Player, proposal.target.player_id)
    else:
        player = player_for_discord(
            session, known_row(session, DiscordUser, proposal.target.discord_user_id)
        )
    link_character(
        session,
        player=player,
        character_id=proposal.character_id,
        source=proposal.source,
        confidence=proposal.confidence,
    )
    return True


def run_identity_matching(
    *, session: Session, fuzzy_scope: FuzzyScope | None = None
) -> MatchOutcome:
    """Link what the matcher is sure of; return how many links and the suggestions (fuzzy
    matching for every unlinked character, or only within `fuzzy_scope`)."""
    characters, discord = _facts(session)
    result = match_identities(characters=characters, discord_users=discord, fuzzy_scope=fuzzy_scope)
    made = sum(_apply(session, proposal) for proposal in result.links)
    return MatchOutcome(
        links_made=made, suggestions=result.suggestions, fuzzy_checked=result.fuzzy_checked
    )
