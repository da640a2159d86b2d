"""Serving the built e2e app with several workers that keep page state in a Redis: a private
`redis-server` on a free port (for tests that restart it) or a shared one (never restarted):
`PATT_TEST_REDIS_URL` when set (CI starts a private server and sets it; then an unreachable
Redis fails the tests instead of skipping them), else a database of the machine's own Redis."""

from __future__ import annotations

import os
import pickle
import shutil
import socket
import subprocess
import time

import pytest
import redis
from playwright.sync_api import Page

from tests.e2e.built_app import built_app

MACHINE_REDIS = "redis://127.0.0.1:6379/12"  # this suite's own database number
REDIS_URL_VARIABLE = "PATT_TEST_REDIS_URL"
SOCKET_RECORD = "token_manager_socket_record_"  # Reflex's key: which worker holds a tab


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def shared_redis() -> str:
    """`PATT_TEST_REDIS_URL` (required to answer) or the machine's Redis (database 12), emptied;
    a skip saying none is running when neither is there."""
    chosen = os.environ.get(REDIS_URL_VARIABLE, "").strip()
    url = chosen or MACHINE_REDIS
    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.flushdb()
    except redis.RedisError as error:
        if chosen:
            pytest.fail(f"{REDIS_URL_VARIABLE}={chosen} does not answer ({error})")
        pytest.skip(f"no Redis at 127.0.0.1:6379 for the several-worker tests ({error})")
    finally:
        client.close()
    return url


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


def app_on_redis(redis_url: str, host: str, port: int, workers: int = 2):
    """The built e2e app served by `workers` processes at http://<host>:<port>, page state
    in `redis_url`."""
    return built_app(host, port, workers=workers, redis_url=redis_url)


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
