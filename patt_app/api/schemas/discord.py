"""Answer of `GET /api/v1/admin/discord/status`."""

from __future__ import annotations

from patt_app.api.schemas.envelope import FromService, IsoDateTime


class DiscordStatus(FromService):
    """Whether the bot is set up and connected, and what it last did or hit."""

    configured: bool
    connected: bool
    guild_name: str | None
    latency_ms: int | None
    last_member_sync: IsoDateTime | None
    last_role_sync: IsoDateTime | None
    last_error: str | None
