"""The two servers of a load run, each started here on a free port and stopped at the end: the
PATT app as `make run` serves it (production build, one port, a throwaway database with the
demo guild) and a bare Reflex counter app (backend only) as the baseline. Their processes are
sampled with psutil for CPU and memory."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

from patt_app.cli import OPLOCK_ENV
from patt_app.settings import PROJECT_ROOT

COUNTER_DIR = Path(__file__).parent / "counter_app"
REFLEX_ENV = {
    "REFLEX_USE_NPM": "1",
    "NPM_CONFIG_REGISTRY": "https://registry.npmjs.org",
    "REFLEX_TELEMETRY_ENABLED": "false",
    "REFLEX_CHECK_LATEST_VERSION": "0",
}
STARTUP_SECONDS = 420


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A started server: its address, its process tree, its log."""

    name: str
    base_url: str
    process: subprocess.Popen
    log: Path
    _cpu_start: float = 0.0
    _wall_start: float = 0.0
    peak_rss: int = 0
    _seen: dict[int, psutil.Process] = field(default_factory=dict)
    _cpu_start_by_pid: dict[int, float] = field(default_factory=dict)

    def processes(self) -> list[psutil.Process]:
        """The server's process and all its children (granian and its workers)."""
        try:
            root = psutil.Process(self.process.pid)
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []
        for proc in tree:
            self._seen.setdefault(proc.pid, proc)
        return [self._seen[p.pid] for p in tree]

    def _cpu_by_pid(self) -> dict[int, float]:
        used = {}
        for proc in self.processes():
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                used[proc.pid] = times.user + times.system
        return used

    def cpu_seconds(self) -> float:
        return sum(self._cpu_by_pid().values())

    def cpu_by_process(self) -> list[float]:
        """CPU used by each process since `start_measuring`, in % of one core (largest first):
        with several workers, how evenly the work spread."""
        wall = time.monotonic() - self._wall_start
        now = self._cpu_by_pid()
        used = [now[pid] - self._cpu_start_by_pid.get(pid, 0.0) for pid in now]
        return sorted((100.0 * u / wall for u in used), reverse=True) if wall > 0 else []

    def rss(self) -> int:
        total = 0
        for proc in self.processes():
            with contextlib.suppress(psutil.Error):
                total += proc.memory_info().rss
        self.peak_rss = max(self.peak_rss, total)
        return total

    def start_measuring(self) -> None:
        self._cpu_start_by_pid = self._cpu_by_pid()
        self._cpu_start = sum(self._cpu_start_by_pid.values())
        self._wall_start, self.peak_rss = time.monotonic(), 0
        self.rss()

    def cpu_percent(self) -> float:
        """CPU used since `start_measuring`, in % of one core."""
        wall = time.monotonic() - self._wall_start
        return 100.0 * (self.cpu_seconds() - self._cpu_start) / wall if wall > 0 else 0.0

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def _wait(server: Server, probe: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited early:\n{server.log.read_text()[-3000:]}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{server.base_url}{probe}", timeout=3).status_code == 200:
                return
        time.sleep(1)
    server.stop()
    raise RuntimeError(f"{server.name} did not start:\n{server.log.read_text()[-3000:]}")


def _start(name: str, cmd: list[str], cwd: Path, env: dict[str, str], port: int, log: Path):
    venv_bin = os.path.dirname(sys.executable)
    env = {**env, **REFLEX_ENV, "PATH": f"{venv_bin}{os.pathsep}{env.get('PATH', '')}"}
    with log.open("w") as out:
        process = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    return Server(name, f"http://127.0.0.1:{port}", process, log)


@contextlib.contextmanager
def patt_app(
    database_url: str, logs: Path, extra_env: dict[str, str] | None = None, name: str = "patt"
) -> Iterator[Server]:
    """The PATT app with the demo guild on `database_url`; the caller's environment (e.g.
    WORKERS, REDIS_URL) passes through to it, then `extra_env`."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "DEMO_DATA": "true", "PORT": str(port)}
    env.update(extra_env or {})
    cmd = [sys.executable, "-m", "patt_app.cli", "run", "--port", str(port)]
    server = _start(name, cmd, PROJECT_ROOT, env, port, logs / f"load-{name}-app.log")
    try:
        _wait(server, "/api/health")
        _wait(server, "/")
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def counter_app(
    logs: Path, database_url: str | None = None, workers: int = 1, redis_url: str = ""
) -> Iterator[Server]:
    """The bare counter app (tests/load/counter_app), backend only, one worker; with
    `database_url` its `save` event writes one row there. With `workers` > 1 its page state
    is in the Redis of `redis_url`, held as the PATT app holds it (`cli.OPLOCK_ENV`)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REFLEX_REDIS", "REDIS"))}
    if database_url:
        env["COUNTER_DATABASE_URL"] = database_url
    name = "counter"
    if workers > 1:
        name = f"counter-x{workers}"
        env |= {"GRANIAN_WORKERS": str(workers), "REFLEX_REDIS_URL": redis_url, **OPLOCK_ENV}
        env["REFLEX_STATE_MANAGER_MODE"] = "redis"
    reflex = str(Path(sys.executable).with_name("reflex"))
    cmd = [reflex, "run", "--env", "prod", "--backend-only", "--backend-port", str(port)]
    server = _start(name, cmd, COUNTER_DIR, env, port, logs / f"load-{name}-app.log")
    try:
        _wait(server, "/ping")
        yield server
    finally:
        server.stop()
