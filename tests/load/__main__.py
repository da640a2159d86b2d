"""`make load` (`python -m tests.load`): start the PATT app and a bare Reflex counter app, run
the scenarios against both at each size, print the table, write results and a chart. Raid
night is also run against the counter saving each click in PostgreSQL ("counter+db"), the
least a member's save costs with a database write, and against the same with the officers'
twins watching ("counter+db+live": every other save redraws them, as the hub redraws the
officers' heatmaps), the least raid night costs on Reflex.

Sizes and durations come from flags or the environment (LOAD_SECONDS, LOAD_SCHEDULE_CLIENTS,
LOAD_RAID_CLIENTS, LOAD_OFFICERS, LOAD_ROSTER_CLIENTS, LOAD_SATURATION_CLIENTS,
LOAD_ACTION_SECONDS, LOAD_SCENARIOS, LOAD_RESULTS). WORKERS, REDIS_URL and the rest of the
environment pass through to the app.

The "workers" scenario starts the app a second time with LOAD_WORKERS (4) backend processes
and their page state in the Redis of LOAD_REDIS_URL (or REDIS_URL), and plays raid night with
LOAD_WORKERS_SCALE (4) times the largest raid step's members and officers; without a Redis
URL it is skipped, with a line saying so. Its "counter+db+live" row is the counter app on as
many workers, its page state in the same Redis.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from sqlalchemy import create_engine

from patt_app.db import set_engine
from patt_app.settings import PROJECT_ROOT
from tests.databases import drop_database, fresh_database
from tests.load import report, scenarios
from tests.load.accounts import guild_accounts, login_tokens
from tests.load.servers import Server, counter_app, patt_app
from tests.load.steps import Client, Result, run_step

SCENARIOS = ("schedule", "raid", "roster", "saturation", "workers")
DATABASE = "patt_load"


def _sizes(text: str) -> list[int]:
    return [int(part) for part in text.replace(" ", "").split(",") if part]


def options(argv: list[str] | None = None) -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(prog="make load", description=__doc__)
    parser.add_argument("--seconds", type=float, default=float(env("LOAD_SECONDS", "10")))
    parser.add_argument(
        "--schedule-clients", default=env("LOAD_SCHEDULE_CLIENTS", "1,10,25,50,100")
    )
    parser.add_argument("--raid-clients", default=env("LOAD_RAID_CLIENTS", "25,50,100"))
    parser.add_argument("--officers", type=int, default=int(env("LOAD_OFFICERS", "20")))
    parser.add_argument("--roster-clients", default=env("LOAD_ROSTER_CLIENTS", "100"))
    parser.add_argument("--saturation-clients", default=env("LOAD_SATURATION_CLIENTS", "20"))
    parser.add_argument(
        "--action-seconds",
        type=float,
        default=float(env("LOAD_ACTION_SECONDS", "5")),
        help="raid night: each member saves or signs up this often",
    )
    parser.add_argument("--scenarios", default=env("LOAD_SCENARIOS", ",".join(SCENARIOS)))
    parser.add_argument("--workers", type=int, default=int(env("LOAD_WORKERS", "4")))
    parser.add_argument("--workers-scale", type=int, default=int(env("LOAD_WORKERS_SCALE", "4")))
    parser.add_argument(
        "--redis-url", default=env("LOAD_REDIS_URL", env("REDIS_URL", "")), help="for workers"
    )
    parser.add_argument(
        "--results", type=Path, default=Path(env("LOAD_RESULTS", PROJECT_ROOT / "load-results"))
    )
    return parser.parse_args(argv)


class Run:
    """One load run: both servers up, the guild's accounts, the results so far."""

    def __init__(self, opts: argparse.Namespace, patt: Server, counter: Server) -> None:
        self.opts, self.patt, self.counter = opts, patt, counter
        self.members, self.officers = guild_accounts()
        self.results: list[Result] = []

    async def step(self, scenario: str, server: Server, clients: list[Client], **kw) -> None:
        kw.setdefault("seconds", self.opts.seconds)
        result = await run_step(scenario=scenario, server=server, clients=clients, **kw)
        self.results.append(result)
        print(
            f"  {scenario:10} {result.app:10} {result.clients:4} clients: "
            f"p50 {result.p50_ms} p95 {result.p95_ms} p99 {result.p99_ms} ms, "
            f"{result.events_per_s} events/s, dropped {result.dropped}, errors {result.errors}"
            + (f", redraw p95 {result.redraw_p95_ms} ms" if result.redraw_p95_ms else "")
            + f", CPU {result.cpu_percent} % ({result.cpu_ms_per_event} ms/event)"
            + f", load {result.load_avg}, harness lag p95 {result.client_lag_p95_ms} ms"
            + f", harness gc max {result.client_gc_max_ms} ms",
            flush=True,
        )

    def counters(self, n: int, event: str = "increment") -> list[Client]:
        return [scenarios.counter_client(self.counter.base_url, event) for _ in range(n)]

    def idle_counters(self, n: int) -> list[Client]:
        """Open, like the officers' views, but idle."""
        idle = self.counters(n)
        for tab in idle:
            tab.watches_redraws = lambda m: False
        return idle

    def live_counters(self, n: int, watchers: int, server: Server | None = None) -> list[Client]:
        """Raid night's twin with its fan-out: half the tabs save and redraw the watchers
        (as availability saves redraw the officers' heatmaps), half only save (sign-ups)."""
        url = (server or self.counter).base_url
        savers = [
            scenarios.counter_client(url, "save_and_tell" if i % 2 == 0 else "save")
            for i in range(n)
        ]
        return savers + [scenarios.counter_watcher(url) for _ in range(watchers)]

    async def schedule(self) -> None:
        for n in _sizes(self.opts.schedule_clients):
            tokens = login_tokens(self.members, n)
            base = self.patt.base_url
            members = [scenarios.schedule_member(base, token) for _, token in tokens]
            await self.step("schedule", self.patt, members, interval=1.0)
            await self.step("schedule", self.counter, self.counters(n), interval=1.0)

    async def raid(self) -> None:
        every = self.opts.action_seconds
        for n in _sizes(self.opts.raid_clients):
            members = login_tokens(self.members, n)
            officers = login_tokens(self.officers, self.opts.officers)
            clients = scenarios.raid_night(self.patt.base_url, members, officers)
            await self.step("raid", self.patt, clients, interval=every)
            idle = self.idle_counters(len(officers))
            await self.step("raid", self.counter, self.counters(n) + idle, interval=every)
            savers = self.counters(n, "save") + self.idle_counters(len(officers))
            await self.step("raid", self.counter, savers, interval=every, app="counter+db")
            await self.step(
                "raid",
                self.counter,
                self.live_counters(n, len(officers)),
                interval=every,
                app="counter+db+live",
            )

    async def workers(self) -> None:
        """Raid night on the app with several workers (self.patt), at `workers_scale` times
        the tabs of the largest raid step."""
        scale, every = self.opts.workers_scale, self.opts.action_seconds
        n = scale * max(_sizes(self.opts.raid_clients))
        members = login_tokens(self.members, n)
        officers = login_tokens(self.officers, scale * self.opts.officers)
        clients = scenarios.raid_night(self.patt.base_url, members, officers)
        await self.step("workers", self.patt, clients, interval=every)
        idle = self.idle_counters(len(officers))
        await self.step("workers", self.counter, self.counters(n) + idle, interval=every)

    async def live_counters_in_workers(self, counter: Server) -> None:
        """The workers step's raid night on the counter app's own workers (`counter`), with
        its fan-out: "counter+db+live" at the same scale."""
        n = self.opts.workers_scale * max(_sizes(self.opts.raid_clients))
        watchers = self.opts.workers_scale * self.opts.officers
        clients = self.live_counters(n, watchers, counter)
        interval = self.opts.action_seconds
        await self.step("workers", counter, clients, interval=interval, app="counter+db+live")

    async def roster(self) -> None:
        for n in _sizes(self.opts.roster_clients):
            visitors = [scenarios.roster_visitor(self.patt.base_url) for _ in range(n)]
            await self.step("roster", self.patt, visitors, interval=1.0)
            await self.step("roster", self.counter, self.counters(n), interval=1.0)

    async def saturation(self) -> None:
        for n in _sizes(self.opts.saturation_clients):
            visitors = [scenarios.roster_visitor(self.patt.base_url) for _ in range(n)]
            await self.step("saturation", self.patt, visitors, interval=None)
            await self.step("saturation", self.counter, self.counters(n), interval=None)


