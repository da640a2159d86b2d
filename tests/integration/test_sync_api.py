"""Officers start a Battle.net sync over the API and follow it to the end; one at a time."""

import time
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from patt_app.api import create_api
from patt_app.demo.guild import DEMO_OFFICER
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import User
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


@pytest.fixture
def officer_headers(committed):
    with Session(committed) as session:
        seed_demo_guild(session=session, now=datetime.now(UTC))
        user = session.exec(select(User).where(User.discord_username == DEMO_OFFICER)).one()
        token = start_session(session=session, user_id=user.id, now=datetime.now(UTC), hours=1)
        session.commit()
    return {"Authorization": f"Bearer {token}"}


def test_an_officer_starts_a_sync_watches_it_and_cannot_start_a_second_meanwhile(
    fake, officer_headers
):
    with TestClient(create_api()) as client:
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
