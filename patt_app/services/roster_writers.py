"""The lock of the roster's writers: an addon upload (`identity.addon_upload`) and the outcome
of a Battle.net sync (`sync.sync_runs.record_sync_outcome`) both write `wow_characters`, most
of the guild's rows and its newcomers, one at a time.

Two at once deadlocked (each updates the rows in its own order) or both inserted the same
newcomer (the second broke the unique name + realm). Each writer takes the lock before it reads
the rows it decides on, so the second waits and then sees what the first wrote. A shared
module: identity and sync, sibling feature groups, may not import each other."""

from __future__ import annotations

from sqlmodel import Session

from patt_app.services.statements import hold_lock

# pg_advisory_xact_lock key. Lock order: this one before
# refresh.IDENTITY_LOCK (an upload refreshes identities in its transaction).
ROSTER_WRITERS_LOCK = 0x7A77_5359


def hold_roster_writers_lock(session: Session) -> None:
    """Wait for the roster writer under way to commit, then keep the others out until this
    transaction ends."""
    hold_lock(session, ROSTER_WRITERS_LOCK)
