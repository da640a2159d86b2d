"""The addon's export read from its SavedVariables file, and the payload uploaders have always
sent for it (field names of the original uploader, so the server sees no difference)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from patt_app.integrations.addon.saved_variables import ParseError, read_saved_variables


class NoExport(Exception):
    """The file has no usable `PATTSyncDB.lastExport` yet."""


@dataclass(frozen=True)
class Export:
    export_time: int
    payload: dict[str, Any]

    @property
    def character_count(self) -> int:
        return len(self.payload["characters"])


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):  # an empty or sparse Lua table
        return [value[k] for k in sorted(value, key=str)]
    raise NoExport("lastExport.characters is not a table")


def _character(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": raw.get("name"),
        "realm": raw.get("realm"),
        "class": raw.get("class"),
        "level": raw.get("level"),
        "rank": raw.get("rank"),
        "rank_name": raw.get("rankName"),
        "guild_note": raw.get("note", ""),
        "officer_note": raw.get("officerNote", ""),
        "is_online": bool(raw.get("isOnline", False)),
        "last_online": raw.get("lastOnline"),
        "zone": raw.get("zone"),
    }


def read_export(path: Path, *, uploaded_by: str = "") -> Export:
    """The last export in the file; `ParseError` while the game is still writing it."""
    data = read_saved_variables(path.read_bytes())
    export = (
        (data.get("PATTSyncDB") or {}).get("lastExport")
        if isinstance(data.get("PATTSyncDB"), dict)
        else None
    )
    if not isinstance(export, dict) or not isinstance(export.get("exportTime"), int):
        raise NoExport("no export yet: type /pattsync in the game, then log out or /reload")
    characters = [
        _character(c) for c in _as_list(export.get("characters", [])) if isinstance(c, dict)
    ]
    payload = {
        "characters": characters,
        "addon_version": export.get("addonVersion"),
        "uploaded_by": uploaded_by or export.get("guildName") or "",
    }
    return Export(export_time=export["exportTime"], payload=payload)


__all__ = ["Export", "NoExport", "ParseError", "read_export"]
