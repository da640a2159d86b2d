"""/admin/jobs: the background runner, each job's schedule, last run and next run, "run now".
Redraws live (topic "jobs") whenever the runner finishes a run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.jobs.registry import JOBS, job_named, next_run
from patt_app.live.notify import notify
from patt_app.services.errors import InvalidInput
from patt_app.services.operations import job_runs
from patt_app.services.operations.job_runs import RunRecord
from patt_app.services.scheduling.availability import player_timezone
from patt_app.services.scheduling.schedule_time import zone
from patt_app.states.officer import OfficerState, officer_only

STATUS_COLOURS = {"success": "green", "failed": "red", "running": "amber", "requested": "blue"}


@dataclass
class JobRow:
    name: str
    description: str
    schedule: str
    last_run: str
    status: str
    status_colour: str
    duration: str
    outcome: str
    next_run: str


@dataclass
class RunRow:
    id: int
    job_name: str
    trigger: str
    status: str
    status_colour: str
    started: str
    duration: str
    outcome: str
    runner: str


def _moment(value: datetime | None, tz: str) -> str:
    return value.astimezone(zone(tz)).strftime("%a %d %b %H:%M:%S") if value else "—"


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


class JobsState(OfficerState):
    """State of /admin/jobs."""

    live_topics: ClassVar[tuple[str, ...]] = ("jobs",)

    runner: str = ""
    jobs: list[JobRow] = []
    runs: list[RunRow] = []
    viewer_zone: str = "UTC"

    async def _reload(self) -> None:
        overview = await run_in_session(job_runs.jobs_overview, job_names=[j.name for j in JOBS])
        now, tz = datetime.now(UTC), self.viewer_zone
        self.runner = overview.runner or ""
        self.jobs = []
        for job in JOBS:
            last = overview.latest.get(job.name)
            status = last.status if last else "never run"
            self.jobs.append(
                JobRow(
                    name=job.name,
                    description=job.description,
                    schedule=job.schedule,
                    last_run=_moment(last.started_at or last.created_at, tz) if last else "—",
                    status=status,
                    status_colour=STATUS_COLOURS.get(status, "gray"),
                    duration=_duration(last.duration_ms) if last else "—",
                    outcome=_outcome(last) if last else "",
                    next_run=_moment(next_run(job, now), tz),
                )
            )
        self.runs = [
            RunRow(
                id=run.id,
                job_name=run.job_name,
                trigger=run.trigger,
                status=run.status,
                status_colour=STATUS_COLOURS.get(run.status, "gray"),
                started=_moment(run.started_at or run.created_at, tz),
                duration=_duration(run.duration_ms),
                outcome=_outcome(run),
                runner=run.runner or "",
            )
            for run in overview.recent
        ]

    @rx.event
    @officer_only
    async def load(self):
        if self.actor.player_id is not None:
            self.viewer_zone = await run_in_session(player_timezone, player_id=self.actor.player_id)
        await self._reload()

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
        notify("jobs")
        await self._reload()
        return rx.toast.success(f"{job_name} will run within a few seconds.")
