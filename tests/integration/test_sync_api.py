"""Officers start a Battle.net sync over the API and follow it to the end; one at a time.
The sync is carried out by the background runner (a real one, in a thread of this process)."""

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from patt_app.api import create_api
from patt_app.demo.guild import DEMO_OFFICER
from patt_app.demo.seed import seed_demo_guild
from patt_app.jobs.blizzard_sync import JOB_NAME
from patt_app.jobs.registry import job_named
from patt_app.jobs.runner import Runner
from patt_app.models import JobRun, User
from patt_app.services.accounts.sessions import start_session
from patt_app.settings import get_settings
from tests.support.fake_battlenet import FakeBattleNet, make_guild


@pytest.fixture
def fake(monkeypatch):
    server = FakeBattleNet(characters=make_guild(120)).start()
    for key, value in server.settings_env().items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    yield server
    server.stop()
    monkeypatch.undo()
    get_settings.cache_clear()


@contextlib.contextmanager
def background_runner() -> Iterator[Runner]:
    """The runner with the real Battle.net sync job, leading from a thread of its own."""
    runner = Runner(jobs=[job_named(JOB_NAME)], long_tasks=[], election_seconds=0.2)
    loop = asyncio.new_event_loop()
    task = loop.create_task(runner.run_forever())

    def lead() -> None:
        with contextlib.suppress(asyncio.CancelledError):
            loop.run_until_complete(task)

    thread = threading.Thread(target=lead, daemon=True)
    thread.start()
    try:
        yield runner
    finally:
        loop.call_soon_threadsafe(task.cancel)
        thread.join(timeout=15)
        loop.close()


@pytest.fixture
def officer_headers(committed):
    with Session(committed) as session:
        seed_demo_guild(session=session, now=datetime.now(UTC))
        user = session.exec(select(User).where(User.discord_username == DEMO_OFFICER)).one()
        token = start_session(session=session, user_id=user.id, now=datetime.now(UTC), hours=1)
        session.commit()
    return {"Authorization": f"Bearer {token}"}


def _finished_job_run(engine, timeout: float = 30.0) -> JobRun:
    """The runner's record of the sync job, once it has finished (identity checks included)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with Session(engine) as session:
            run = session.exec(select(JobRun).where(JobRun.job_name == JOB_NAME)).one()
        if run.finished_at is not None:
            return run
        time.sleep(0.2)
    raise AssertionError(f"the runner did not finish the sync job: {run}")


def test_an_officer_starts_a_sync_watches_it_and_cannot_start_a_second_meanwhile(
    fake, officer_headers, committed
):
    with TestClient(create_api()) as client, background_runner():
        started = client.post("/api/v1/admin/sync/blizzard", headers=officer_headers)
        assert started.status_code == 202, started.text
        run_id = started.json()["data"]["run_id"]
        again = client.post("/api/v1/admin/sync/blizzard", headers=officer_headers)
        assert again.status_code == 409 and again.json()["ok"] is False
        seen = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            data = client.get(f"/api/v1/admin/sync/runs/{run_id}", headers=officer_headers).json()
            seen.append(data["data"]["status"])
            if data["data"]["status"] != "running":
                break
            time.sleep(0.2)
        job_run = _finished_job_run(committed)
    assert job_run.status == "success" and job_run.trigger == "manual", job_run
    run = data["data"]
    assert "running" in seen and run["status"] == "success", run
    assert run["added"] == 120 and run["done"] == run["total"] == 120
    # the demo guild's own characters are not on this fake roster: they left the guild
    assert run["removed"] > 0 and run["not_found"] == 0 and run["requests"] == 121
    assert set(run) == {
        "status",
        "done",
        "total",
        "added",
        "updated",
        "removed",
        "restored",
        "not_found",
        "requests",
        "duration_s",
        "error",
    }


def test_sync_now_is_queued_for_the_one_runner_not_run_by_the_worker_that_was_asked(
    fake, officer_headers, committed
):
    with TestClient(create_api()) as client:
        started = client.post("/api/v1/admin/sync/blizzard", headers=officer_headers)
        assert started.status_code == 202, started.text
        run_id = started.json()["data"]["run_id"]
        time.sleep(1.0)  # no runner here: nothing may have started the sync meanwhile
        waiting = client.get(f"/api/v1/admin/sync/runs/{run_id}", headers=officer_headers)
    assert waiting.json()["data"]["status"] == "running"
    assert waiting.json()["data"]["requests"] == 0 and fake.api_requests == fake.token_requests == 0
    with Session(committed) as session:
        queued = session.exec(select(JobRun).where(JobRun.job_name == JOB_NAME)).all()
    assert [(r.status, r.trigger, r.requested_by) for r in queued] == [
        ("requested", "manual", "Demo Officer")
    ]


def test_without_credentials_the_answer_says_what_to_set(committed, officer_headers, monkeypatch):
    monkeypatch.delenv("BLIZZARD_CLIENT_ID", raising=False)
    get_settings.cache_clear()
    try:
        with TestClient(create_api()) as client:
            answer = client.post("/api/v1/admin/sync/blizzard", headers=officer_headers)
    finally:
        get_settings.cache_clear()
    assert answer.status_code == 400
    assert "BLIZZARD_CLIENT_ID" in answer.json()["error"]
