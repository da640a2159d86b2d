"""GET /api/v1/admin/raid-times/compare: officers compare 2 to 4 candidate schedules; members
are refused; a malformed candidate is a 422 naming its bad part."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from patt_app.api import create_api
from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER

URL = "/api/v1/admin/raid-times/compare"
EVENING = "tue,thu@21:00/America/New_York/180"
WEEKEND = "sat,sun@14:00/Europe/London/240"


@pytest.fixture
def client(tokens):
    with TestClient(create_api()) as api:
        yield api, tokens


def _get(client, who: str, *candidates: str):
    api, tokens = client
    headers = {"Authorization": f"Bearer {tokens[who]}"}
    return api.get(URL, params=[("candidate", c) for c in candidates], headers=headers)


def test_officers_get_eight_weeks_gains_losses_and_clock_changes(client):
    response = _get(client, DEMO_OFFICER, EVENING, WEEKEND)
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    data = body["data"]
    assert [c["candidate"] for c in data["candidates"]] == [EVENING, WEEKEND]
    for candidate in data["candidates"]:
        assert {"weeks", "gains", "losses", "dst"} <= set(candidate)
        assert len(candidate["weeks"]) == 8
        for week in candidate["weeks"]:
            assert {"week_start", "expected", "low", "high", "by_role", "needs"} <= set(week)
            assert week["low"] <= week["expected"] <= week["high"]
            assert set(week["by_role"]) == {"tank", "healer", "melee", "ranged"}
        assert all(isinstance(name, str) for name in candidate["gains"] + candidate["losses"])
        assert [d["name"] for d in candidate["loss_details"]] == candidate["losses"]
        assert all(isinstance(line, str) for line in candidate["dst"])
    evening, weekend = data["candidates"]
    # the demo guild raids on weekday evenings (US): a London weekend afternoon loses people
    assert len(weekend["losses"]) > len(evening["losses"])


def test_members_are_refused(client):
    response = _get(client, DEMO_MEMBER, EVENING, WEEKEND)
    assert response.status_code == 403
    assert response.json()["ok"] is False


def test_visitors_are_refused():
    with TestClient(create_api()) as api:
        assert api.get(URL, params={"candidate": [EVENING, WEEKEND]}).status_code == 401


@pytest.mark.parametrize(
    ("candidates", "named"),
    [
        ((EVENING, "tux@21:00/America/New_York/180"), "candidate 2: weekday 'tux'"),
        (("tue@25:61/America/New_York/180", EVENING), "candidate 1: time '25:61'"),
        ((EVENING, "tue@21:00/Middle/Earth/180"), "candidate 2: zone 'Middle/Earth'"),
        ((EVENING, WEEKEND, "tue@21:00/UTC/0"), "candidate 3: length '0'"),
        ((EVENING,), "compare 2 to 4 candidates, not 1"),
        ((EVENING,) * 5, "compare 2 to 4 candidates, not 5"),
        ((), "compare 2 to 4 candidates, not 0"),
    ],
)
def test_a_malformed_candidate_is_a_422_naming_the_bad_part(client, candidates, named):
    response = _get(client, DEMO_OFFICER, *candidates)
    assert response.status_code == 422
    body = response.json()
    assert body["ok"] is False
    assert named in body["error"]
