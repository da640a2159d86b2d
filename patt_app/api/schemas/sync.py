"""Answers of the officer sync routes under `/api/v1/admin/sync`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from patt_app.api.schemas.envelope import FromService


class SyncStarted(BaseModel):
    """A sync was started; follow it at `/api/v1/admin/sync/runs/{run_id}`."""

    run_id: int


class SyncRunStatus(FromService):
    """A sync run: `done` of `total` profiles so far, then what changed."""

    status: Literal["running", "success", "failed"]
    done: int
    total: int
    added: int
    updated: int
    removed: int
    restored: int
    not_found: int
    requests: int
    duration_s: float | None
    error: str | None
