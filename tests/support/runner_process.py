"""A stand-in app worker for the election test: takes part in the background runner's election
on DATABASE_URL with a one-second "tick" job, until killed. Prints a line at each try ("elected"
or "not elected"), so a test can wait for tries instead of sleeping.

    python -m tests.support.runner_process
"""

from __future__ import annotations

import asyncio
import logging
import queue
import subprocess
import threading
import time
from datetime import UTC, datetime

from apscheduler.triggers.interval import IntervalTrigger

from patt_app.jobs.registry import EPOCH, Job
from patt_app.jobs.runner import Runner


def tick(now: datetime) -> str:
    return f"tick at {now:%H:%M:%S}"


class ReportingRunner(Runner):
    """The runner, saying on stdout how each try at the election went."""

    async def _try_to_lead(self):
        conn = await super()._try_to_lead()
        print("elected" if conn is not None else "not elected", flush=True)
        return conn


def election_tries(process: subprocess.Popen, said: queue.Queue[str] | None = None):
    """What a `ReportingRunner` process (started with `stdout=PIPE, text=True`) says at each
    try, put on `said` (a new queue unless given; several processes may share one) by a thread
    that keeps its pipe drained."""
    said = queue.Queue() if said is None else said

    def read() -> None:
        for line in process.stdout:
            said.put(line.strip())

    threading.Thread(target=read, daemon=True).start()
    return said


def wait_for_tries(said: queue.Queue[str], *, lost: int, timeout: float) -> int:
    """Wait until `lost` tries said "not elected"; how many said "elected" meanwhile."""
    deadline, seen_lost, elected = time.monotonic() + timeout, 0, 0
    while seen_lost < lost:
        line = said.get(timeout=max(0.01, deadline - time.monotonic()))
        seen_lost += line == "not elected"
        elected += line == "elected"
    return elected


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    job = Job(
        name="tick",
        description="test tick",
        schedule="every second",
        trigger=IntervalTrigger(seconds=1, start_date=EPOCH, timezone=UTC),
        run=tick,
    )
    asyncio.run(ReportingRunner(jobs=[job], long_tasks=[], election_seconds=0.5).run_forever())


if __name__ == "__main__":
    main()
