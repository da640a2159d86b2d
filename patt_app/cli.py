"""Command line: `python -m patt_app.cli run` (what `make run` calls), `prepare`, and
`create-officer` (the first real officer of a new guild) and `sync blizzard` (a Battle.net
roster sync now, with a progress bar and a summary)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime

from sqlalchemy.engine import make_url

from patt_app.database_setup import migrate, seed
from patt_app.db import call_in_session, resolve_database_url
from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER, DEMO_PASSWORD
from patt_app.integrations.blizzard.roster_sync import NOT_CONFIGURED, run_sync
from patt_app.services.accounts.first_officer import create_officer
from patt_app.services.accounts.invites import registration_link
from patt_app.services.errors import AlreadyRunning, PattError
from patt_app.services.sync.sync_runs import start_sync_run
from patt_app.settings import PROJECT_ROOT, Settings, get_settings

REFLEX_ENV = {
    "REFLEX_USE_NPM": "1",
    "NPM_CONFIG_REGISTRY": "https://registry.npmjs.org",
    "REFLEX_TELEMETRY_ENABLED": "false",
    "REFLEX_CHECK_LATEST_VERSION": "0",
}

# With Redis, a worker keeps the lock on a tab's state for a few seconds after an event, with
# the state in its memory, instead of locking, reading and writing it in Redis at every event
# and redraw (another worker asking for the tab breaks the hold at once). Every lock taken
# is announced to every worker; `make load`'s 4-worker step spent 46 % of a worker's time
# reading those announcements; with the hold its p95 went from 145–180 to 84–109 ms.
OPLOCK_ENV = {"REFLEX_OPLOCK_ENABLED": "true", "REFLEX_OPLOCK_HOLD_TIME": "3s"}


def prepare(*, demo: bool) -> str:
    """Start the database if embedded, migrate it and seed it; returns its URL."""
    url = resolve_database_url()
    print(f"Database: {make_url(url).render_as_string(hide_password=True)}", flush=True)
    migrate(url)
    if seed(demo=demo):
        print("Demo guild created.", flush=True)
    return url


def _print_logins(port: int, demo: bool) -> None:
    print(f"\n  PATT Platform: http://localhost:{port}", flush=True)
    print(f"  Listening on {get_settings().host}:{port}", flush=True)
    if demo:
        print(f"  Officer login: {DEMO_OFFICER} / {DEMO_PASSWORD}")
        print(f"  Member login:  {DEMO_MEMBER} / {DEMO_PASSWORD}\n", flush=True)


def redis_problem(redis_url: str) -> str | None:
    """Why the Redis at `redis_url` cannot hold the page state (it does not answer), or None."""
    import redis  # lazily: only a run with REDIS_URL needs it

    client = redis.Redis.from_url(redis_url, socket_connect_timeout=3, socket_timeout=3)
    try:
        client.ping()
    except redis.RedisError as error:  # its message names host and port, never the password
        return f"the Redis of REDIS_URL does not answer ({error})."
    finally:
        client.close()
    return None


def serving_env(*, port: int, workers: int, database_url: str) -> dict[str, str]:
    """The environment the production server runs in: our Reflex switches, the database, the
    port, and with REDIS_URL the shared page state for `workers` backend processes."""
    env = {**os.environ, **REFLEX_ENV, "DATABASE_URL": database_url, "PORT": str(port)}
    env["GRANIAN_WORKERS"] = str(workers)
    redis_url = get_settings().redis_url
    if redis_url:
        env["REFLEX_REDIS_URL"] = redis_url
        for name, value in OPLOCK_ENV.items():
            env.setdefault(name, value)  # (an operator's own setting wins)
    return env


def reflex_command(reflex: str, *, port: int, host: str) -> list[str]:
    """Reflex in production mode: pages and backend on one `port`, listening on `host`."""
    return [
        reflex,
        "run",
        "--env",
        "prod",
        "--single-port",
        "--frontend-port",
        str(port),
        "--backend-port",
        str(port),
        "--backend-host",
        host,
    ]


def run(*, port: int, demo: bool, workers: int = 1) -> int:
    """Prepare the database and serve the app in production mode on one port until Ctrl-C,
    with `workers` backend processes (more than one needs REDIS_URL)."""
    settings = get_settings()
    if refused := settings.workers_refusal(workers):
        print(f"Not started: {refused}", file=sys.stderr)
        return 2
    if settings.redis_url and (problem := redis_problem(settings.redis_url)):
        print(f"Not started: {problem} Start it, or unset REDIS_URL.", file=sys.stderr)
        return 2
    url = prepare(demo=demo)
    env = serving_env(port=port, workers=workers, database_url=url)
    venv_bin = os.path.dirname(sys.executable)
    env["PATH"] = f"{venv_bin}{os.pathsep}{env.get('PATH', '')}"
    reflex = shutil.which("reflex", path=env["PATH"]) or "reflex"
    cmd = reflex_command(reflex, port=port, host=settings.host)
    _print_logins(port, demo)
    if workers > 1:
        print(f"  {workers} workers, page state in Redis\n", flush=True)
    child = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, start_new_session=True)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return child.wait()
    except KeyboardInterrupt:
        _stop(child)
        _say("Stopped.")
        return 0


def _interrupt(signum: int, frame: object) -> None:
    """Treat SIGTERM like Ctrl-C, so the app and the embedded database stop with us."""
    raise KeyboardInterrupt


def _say(message: str) -> None:
    """Print, unless the terminal is already gone (Ctrl-C may have closed a pipe)."""
    with contextlib.suppress(OSError):
        print(message, flush=True)


def _stop(child: subprocess.Popen) -> None:
    """Stop the app's whole process group, politely first; a second Ctrl-C can't cut this short."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    for sig, wait in ((signal.SIGINT, 15), (signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(child.pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.2)
        if child.poll() is not None:
            break


