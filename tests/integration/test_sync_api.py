"""Officers start a Battle.net sync over the API and follow it to the end; one at a time.
The sync is carried out by the background runner (a real one, in a thread of this process)."""

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from patt_app.api import create_api
from patt_app.demo.guild import DEMO_OFFICER
from patt_app.demo.seed import seed_demo_guild
from patt_app.jobs.blizzard_sync import JOB_NAME
from patt_app.jobs.registry import job_named
from patt_app.jobs.runner import Runner
from patt_app.models import JobRun, SyncLog, User
from patt_app.services.accounts.sessions import start_session
from patt_app.services.sync import sync_runs
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
        loop.run_until_complete(loop.shutdown_default_executor())  # a job's thread, too

    thread = threading.Thread(target=lead, daemon=True)
    thread.start()
    try:
        yield runner
    finally:
        deadline = time.monotonic() + 30  # let a job finish its tail (identity checks) first
        while runner.busy and time.monotonic() < deadline:
            time.sleep(0.1)
        loop.call_soon_threadsafe(task.cancel)
        thread.join(timeout=60)
        # A runner left leading would hold the election lock for the next test in this process.
        assert not thread.is_alive(), "the runner did not stop when cancelled"
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
            run = session.exec(
                select(JobRun).where(JobRun.job_name == JOB_NAME).order_by(JobRun.id.desc())
            ).first()
        if run is not None and run.finished_at is not None:
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
        assert again.json()["run_id"] == run_id and f"run {run_id}" in again.json()["error"]
        seen = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            data = client.get(f"/api/v1/admin/sync/runs/{run_id}", headers=officer_headers).json()
            seen.append(data["data"]["status"])
            if data["data"]["status"] not in ("queued", "running"):
                break
            time.sleep(0.2)
        job_run = _finished_job_run(committed)
    assert job_run.status == "success" and job_run.trigger == "manual", job_run
    run = data["data"]
    assert {"queued", "running"} & set(seen) and run["status"] == "success", run
    assert run["added"] == 120 and run["done"] == run["total"] == 120
    # the demo guild's own characters are not on this fake roster: they left the guild
    assert run["removed"] > 0 and run["not_found"] == 0
    # the roster and every profile were asked for (a retry after a hiccup may add a few)
    assert run["requests"] >= 121 and fake.profile_requests >= 120
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
    # the worker that was asked has shut down (any task of its own went with it): the run
    # still waits, untouched, for the runner
    with TestClient(create_api()) as client:
        waiting = client.get(f"/api/v1/admin/sync/runs/{run_id}", headers=officer_headers)
        assert waiting.json()["data"]["status"] == "queued"
        assert waiting.json()["data"]["requests"] == 0
        assert fake.api_requests == fake.token_requests == 0
        with Session(committed) as session:
            queued = session.exec(select(JobRun).where(JobRun.job_name == JOB_NAME)).all()
        assert [(r.status, r.trigger, r.requested_by) for r in queued] == [
            ("requested", "manual", "Demo Officer")
        ]
        with background_runner() as runner:
            done = _follow(client, officer_headers, run_id, 40)
            job_run = _finished_job_run(committed)
    assert done["status"] == "success" and done["added"] == 120, done
    assert (job_run.status, job_run.runner) == ("success", runner.identity)


def test_a_sync_whose_process_stopped_is_recognised_within_seconds(
    fake, officer_headers, committed
):
    """A sync row whose heartbeat stopped (its process was killed) blocks nothing for long:
    the runner's sweep marks it abandoned, and the next "Sync now" runs."""
    silent_since = datetime.now(UTC) - sync_runs.ABANDONED_AFTER - timedelta(seconds=1)
    with Session(committed) as session:
        dead = SyncLog(
            source=sync_runs.SOURCE,
            status="running",
            started_at=silent_since,
            progress_at=silent_since,
        )
        session.add(dead)
        session.commit()
        dead_id = dead.id
    with TestClient(create_api()) as client, background_runner():
        gone = _follow(client, officer_headers, dead_id, 10)
        assert gone["status"] == "failed" and "abandoned" in gone["error"], gone
        started = client.post("/api/v1/admin/sync/blizzard", headers=officer_headers)
        assert started.status_code == 202, started.text
        done = _follow(client, officer_headers, started.json()["data"]["run_id"], 40)
    assert done["status"] == "success", done


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


def _follow(client, headers, run_id: int, timeout: float = 60.0) -> dict:
    """The run's answers until it is no longer queued or running."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        data = client.get(f"/api/v1/admin/sync/runs/{run_id}", headers=headers).json()["data"]
        if data["status"] not in ("queued", "running"):
            return data
        time.sleep(0.1)
    raise AssertionError(f"sync run {run_id} did not finish in {timeout} s: {data}")


def test_sync_now_pressed_again_as_soon_as_the_first_finished_runs_too(
    fake, officer_headers, committed
):
    with TestClient(create_api()) as client, background_runner():
        finished = []
        for _ in range(2):
            started = client.post("/api/v1/admin/sync/blizzard", headers=officer_headers)
            assert started.status_code == 202, started.text
            finished.append(_follow(client, officer_headers, started.json()["data"]["run_id"], 40))
    assert [run["status"] for run in finished] == ["success", "success"], finished
    assert finished[1]["done"] == finished[1]["total"]
