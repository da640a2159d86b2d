"""The campaign API as a client sees it: creating, opening, voting, standings, closing, and
every refusal with its status code; one ballot per player even when two arrive at once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from patt_app.api import create_api
from patt_app.db import call_in_session
from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER, DEMO_PASSWORD
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import CampaignResult, Vote
from patt_app.services.accounts.sessions import resolve_session
from patt_app.services.campaigns.officer_changes import close_now
from patt_app.services.campaigns.voting import cast_ballot
from patt_app.services.errors import Conflict
from tests.integration.racing import run_together, second_waits_for_first


@pytest.fixture
def api(committed) -> Iterator[TestClient]:
    with Session(committed) as session:
        seed_demo_guild(session=session, now=datetime.now(UTC))
        session.commit()
    with TestClient(create_api()) as client:
        yield client


def _token(api: TestClient, username: str) -> str:
    answer = api.post(
        "/api/v1/auth/login", json={"discord_username": username, "password": DEMO_PASSWORD}
    )
    return answer.json()["data"]["token"]


def _as(api: TestClient, username: str) -> dict:
    return {"Authorization": f"Bearer {_token(api, username)}"}


def _new_campaign(api: TestClient, officer: dict, **overrides) -> int:
    body = {
        "title": "Raid team name",
        "description": "What should the Tuesday team be called?",
        "picks_per_voter": 3,
        "min_rank_to_vote": 2,
        "min_rank_to_view": None,
        "start_at": (datetime.now(UTC) + timedelta(days=1)).isoformat(),
        "duration_hours": 48,
        "early_close": False,
        "entries": [
            {"name": name, "description": "", "image_url": ""}
            for name in ("Wipe Club", "Pull Party", "Loot Goblins", "Tuesday Tanks")
        ],
        **overrides,
    }
    answer = api.post("/api/v1/admin/campaigns", json=body, headers=officer)
    assert answer.status_code == 201, answer.text
    assert answer.json()["ok"] is True
    return answer.json()["data"]["id"]


def _entry_ids(api: TestClient, campaign_id: int, headers: dict) -> list[int]:
    detail = api.get(f"/api/v1/campaigns/{campaign_id}", headers=headers).json()["data"]
    return [e["id"] for e in detail["entries"]]


def test_create_open_vote_see_standings_close_and_read_results(api):
    officer, member = _as(api, DEMO_OFFICER), _as(api, DEMO_MEMBER)
    cid = _new_campaign(api, officer)
    draft = api.get(f"/api/v1/campaigns/{cid}", headers=officer).json()["data"]
    assert draft["status"] == "draft" and draft["can_vote"] is False
    assert api.get(f"/api/v1/campaigns/{cid}").status_code == 404  # drafts: officers only
    assert api.post(f"/api/v1/admin/campaigns/{cid}/activate", headers=officer).json() == {
        "ok": True,
        "data": {"id": cid, "status": "live"},
    }
    before = api.get(f"/api/v1/campaigns/{cid}", headers=member).json()["data"]
    assert before["can_vote"] is True and before["my_ballot"] is None
    assert before["standings"] is None  # live standings only once you voted
    assert before["entries"][0]["name"] == "Wipe Club"
    assert set(before) >= {"title", "status", "picks_per_voter", "start_at", "end_at"}
    ids = [e["id"] for e in before["entries"]]
    picks = [ids[2], ids[0], ids[3]]
    cast = api.post(f"/api/v1/campaigns/{cid}/ballot", json={"entry_ids": picks}, headers=member)
    assert cast.status_code == 201, cast.text
    after = api.get(f"/api/v1/campaigns/{cid}", headers=member).json()["data"]
    assert after["my_ballot"] == picks and after["can_vote"] is False
    assert [(s["name"], s["points"]) for s in after["standings"][:3]] == [
        ("Loot Goblins", 3),
        ("Wipe Club", 2),
        ("Tuesday Tanks", 1),
    ]
    live = api.get(f"/api/v1/campaigns/{cid}/results", headers=member).json()["data"]
    assert live[0] == {
        "entry_id": ids[2],
        "name": "Loot Goblins",
        "points": 3,
        "first_place_votes": 1,
        "position": 1,
    }
    closed = api.post(f"/api/v1/admin/campaigns/{cid}/close", headers=officer)
    assert closed.json()["data"]["status"] == "closed"
    public = api.get(f"/api/v1/campaigns/{cid}/results")  # a visitor, the campaign is public
    assert public.status_code == 200
    assert [r["position"] for r in public.json()["data"]] == [1, 2, 3, 4]
    assert public.json()["data"][0]["name"] == "Loot Goblins"
    listed = {c["id"]: c for c in api.get("/api/v1/campaigns").json()["data"]}
    assert listed[cid]["status"] == "closed" and listed[cid]["winner"] == "Loot Goblins"


def test_ballot_refusals_have_their_status_codes(api):
    officer, member = _as(api, DEMO_OFFICER), _as(api, DEMO_MEMBER)
    cid = _new_campaign(api, officer)
    ids = _entry_ids(api, cid, officer)
    url = f"/api/v1/campaigns/{cid}/ballot"
    not_live = api.post(url, json={"entry_ids": ids[:3]}, headers=member)
    assert (not_live.status_code, not_live.json()["ok"]) == (404, False)  # a draft: hidden
    api.post(f"/api/v1/admin/campaigns/{cid}/activate", headers=officer)
    assert api.post(url, json={"entry_ids": ids[:3]}).status_code == 401
    assert api.post(url, json={"entry_ids": ids[:2]}, headers=member).status_code == 422
    repeated = api.post(url, json={"entry_ids": [ids[0], ids[0], ids[1]]}, headers=member)
    assert repeated.status_code == 422 and "only once" in repeated.json()["error"]
    other = _new_campaign(api, officer, title="Other vote")
    foreign = _entry_ids(api, other, officer)[0]
    wrong = api.post(url, json={"entry_ids": [ids[0], ids[1], foreign]}, headers=member)
    assert wrong.status_code == 404  # as for an unknown campaign: nothing to learn
    assert api.post(url, json={"entry_ids": "1,2,3"}, headers=member).status_code == 422
    assert api.post(url, json={"entry_ids": ids[:3]}, headers=member).status_code == 201
    again = api.post(url, json={"entry_ids": ids[1:4]}, headers=member)
    assert again.status_code == 409 and "already voted" in again.json()["error"]
    assert (
        api.post(
            "/api/v1/campaigns/999999/ballot", json={"entry_ids": ids[:3]}, headers=member
        ).status_code
        == 404
    )


def test_rank_too_low_gets_403_and_restricted_campaigns_stay_hidden(api):
    officer, member = _as(api, DEMO_OFFICER), _as(api, DEMO_MEMBER)
    public = _new_campaign(api, officer, min_rank_to_vote=3)
    api.post(f"/api/v1/admin/campaigns/{public}/activate", headers=officer)
    ids = _entry_ids(api, public, officer)
    low = api.post(
        f"/api/v1/campaigns/{public}/ballot", json={"entry_ids": ids[:3]}, headers=member
    )
    assert low.status_code == 403 and "Veteran" in low.json()["error"]
    cid = _new_campaign(api, officer, min_rank_to_vote=3, min_rank_to_view=3)
    api.post(f"/api/v1/admin/campaigns/{cid}/activate", headers=officer)
    assert api.get(f"/api/v1/campaigns/{cid}").status_code == 401
    assert api.get(f"/api/v1/campaigns/{cid}", headers=member).status_code == 403
    assert api.get(f"/api/v1/campaigns/{cid}/results", headers=member).status_code == 403
    assert cid not in [c["id"] for c in api.get("/api/v1/campaigns", headers=member).json()["data"]]
    assert cid in [c["id"] for c in api.get("/api/v1/campaigns", headers=officer).json()["data"]]


def test_officer_routes_refuse_members_and_bad_bodies(api):
    officer, member = _as(api, DEMO_OFFICER), _as(api, DEMO_MEMBER)
    body = {"title": "x", "start_at": datetime.now(UTC).isoformat(), "entries": []}
    assert api.post("/api/v1/admin/campaigns", json=body, headers=member).status_code == 403
    assert api.post("/api/v1/admin/campaigns", json=body).status_code == 401
    naive = {**body, "start_at": "2026-12-24T20:00:00"}
    assert api.post("/api/v1/admin/campaigns", json=naive, headers=officer).status_code == 422
    bad_image = {**body, "entries": [{"name": "A", "image_url": "javascript:alert(1)"}]}
    answer = api.post("/api/v1/admin/campaigns", json=bad_image, headers=officer)
    assert answer.status_code == 422 and "http" in answer.json()["error"]
    cid = _new_campaign(api, officer, entries=[{"name": "Only one"}])
    short = api.post(f"/api/v1/admin/campaigns/{cid}/activate", headers=officer)
    assert short.status_code == 422 and "at least 3 entries" in short.json()["error"]
    assert api.post(f"/api/v1/admin/campaigns/{cid}/close", headers=officer).status_code == 409


def test_two_ballots_at_once_from_one_player_keep_one(api, committed):
    officer = _as(api, DEMO_OFFICER)
    token = _token(api, DEMO_MEMBER)
    cid = _new_campaign(api, officer)
    api.post(f"/api/v1/admin/campaigns/{cid}/activate", headers=officer)
    ids = _entry_ids(api, cid, officer)
    viewer = call_in_session(resolve_session, token=token, now=datetime.now(UTC))

    def vote(picks):
        def call():
            try:
                return call_in_session(
                    cast_ballot,
                    campaign_id=cid,
                    viewer=viewer,
                    entry_ids=picks,
                    now=datetime.now(UTC),
                )
            except Conflict as refused:
                return refused

        return call

    outcomes = run_together(vote(ids[:3]), vote(ids[1:4]))
    assert sorted(type(o).__name__ for o in outcomes) == ["Conflict", "list"]
    with Session(committed) as session:
        votes = session.exec(select(Vote).where(Vote.campaign_id == cid)).all()
        assert len(votes) == 3 and {v.player_id for v in votes} == {viewer.player_id}
        results = select(CampaignResult).where(CampaignResult.campaign_id == cid)
        assert session.exec(results).all() == []  # still live: nothing final yet


def _live_campaign(api: TestClient) -> tuple[int, list[int], object]:
    """A live campaign, its entries and the demo member as a viewer."""
    officer = _as(api, DEMO_OFFICER)
    token = _token(api, DEMO_MEMBER)
    cid = _new_campaign(api, officer)
    api.post(f"/api/v1/admin/campaigns/{cid}/activate", headers=officer)
    viewer = call_in_session(resolve_session, token=token, now=datetime.now(UTC))
    return cid, _entry_ids(api, cid, officer), viewer


def _ballot(cid: int, viewer, picks: list[int]) -> dict:
    return dict(campaign_id=cid, viewer=viewer, entry_ids=picks, now=datetime.now(UTC))


def test_a_second_ballot_waits_for_the_first_and_is_refused_not_deadlocked(api, committed):
    """Two ballots' inserts used to interleave row by row: each waited on the other's rows,
    one in the entry index and one in the rank index, and PostgreSQL ended one as a deadlock
    (a 500 to the voter, CI once). Now the second waits for the first before it looks."""
    cid, ids, viewer = _live_campaign(api)
    refused = second_waits_for_first(
        committed,
        lambda session: cast_ballot(session=session, **_ballot(cid, viewer, ids[:3])),
        lambda: call_in_session(cast_ballot, **_ballot(cid, viewer, ids[1:4])),
        kind="advisory",
    )
    assert isinstance(refused, Conflict) and "already voted" in str(refused)
    with Session(committed) as session:
        votes = session.exec(select(Vote).where(Vote.campaign_id == cid).order_by(Vote.rank)).all()
    assert [v.entry_id for v in votes] == ids[:3]


def _final_first_places(engine: Engine, cid: int) -> dict[int, int]:
    with Session(engine) as session:
        rows = session.exec(select(CampaignResult).where(CampaignResult.campaign_id == cid)).all()
    return {r.entry_id: r.first_place_count for r in rows}


def test_closing_while_a_ballot_is_stored_counts_it(api, committed):
    """A ballot in flight when "Close now" is pressed: the close waits for it and its results
    count it (before, the voter was told it counted and the results left it out)."""
    cid, ids, viewer = _live_campaign(api)
    closed = second_waits_for_first(
        committed,
        lambda session: cast_ballot(session=session, **_ballot(cid, viewer, ids[:3])),
        lambda: call_in_session(close_now, campaign_id=cid, now=datetime.now(UTC)),
    )
    assert closed.status == "closed"
    assert _final_first_places(committed, cid)[ids[0]] == 1


def test_a_ballot_sent_while_the_vote_closes_is_refused_not_lost(api, committed):
    cid, ids, viewer = _live_campaign(api)
    refused = second_waits_for_first(
        committed,
        lambda session: close_now(session=session, campaign_id=cid, now=datetime.now(UTC)),
        lambda: call_in_session(cast_ballot, **_ballot(cid, viewer, ids[:3])),
    )
    assert isinstance(refused, Conflict) and "not open" in str(refused)
    assert sum(_final_first_places(committed, cid).values()) == 0
    with Session(committed) as session:
        assert session.exec(select(Vote).where(Vote.campaign_id == cid)).all() == []
