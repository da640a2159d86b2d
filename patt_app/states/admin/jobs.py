"""/admin/jobs: the background runner, each job's schedule, last run and next run, "run now".
Redraws live (topic "jobs") whenever the runner finishes a run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.jobs.registry import JOBS, Job, daily_runs, job_named, next_run
from patt_app.live.notify import notify
from patt_app.live.topics import Topic
from patt_app.services.errors import InvalidInput
from patt_app.services.operations import job_runs
from patt_app.services.operations.job_runs import RunRecord
from patt_app.services.scheduling.schedule_time import zone
from patt_app.states.moments import instant
from patt_app.states.officer import LoadsScreenInViewerZone, OfficerState, officer_only
from patt_app.states.toasts import toast

STATUS_COLOURS = {"success": "green", "failed": "red", "running": "amber", "requested": "blue"}


def job_title(name: str) -> str:
    """A job's name as people read it: "purge_expired" → "Purge expired"."""
    return name.replace("_", " ").capitalize()


def runner_label(runner: str | None) -> str:
    """Which process ran it, in words: "vm:24059" → "process 24059 on vm"."""
    host, _, pid = (runner or "").rpartition(":")
    return f"process {pid} on {host}" if host and pid.isdigit() else (runner or "")


@dataclass
class JobRow:
    name: str  # the registry's name (what "Run now" sends)
    title: str
    description: str
    schedule: str
    daily_at: list[str]  # a job run at set times of day: today's runs, shown in the viewer's zone
    last_run: str
    status: str
    status_colour: str
    duration: str
    outcome: str
    next_run: str


@dataclass
class RunRow:
    id: int
    job_name: str  # as people read it
    trigger: str
    status: str
    status_colour: str
    started: str
    duration: str
    outcome: str
    runner: str


def _duration(ms: int | None) -> str:
    if ms is None:
        return "—"
    return f"{ms} ms" if ms < 10_000 else f"{ms / 1000:.1f} s"


def _outcome(run: RunRecord) -> str:
    if run.status == "requested":
        return f"waiting for the runner (asked by {run.requested_by or 'an officer'})"
    if run.status == "running":
        return "running…"
    return run.error or run.result or ""


def _times_of_day(job: Job, now: datetime, tz: str) -> list[str]:
    """The job's daily runs as instants, in the order of the viewer's clock."""
    local = zone(tz)
    runs = sorted(daily_runs(job, now), key=lambda run: run.astimezone(local).time())
    return [instant(run) for run in runs]


class AdminJobsState(LoadsScreenInViewerZone, OfficerState):
    """State of /admin/jobs."""

    live_topics: ClassVar[tuple[str, ...]] = (Topic.JOBS,)

    runner: str = ""
    jobs: list[JobRow] = []
    runs: list[RunRow] = []
    viewer_zone: str = "UTC"

    async def _reload(self) -> None:
        overview = await run_in_session(job_runs.jobs_overview, job_names=[j.name for j in JOBS])
        now = datetime.now(UTC)
        self.runner = runner_label(overview.runner)
        self.jobs = []
        for job in JOBS:
            last = overview.latest.get(job.name)
            status = last.status if last else "never run"
            self.jobs.append(
                JobRow(
                    name=job.name,
                    title=job_title(job.name),
                    description=job.description,
                    schedule=job.schedule,
                    daily_at=_times_of_day(job, now, self.viewer_zone),
                    last_run=instant(last.started_at or last.created_at) if last else "",
                    status=status,
                    status_colour=STATUS_COLOURS.get(status, "gray"),
                    duration=_duration(last.duration_ms) if last else "—",
                    outcome=_outcome(last) if last else "",
                    next_run=instant(next_run(job, now)),
                )
            )
        self.runs = [
            RunRow(
                id=run.id,
                job_name=job_title(run.job_name),
                trigger=run.trigger,
                status=run.status,
                status_colour=STATUS_COLOURS.get(run.status, "gray"),
                started=instant(run.started_at or run.created_at),
                duration=_duration(run.duration_ms),
                outcome=_outcome(run),
                runner=runner_label(run.runner),
            )
            for run in overview.recent
        ]

    @rx.event
    @officer_only
    async def run_now(self, job_name: str):
        if job_named(str(job_name)) is None:
            raise InvalidInput(f"There is no job called '{job_name}'.")
        await run_in_session(
            job_runs.request_run,
            job_name=str(job_name),
            known_jobs=frozenset(j.name for j in JOBS),
            requested_by=self.actor.display_name,
        )
        notify(Topic.JOBS)
        await self._reload()
        return toast(f"{job_title(str(job_name))} will run within a few seconds.")
