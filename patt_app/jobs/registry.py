"""Every background job and long-lived task, in one list each. A later feature adds one line.

A job is a function `run(now) -> str` (a one-line result shown on /admin/jobs) run by the single
elected runner on its schedule, off the event loop, in its own transaction(s). A long-lived task
(the Discord bot) is an async function the runner starts when leading and cancels when not.
A sweep is a quick function `sweep(now)` the leader calls at every poll (every two seconds):
it notices at once what a dead process left behind.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from patt_app.integrations.discord.service import run_discord_bot
from patt_app.jobs import (
    blizzard_sync,
    campaigns,
    discord_posts,
    housekeeping,
    warcraftlogs_import,
)
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


def interval_job(
    *,
    name: str,
    description: str,
    run: Callable[[datetime], str],
    minutes: int = 0,
    seconds: int = 0,
) -> Job:
    """A job every so many minutes or seconds, counted from `EPOCH`, its schedule said in words
    ("every minute", "every 5 minutes", "every 30 seconds")."""
    if seconds:
        schedule = f"every {seconds} seconds"
    else:
        schedule = "every minute" if minutes == 1 else f"every {minutes} minutes"
    trigger = IntervalTrigger(minutes=minutes, seconds=seconds, start_date=EPOCH, timezone=UTC)
    return Job(name=name, description=description, schedule=schedule, trigger=trigger, run=run)


Sweep = Callable[[datetime], object]

JOBS: list[Job] = [
    interval_job(
        name="guild_pulse",
        description="Checks that the database answers: active players and signed-in sessions.",
        seconds=30,
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
    interval_job(
        name="discord_event_posts",
        description="Queues the Discord posts raid events need: announcements, edits, "
        "cancellations, and the reminder one hour before start.",
        minutes=1,
        run=discord_posts.event_posts_job,
    ),
    interval_job(
        name="discord_audit_report",
        description="Reports new integrity issues to the Discord audit channel, grouped by type.",
        minutes=5,
        run=discord_posts.audit_report_job,
    ),
    interval_job(
        name="campaign_lifecycle",
        description="Opens campaigns whose start has come and closes those that ended (or that "
        "every eligible voter has voted in, when early close is on), storing their results.",
        seconds=60,
        run=campaigns.campaign_lifecycle_job,
    ),
    interval_job(
        name="contest_agent",
        description="Decides the contest agent's one post per live campaign (launch, first "
        "vote, milestones, lead changes, last call, results) and records it in its log.",
        minutes=5,
        run=campaigns.contest_agent_job,
    ),
    interval_job(
        name=warcraftlogs_import.JOB_NAME,
        description="Imports who was in each raid's fights from Warcraft Logs (the report "
        "linked on the event, else the guild's reports of that night), for raids that ended in "
        'the last 3 days and those an officer asked for with "Import now".',
        minutes=15,
        run=warcraftlogs_import.warcraftlogs_import_job,
    ),
]

LONG_TASKS: list[LongTask] = [
    LongTask(
        name="discord_bot",
        start=run_discord_bot,
        enabled=lambda settings: settings.discord_enabled,
    ),
]


SWEEPS: list[Sweep] = [blizzard_sync.abandon_silent_syncs]


def job_named(name: str, jobs: list[Job] | None = None) -> Job | None:
    """The registered job called `name`, if any."""
    return next((job for job in (jobs or JOBS) if job.name == name), None)


def next_run(job: Job, now: datetime) -> datetime | None:
    """When `job` next runs after `now` (the same answer in every process)."""
    upcoming: datetime | None = job.trigger.get_next_fire_time(None, now)
    return upcoming


def daily_runs(job: Job, now: datetime) -> list[datetime]:
    """For a job run at set times of day (a cron trigger), its runs in the next 24 hours, so a
    page can name those times in the viewer's zone; [] for a job run at an interval."""
    if not isinstance(job.trigger, CronTrigger):
        return []
    runs: list[datetime] = []
    upcoming = job.trigger.get_next_fire_time(None, now)
    while upcoming is not None and upcoming < now + timedelta(days=1) and len(runs) < 48:
        runs.append(upcoming)
        upcoming = job.trigger.get_next_fire_time(upcoming, upcoming + timedelta(seconds=1))
    return runs
