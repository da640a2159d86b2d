"""Players, their WoW characters and Discord accounts (schema guild_identity)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Index,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Field, SQLModel

from patt_app.models.base import (
    COMMON,
    IDENTITY,
    created_at_field,
    id_field,
    known_values,
    moment_field,
    updated_at_field,
)

RANK_SOURCES = ("wow_character", "discord_sync", "admin_override")
# A link the player proved by signing in with Battle.net: the character is on their account.
VERIFIED_LINK_SOURCE = "battlenet_oauth"
# A link that was proved once, but whose proof no longer holds (the Battle.net account was
# unlinked, or a refresh no longer lists the character): it stays, no longer verified.
LAPSED_LINK_SOURCE = "battlenet_lapsed"
LINK_SOURCES = (
    "manual",
    "exact_name",
    "note_hint",
    "fuzzy",
    "onboarding",
    "seed",
    VERIFIED_LINK_SOURCE,
    LAPSED_LINK_SOURCE,
)


class WowCharacter(SQLModel, table=True):
    """A character seen on the guild roster; `removed_at` set when it left the guild."""

    __tablename__ = "wow_characters"
    __table_args__ = (
        UniqueConstraint("character_name", "realm_slug"),
        CheckConstraint("level BETWEEN 1 AND 100", name="level_range"),
        # An upload finds its characters by name (any case) and realm through this index.
        Index(
            "ix_wow_characters_lower_name_realm", func.lower(text("character_name")), "realm_slug"
        ),
        {"schema": IDENTITY},
    )

    id: int = id_field()
    character_name: str = Field(max_length=24)
    realm_slug: str = Field(max_length=50)
    realm_name: str = Field(max_length=50)
    class_id: int | None = Field(default=None, foreign_key=f"{IDENTITY}.classes.id")
    active_spec_id: int | None = Field(default=None, foreign_key=f"{IDENTITY}.specializations.id")
    level: int | None = None
    item_level: int | None = None
    guild_rank_id: int | None = Field(default=None, foreign_key=f"{COMMON}.guild_ranks.id")
    last_login_timestamp: int | None = Field(default=None, sa_type=BigInteger)
    guild_note: str | None = Field(default=None, sa_type=Text)
    officer_note: str | None = Field(default=None, sa_type=Text)
    blizzard_last_sync: datetime | None = moment_field()
    addon_last_sync: datetime | None = moment_field()
    first_seen: datetime = created_at_field()
    removed_at: datetime | None = moment_field()
    # An officer took this character away from its player by hand: automatic identity matching
    # must not link it again (an officer may still assign it).
    auto_link_blocked: bool = Field(default=False, sa_column_kwargs={"server_default": "false"})
    # Blizzard's own id survives renames and realm transfers; the roster sync matches on it.
    blizzard_id: int | None = Field(default=None, sa_type=BigInteger, unique=True)
    # Set when Battle.net answered 404 for the profile (hidden or moved); never a removal.
    blizzard_not_found_at: datetime | None = moment_field()


class DiscordUser(SQLModel, table=True):
    """A member of the guild's Discord server, as last seen by the bot."""

    __tablename__ = "discord_users"
    __table_args__ = ({"schema": IDENTITY},)

    id: int = id_field()
    discord_id: str = Field(max_length=32, unique=True)
    username: str = Field(max_length=64)
    display_name: str | None = Field(default=None, max_length=64)
    highest_guild_role: str | None = Field(default=None, max_length=30)
    all_guild_roles: list[str] = Field(
        default_factory=list,
        sa_type=ARRAY(String(50)),
        sa_column_kwargs={"server_default": "{}", "nullable": False},
    )
    joined_server_at: datetime | None = moment_field()
    last_sync: datetime | None = moment_field()
    is_present: bool = Field(default=True, sa_column_kwargs={"server_default": "true"})
    removed_at: datetime | None = moment_field()
    first_seen: datetime = created_at_field()
    # An officer unlinked this account from its player by hand: matching leaves it alone.
    auto_link_blocked: bool = Field(default=False, sa_column_kwargs={"server_default": "false"})


