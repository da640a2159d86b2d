"""Answers of the officer sync routes under `/api/v1/admin/sync`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from patt_app.api.schemas.envelope import ErrorEnvelope
from patt_app.api.schemas.mirror import mirror
from patt_app.services.sync import sync_runs


class SyncStarted(BaseModel):
    """A sync was started; follow it at `/api/v1/admin/sync/runs/{run_id}`."""

    run_id: int


class SyncAlreadyRunning(ErrorEnvelope):
    """409: a sync is already queued or running; follow it at `/runs/{run_id}`."""

    run_id: int | None


_SYNC_RUN_FIELDS = mirror(
    sync_runs.SyncRun,
    leave_out=("id", "started_at", "completed_at"),
    narrowed={"status": Literal["queued", "running", "success", "failed"]},
)


class SyncRunStatus(_SYNC_RUN_FIELDS):  # type: ignore[misc,valid-type]
    """A sync run: `queued` until the background runner takes it (seconds), then `running` with
    `done` of `total` profiles so far, then what changed."""
