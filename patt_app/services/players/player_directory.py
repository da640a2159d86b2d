"""Read models of the guild's people: the player manager's three columns and a member's
own characters. Plain dataclasses, ready to show."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement
from sqlalchemy import select as select_wide  # sqlmodel's select is typed up to 4 columns
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from patt_app.models import (
    DiscordUser,
    GuildRank,
    Player,
    PlayerCharacter,
    Specialization,
    User,
    WowCharacter,
    WowClass,
)
from patt_app.models.identity import VERIFIED_LINK_SOURCE


@dataclass
class CharacterChip:
    id: int
    name: str
    realm_name: str
    class_id: int
    class_name: str
    class_colour: str
    spec_name: str
    level: int
    item_level: int
    rank_name: str
    is_main: bool = False
    is_offspec: bool = False
    is_verified: bool = False  # the player proved it with Battle.net


@dataclass
class PlayerCard:
    id: int
    display_name: str
    is_active: bool
    rank_id: int
    rank_name: str
    rank_level: int
    rank_source: str
    discord_user_id: int
    discord_username: str
    has_account: bool
    main_spec_name: str
    offspec_spec_name: str
    characters: list[CharacterChip] = field(default_factory=list)


@dataclass
class DiscordChip:
    id: int
    username: str
    display_name: str
    highest_role: str


@dataclass
class SpecOption:
    id: int
    class_id: int
    name: str


@dataclass
class PlayerDirectory:
    players: list[PlayerCard]
    unlinked_characters: list[CharacterChip]
    unlinked_discord: list[DiscordChip]
    ranks: list[tuple[int, str]]


def character_chips(
    session: Session, where: ColumnElement[bool]
) -> list[tuple[int | None, CharacterChip]]:
    spec = aliased(Specialization)
    rows = session.execute(
        select_wide(
            WowCharacter,
            WowClass,
            spec,
            GuildRank,
            col(PlayerCharacter.player_id),
            col(PlayerCharacter.link_source),
        )
        .outerjoin(WowClass, col(WowClass.id) == col(WowCharacter.class_id))
        .outerjoin(spec, col(spec.id) == col(WowCharacter.active_spec_id))
        .outerjoin(GuildRank, col(GuildRank.id) == col(WowCharacter.guild_rank_id))
        .outerjoin(PlayerCharacter, col(PlayerCharacter.character_id) == col(WowCharacter.id))
        .where(col(WowCharacter.removed_at).is_(None), where)
        .order_by(col(WowCharacter.level).desc(), col(WowCharacter.character_name))
    ).all()
    return [
        (
            owner,
            CharacterChip(
                id=char.id,
                name=char.character_name,
                realm_name=char.realm_name,
                class_id=cls.id if cls else 0,
                class_name=cls.name if cls else "Unknown",
                class_colour=cls.colour if cls else "#9ca3af",
                spec_name=sp.name if sp else "",
                level=char.level or 0,
                item_level=char.item_level or 0,
                rank_name=rank.name if rank else "",
                is_verified=source == VERIFIED_LINK_SOURCE,
            ),
        )
        for char, cls, sp, rank, owner, source in rows
    ]


def mark_main_first(chips: list[CharacterChip], player: Player) -> None:
    """Mark the player's main and off-spec among their `chips` and sort them in place: the
    main first, then the off-spec, then by level and name."""
    for chip in chips:
        chip.is_main = chip.id == player.main_character_id
        chip.is_offspec = chip.id == player.offspec_character_id
    chips.sort(key=lambda c: (not c.is_main, not c.is_offspec, -c.level, c.name))


def _spec_names(session: Session) -> dict[int, str]:
    return {s.id: s.name for s in session.exec(select(Specialization))}


def _unlinked_discord(session: Session) -> list[DiscordChip]:
    """Members present on the Discord server that no player is linked to, by username."""
    linked_discord = select(col(Player.discord_user_id)).where(
        col(Player.discord_user_id).is_not(None)
    )
    discord_rows = session.exec(
        select(DiscordUser)
        .where(col(DiscordUser.is_present), col(DiscordUser.id).not_in(linked_discord))
        .order_by(col(DiscordUser.username))
    ).all()
    return [
        DiscordChip(
            id=d.id,
            username=d.username,
            display_name=d.display_name or d.username,
            highest_role=d.highest_guild_role or "",
        )
        for d in discord_rows
    ]


def _card(
    player: Player,
    rank: GuildRank | None,
    discord: DiscordUser | None,
    user_id: int | None,
    chips: list[CharacterChip],
    specs: dict[int, str],
) -> PlayerCard:
    """One player's card, `chips` their characters (`mark_main_first` orders them)."""
    mark_main_first(chips, player)
    return PlayerCard(
        id=player.id,
        display_name=player.display_name,
        is_active=player.is_active,
        rank_id=rank.id if rank else 0,
        rank_name=rank.name if rank else "No rank",
        rank_level=rank.level if rank else 0,
        rank_source=player.guild_rank_source or "",
        discord_user_id=discord.id if discord else 0,
        discord_username=discord.username if discord else "",
        has_account=user_id is not None,
        main_spec_name=specs.get(player.main_spec_id or 0, ""),
        offspec_spec_name=specs.get(player.offspec_spec_id or 0, ""),
        characters=chips,
    )


def load_player_directory(*, session: Session) -> PlayerDirectory:
    """Players with their characters, unlinked characters, unlinked Discord users."""
    specs = _spec_names(session)
    by_player: dict[int, list[CharacterChip]] = defaultdict(list)
    for owner, chip in character_chips(session, col(PlayerCharacter.player_id).is_not(None)):
        if owner is not None:  # always: the chips asked for are linked ones
            by_player[owner].append(chip)
    rows = session.exec(
        select(Player, GuildRank, DiscordUser, col(User.id))
        .outerjoin(GuildRank, col(GuildRank.id) == col(Player.guild_rank_id))
        .outerjoin(DiscordUser, col(DiscordUser.id) == col(Player.discord_user_id))
        .outerjoin(User, col(User.id) == col(Player.website_user_id))
        .order_by(col(Player.is_active).desc(), col(Player.display_name))
    ).all()
    players = [
        _card(player, rank, discord, user_id, by_player.get(player.id, []), specs)
        for player, rank, discord, user_id in rows
    ]
    unlinked = [
        chip for _, chip in character_chips(session, col(PlayerCharacter.player_id).is_(None))
    ]
    ranks = [(r.id, r.name) for r in session.exec(select(GuildRank).order_by(col(GuildRank.level)))]
    return PlayerDirectory(
        players=players,
        unlinked_characters=unlinked,
        unlinked_discord=_unlinked_discord(session),
        ranks=ranks,
    )


def list_spec_options(*, session: Session) -> list[SpecOption]:
    """Every specialization, for main / off-spec pickers (filtered by class in the UI)."""
    rows = session.exec(
        select(Specialization).order_by(col(Specialization.class_id), col(Specialization.name))
    ).all()
    return [SpecOption(id=s.id, class_id=s.class_id, name=s.name) for s in rows]
