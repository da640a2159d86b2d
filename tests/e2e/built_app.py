"""Another process (or several workers) serving the e2e app that the `app_url` fixture built,
on the e2e database, at another loopback address of the same port: a browser opened there
talks to that process only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psutil
from sqlalchemy.engine import make_url

from patt_app.cli import OPLOCK_ENV
from patt_app.settings import PROJECT_ROOT
from tests.child_process import child_env
from tests.databases import server_admin_url


@contextmanager
def built_app(
    host: str, port: int, *, workers: int = 1, redis_url: str | None = None
) -> Iterator[str]:
    """The built app served by `workers` processes at http://<host>:<port> (page state in
    `redis_url` when given), until the block ends."""
    log = PROJECT_ROOT / "test-results" / f"e2e-extra-app-{host}.log"
    env = {
        **os.environ,
        "DATABASE_URL": make_url(server_admin_url())
        .set(database="patt_e2e")
        .render_as_string(hide_password=False),
        "REFLEX_ENV_MODE": "prod",
        "__REFLEX_MOUNT_FRONTEND_COMPILED_APP": "true",
        "__REFLEX_SKIP_COMPILE": "true",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        # the browsers open this address: its pages' websocket must be an allowed origin
        "PUBLIC_BASE_URL": f"http://{host}:{port}",
        "PORT": str(port),
        # with Redis, the workers hold tab states between events as `run` sets them up
        **({"REDIS_URL": redis_url, **OPLOCK_ENV} if redis_url else {}),
    }
    command = [
        str(Path(sys.executable).parent / "granian"),
        "--interface", "asgi", "--factory", "--host", host, "--port", str(port),
        "--workers", str(workers), "patt_app.patt_app:app",
    ]  # fmt: skip
    env = child_env(**env)  # its clock moves with the tests'
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    base = f"http://{host}:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert process.poll() is None, log.read_text()[-3000:]
            try:  # (the e2e app listens on every address of this port: ask ours only)
                if listens(process.pid, host, port) and _healthy(base):
                    break
            except httpx.HTTPError:
                pass
            time.sleep(1)
        else:
            raise RuntimeError(f"the extra app did not start:\n{log.read_text()[-3000:]}")
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def listens(pid: int, host: str, port: int) -> bool:
    """Whether the server started as `pid` listens on exactly host:port yet (the e2e app
    listens on every address of its port and would answer for a server still starting)."""
    server = psutil.Process(pid)
    for process in (server, *server.children(recursive=True)):
        for c in process.net_connections(kind="tcp"):
            if c.status == psutil.CONN_LISTEN and tuple(c.laddr) == (host, port):
                return True
    return False


def _healthy(base: str) -> bool:
    return httpx.get(f"{base}/api/health", timeout=2).status_code == 200
