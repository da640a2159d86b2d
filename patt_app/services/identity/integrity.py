"""The integrity checks as a pure function: what is wrong with who-is-who right now.

`find_issues(snapshot, now)` returns one `Finding` per problem, each with a stable
`issue_hash`: the same problem found again has the same hash (so it stays one open issue), and
a problem that is fixed is simply absent (so its issue resolves itself). Checks (spec §8):

- a character in the guild with no player (warning);
- a present Discord user with a guild role but no player (warning);
- a player whose in-game rank differs from their Discord role (warning);
- a player with an in-game rank whose Discord account has no guild role (warning);
- a character not logged in for 30 days (info);
- plus what identity matching leaves for an officer: suggestions and medium-confidence links.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from patt_app.services.identity.matching import Suggestion
from patt_app.services.players.rank_rule import DISCORD_ROLE_RANKS

INACTIVE_AFTER = timedelta(days=30)
ISSUE_TYPES = {
    "unlinked_character": "Characters with no player",
    "discord_without_player": "Discord members with a guild role but no player",
    "rank_mismatch": "In-game rank differs from the Discord role",
    "missing_discord_role": "In-game rank but no guild role on Discord",
    "inactive_character": "Not logged in for 30 days",
    "link_suggestion": "Possible links to confirm",
    "link_needs_review": "Links made by a near match, to review",
}


@dataclass(frozen=True)
class CharacterState:
    id: int
    name: str
    realm_name: str
    player_id: int | None
    rank_level: int | None = None
    last_login_ms: int | None = None
    link_confidence: str | None = None


@dataclass(frozen=True)
class DiscordState:
    id: int
    username: str
    is_present: bool
    highest_role: str | None
    player_id: int | None


@dataclass(frozen=True)
class PlayerState:
    id: int
    display_name: str
    discord_user_id: int | None


@dataclass
class Snapshot:
    characters: list[CharacterState] = field(default_factory=list)
    discord_users: list[DiscordState] = field(default_factory=list)
    players: list[PlayerState] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)


@dataclass(frozen=True)
class Finding:
    issue_type: str
    severity: str
    summary: str
    issue_hash: str
    wow_character_id: int | None = None
    discord_user_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)


_SHA256 = hashlib.sha256()  # copied for each hash, a little cheaper than a fresh one


def issue_hash(issue_type: str, *parts: object) -> str:
    """The identity of a finding: its type and what it is about."""
    digest = _SHA256.copy()
    digest.update(":".join([issue_type, *map(str, parts)]).encode())
    return digest.hexdigest()


def _role_level(role: str | None) -> int | None:
    return DISCORD_ROLE_RANKS.get((role or "").strip().lower())


def _finding(
    issue_type: str,
    severity: str,
    summary: str,
    about: tuple[object, ...],
    *,
    wow_character_id: int | None = None,
    discord_user_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> Finding:
    """A finding whose hash is its type and what it is `about` (`issue_hash`)."""
    return Finding(
        issue_type,
        severity,
        summary,
        issue_hash(issue_type, *about),
        wow_character_id=wow_character_id,
        discord_user_id=discord_user_id,
        details=details or {},
    )


def _character_findings(snapshot: Snapshot, now: datetime) -> list[Finding]:
    found = []
    for c in snapshot.characters:
        found.extend(_about_character(c, now))
    for s in snapshot.suggestions:
        found.append(
            _finding(
                "link_suggestion",
                "info",
                f"{s.character_name} may be @{s.discord_name} ({s.score:.0%} alike)",
                (s.character_id, s.discord_user_id),
                wow_character_id=s.character_id,
                discord_user_id=s.discord_user_id,
                details={"score": s.score},
            )
        )
    return found


def _about_character(c: CharacterState, now: datetime) -> list[Finding]:
    """A character's own findings: no player, long not logged in, linked by a near match."""
    who = f"{c.name}-{c.realm_name}"
    found = []
    if c.player_id is None:
        summary = f"{who} belongs to no player"
        found.append(
            _finding("unlinked_character", "warning", summary, (c.id,), wow_character_id=c.id)
        )
    cutoff_ms = int((now - INACTIVE_AFTER).timestamp() * 1000)
    if c.last_login_ms is not None and c.last_login_ms < cutoff_ms:
        days = (now.timestamp() * 1000 - c.last_login_ms) // 86_400_000
        summary = f"{who} has not logged in for {days:.0f} days"
        found.append(
            _finding("inactive_character", "info", summary, (c.id,), wow_character_id=c.id)
        )
    if c.player_id is not None and c.link_confidence == "medium":
        summary = f"{who} was linked by a near match: confirm it"
        about = (c.id, c.player_id)
        details = {"player_id": c.player_id}
        found.append(
            _finding(
                "link_needs_review", "info", summary, about, wow_character_id=c.id, details=details
            )
        )
    return found


def _discord_findings(snapshot: Snapshot) -> list[Finding]:
    found = []
    for d in snapshot.discord_users:
        if d.is_present and d.player_id is None and _role_level(d.highest_role) is not None:
            summary = f"@{d.username} ({d.highest_role}) is not linked to any player"
            found.append(
                _finding(
                    "discord_without_player", "warning", summary, (d.id,), discord_user_id=d.id
                )
            )
    best_level: dict[int, int] = {}
    for c in snapshot.characters:
        if c.player_id is not None and c.rank_level is not None:
            best_level[c.player_id] = max(best_level.get(c.player_id, 0), c.rank_level)
    users = {d.id: d for d in snapshot.discord_users}
    for p in snapshot.players:
        user = users.get(p.discord_user_id) if p.discord_user_id else None
        game = best_level.get(p.id)
        if user is not None and game is not None and user.is_present:
            found.extend(_rank_findings(p, user, game))
    return found


def _rank_findings(player: PlayerState, user: DiscordState, game: int) -> list[Finding]:
    """A player whose best in-game rank (`game`) has no Discord role, or another level's."""
    role = _role_level(user.highest_role)
    details: dict[str, Any] = {"player_id": player.id, "game_level": game}
    if role is None:
        summary = (
            f"{player.display_name} has an in-game rank but @{user.username} has no guild role"
        )
        about: tuple[object, ...] = (player.id, user.id)
        return [
            _finding(
                "missing_discord_role",
                "warning",
                summary,
                about,
                discord_user_id=user.id,
                details=details,
            )
        ]
    if role == game:
        return []
    summary = (
        f"{player.display_name}: in-game rank level {game}, Discord role "
        f"{user.highest_role} (level {role})"
    )
    details["discord_level"] = role
    return [
        _finding(
            "rank_mismatch",
            "warning",
            summary,
            (player.id, game, role),
            discord_user_id=user.id,
            details=details,
        )
    ]


def find_issues(snapshot: Snapshot, *, now: datetime) -> list[Finding]:
    """Every current finding, at most one per hash."""
    unique: dict[str, Finding] = {}
    for finding in _character_findings(snapshot, now) + _discord_findings(snapshot):
        unique.setdefault(finding.issue_hash, finding)
    return list(unique.values())
