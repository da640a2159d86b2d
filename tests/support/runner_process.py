"""A stand-in app worker for the election test: takes part in the background runner's election
on DATABASE_URL with a one-second "tick" job, until killed.

    python -m tests.support.runner_process
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from apscheduler.triggers.interval import IntervalTrigger

from patt_app.jobs.registry import EPOCH, Job
from patt_app.jobs.runner import Runner


def tick(now: datetime) -> str:
    return f"tick at {now:%H:%M:%S}"


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    job = Job(
        name="tick",
        description="test tick",
        schedule="every second",
        trigger=IntervalTrigger(seconds=1, start_date=EPOCH, timezone=UTC),
        run=tick,
    )
    asyncio.run(Runner(jobs=[job], long_tasks=[], election_seconds=0.5).run_forever())


if __name__ == "__main__":
    main()
