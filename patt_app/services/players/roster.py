"""The public roster: active players who have a main character."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy import func
from sqlalchemy import select as select_wide  # sqlmodel's select is typed up to 4 columns
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from patt_app.models import GuildRank, Player, Role, Specialization, WowCharacter, WowClass

ARMORY_BASE = "https://worldofwarcraft.blizzard.com/en-us/character/us"


@dataclass(frozen=True)
class RosterEntry:
    """One raider as the public roster shows them."""

    player_id: int
    display_name: str
    character_name: str
    realm_name: str
    class_name: str
    class_colour: str
    spec_name: str
    role_name: str
    role_key: str
    item_level: int | None
    rank_name: str
    rank_level: int
    armory_url: str


def armory_url(realm_slug: str, character_name: str) -> str:
    """The character's page on Blizzard's armory (non-ASCII names URL-encoded)."""
    slug = realm_slug.replace("'", "").lower()
    return f"{ARMORY_BASE}/{quote(slug)}/{quote(character_name.lower())}"


def list_roster(*, session: Session) -> list[RosterEntry]:
    """Active players with a main character, highest rank first, then by name."""
    main_spec = aliased(Specialization)
    statement = (
        select_wide(Player, WowCharacter, WowClass, main_spec, Role, GuildRank)
        .join(WowCharacter, col(Player.main_character_id) == col(WowCharacter.id))
        .outerjoin(WowClass, col(WowCharacter.class_id) == col(WowClass.id))
        .outerjoin(
            main_spec,
            col(main_spec.id)
            == func.coalesce(col(Player.main_spec_id), col(WowCharacter.active_spec_id)),
        )
        .outerjoin(Role, col(main_spec.default_role_id) == col(Role.id))
        .outerjoin(GuildRank, col(Player.guild_rank_id) == col(GuildRank.id))
        .where(col(Player.is_active))
        .order_by(col(GuildRank.level).desc().nulls_last(), col(Player.display_name))
    )
    return [
        RosterEntry(
            player_id=player.id,
            display_name=player.display_name,
            character_name=char.character_name,
            realm_name=char.realm_name,
            class_name=cls.name if cls else "Unknown",
            class_colour=cls.colour if cls else "#9ca3af",
            spec_name=spec.name if spec else "",
            role_name=role.name if role else "Unknown",
            role_key=role.key if role else "unknown",
            item_level=char.item_level,
            rank_name=rank.name if rank else "Unranked",
            rank_level=rank.level if rank else 0,
            armory_url=armory_url(char.realm_slug, char.character_name),
        )
        for player, char, cls, spec, role, rank in session.execute(statement)
    ]
