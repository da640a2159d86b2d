"""Answers of the officer routes under `/api/v1/admin`: the player directory, the audit."""

from __future__ import annotations

from patt_app.api.schemas.envelope import FromService, IsoDateTime


class Character(FromService):
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
    is_main: bool
    is_offspec: bool


class PlayerCard(FromService):
    """A player with their characters; `rank_source` says whether the rank is automatic."""

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
    characters: list[Character]


class DiscordMember(FromService):
    id: int
    username: str
    display_name: str
    highest_role: str


class PlayerDirectory(FromService):
    """The player manager's three columns."""

    players: list[PlayerCard]
    unlinked_characters: list[Character]
    unlinked_discord: list[DiscordMember]


class AuditIssue(FromService):
    """An open integrity finding."""

    id: int
    issue_type: str
    type_label: str
    severity: str
    summary: str
    created_at: IsoDateTime
