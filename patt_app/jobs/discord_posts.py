"""Jobs that decide what the bot says: raid-event posts (every minute) and audit reports (every
5 minutes). They only queue into the outbox; the bot sends. Off while Discord is not set up."""

from __future__ import annotations

from datetime import datetime

from patt_app.db import call_in_session
from patt_app.services.guild_discord.audit_posts import queue_audit_reports
from patt_app.services.guild_discord.event_posts import queue_event_posts
from patt_app.settings import get_settings

NOT_CONFIGURED = "Discord is not set up (DISCORD_BOT_TOKEN, DISCORD_GUILD_ID): nothing queued"


def event_posts_job(now: datetime) -> str:
    settings = get_settings()
    if not settings.discord_enabled:
        return NOT_CONFIGURED
    counts = call_in_session(queue_event_posts, now=now, site_url=settings.public_base_url)
    return counts.summary()


def audit_report_job(now: datetime) -> str:
    settings = get_settings()
    if not settings.discord_enabled:
        return NOT_CONFIGURED
    return call_in_session(queue_audit_reports, now=now, site_url=settings.public_base_url)
