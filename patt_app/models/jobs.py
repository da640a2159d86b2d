"""The background runner's record: one row per job run (schema common).

A run is written by the elected runner when a job starts and finished when it ends. "Run now"
on /admin/jobs inserts a row with status `requested`; the runner claims it within seconds.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, Text
from sqlmodel import Field, SQLModel

from patt_app.models.base import COMMON, created_at_field, id_field, known_values, moment_field

JOB_RUN_STATUSES = ("requested", "running", "success", "failed")


class JobRun(SQLModel, table=True):
    """One run of a background job, scheduled or asked for by an officer."""

    __tablename__ = "job_runs"
    __table_args__ = (
        known_values("status", JOB_RUN_STATUSES),
        CheckConstraint("trigger IN ('schedule', 'manual')", name="trigger_known"),
        CheckConstraint("duration_ms IS NULL OR duration_ms >= 0", name="duration_not_negative"),
        Index("ix_job_runs_job_name_created_at", "job_name", "created_at"),
        Index("ix_job_runs_status", "status"),
        {"schema": COMMON},
    )

    id: int = id_field()
    job_name: str = Field(max_length=60)
    trigger: str = Field(default="schedule", max_length=10)
    status: str = Field(default="running", max_length=10)
    requested_by: str | None = Field(default=None, max_length=100)
    runner: str | None = Field(default=None, max_length=120)
    created_at: datetime = created_at_field()
    started_at: datetime | None = moment_field()
    finished_at: datetime | None = moment_field()
    duration_ms: int | None = None
    result: str | None = Field(default=None, sa_type=Text)
    error: str | None = Field(default=None, sa_type=Text)
