"""The health check and the guild's public JSON (api/health.py, api/guild.py): the database's
state, the roster and the ranks, and a JSON 404 for an unknown path."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from patt_app.api import create_api, dependencies
from patt_app.demo.seed import seed_demo_guild


@pytest.fixture
def client(seeded, engine) -> Iterator[TestClient]:
    api = create_api()
    api.dependency_overrides[dependencies.db_session] = lambda: seeded
    api.dependency_overrides[dependencies.engine] = lambda: engine
    with TestClient(api) as client:
        yield client


def test_health_reports_a_connected_database(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True and body["data"]["db"] == "connected"
    assert body["data"]["version"]


def test_health_is_503_when_the_database_is_down(client):
    dead = create_engine(
        "postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 2}
    )
    client.app.dependency_overrides[dependencies.engine] = lambda: dead
    response = client.get("/api/health")
    assert response.status_code == 503
    assert response.json() == {"ok": False, "error": "database unreachable"}


def test_roster_api_lists_raiders_with_their_details(client, seeded):
    seed_demo_guild(session=seeded, now=datetime.now(UTC))
    body = client.get("/api/v1/guild/roster").json()
    assert body["ok"] is True
    rows = body["data"]
    assert len(rows) >= 35
    zat = next(r for r in rows if r["character_name"] == "Zatañña")
    assert set(zat) >= {
        "display_name",
        "class_name",
        "class_colour",
        "spec_name",
        "role_name",
        "item_level",
        "rank_name",
        "armory_url",
    }
    assert zat["armory_url"].endswith("/senjin/zata%C3%B1%C3%B1a")
    assert rows[0]["rank_name"] == "Guild Leader"


def test_ranks_api_lists_the_five_ranks(client):
    body = client.get("/api/v1/guild/ranks").json()
    assert [(r["level"], r["name"], r["scheduling_weight"]) for r in body["data"]] == [
        (1, "Initiate", 0),
        (2, "Member", 1),
        (3, "Veteran", 3),
        (4, "Officer", 5),
        (5, "Guild Leader", 5),
    ]


def test_unknown_api_paths_answer_json_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["ok"] is False
    assert "/api/v1/nothing-here" in response.json()["error"]