def create_officer_command(args: argparse.Namespace) -> int:
    """Migrate and seed reference data, then create the officer; prints what was made."""
    prepare(demo=False)
    password = None
    if not args.link:
        password = getpass.getpass(f"Password for {args.username}: ")
        if getpass.getpass("Again: ") != password:
            print("The two passwords differ; nothing was changed.", file=sys.stderr)
            return 1
    try:
        officer = call_in_session(
            create_officer,
            display_name=args.player,
            username=args.username,
            password=password,
            rank_level=5 if args.guild_leader else 4,
            now=datetime.now(UTC),
        )
    except PattError as error:
        print(f"Not created: {error}", file=sys.stderr)
        return 1
    print(f"{officer.display_name} is now {officer.rank_name}.")
    if officer.invite_code:
        link = registration_link(get_settings().public_base_url, officer.invite_code)
        print(f"One-time registration link (valid 72 hours): {link}")
    else:
        print(f"They can log in as {officer.username}.")
    return 0


def _progress_bar(done: int, total: int, requests: int) -> None:
    filled = 30 * done // total if total else 30
    bar = "#" * filled + "." * (30 - filled)
    print(f"\r  [{bar}] {done}/{total} profiles, {requests} requests", end="", flush=True)


def sync_blizzard() -> int:
    """Run one Battle.net roster sync in this process; 0 when it succeeded."""
    if not get_settings().blizzard_enabled:
        print(NOT_CONFIGURED)
        return 2
    migrate(resolve_database_url())
    try:
        run_id = call_in_session(start_sync_run, now=datetime.now(UTC))
    except AlreadyRunning as error:
        print(error)
        return 1
    print(f"Battle.net sync {run_id}: fetching the roster…", flush=True)
    run = asyncio.run(run_sync(run_id, on_progress=_progress_bar))
    print(f"\n{run.summary()}")
    return 0 if run.status == "success" else 1


def _parser(settings: Settings) -> argparse.ArgumentParser:
    """The commands and their options; defaults from the settings."""
    parser = argparse.ArgumentParser(prog="patt_app.cli", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run_parser = sub.add_parser("run", help="migrate, seed and serve the app")
    run_parser.add_argument("--port", type=int, default=settings.port)
    run_parser.add_argument(
        "--workers",
        type=int,
        default=settings.workers,
        help="backend worker processes on the one port (more than 1 needs REDIS_URL)",
    )
    prepare_parser = sub.add_parser("prepare", help="migrate and seed the database, then exit")
    for p in (run_parser, prepare_parser):
        p.add_argument(
            "--demo", action=argparse.BooleanOptionalAction, default=settings.seeds_demo_guild
        )
    officer_parser = sub.add_parser(
        "create-officer", help="make the guild's first officer (asks for a password)"
    )
    officer_parser.add_argument("--player", required=True, help='display name, e.g. "Trogdor"')
    officer_parser.add_argument("--username", required=True, help="their Discord username")
    officer_parser.add_argument(
        "--guild-leader", action="store_true", help="rank Guild Leader (5) instead of Officer (4)"
    )
    officer_parser.add_argument(
        "--link", action="store_true", help="print a one-time registration link, no password"
    )
    sync_parser = sub.add_parser("sync", help="sync the roster now: `sync blizzard`")
    sync_parser.add_argument("source", choices=["blizzard"])
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = get_settings()
    parser = _parser(settings)
    args = parser.parse_args(argv)
    if args.command == "sync":
        return sync_blizzard()
    if args.command == "prepare":
        prepare(demo=args.demo)
        return 0
    if args.command == "create-officer":
        return create_officer_command(args)
    if args.command == "run" and args.workers < 1:
        parser.error("--workers must be at least 1")
    return run(port=args.port, demo=args.demo, workers=args.workers)


if __name__ == "__main__":
    sys.exit(main())
