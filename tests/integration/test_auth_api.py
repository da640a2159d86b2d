"""The JSON login: a bearer token that works on /api/v1 routes until logout."""

import asyncio
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from patt_app.api import auth as auth_api
from patt_app.api import create_api
from patt_app.demo.guild import DEMO_MEMBER, DEMO_PASSWORD
from patt_app.demo.seed import seed_demo_guild


@pytest.fixture
def client(committed):
    with Session(committed) as session:
        seed_demo_guild(session=session, now=datetime.now(UTC))
        session.commit()
    with TestClient(create_api()) as client:
        yield client


def _login(client, username=DEMO_MEMBER, password=DEMO_PASSWORD):
    return client.post(
        "/api/v1/auth/login", json={"discord_username": username, "password": password}
    )


def test_login_me_logout(client):
    response = _login(client, username="Demo_Member")
    assert response.status_code == 200
    token = response.json()["data"]["token"]
    auth = {"Authorization": f"Bearer {token}"}
    me = client.get("/api/v1/auth/me", headers=auth).json()["data"]
    assert (me["username"], me["display_name"], me["rank"], me["is_officer"]) == (
        DEMO_MEMBER,
        "Demo Member",
        "Member",
        False,
    )
    assert client.post("/api/v1/auth/logout", headers=auth).status_code == 200
    after = client.get("/api/v1/auth/me", headers=auth)
    assert after.status_code == 401
    assert after.json() == {"ok": False, "error": "Please log in first."}


def test_wrong_credentials_get_one_message(client):
    wrong_password = _login(client, password="nope-nope")
    unknown_user = _login(client, username="ghost")
    assert wrong_password.status_code == unknown_user.status_code == 401
    assert (
        wrong_password.json()
        == unknown_user.json()
        == {"ok": False, "error": "Wrong Discord username or password."}
    )


def test_too_many_failures_answer_429(client, monkeypatch):
    waits = []

    async def waited(seconds):  # the answer's delay, recorded instead of slept (70 s)
        waits.append(seconds)

    monkeypatch.setattr(
        auth_api, "asyncio", SimpleNamespace(to_thread=asyncio.to_thread, sleep=waited)
    )
    for _ in range(10):
        assert _login(client, password="guessing").status_code == 401
    # a name guessed at waits longer for each answer after the first few failures
    assert waits == [0.0, 0.0, 0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 20.0, 20.0]
    limited = _login(client)
    assert limited.status_code == 429
    assert "Too many failed logins" in limited.json()["error"]


def test_malformed_login_is_422_with_the_field_named(client):
    response = client.post("/api/v1/auth/login", json={"discord_username": "x"})
    assert response.status_code == 422
    assert "password" in response.json()["error"]


def test_a_bad_or_missing_token_is_401(client):
    assert client.get("/api/v1/auth/me").status_code == 401
    forged = client.get("/api/v1/auth/me", headers={"Authorization": "Bearer forged"})
    assert forged.status_code == 401
