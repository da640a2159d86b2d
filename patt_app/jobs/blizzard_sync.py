"""The scheduled Battle.net roster sync (01:00, 07:00, 13:00, 19:00 UTC), run by the runner in
a worker thread: it starts through the same one-at-a-time door as "Sync now" and the CLI."""

from __future__ import annotations

import asyncio
from datetime import datetime

from patt_app.db import call_in_session
from patt_app.integrations.blizzard.roster_sync import NOT_CONFIGURED, run_sync
from patt_app.services.errors import AlreadyRunning
from patt_app.services.sync.sync_runs import start_sync_run
from patt_app.settings import get_settings


def blizzard_sync_job(now: datetime) -> str:
    """Sync the roster; a one-line result. Not configured or already running is a result,
    not a failure; a failed sync raises so /admin/jobs shows it failed."""
    if not get_settings().blizzard_enabled:
        return NOT_CONFIGURED
    try:
        run_id = call_in_session(start_sync_run, now=now)
    except AlreadyRunning:
        return "skipped: a Battle.net sync was already running"
    run = asyncio.run(run_sync(run_id))
    if run.status != "success":
        raise RuntimeError(run.summary())
    return run.summary()
