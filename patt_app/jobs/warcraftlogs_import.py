"""The Warcraft Logs import as a job of the background runner: every 15 minutes for raids
that ended in the last three days, and at once when an officer presses "Import now" on a
raid's attendance page (`queue_import_now`: the raid's import row is queued and a run of this
job requested in one transaction; the runner claims it within seconds)."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime

from sqlmodel import Session

from patt_app.integrations.warcraftlogs.importer import NOT_CONFIGURED, Outcome, import_due
from patt_app.live.notify import notify
from patt_app.live.topics import Topic
from patt_app.services.errors import PattError
from patt_app.services.operations.job_runs import request_run
from patt_app.services.raids.log_import import queue_import
from patt_app.settings import get_settings

JOB_NAME = "warcraft_logs_import"

# How the job's one-line result names each outcome: "2 raids imported, 1 raid with no report yet".
OUTCOME_WORDS = {
    "imported": "imported",
    "no_report": "with no report yet",
    "refused": "refused",
    "failed": "failed",
}


def warcraftlogs_import_job(now: datetime) -> str:
    """Import the raids due; a one-line result. Not configured is a result, not a failure."""
    if not get_settings().warcraftlogs_enabled:
        return NOT_CONFIGURED
    outcomes = asyncio.run(import_due(now=now))
    if not outcomes:
        return "no raid to import"
    notify(Topic.EVENTS)
    return import_summary(outcomes)


def import_summary(outcomes: list[Outcome]) -> str:
    """The raids counted by outcome, then the imported raids' messages (or the first one's):
    "1 raid imported, 1 raid with no report yet: Imported 2 reports …"."""
    counts = Counter(outcome.status for outcome in outcomes)
    summary = ", ".join(
        f"{n} {'raid' if n == 1 else 'raids'} {OUTCOME_WORDS.get(status, status)}"
        for status, n in sorted(counts.items())
    )
    shown = [o.message for o in outcomes if o.status == "imported"] or [outcomes[0].message]
    return f"{summary}: {' '.join(shown)}"


def queue_import_now(*, session: Session, event_id: int, now: datetime, requested_by: str) -> None:
    """An officer's "Import now" for one raid, carried out by the runner within seconds. A
    `PattError` saying what to set when Warcraft Logs is not configured. The caller announces
    "events" and "jobs" after the commit."""
    if not get_settings().warcraftlogs_enabled:
        raise PattError(NOT_CONFIGURED)
    queue_import(session=session, event_id=event_id, requested_by=requested_by, now=now)
    request_run(
        session=session,
        job_name=JOB_NAME,
        known_jobs=frozenset({JOB_NAME}),
        requested_by=requested_by,
    )
