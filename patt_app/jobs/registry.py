"""Every background job and long-lived task, in one list each. A later feature adds one line.

A job is a function `run(now) -> str` (a one-line result shown on /admin/jobs) run by the single
elected runner on its schedule, off the event loop, in its own transaction(s). A long-lived task
(the Discord bot) is an async function the runner starts when leading and cancels when not.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from patt_app.integrations.discord.service import run_discord_bot
from patt_app.jobs import blizzard_sync, campaigns, discord_posts, housekeeping
from patt_app.settings import Settings

# Interval jobs count from a fixed instant, so every process computes the same next run.
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Job:
    """A periodic job: name (stable, shown), what it does, when, and the function."""

    name: str
    description: str
    schedule: str
    trigger: BaseTrigger
    run: Callable[[datetime], str]


@dataclass(frozen=True)
class LongTask:
    """A task that lives as long as this process leads (e.g. the Discord bot)."""

    name: str
    start: Callable[[], Awaitable[None]]
    enabled: Callable[[Settings], bool] = field(default=lambda _settings: True)


JOBS: list[Job] = [
    Job(
        name="guild_pulse",
        description="Checks that the database answers: active players and signed-in sessions.",
        schedule="every 30 seconds",
        trigger=IntervalTrigger(seconds=30, start_date=EPOCH, timezone=UTC),
        run=housekeeping.guild_pulse_job,
    ),
    Job(
        name="purge_expired",
        description="Deletes logins that ended over a week ago, and invites and password "
        "reset links used or expired over a month ago.",
        schedule="daily at 04:30 UTC",
        trigger=CronTrigger(hour=4, minute=30, timezone=UTC),
        run=housekeeping.purge_expired_job,
    ),
    Job(
        name=blizzard_sync.JOB_NAME,
        description="Brings the guild's characters up to date from the Battle.net roster and "
        "profiles (level, class, spec, item level, rank, who joined and who left).",
        schedule="daily at 01:00, 07:00, 13:00 and 19:00 UTC",
        trigger=CronTrigger(hour="1,7,13,19", minute=0, timezone=UTC),
        run=blizzard_sync.blizzard_sync_job,
    ),
    Job(
        name="discord_event_posts",
        description="Queues the Discord posts raid events need: announcements, edits, "
        "cancellations, and the reminder one hour before start.",
        schedule="every minute",
        trigger=IntervalTrigger(minutes=1, start_date=EPOCH, timezone=UTC),
        run=discord_posts.event_posts_job,
    ),
    Job(
        name="discord_audit_report",
        description="Reports new integrity issues to the Discord audit channel, grouped by type.",
        schedule="every 5 minutes",
        trigger=IntervalTrigger(minutes=5, start_date=EPOCH, timezone=UTC),
        run=discord_posts.audit_report_job,
    ),
    Job(
        name="campaign_lifecycle",
        description="Opens campaigns whose start has come and closes those that ended (or that "
        "every eligible voter has voted in, when early close is on), storing their results.",
        schedule="every 60 seconds",
        trigger=IntervalTrigger(seconds=60, start_date=EPOCH, timezone=UTC),
        run=campaigns.campaign_lifecycle_job,
    ),
    Job(
        name="contest_agent",
        description="Decides the contest agent's one post per live campaign (launch, first "
        "vote, milestones, lead changes, last call, results) and records it in its log.",
        schedule="every 5 minutes",
        trigger=IntervalTrigger(minutes=5, start_date=EPOCH, timezone=UTC),
        run=campaigns.contest_agent_job,
    ),
]

LONG_TASKS: list[LongTask] = [
    LongTask(
        name="discord_bot",
        start=run_discord_bot,
        enabled=lambda settings: settings.discord_enabled,
    ),
]


def job_named(name: str, jobs: list[Job] | None = None) -> Job | None:
    """The registered job called `name`, if any."""
    return next((job for job in (jobs or JOBS) if job.name == name), None)


def next_run(job: Job, now: datetime) -> datetime | None:
    """When `job` next runs after `now` (the same answer in every process)."""
    return job.trigger.get_next_fire_time(None, now)
