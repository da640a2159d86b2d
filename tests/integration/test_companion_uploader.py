"""The companion uploader end to end: the real CLI against the API served over HTTP (granian,
a free localhost port) on the test database. `--once`, nothing new, a server that is down, and
watch mode picking up a rewritten file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlmodel import Session, select

from patt_app.integrations.addon.saved_variables import read_saved_variables
from patt_app.models import WowCharacter
from tests.child_process import child_env
from tests.support.saved_variables_writer import write_saved_variables

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "PATTSync.lua"
KEY = "uploader-test-key"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(committed, database_url):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PATT_API_KEY": KEY,
        "RUNNER_ENABLED": "false",
    }
    env = child_env(**env)  # its clock moves with the tests'
    process = subprocess.Popen(
        [sys.executable, "-m", "granian", "--interface", "asgi", "--host", "127.0.0.1",
         "--port", str(port), "tests.support.api_server:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("the API server did not start")
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def saved_variables(tmp_path) -> Path:
    folder = tmp_path / "WTF" / "Account" / "MEMBER" / "SavedVariables"
    folder.mkdir(parents=True)
    (folder / "PATTSync.lua").write_bytes(FIXTURE.read_bytes())
    return folder


def _env(base: str, folder: Path, tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PATT_API_URL": base,
        "PATT_API_KEY": KEY,
        "WOW_SAVED_VARIABLES_PATH": str(folder),
        "POLL_INTERVAL": "2",
        "PATTSYNC_STATE_FILE": str(tmp_path / "state.json"),
        "RETRY_SECONDS": "0.2",
        "UPLOAD_ATTEMPTS": "2",
    }


def _once(env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "patt_app.companion", "--once"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def _names(engine) -> set[str]:
    with Session(engine) as session:
        return set(session.exec(select(WowCharacter.character_name)).all())


def test_once_uploads_a_new_export_then_finds_nothing_new(
    server, saved_variables, tmp_path, committed
):
    env = _env(server, saved_variables, tmp_path)
    first = _once(env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "the server received 6 characters" in first.stdout
    assert "Zatañña" in _names(committed)
    second = _once(env)
    assert (second.returncode, second.stdout.strip()) == (0, "nothing new to upload")


def test_once_fails_with_1_when_the_server_is_down(saved_variables, tmp_path):
    env = _env(f"http://127.0.0.1:{_free_port()}/api", saved_variables, tmp_path)
    result = _once(env)
    assert result.returncode == 1
    assert "did not answer after 2 tries" in result.stdout


def test_once_fails_with_1_on_a_wrong_key(server, saved_variables, tmp_path):
    env = {**_env(server, saved_variables, tmp_path), "PATT_API_KEY": "wrong"}
    result = _once(env)
    assert result.returncode == 1 and "401" in result.stdout


def test_watch_mode_uploads_a_rewritten_file(server, saved_variables, tmp_path, committed):
    env = _env(server, saved_variables, tmp_path)
    watcher = subprocess.Popen(
        [sys.executable, "-m", "patt_app.companion"], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        _wait_for(lambda: "Trogmoon" in _names(committed))
        data = read_saved_variables(FIXTURE.read_bytes())
        export = data["PATTSyncDB"]["lastExport"]
        export["exportTime"] += 3600
        export["characters"].append({**export["characters"][0], "name": "Newcomer", "note": ""})
        target = saved_variables / "PATTSync.lua"
        text = write_saved_variables(data)
        with target.open(
            "w", encoding="utf-8"
        ) as handle:  # written in two pieces, as the game does
            handle.write(text[: len(text) // 2])
            handle.flush()
            time.sleep(0.3)
            handle.write(text[len(text) // 2 :])
        _wait_for(lambda: "Newcomer" in _names(committed))
    finally:
        watcher.terminate()
        output = watcher.communicate(timeout=10)[0]
    assert output.count("the server received") == 2, output
    assert "the server received 7 characters" in output


def _wait_for(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError("timed out")
