"""What a PATTSync upload changes, as a pure diff: each uploaded character matched to a known
one by name (case-insensitive) and realm when given, the fields that differ, and the characters
the database lacks. No session, no clock: `now` is passed in. `known` needs to hold only the
characters bearing an uploaded name (the caller reads them through the name + realm index);
they are looked up by name, never scanned."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

_UNITS = {
    "y": timedelta(days=365),
    "m": timedelta(days=30),
    "d": timedelta(days=1),
    "h": timedelta(hours=1),
}
_LAST_ONLINE = re.compile(r"^\s*(?:\d+\s*[ymdh]\s*)+$", re.IGNORECASE)


@dataclass(frozen=True)
class UploadedCharacter:
    """One character as the companion uploads it (field names of the spec's payload)."""

    name: str
    realm: str | None = None
    class_name: str | None = None
    level: int | None = None
    rank: int | None = None
    rank_name: str | None = None
    guild_note: str = ""
    officer_note: str = ""
    is_online: bool = False
    last_online: str | None = None
    zone: str | None = None


@dataclass(frozen=True)
class KnownCharacter:
    id: int
    name: str
    realm_slug: str
    level: int | None
    guild_rank_id: int | None
    guild_note: str | None
    officer_note: str | None
    last_login_ms: int | None
    removed: bool
    class_id: int | None


@dataclass
class RosterDiff:
    changes: dict[int, dict[str, Any]] = field(default_factory=dict)
    unchanged: list[int] = field(default_factory=list)
    additions: list[tuple[UploadedCharacter, dict[str, Any]]] = field(default_factory=list)


def realm_slug(realm_name: str) -> str:
    """Blizzard's realm slug: Sen'jin → senjin, Bleeding Hollow → bleeding-hollow."""
    folded = unicodedata.normalize("NFKD", realm_name.strip().lower())
    plain = "".join(c for c in folded if not unicodedata.combining(c)).replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def last_login(text: str | None, *, is_online: bool, now: datetime) -> tuple[int, int] | None:
    """(last login in ms, how precise it is in ms) from the game's "3d 4h" / "Online", or None."""
    if is_online or (text or "").strip().lower() == "online":
        return int(now.timestamp() * 1000), 3_600_000
    if not text or not _LAST_ONLINE.match(text):
        return None
    parts = re.findall(r"(\d+)\s*([ymdh])", text.lower())
    ago = sum((int(n) * _UNITS[u] for n, u in parts), timedelta())
    precision = min(_UNITS[u] for _, u in parts)
    return int((now - ago).timestamp() * 1000), int(precision.total_seconds() * 1000)


def _fields(
    item: UploadedCharacter, ranks: dict[int, int], classes: dict[str, int], now: datetime
) -> dict[str, Any]:
    values: dict[str, Any] = {
        "guild_note": item.guild_note or None,
        "officer_note": item.officer_note or None,
    }
    if item.level is not None:
        values["level"] = item.level
    if item.rank is not None and item.rank in ranks:
        values["guild_rank_id"] = ranks[item.rank]
    if item.class_name and item.class_name.lower() in classes:
        values["class_id"] = classes[item.class_name.lower()]
    seen = last_login(item.last_online, is_online=item.is_online, now=now)
    if seen is not None:
        values["last_login_timestamp"] = seen
    return values


def _find(
    known: dict[str, list[KnownCharacter]], item: UploadedCharacter, home_slug: str
) -> KnownCharacter | None:
    same_name = known.get(item.name.casefold(), [])
    if item.realm:
        slug = realm_slug(item.realm)
        return next((k for k in same_name if k.realm_slug == slug), None)
    if len(same_name) == 1:
        return same_name[0]
    return next((k for k in same_name if k.realm_slug == home_slug), None)


def diff_addon_roster(
    *,
    known: list[KnownCharacter],
    uploaded: list[UploadedCharacter],
    rank_ids_by_index: dict[int, int],
    class_ids_by_name: dict[str, int],
    home_realm_slug: str,
    now: datetime,
) -> RosterDiff:
    """The changes an upload makes: never a removal, only updates and additions."""
    diff = RosterDiff()
    by_name: dict[str, list[KnownCharacter]] = {}
    for character in known:
        by_name.setdefault(character.name.casefold(), []).append(character)
    for item in uploaded:
        values = _fields(item, rank_ids_by_index, class_ids_by_name, now)
        match = _find(by_name, item, home_realm_slug)
        if match is None:
            seen = values.pop("last_login_timestamp", None)
            values["last_login_timestamp"] = seen[0] if seen else None
            diff.additions.append((item, values))
            continue
        changes = {}
        for name, value in values.items():
            current = getattr(match, "last_login_ms" if name == "last_login_timestamp" else name)
            if name == "last_login_timestamp":
                stamp, precision = value
                if current is None or abs(current - stamp) >= precision:
                    changes[name] = stamp
            elif name == "class_id":
                if current is None:
                    changes[name] = value
            elif current != value:
                changes[name] = value
        if match.removed:
            changes["removed_at"] = None
        if changes:
            diff.changes[match.id] = changes
        else:
            diff.unchanged.append(match.id)
    return diff
