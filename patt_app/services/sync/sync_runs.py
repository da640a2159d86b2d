"""The `sync_log` rows of Battle.net roster syncs: queue, start (one at a time), progress, finish.

One sync at a time per database: a unique index admits one `running` row per source, so two
workers (or the scheduled job and an officer's "Sync now") cannot both start. A running sync
writes its heartbeat at least every two seconds; a row silent for `ABANDONED_AFTER` belonged
to a process that died, and is marked failed by the runner's next sweep (every two seconds)
or the next start, instead of refusing every sync for minutes.

An officer's "Sync now" (`queue_sync_run`) opens the row without a heartbeat: it is shown as
`queued` until the background runner adopts it (`claim_or_start_sync_run`, within seconds) and
carries the sync out, so every sync of the web app runs in the one runner, whichever worker was
asked. A queued row nobody adopted within `ABANDONED_AFTER` is abandoned the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from patt_app.models import SyncLog
from patt_app.services.errors import AlreadyRunning, NotFound
from patt_app.services.roster_writers import hold_roster_writers_lock
from patt_app.services.statements import row_or_refuse, rows_changed
from patt_app.services.sync.roster_apply import apply_roster_diff, known_characters_named
from patt_app.services.sync.roster_diff import RosterDiff, rematch_added

SOURCE = "blizzard_api"
ABANDONED_AFTER = timedelta(seconds=15)
STOPPED = "abandoned (its process stopped)"
NOT_TAKEN = "abandoned (no background runner took it)"


@dataclass(frozen=True)
class SyncRun:
    """A sync run as the API, the CLI and /admin/sync show it."""

    id: int
    status: str
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
    started_at: datetime
    completed_at: datetime | None

    def summary(self) -> str:
        """One line for /admin/jobs and the CLI."""
        took = f" in {self.duration_s:.1f} s" if self.duration_s is not None else ""
        line = (
            f"{self.status}: {self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.restored} restored, {self.not_found} not found; {self.requests} requests{took}"
        )
        return f"{line} ({self.error})" if self.error else line


def _status(row: SyncLog) -> str:
    if row.status == "running" and row.progress_at is None:
        return "queued"
    return "failed" if row.status == "partial" else row.status


def _shown(row: SyncLog) -> SyncRun:
    return SyncRun(
        id=row.id,
        status=_status(row),
        done=row.progress_done,
        total=row.progress_total,
        added=row.characters_new,
        updated=row.characters_updated,
        removed=row.characters_removed,
        restored=row.characters_restored,
        not_found=row.characters_not_found,
        requests=row.requests_made,
        duration_s=row.duration_seconds,
        error=row.error_message,
        started_at=row.started_at,
        completed_at=row.completed_at,
    )


def start_sync_run(*, session: Session, now: datetime) -> int:
    """Open a `running` row and return its id; `AlreadyRunning` while another sync runs."""
    return _open_run(session=session, now=now, heartbeat=now)


def queue_sync_run(*, session: Session, now: datetime) -> int:
    """Open a `running` row for the background runner to carry out (no heartbeat until it
    does); `AlreadyRunning` while another sync runs or waits."""
    return _open_run(session=session, now=now, heartbeat=None)


def claim_or_start_sync_run(*, session: Session, now: datetime) -> int:
    """The runner's door: adopt the run an officer queued, else open one."""
    claimed = session.exec(
        update(SyncLog)
        .where(
            col(SyncLog.source) == SOURCE,
            col(SyncLog.status) == "running",
            col(SyncLog.progress_at).is_(None),
        )
        .values(progress_at=now)
        .returning(col(SyncLog.id))
    ).first()
    if claimed is not None:
        run_id: int = claimed[0]
        return run_id
    return start_sync_run(session=session, now=now)


def abandon_silent_runs(*, session: Session, now: datetime) -> int:
    """Mark failed the syncs whose process stopped (no heartbeat for `ABANDONED_AFTER`) and the
    queued ones no runner adopted in that time; how many."""
    silent = now - ABANDONED_AFTER
    running = col(SyncLog.source) == SOURCE, col(SyncLog.status) == "running"
    stopped = session.exec(
        update(SyncLog)
        .where(*running, col(SyncLog.progress_at) < silent)
        .values(status="failed", completed_at=now, error_message=STOPPED)
    )
    not_taken = session.exec(
        update(SyncLog)
        .where(*running, col(SyncLog.progress_at).is_(None), col(SyncLog.started_at) < silent)
        .values(status="failed", completed_at=now, error_message=NOT_TAKEN)
    )
    return rows_changed(stopped) + rows_changed(not_taken)


