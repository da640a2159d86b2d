"""Identity matching as a pure function: which unlinked characters belong to whom.

Plain data in, plain proposals out (no session, no clock). For each character that has no
player and that no officer took away by hand, in the spec's order:

1. its normalised name (lower case, accents folded) equals a Discord username or display
   name → high confidence;
2. a hint in its guild note, then its officer note: `discord: name`, `dc=name`, `@name` name a
   Discord user; `alt of Name`, `Name's alt`, `main: Name` name another character, whose
   player it joins → high confidence;
3. the best fuzzy similarity to a Discord name: >= 0.85 links with medium confidence,
   0.70–0.85 becomes a suggestion for an officer.

An ambiguous answer (two Discord users with the same normalised name) links nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

LINK_AT = 0.85
SUGGEST_AT = 0.70

_DISCORD_HINTS = (
    re.compile(r"\bdiscord\s*:\s*@?([\w.]+)", re.IGNORECASE),
    re.compile(r"\bdc\s*=\s*@?([\w.]+)", re.IGNORECASE),
    re.compile(r"(?<![\w.@])@([\w.]+)"),
)
_LETTERS = r"([^\W\d_]+)"
_CHARACTER_HINTS = (
    re.compile(r"\balt\s+of\s+" + _LETTERS, re.IGNORECASE),
    re.compile(_LETTERS + r"['’]s\s+alt\b", re.IGNORECASE),
    re.compile(r"\bmain\s*:\s*" + _LETTERS, re.IGNORECASE),
)


@dataclass(frozen=True)
class CharacterFacts:
    id: int
    name: str
    guild_note: str = ""
    officer_note: str = ""
    player_id: int | None = None
    blocked: bool = False


@dataclass(frozen=True)
class DiscordFacts:
    id: int
    username: str
    display_name: str = ""
    player_id: int | None = None
    blocked: bool = False


@dataclass(frozen=True)
class Target:
    """Whom a character should join: an existing player, or the player of a Discord user
    (created for that user when it has none yet)."""

    player_id: int | None = None
    discord_user_id: int | None = None


@dataclass(frozen=True)
class LinkProposal:
    character_id: int
    target: Target
    source: str  # 'exact_name' | 'note_hint' | 'fuzzy' (PlayerCharacter.link_source)
    confidence: str  # 'high' | 'medium'
    reason: str


@dataclass(frozen=True)
class Suggestion:
    character_id: int
    character_name: str
    discord_user_id: int
    discord_name: str
    score: float


@dataclass
class MatchResult:
    links: list[LinkProposal] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)


def normalise(name: str) -> str:
    """Lower case with accents folded (à→a, ñ→n), surrounding spaces and dots dropped."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip(" .")


def note_hints(note: str) -> list[tuple[str, str]]:
    """`("discord", name)` and `("character", name)` hints in a note, in the order written."""
    found: list[tuple[int, str, str]] = []
    for kind, patterns in (("discord", _DISCORD_HINTS), ("character", _CHARACTER_HINTS)):
        for pattern in patterns:
            found.extend((m.start(), kind, m.group(1).strip(".")) for m in pattern.finditer(note))
    return [(kind, name) for _, kind, name in sorted(found) if name]


def similarity(a: str, b: str) -> float:
    """How alike two names are, 0..1, after normalising both."""
    return SequenceMatcher(None, normalise(a), normalise(b)).ratio()


class _Directory:
    """Discord users and characters by normalised name, for the lookups above."""

    def __init__(self, characters: list[CharacterFacts], discord: list[DiscordFacts]) -> None:
        self.discord = [d for d in discord if not d.blocked]
        self.by_discord_name: dict[str, set[int]] = {}
        for user in self.discord:
            for name in {normalise(user.username), normalise(user.display_name or "")} - {""}:
                self.by_discord_name.setdefault(name, set()).add(user.id)
        self.discord_by_id = {d.id: d for d in discord}
        self.characters_by_name: dict[str, list[CharacterFacts]] = {}
        for character in characters:
            self.characters_by_name.setdefault(normalise(character.name), []).append(character)

    def discord_target(self, name: str) -> Target | None:
        ids = self.by_discord_name.get(normalise(name), set())
        if len(ids) != 1:
            return None
        user = self.discord_by_id[next(iter(ids))]
        return (
            Target(player_id=user.player_id) if user.player_id else Target(discord_user_id=user.id)
        )


