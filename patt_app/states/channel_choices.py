"""The Discord channels an officer can pick by name: what the bot last reported, plus any id
saved earlier that the server no longer lists (so saving a form never drops it silently)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def channel_choices(channels: Iterable[dict[str, Any]], *saved_ids: str) -> list[list[str]]:
    """[[id, "#name"]] by name, then [[id, "channel <id> (not on the server now)"]]."""
    choices = sorted(
        ([str(c["id"]), f"#{c['name']}"] for c in channels if c.get("id") and c.get("name")),
        key=lambda c: c[1].casefold(),
    )
    known = {c[0] for c in choices}
    if not choices:
        return []
    for saved in dict.fromkeys(s for s in saved_ids if s and s not in known):
        choices.append([saved, f"channel {saved} (not on the server now)"])
    return choices
