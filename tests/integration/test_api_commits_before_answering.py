"""A write through the JSON API is committed before its answer leaves: a token from a login is
accepted by the very next request, and a logout that says so really ended the session. Run
against a real server (granian) on the test database, 60 times in a row."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from patt_app.demo.guild import DEMO_MEMBER, DEMO_PASSWORD
from patt_app.demo.seed import seed_demo_guild
from patt_app.settings import PROJECT_ROOT
from tests.child_process import child_env

ROUNDS = 60  # each login verifies an argon2 hash (0.2 s here): 200 rounds took 49 s


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def api(committed: Engine, database_url: str) -> Iterator[str]:
    with Session(committed) as session:
        seed_demo_guild(session=session, now=datetime.now(UTC))
        session.commit()
    port = _free_port()
    granian = Path(sys.executable).parent / "granian"
    process = subprocess.Popen(
        [str(granian), "--interface", "asgi", "--host", "127.0.0.1", "--port", str(port),
         "tests.support.api_server:app"],
        cwd=PROJECT_ROOT,
        env=child_env(DATABASE_URL=database_url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_login_then_me_and_logout_then_me_at_once(api: str):
    refused_after_login, logout_refused, accepted_after_logout = 0, 0, 0
    with httpx.Client(base_url=api, timeout=10) as client:
        for _ in range(ROUNDS):
            login = client.post(
                "/api/v1/auth/login",
                json={"discord_username": DEMO_MEMBER, "password": DEMO_PASSWORD},
            )
            assert login.status_code == 200, login.text
            headers = {"Authorization": f"Bearer {login.json()['data']['token']}"}
            refused_after_login += client.get("/api/v1/auth/me", headers=headers).status_code != 200
            logout_refused += client.post("/api/v1/auth/logout", headers=headers).status_code != 200
            accepted_after_logout += (
                client.get("/api/v1/auth/me", headers=headers).status_code == 200
            )
    assert (refused_after_login, logout_refused, accepted_after_logout) == (0, 0, 0)