def _open_run(*, session: Session, now: datetime, heartbeat: datetime | None) -> int:
    abandon_silent_runs(session=session, now=now)
    row = SyncLog(source=SOURCE, status="running", started_at=now, progress_at=heartbeat)
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError as error:
        under_way = session.exec(
            select(col(SyncLog.id)).where(
                col(SyncLog.source) == SOURCE, col(SyncLog.status) == "running"
            )
        ).first()
        raise AlreadyRunning(
            f"A Battle.net sync is already running (run {under_way}); watch it on /admin/sync.",
            run_id=under_way,
        ) from error
    return row.id


def record_progress(
    *, session: Session, run_id: int, done: int, total: int, requests: int, now: datetime
) -> None:
    """The heartbeat of a running sync: characters done out of total, requests so far."""
    session.exec(
        update(SyncLog)
        .where(col(SyncLog.id) == run_id, col(SyncLog.status) == "running")
        .values(progress_done=done, progress_total=total, requests_made=requests, progress_at=now)
    )


def finish_sync_run(
    *,
    session: Session,
    run_id: int,
    now: datetime,
    requests: int,
    diff: RosterDiff | None = None,
    error: str | None = None,
) -> SyncRun:
    """Close the run: success with the diff's counts, or failed (no diff) with `error`. A
    success may still carry a note in `error` (e.g. profiles that stayed unreachable)."""
    row = row_or_refuse(session, SyncLog, run_id, f"There is no sync run {run_id}.")
    row.status = "success" if diff is not None else "failed"
    row.error_message = error
    row.requests_made = requests
    row.completed_at = now
    row.duration_seconds = round((now - row.started_at).total_seconds(), 3)
    if diff is not None:
        row.characters_found = len(diff.added) + len(diff.updates)
        row.characters_new = len(diff.added)
        row.characters_updated = diff.updated
        row.characters_removed = len(diff.removed_ids)
        row.characters_restored = diff.restored
        row.characters_not_found = diff.not_found
        row.progress_done = row.progress_total
    session.add(row)
    session.flush()
    return _shown(row)


def record_sync_outcome(
    *,
    session: Session,
    run_id: int,
    diff: RosterDiff,
    requests: int,
    note: str | None,
    now: datetime,
) -> SyncRun:
    """Apply `diff` and close the run as a success, in the caller's one transaction. An upload
    writes the same rows: one at a time (`roster_writers`), and a newcomer it stored since the
    diff's snapshot was read is updated rather than added twice."""
    hold_roster_writers_lock(session)
    newcomers = [new.values["character_name"] for new in diff.added]
    diff = rematch_added(diff, known_characters_named(session=session, names=newcomers))
    apply_roster_diff(session=session, diff=diff, now=now)
    return finish_sync_run(
        session=session, run_id=run_id, now=now, requests=requests, diff=diff, error=note
    )


def sync_run(*, session: Session, run_id: int) -> SyncRun:
    """One run of the Battle.net sync, or `NotFound`."""
    row = session.get(SyncLog, run_id)
    if row is None or row.source != SOURCE:
        raise NotFound(f"There is no sync run {run_id}.")
    return _shown(row)


def recent_sync_runs(*, session: Session, limit: int = 10) -> list[SyncRun]:
    """The latest runs of the Battle.net sync, newest first."""
    rows = session.exec(
        select(SyncLog)
        .where(col(SyncLog.source) == SOURCE)
        .order_by(col(SyncLog.started_at).desc(), col(SyncLog.id).desc())
        .limit(limit)
    ).all()
    return [_shown(row) for row in rows]


def previous_successful_sync(*, session: Session) -> datetime | None:
    """When the last successful Battle.net sync started (for skipping dormant profiles)."""
    return session.exec(
        select(col(SyncLog.started_at))
        .where(col(SyncLog.source) == SOURCE, col(SyncLog.status) == "success")
        .order_by(col(SyncLog.started_at).desc())
        .limit(1)
    ).first()
