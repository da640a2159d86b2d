"""A stand-in app worker with the real long-lived tasks (the Discord bot) and no jobs, taking
part in the runner's election on DATABASE_URL until killed, saying how each try went.

    DATABASE_URL=… DISCORD_BOT_TOKEN=… DISCORD_GUILD_ID=… DISCORD_API_URL=… \
        python -m tests.support.bot_runner_process
"""

from __future__ import annotations

import asyncio
import logging

from patt_app.jobs.registry import LONG_TASKS
from tests.support.runner_process import ReportingRunner


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    runner = ReportingRunner(jobs=[], long_tasks=LONG_TASKS, election_seconds=0.5)
    asyncio.run(runner.run_forever())


if __name__ == "__main__":
    main()
