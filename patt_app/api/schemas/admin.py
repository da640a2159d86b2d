"""Answers of the officer routes under `/api/v1/admin`: the player directory, the audit."""

from __future__ import annotations

from patt_app.api.schemas.envelope import FromService, IsoDateTime
from patt_app.api.schemas.mirror import mirror
from patt_app.services.players import player_directory


class Character(mirror(player_directory.CharacterChip, leave_out=("is_verified",))):  # type: ignore[misc]
    """A character chip: class, spec, level, item level, rank; main or off-spec."""


class PlayerCard(mirror(player_directory.PlayerCard, narrowed={"characters": list[Character]})):  # type: ignore[misc]
    """A player with their characters; `rank_source` says whether the rank is automatic."""


class DiscordMember(mirror(player_directory.DiscordChip)):  # type: ignore[misc]
    """A Discord member not linked to a player yet."""


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
