"""Serving the built e2e app with several workers that keep page state in a Redis: a private
`redis-server` on a free port (for tests that restart it) or a database of the machine's own
Redis (never restarted: others use it)."""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psutil
import pytest
import redis
from playwright.sync_api import Page
from sqlalchemy.engine import make_url

from patt_app.settings import PROJECT_ROOT
from tests.databases import server_admin_url

SHARED_REDIS = "redis://127.0.0.1:6379/12"  # this suite's own database number
SOCKET_RECORD = "token_manager_socket_record_"  # Reflex's key: which worker holds a tab


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def shared_redis() -> str:
    """The machine's Redis (database 12, emptied), or a skip saying none is running."""
    client = redis.Redis.from_url(SHARED_REDIS, socket_connect_timeout=2)
    try:
        client.flushdb()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at 127.0.0.1:6379 for the several-worker tests ({error})")
    finally:
        client.close()
    return SHARED_REDIS


class PrivateRedis:
    """A `redis-server` of this test alone, on a free loopback port, with nothing saved to
    disk (a restart loses every key, the harshest case)."""

    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.skip("redis-server is not installed: the Redis restart test cannot run")
        self.binary, self.port = binary, free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                client.ping()
                return
            except redis.RedisError:
                time.sleep(0.1)
        raise RuntimeError("the private redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@contextmanager
def app_on_redis(redis_url: str, host: str, port: int, workers: int = 2) -> Iterator[str]:
    """The built e2e app (the `app_url` fixture built it) served by `workers` processes at
    http://<host>:<port>, page state in `redis_url`, on the e2e database."""
    log = PROJECT_ROOT / "test-results" / f"e2e-redis-workers-{host}.log"
    env = {
        **os.environ,
        "DATABASE_URL": make_url(server_admin_url())
        .set(database="patt_e2e")
        .render_as_string(hide_password=False),
        "REDIS_URL": redis_url,
        "REFLEX_ENV_MODE": "prod",
        "__REFLEX_MOUNT_FRONTEND_COMPILED_APP": "true",
        "__REFLEX_SKIP_COMPILE": "true",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    command = [
        str(Path(sys.executable).parent / "granian"),
        "--interface", "asgi", "--factory", "--host", host, "--port", str(port),
        "--workers", str(workers), "patt_app.patt_app:app",
    ]  # fmt: skip
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
            raise RuntimeError(f"the workers did not start:\n{log.read_text()[-3000:]}")
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


def worker_of(page: Page, redis_url: str) -> str:
    """Which worker process holds this tab's websocket (Reflex records it in Redis)."""
    token = page.evaluate("() => window.sessionStorage.getItem('token')")
    client = redis.Redis.from_url(redis_url)
    try:
        deadline = time.monotonic() + 10
        while (record := client.get(SOCKET_RECORD + token)) is None:
            assert time.monotonic() < deadline, f"no worker holds tab {token}"
            time.sleep(0.2)
    finally:
        client.close()
    return pickle.loads(record).instance_id
