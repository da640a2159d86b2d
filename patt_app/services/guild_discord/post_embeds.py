"""A Discord embed as plain data, and Discord's limits for one: what `queue_post` takes and
the bot turns into discord.py's embed."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from patt_app.services.errors import InvalidInput

# Discord's own limits for an embed.
TITLE_LIMIT, DESCRIPTION_LIMIT, FIELD_LIMIT, FIELDS_LIMIT, DM_LIMIT = 256, 4096, 1024, 25, 2000


@dataclass(frozen=True)
class EmbedField:
    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True)
class Embed:
    """A Discord embed as plain data. `colour` is 0xRRGGBB; `mentions` are Discord user ids
    pinged in the message text above the embed (Discord never pings from inside an embed)."""

    title: str
    description: str = ""
    colour: int = 0xD4A84B
    fields: tuple[EmbedField, ...] = ()
    timestamp: datetime | None = None
    url: str | None = None
    footer: str | None = None
    mentions: tuple[str, ...] = ()

    def to_payload(self) -> dict[str, Any]:
        data = asdict(self)
        data["timestamp"] = self.timestamp.isoformat() if self.timestamp else None
        return data

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> Embed:
        stamp = data.get("timestamp")
        return cls(
            title=data["title"],
            description=data.get("description", ""),
            colour=data.get("colour", 0xD4A84B),
            fields=tuple(EmbedField(**f) for f in data.get("fields", ())),
            timestamp=datetime.fromisoformat(stamp) if stamp else None,
            url=data.get("url"),
            footer=data.get("footer"),
            mentions=tuple(data.get("mentions", ())),
        )


def checked_embed(embed: Embed) -> None:
    """Refuses an embed Discord would refuse."""
    if not embed.title.strip() or len(embed.title) > TITLE_LIMIT:
        raise InvalidInput(f"A post needs a title of 1 to {TITLE_LIMIT} characters.")
    if len(embed.description) > DESCRIPTION_LIMIT:
        raise InvalidInput(f"A post's text is limited to {DESCRIPTION_LIMIT} characters.")
    if len(embed.fields) > FIELDS_LIMIT or any(len(f.value) > FIELD_LIMIT for f in embed.fields):
        raise InvalidInput(f"A post has at most {FIELDS_LIMIT} fields of {FIELD_LIMIT} characters.")
    if not 0 <= embed.colour <= 0xFFFFFF:
        raise InvalidInput("An embed colour is 0x000000 to 0xFFFFFF.")
