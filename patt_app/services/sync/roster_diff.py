"""The Battle.net roster sync's decisions, as pure functions of plain data.

`diff_roster(known=…, members=…, profiles=…)` compares what the database holds with what a
*successful* roster fetch (and the profiles fetched after it) says, and returns a `RosterDiff`:
characters to add, to update, to restore and to mark removed. Nothing here touches a database
or the network, so every rule is tested with plain lists; `roster_apply.py` writes the diff.

Matching: Blizzard's character id first (it survives renames and realm transfers), then the
name and realm for characters stored before the id was known — or whose Blizzard id is no
longer on the roster: a name is held by one character at a time, so a newcomer under a stored
name (the old one deleted and re-made, or gone and the name taken) takes over that row rather
than clash with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

PROFILE_REFRESH = timedelta(days=7)
"""Even a dormant character's profile is re-read at least this often."""


class ProfileMissing(Enum):
    """Why a profile is absent: Battle.net said 404, or it could not be reached in time."""

    NOT_FOUND = "not_found"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class RosterMember:
    """One entry of the guild roster endpoint."""

    blizzard_id: int
    name: str
    realm_slug: str
    level: int
    class_blizzard_id: int
    rank_index: int


@dataclass(frozen=True)
class CharacterProfile:
    """The fields of a character's profile summary the platform keeps."""

    blizzard_id: int
    name: str
    realm_slug: str
    realm_name: str
    level: int
    class_blizzard_id: int
    spec_name: str | None
    item_level: int | None
    last_login_ms: int | None


ProfileOutcome = CharacterProfile | ProfileMissing


@dataclass(frozen=True)
class KnownCharacter:
    """A stored character as the sync sees it."""

    id: int
    blizzard_id: int | None
    name: str
    realm_slug: str
    level: int | None = None
    class_blizzard_id: int | None = None
    rank_index: int | None = None
    spec_name: str | None = None
    item_level: int | None = None
    last_login_ms: int | None = None
    removed: bool = False
    not_found: bool = False
    blizzard_last_sync: datetime | None = None


@dataclass(frozen=True)
class CharacterUpdate:
    """What changes on one stored character. `changes` holds only values that differ; keys
    are WowCharacter attributes, plus `class_blizzard_id`, `rank_index` and `spec_name`."""

    character_id: int
    changes: dict[str, Any]
    restore: bool = False
    profiled: bool = False
    not_found: bool | None = None  # True: flag it; False: clear the flag; None: leave it


@dataclass(frozen=True)
class NewCharacter:
    values: dict[str, Any]
    profiled: bool = False
    not_found: bool = False


@dataclass
class RosterDiff:
    added: list[NewCharacter] = field(default_factory=list)
    updates: list[CharacterUpdate] = field(default_factory=list)
    removed_ids: list[int] = field(default_factory=list)
    not_found: int = 0

    @property
    def updated(self) -> int:
        """Stored characters whose visible details changed (restorations not counted)."""
        return sum(1 for update in self.updates if update.changes)

    @property
    def restored(self) -> int:
        return sum(1 for update in self.updates if update.restore)


def _key(name: str, realm_slug: str) -> tuple[str, str]:
    return name.casefold(), realm_slug.casefold()


def match_known(
    members: Iterable[RosterMember], known: Iterable[KnownCharacter]
) -> dict[int, KnownCharacter]:
    """For each roster member (by Blizzard id), the stored character it is, if any."""
    known, members = list(known), list(members)
    by_id = {k.blizzard_id: k for k in known if k.blizzard_id is not None}
    by_name = {_key(k.name, k.realm_slug): k for k in known}
    on_roster = {m.blizzard_id for m in members}
    matches = {}
    for member in members:
        found = by_id.get(member.blizzard_id)
        if found is None:
            candidate = by_name.get(_key(member.name, member.realm_slug))
            if candidate is not None and candidate.blizzard_id not in on_roster - {None}:
                found = candidate
        if found is not None:
            matches[member.blizzard_id] = found
    return matches


