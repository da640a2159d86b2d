"""The bot and the outside world: with Discord unreachable or the token refused the platform
keeps serving and the status says why; with two processes, one bot. No test reaches Discord."""

from __future__ import annotations

import contextlib
import queue
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import discord.http
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from patt_app.api import create_api
from patt_app.models import GuildRank, Player, User
from patt_app.services.accounts.sessions import start_session
from patt_app.services.guild_discord.bot_status import read_status
from patt_app.settings import PROJECT_ROOT, get_settings
from tests.child_process import child_env
from tests.integration.discord_bot_harness import BotThread
from tests.support.fake_discord import FakeDiscord
from tests.support.runner_process import election_tries, wait_for_tries

UNREACHABLE = "http://127.0.0.1:9/api/v10"  # the discard port: nothing answers


@pytest.fixture
def discord_env(monkeypatch) -> Iterator[callable]:
    base = discord.http.Route.BASE

    def configure(api_url: str) -> None:
        monkeypatch.setenv("DISCORD_BOT_TOKEN", "fake-token-" + "x" * 40)
        monkeypatch.setenv("DISCORD_GUILD_ID", "123456789012345678")
        monkeypatch.setenv("DISCORD_API_URL", api_url)
        get_settings.cache_clear()

    yield configure
    monkeypatch.undo()
    get_settings.cache_clear()
    discord.http.Route.BASE = base


def _officer_headers(engine: Engine) -> dict[str, str]:
    with Session(engine) as session:
        rank = session.exec(GuildRank.__table__.select().where(GuildRank.level == 4)).first()
        user = User(discord_username="officer_x", password_hash="not-a-hash")
        session.add(user)
        session.flush()
        session.add(
            Player(display_name="Officer X", website_user_id=user.id, guild_rank_id=rank.id)
        )
        token = start_session(session=session, user_id=user.id, now=datetime.now(UTC), hours=1)
        session.commit()
    return {"Authorization": f"Bearer {token}"}


def _status(engine: Engine):
    with Session(engine) as session:
        return read_status(session=session, configured=True, now=datetime.now(UTC))


def _reported_error(engine: Engine) -> str | None:
    """The bot's own report of why it is not connected (not the "not reported yet" note)."""
    status = _status(engine)
    return status.last_error if status.last_error_at else None


def _wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def test_with_discord_unreachable_the_api_serves_and_the_status_says_why(committed, discord_env):
    discord_env(UNREACHABLE)
    headers = _officer_headers(committed)
    with BotThread(), TestClient(create_api()) as client:
        status = _wait_for(lambda: _reported_error(committed), 20, "the bot's first error")
        assert "Discord is unreachable" in status and "Trying again in 5 s" in status
        assert client.get("/api/health").json()["data"]["db"] == "connected"
        answer = client.get("/api/v1/admin/discord/status", headers=headers)
        assert answer.status_code == 200, answer.text
        data = answer.json()["data"]
        assert data["configured"] is True and data["connected"] is False
        assert data["guild_name"] is None and data["latency_ms"] is None
        assert "unreachable" in data["last_error"]
        assert set(data) == {
            "configured",
            "connected",
            "guild_name",
            "latency_ms",
            "last_member_sync",
            "last_role_sync",
            "last_error",
        }
        assert client.get("/api/v1/guild/roster").status_code == 200


def test_a_refused_token_is_reported_in_words_an_officer_can_act_on(committed, discord_env):
    fake = FakeDiscord(token="not-the-bots-token").start()
    try:
        discord_env(fake.api_url)
        with BotThread():
            error = _wait_for(lambda: _reported_error(committed), 20, "the refusal")
        assert error.startswith("Discord refused the bot token: check DISCORD_BOT_TOKEN.")
        assert "fake-token" not in error
        assert fake.logins == 1  # then it waits before trying again
    finally:
        fake.stop()


def test_the_status_without_a_token_says_not_configured(committed):
    headers = _officer_headers(committed)
    with TestClient(create_api()) as client:
        data = client.get("/api/v1/admin/discord/status", headers=headers).json()["data"]
    assert data["configured"] is False and data["connected"] is False
    assert data["last_error"] is None


def _bot_process(database_url: str, fake: FakeDiscord) -> subprocess.Popen:
    env = child_env(DATABASE_URL=database_url, **fake.settings_env())
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.bot_runner_process"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def _drain(said: queue.Queue[str]) -> list[str]:
    lines = []
    with contextlib.suppress(queue.Empty):
        while True:
            lines.append(said.get_nowait())
    return lines


def test_two_app_processes_with_a_token_run_one_bot(committed, database_url):
    fake = FakeDiscord(token="not-the-bots-token").start()
    processes = []
    try:
        processes = [_bot_process(database_url, fake), _bot_process(database_url, fake)]
        said: queue.Queue[str] = queue.Queue()
        for process in processes:
            election_tries(process, said)
        _wait_for(lambda: fake.logins, 60, "a bot to try logging in")
        elected = sum(line == "elected" for line in _drain(said))
        # the other process keeps trying to lead meanwhile (every 0.5 s; the bot waits 5 s
        # before its next login): three more of its tries, and still one bot
        elected += wait_for_tries(said, lost=3, timeout=30)
        assert elected == 1 and fake.logins == 1
        assert "refused the bot token" in _status(committed).last_error
    finally:
        for process in processes:
            process.kill()
            process.wait(timeout=10)
        fake.stop()