_DEFER = Target()  # a hint names a character that may still get its player in this run


def _hint_target(
    character: CharacterFacts, directory: _Directory, owners: dict[int, Target], lenient: bool
) -> tuple[Target, str] | None:
    """The first hint (guild note, then officer note) that names someone. Until `lenient`, a
    hint naming a character without a player yet waits rather than letting a later hint win."""
    for note in (character.guild_note, character.officer_note):
        for kind, name in note_hints(note or ""):
            if kind == "discord":
                target = directory.discord_target(name)
            else:
                others = [
                    c
                    for c in directory.characters_by_name.get(normalise(name), [])
                    if c.id != character.id
                ]
                owning = {owners[c.id] for c in others if c.id in owners}
                target = owning.pop() if len(owning) == 1 else None
                if target is None and others and not owning and not lenient:
                    return _DEFER, ""
            if target is not None:
                return target, f"{kind} hint '{name}' in a note"
    return None


def _sure_link(
    character: CharacterFacts, directory: _Directory, owners: dict[int, Target], lenient: bool
) -> LinkProposal | None:
    target = directory.discord_target(character.name)
    if target is not None:
        return LinkProposal(
            character.id, target, "exact_name", "high", "name equals a Discord name"
        )
    hinted = _hint_target(character, directory, owners, lenient)
    if hinted is None or hinted[0] is _DEFER:
        return None
    return LinkProposal(character.id, hinted[0], "note_hint", "high", hinted[1])


def match_identities(
    *, characters: list[CharacterFacts], discord_users: list[DiscordFacts]
) -> MatchResult:
    """Links and suggestions for every unlinked, unblocked character (see the module doc)."""
    directory = _Directory(characters, discord_users)
    owners = {c.id: Target(player_id=c.player_id) for c in characters if c.player_id}
    pending = [c for c in characters if c.player_id is None and not c.blocked]
    result = MatchResult()
    for lenient in (False, True):
        progress = True
        while progress:  # a hint may name a character that gets its player in this run
            progress = False
            for character in list(pending):
                proposal = _sure_link(character, directory, owners, lenient)
                if proposal is not None:
                    result.links.append(proposal)
                    owners[character.id] = proposal.target
                    pending.remove(character)
                    progress = True
    for character in pending:
        _fuzzy(character, directory, owners, result)
    return result


def _fuzzy(
    character: CharacterFacts,
    directory: _Directory,
    owners: dict[int, Target],
    result: MatchResult,
) -> None:
    scored = sorted(
        (
            (
                max(
                    similarity(character.name, user.username),
                    similarity(character.name, user.display_name or ""),
                ),
                user,
            )
            for user in directory.discord
        ),
        key=lambda pair: (-pair[0], pair[1].id),
    )
    if not scored or scored[0][0] < SUGGEST_AT:
        return
    score, user = scored[0]
    tied = len(scored) > 1 and scored[1][0] == score
    if score >= LINK_AT and not tied:
        target = (
            Target(player_id=user.player_id) if user.player_id else Target(discord_user_id=user.id)
        )
        result.links.append(
            LinkProposal(
                character.id, target, "fuzzy", "medium", f"name {score:.0%} like @{user.username}"
            )
        )
        owners[character.id] = target
        return
    result.suggestions.append(
        Suggestion(
            character.id,
            character.name,
            user.id,
            user.display_name or user.username,
            round(score, 3),
        )
    )