def needs_profile(
    member: RosterMember,
    known: KnownCharacter | None,
    *,
    previous_sync: datetime | None,
    now: datetime,
) -> bool:
    """Whether to spend a profile call on `member`. Skipped: characters the roster shows
    unchanged whose last known login predates the previous successful sync (dormant), unless
    their profile is over a week old or was missing last time."""
    if known is None or known.blizzard_id != member.blizzard_id or known.not_found:
        return True
    if known.removed:
        return True
    if _key(known.name, known.realm_slug) != _key(member.name, member.realm_slug):
        return True
    if known.level != member.level or known.last_login_ms is None:
        return True
    if previous_sync is None or known.blizzard_last_sync is None:
        return True
    if now - known.blizzard_last_sync > PROFILE_REFRESH:
        return True
    return known.last_login_ms >= previous_sync.timestamp() * 1000


def _seen_values(member: RosterMember, profile: ProfileOutcome | None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "blizzard_id": member.blizzard_id,
        "character_name": member.name,
        "realm_slug": member.realm_slug,
        "level": member.level,
        "class_blizzard_id": member.class_blizzard_id,
        "rank_index": member.rank_index,
    }
    if isinstance(profile, CharacterProfile):
        values.update(
            character_name=profile.name,
            realm_slug=profile.realm_slug,
            realm_name=profile.realm_name,
            level=profile.level,
            class_blizzard_id=profile.class_blizzard_id,
            spec_name=profile.spec_name,
            item_level=profile.item_level,
            last_login_timestamp=profile.last_login_ms,
        )
    return {name: value for name, value in values.items() if value not in (None, "")}


_KNOWN_FIELDS = {
    "blizzard_id": "blizzard_id",
    "character_name": "name",
    "realm_slug": "realm_slug",
    "level": "level",
    "class_blizzard_id": "class_blizzard_id",
    "rank_index": "rank_index",
    "spec_name": "spec_name",
    "item_level": "item_level",
    "last_login_timestamp": "last_login_ms",
}


def _changes(known: KnownCharacter, seen: dict[str, Any]) -> dict[str, Any]:
    changes = {}
    for name, value in seen.items():
        attribute = _KNOWN_FIELDS.get(name)
        if attribute is None:  # realm_name: written along with a realm change only
            continue
        if getattr(known, attribute) != value:
            changes[name] = value
    if "realm_slug" in changes and "realm_name" in seen:
        changes["realm_name"] = seen["realm_name"]
    return changes


def diff_roster(
    *,
    known: Iterable[KnownCharacter],
    members: Iterable[RosterMember],
    profiles: Mapping[int, ProfileOutcome],
) -> RosterDiff:
    """Compare the stored characters with a successful roster fetch and its profiles (keyed by
    Blizzard id; members without an entry were not profiled this run)."""
    known, members = list(known), list(members)
    matches = match_known(members, known)
    diff = RosterDiff()
    for member in members:
        profile = profiles.get(member.blizzard_id)
        seen = _seen_values(member, profile)
        missing = profile is ProfileMissing.NOT_FOUND
        diff.not_found += missing
        stored = matches.get(member.blizzard_id)
        if stored is None:
            profiled = isinstance(profile, CharacterProfile)
            diff.added.append(NewCharacter(values=seen, profiled=profiled, not_found=missing))
            continue
        flag = True if missing else (False if isinstance(profile, CharacterProfile) else None)
        diff.updates.append(
            CharacterUpdate(
                character_id=stored.id,
                changes=_changes(stored, seen),
                restore=stored.removed,
                profiled=isinstance(profile, CharacterProfile),
                not_found=None if flag == stored.not_found else flag,
            )
        )
    present = {k.id for k in matches.values()}
    diff.removed_ids = [k.id for k in known if not k.removed and k.id not in present]
    return diff


def rematch_added(diff: RosterDiff, stored: Iterable[KnownCharacter]) -> RosterDiff:
    """`diff` with its newcomers that are `stored` by now (an upload added them while the
    profiles were fetched, after the diff's snapshot was read) made updates of those rows. The
    rows the diff writes already are not theirs: a renamed character passes its name on."""
    written = {update.character_id for update in diff.updates} | set(diff.removed_ids)
    by_name = {_key(k.name, k.realm_slug): k for k in stored if k.id not in written}
    added, updates = [], list(diff.updates)
    for new in diff.added:
        found = by_name.get(_key(new.values["character_name"], new.values["realm_slug"]))
        if found is None:
            added.append(new)
            continue
        flag = True if new.not_found else (False if new.profiled else None)
        updates.append(
            CharacterUpdate(
                character_id=found.id,
                changes=_changes(found, new.values),
                restore=found.removed,
                profiled=new.profiled,
                not_found=None if flag == found.not_found else flag,
            )
        )
    return replace(diff, added=added, updates=updates)
