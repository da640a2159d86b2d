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

Steps 1 and 2 are dictionary lookups and run for every unlinked character. Step 3 compares a
character with every Discord user, so a `FuzzyScope` limits it to what changed: characters new
or changed since the last run (against everyone), and the rest only where a Discord user new
since then comes close (then against everyone, so the best match still wins).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from patt_app.services.identity.name_clues import (
    SUGGEST_AT,
    close_score,
    name_matchers,
    normalise,
    remembered_hints,
)

LINK_AT = 0.85


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
    # characters whose fuzzy match was worked out in this run (their suggestions are current)
    fuzzy_checked: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class FuzzyScope:
    """What changed since the last run: fuzzy matching looks only at these."""

    character_ids: frozenset[int] = frozenset()
    discord_user_ids: frozenset[int] = frozenset()


def _target_of(user: DiscordFacts) -> Target:
    """The user's player, or the user (whose player a link creates)."""
    return Target(player_id=user.player_id) if user.player_id else Target(discord_user_id=user.id)


class _Directory:
    """Discord users and characters by normalised name, for the lookups above."""

    def __init__(self, characters: list[CharacterFacts], discord: list[DiscordFacts]) -> None:
        self.discord = [d for d in discord if not d.blocked]
        self.matchers = [
            (user, name_matchers(user.username, user.display_name)) for user in self.discord
        ]
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
        return _target_of(self.discord_by_id[next(iter(ids))])


_DEFER = Target()  # a hint names a character that may still get its player in this run


def _hint_target(
    character: CharacterFacts, directory: _Directory, owners: dict[int, Target], lenient: bool
) -> tuple[Target, str] | None:
    """The first hint (guild note, then officer note) that names someone. Until `lenient`, a
    hint naming a character without a player yet waits rather than letting a later hint win."""
    for note in (character.guild_note, character.officer_note):
        for kind, name in remembered_hints(note or ""):
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
    *,
    characters: list[CharacterFacts],
    discord_users: list[DiscordFacts],
    fuzzy_scope: FuzzyScope | None = None,
) -> MatchResult:
    """Links and suggestions for every unlinked, unblocked character (see the module doc);
    fuzzy matching for all of them, or only within `fuzzy_scope`."""
    directory = _Directory(characters, discord_users)
    owners = {c.id: Target(player_id=c.player_id) for c in characters if c.player_id}
    pending = [c for c in characters if c.player_id is None and not c.blocked]
    result = MatchResult()
    pending = _sure_pass(pending, directory, owners, result, lenient=False)
    # Only a hint naming another character can give a different answer on a later pass.
    settled = [c for c in pending if not _names_a_character(c)]
    pending = [c for c in pending if _names_a_character(c)]
    for lenient in (False, True):
        progress = True
        while progress:  # a hint may name a character that gets its player in this run
            before = len(pending)
            pending = _sure_pass(pending, directory, owners, result, lenient=lenient)
            progress = len(pending) < before
    unlinked = {c.id for c in settled + pending}
    for character in (c for c in characters if c.id in unlinked):  # in the order given
        if _needs_fuzzy(character, directory, fuzzy_scope):
            result.fuzzy_checked.add(character.id)
            _fuzzy(character, directory, owners, result)
    return result


def _sure_pass(
    pending: list[CharacterFacts],
    directory: _Directory,
    owners: dict[int, Target],
    result: MatchResult,
    *,
    lenient: bool,
) -> list[CharacterFacts]:
    """One pass of steps 1 and 2 over `pending`; returns those still without a player."""
    still = []
    for character in pending:
        proposal = _sure_link(character, directory, owners, lenient)
        if proposal is None:
            still.append(character)
            continue
        result.links.append(proposal)
        owners[character.id] = proposal.target
    return still


def _names_a_character(character: CharacterFacts) -> bool:
    return any(
        kind == "character"
        for note in (character.guild_note, character.officer_note)
        for kind, _ in remembered_hints(note or "")
    )


def _needs_fuzzy(
    character: CharacterFacts, directory: _Directory, scope: FuzzyScope | None
) -> bool:
    if scope is None or character.id in scope.character_ids:
        return True
    if not scope.discord_user_ids:
        return False
    name = normalise(character.name)
    return any(
        close_score(matchers, name) >= SUGGEST_AT
        for user, matchers in directory.matchers
        if user.id in scope.discord_user_ids
    )


def _fuzzy(
    character: CharacterFacts,
    directory: _Directory,
    owners: dict[int, Target],
    result: MatchResult,
) -> None:
    name = normalise(character.name)
    scored = sorted(
        ((close_score(matchers, name), user) for user, matchers in directory.matchers),
        key=lambda pair: (-pair[0], pair[1].id),
    )
    if not scored or scored[0][0] < SUGGEST_AT:
        return
    score, user = scored[0]
    tied = len(scored) > 1 and scored[1][0] == score
    if score >= LINK_AT and not tied:
        target = _target_of(user)
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