class Player(SQLModel, table=True):
    """A person in the guild, with their characters, Discord account and website account."""

    __tablename__ = "players"
    __table_args__ = (
        known_values("guild_rank_source", RANK_SOURCES, nullable=True, name="rank_source_known"),
        CheckConstraint("char_length(btrim(display_name)) > 0", name="display_name_present"),
        {"schema": IDENTITY},
    )

    id: int = id_field()
    display_name: str = Field(max_length=64)
    discord_user_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.discord_users.id", unique=True, ondelete="SET NULL"
    )
    website_user_id: int | None = Field(
        default=None, foreign_key=f"{COMMON}.users.id", unique=True, ondelete="SET NULL"
    )
    guild_rank_id: int | None = Field(default=None, foreign_key=f"{COMMON}.guild_ranks.id")
    guild_rank_source: str | None = Field(default=None, max_length=20)
    main_character_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.wow_characters.id", ondelete="SET NULL"
    )
    main_spec_id: int | None = Field(default=None, foreign_key=f"{IDENTITY}.specializations.id")
    offspec_character_id: int | None = Field(
        default=None, foreign_key=f"{IDENTITY}.wow_characters.id", ondelete="SET NULL"
    )
    offspec_spec_id: int | None = Field(default=None, foreign_key=f"{IDENTITY}.specializations.id")
    is_active: bool = Field(default=True, sa_column_kwargs={"server_default": "true"})
    notes: str | None = Field(default=None, sa_type=Text)
    timezone: str = Field(
        default="America/Chicago",
        max_length=64,
        sa_column_kwargs={"server_default": "America/Chicago"},
    )
    auto_invite_events: bool = Field(default=False, sa_column_kwargs={"server_default": "false"})
    # SHA-256 of the secret in the member's calendar link (the link is shown once when made)
    calendar_token_hash: str | None = Field(default=None, max_length=64, unique=True)
    # The Battle.net account the player signed in with (one per player, one player per
    # account) and its BattleTag as Battle.net last reported it.
    battlenet_account_id: int | None = Field(default=None, sa_type=BigInteger, unique=True)
    battletag: str | None = Field(default=None, max_length=64)
    battlenet_linked_at: datetime | None = moment_field()
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class PlayerCharacter(SQLModel, table=True):
    """Links a character to the player who plays it; a character belongs to at most one player."""

    __tablename__ = "player_characters"
    __table_args__ = (
        known_values("link_source", LINK_SOURCES),
        CheckConstraint("confidence IN ('high', 'medium', 'low')", name="confidence_known"),
        {"schema": IDENTITY},
    )

    id: int = id_field()
    player_id: int = Field(foreign_key=f"{IDENTITY}.players.id", index=True, ondelete="CASCADE")
    character_id: int = Field(
        foreign_key=f"{IDENTITY}.wow_characters.id", unique=True, ondelete="CASCADE"
    )
    link_source: str = Field(default="manual", max_length=20)
    confidence: str = Field(default="high", max_length=10)
    created_at: datetime = created_at_field()


class BattleNetLinkState(SQLModel, table=True):
    """A "Link Battle.net" the member started: the SHA-256 of the random `state` handed to
    Battle.net, the login session it belongs to, and when it was used (it works once, for
    ten minutes)."""

    __tablename__ = "battlenet_link_states"
    __table_args__ = ({"schema": IDENTITY},)

    id: int = id_field()
    state_hash: str = Field(max_length=64, unique=True)
    user_session_id: int = Field(
        foreign_key=f"{COMMON}.user_sessions.id", index=True, ondelete="CASCADE"
    )
    player_id: int = Field(foreign_key=f"{IDENTITY}.players.id", ondelete="CASCADE")
    created_at: datetime = created_at_field()
    expires_at: datetime = moment_field(nullable=False)
    used_at: datetime | None = moment_field()
