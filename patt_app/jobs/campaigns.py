"""The campaign jobs: the lifecycle every minute and the contest agent every five."""

from __future__ import annotations

from datetime import datetime

from patt_app.db import call_in_session
from patt_app.live.notify import notify
from patt_app.live.topics import Topic, campaign_topic
from patt_app.services.campaigns.contest_agent import run_contest_agent
from patt_app.services.campaigns.lifecycle import advance_campaigns
from patt_app.services.campaigns.raid_time_reminders import remind_non_voters
from patt_app.settings import get_settings


def campaign_lifecycle_job(now: datetime) -> str:
    run = call_in_session(advance_campaigns, now=now)
    if run.changed:
        notify(Topic.CAMPAIGNS, *(campaign_topic(cid) for cid in run.changed))
    settings = get_settings()
    if not settings.discord_enabled:
        return run.summary()
    reminded = call_in_session(remind_non_voters, now=now, base_url=settings.public_base_url)
    if reminded:
        notify(Topic.DISCORD)
        return f"{run.summary()}; {reminded} raid-time vote reminders queued"
    return run.summary()


def contest_agent_job(now: datetime) -> str:
    """Decide and log the agent's posts; with Discord set up, queue them for the bot too."""
    settings = get_settings()
    run = call_in_session(
        run_contest_agent,
        now=now,
        base_url=settings.public_base_url,
        to_discord=settings.discord_enabled,
    )
    if run.posts:
        notify(*(campaign_topic(p.campaign_id) for p in run.posts))
    if run.posts and settings.discord_enabled:
        notify(Topic.DISCORD)
    return run.summary()