async def _run_all(run: Run, chosen: list[str]) -> None:
    for name in chosen:
        print(f"== {name}", flush=True)
        await getattr(run, name)()


def _with_workers(run: Run, url: str, logs: Path) -> None:
    opts = run.opts
    if not opts.redis_url:
        print("== workers: skipped (set LOAD_REDIS_URL or REDIS_URL to a Redis)", flush=True)
        return
    extra = {"WORKERS": str(opts.workers), "REDIS_URL": opts.redis_url}
    with patt_app(url, logs, extra, name=f"patt-x{opts.workers}") as patt:
        run.patt = patt
        asyncio.run(_run_all(run, ["workers"]))
    with counter_app(logs, url, opts.workers, opts.redis_url) as counter:
        asyncio.run(run.live_counters_in_workers(counter))


def main(argv: list[str] | None = None) -> int:
    opts = options(argv)
    chosen = [s for s in opts.scenarios.split(",") if s]
    unknown = set(chosen) - set(SCENARIOS)
    if unknown:
        print(f"Unknown scenarios: {', '.join(sorted(unknown))}; choose from {SCENARIOS}")
        return 2
    logs = opts.results
    logs.mkdir(parents=True, exist_ok=True)
    url = fresh_database(DATABASE)
    set_engine(create_engine(url, pool_pre_ping=True))
    print(f"Starting the PATT app and the counter app (logs in {logs}/)…", flush=True)
    try:
        with counter_app(logs, url) as counter:
            with patt_app(url, logs) as patt:
                run = Run(opts, patt, counter)
                asyncio.run(_run_all(run, [c for c in chosen if c != "workers"]))
            if "workers" in chosen:
                _with_workers(run, url, logs)
    finally:
        set_engine(None)
        drop_database(DATABASE)
    settings = {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(opts).items()}
    settings["workers"] = os.environ.get("WORKERS", "1")
    settings["redis"] = bool(os.environ.get("REDIS_URL"))
    print()
    print(report.terminal_table(run.results))
    for path in report.write(run.results, opts.results, settings):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
