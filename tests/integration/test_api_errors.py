"""Every answer under /api is the JSON envelope, errors included: out-of-range weeks are a
clear 422, and an unexpected failure is a JSON 500, not a plain-text page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from patt_app.api import create_api
from patt_app.demo.guild import DEMO_OFFICER
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import User
from patt_app.services.accounts.sessions import start_session
from patt_app.services.scheduling import schedule_view


@pytest.fixture
def officer_client(committed):
    with Session(committed) as session:
        seed_demo_guild(session=session, now=datetime.now(UTC))
        officer = session.exec(select(User).where(User.discord_username == DEMO_OFFICER)).one()
        token = start_session(session=session, user_id=officer.id, now=datetime.now(UTC), hours=1)
        session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(create_api(), headers=headers, raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize("week", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize("route", ["heatmap", "windows"])
def test_weeks_out_of_range_are_a_clear_422(officer_client, route: str, week: str):
    client = officer_client
    answer = client.get(f"/api/v1/schedule/{route}?week_start={week}&tz=Europe/London")
    assert answer.status_code == 422
    assert answer.json()["ok"] is False and "week_start" in answer.json()["error"]


def test_an_unexpected_failure_is_a_json_500(officer_client, monkeypatch):
    client = officer_client

    def broken(*, session):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(schedule_view, "load_schedules", broken)
    answer = client.get("/api/v1/schedule/heatmap?week_start=2026-11-23&tz=Europe/London")
    assert answer.status_code == 500
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.json() == {
        "ok": False,
        "error": "Something went wrong on the server; it has been logged.",
    }


# Found by the fuzzer (test_api_fuzzing.py): ids past PostgreSQL's integer were a 500, and a
# body that is not UTF-8 was an undocumented 400.
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/events/99999999999/attendance",
        "/api/v1/attendance/season/2334170299.csv",
        "/api/v1/attendance/season/30070828934",
        "/api/v1/admin/sync/runs/2025795803230512",
        "/api/v1/events/0/attendance",
    ],
)
def test_ids_that_cannot_exist_are_a_clear_422(officer_client, path: str):
    answer = officer_client.get(path)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["ok"] is False and body["error"].startswith(("event_id", "season_id", "run_id"))


def test_a_body_that_is_not_utf8_is_a_clear_422(officer_client):
    answer = officer_client.post(
        "/api/v1/auth/login",
        content=b"\xda\x82T\xffR?5",
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 422
    assert answer.json() == {"ok": False, "error": "body: not valid JSON"}
