"""Officer-only JSON: how the Discord bot is doing (whichever worker runs it)."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Depends

from patt_app.api.dependencies import DbSession, officer
from patt_app.api.refusals import OFFICERS
from patt_app.api.responses import ok
from patt_app.api.schemas.discord import DiscordStatus
from patt_app.api.schemas.envelope import Envelope
from patt_app.services.accounts.sessions import Viewer
from patt_app.services.guild_discord.bot_status import read_status
from patt_app.settings import get_settings

router = APIRouter(prefix="/api/v1/admin/discord")


@router.get("/status", response_model=Envelope[DiscordStatus], responses=OFFICERS)
def discord_status(session: DbSession, _officer: Viewer = Depends(officer)):
    """`configured` (token and server id set), `connected`, the server's name, latency, the
    last member and role syncs, and the last error (why it is not connected)."""
    settings = get_settings()
    status = read_status(
        session=session,
        configured=settings.discord_enabled,
        now=datetime.now(UTC),
        stale_after=settings.discord_status_stale,
    )
    return ok(DiscordStatus.model_validate(status))
