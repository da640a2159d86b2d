"""/admin/sync: the Battle.net roster sync — "Sync now", live progress, the last runs.

Redraws live on topic "sync": a running sync writes its progress every half second and
announces it, so the bar moves without a reload, whichever worker runs the sync.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.integrations.blizzard.roster_sync import NOT_CONFIGURED
from patt_app.jobs.blizzard_sync import queue_sync_now
from patt_app.live.topics import Topic
from patt_app.services.sync.sync_runs import SyncRun, recent_sync_runs
from patt_app.settings import get_settings
from patt_app.states.moments import instant
from patt_app.states.officer import LoadsScreenInViewerZone, OfficerState, officer_only

STATUS_COLOURS = {"success": "green", "failed": "red", "running": "amber", "queued": "blue"}
UNDER_WAY = ("queued", "running")


@dataclass
class SyncRunRow:
    id: int
    started: str
    status: str
    status_colour: str
    counts: str
    requests: int
    duration: str
    note: str


def _percent(run: SyncRun) -> int:
    if run.status == "success":
        return 100
    return 100 * run.done // run.total if run.total else 0


def _row(run: SyncRun) -> SyncRunRow:
    return SyncRunRow(
        id=run.id,
        started=instant(run.started_at),
        status=run.status,
        status_colour=STATUS_COLOURS.get(run.status, "gray"),
        counts=f"{run.added} added · {run.updated} updated · {run.removed} removed · "
        f"{run.restored} restored · {run.not_found} not found",
        requests=run.requests,
        duration=f"{run.duration_s:.1f} s" if run.duration_s is not None else "—",
        note=run.error or "",
    )


class AdminSyncState(LoadsScreenInViewerZone, OfficerState):
    """State of /admin/sync."""

    live_topics: ClassVar[tuple[str, ...]] = (Topic.SYNC,)
    changes_topics: ClassVar[tuple[str, ...]] = (Topic.SYNC, Topic.JOBS)

    configured: bool = False
    not_configured: str = NOT_CONFIGURED
    running: bool = False
    progress_done: int = 0
    progress_total: int = 0
    progress_percent: int = 0
    latest_status: str = ""
    runs: list[SyncRunRow] = []
    viewer_zone: str = "UTC"

    async def _reload(self) -> None:
        runs = await run_in_session(recent_sync_runs, limit=10)
        self.configured = get_settings().blizzard_enabled
        self.runs = [_row(run) for run in runs]
        latest = runs[0] if runs else None
        self.running = latest is not None and latest.status in UNDER_WAY
        self.latest_status = latest.status if latest else ""
        self.progress_done = latest.done if latest else 0
        self.progress_total = latest.total if latest else 0
        self.progress_percent = _percent(latest) if latest else 0

    @rx.event
    @officer_only
    async def sync_now(self):
        run_id = await run_in_session(
            queue_sync_now, now=datetime.now(UTC), requested_by=self.actor.display_name
        )
        return await self._confirm(f"Battle.net sync {run_id} starts within a few seconds.")
