"""Security review (issue 24), campaigns: a ballot needs the view rank too and tells nothing
about campaigns one may not see; an officer can't set a view rank above the vote rank; drafts
are for officers only, on the API and on the vote page; entry pictures are https links."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from patt_app.api import create_api
from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.models import Campaign
from patt_app.services.errors import NotFound
from patt_app.states.vote import VoteState
from tests.browser_session import give_session

UNKNOWN = 999_999


@pytest.fixture
def api(tokens: dict[str, str]) -> Iterator[TestClient]:
    with TestClient(create_api()) as client:
        yield client


def _as(tokens: dict[str, str], username: str) -> dict:
    return {"Authorization": f"Bearer {tokens[username]}"}


def _body(**overrides) -> dict:
    return {
        "title": "Secret raid team name",
        "description": "Not for everyone's eyes yet",
        "picks_per_voter": 1,
        "min_rank_to_vote": 2,
        "min_rank_to_view": None,
        "start_at": (datetime.now(UTC) + timedelta(days=3)).isoformat(),
        "duration_hours": 48,
        "early_close": False,
        "entries": [{"name": n} for n in ("Wipe Club", "Pull Party", "Loot Goblins")],
        **overrides,
    }


def _campaign(api: TestClient, tokens: dict, *, live: bool, **overrides) -> int:
    officer = _as(tokens, DEMO_OFFICER)
    made = api.post("/api/v1/admin/campaigns", json=_body(**overrides), headers=officer)
    assert made.status_code == 201, made.text
    cid = made.json()["data"]["id"]
    if live:
        assert api.post(f"/api/v1/admin/campaigns/{cid}/activate", headers=officer).is_success
    return cid


def _entries(api: TestClient, tokens: dict, cid: int) -> list[int]:
    page = api.get(f"/api/v1/campaigns/{cid}", headers=_as(tokens, DEMO_OFFICER))
    return [e["id"] for e in page.json()["data"]["entries"]]


def _answer(response) -> tuple[int, dict]:
    return response.status_code, response.json()


def test_a_ballot_in_a_campaign_the_member_may_not_see_is_answered_as_an_unknown_one(
    api, tokens, committed: Engine
):
    cid = _campaign(api, tokens, live=True)
    with Session(committed) as session:  # an older row: view Veteran, vote Initiate
        campaign = session.get(Campaign, cid)
        campaign.min_rank_to_view, campaign.min_rank_to_vote = 3, 1
        session.add(campaign)
        session.commit()
    member = _as(tokens, DEMO_MEMBER)
    picks = {"entry_ids": _entries(api, tokens, cid)[:1]}
    hidden = api.post(f"/api/v1/campaigns/{cid}/ballot", json=picks, headers=member)
    unknown = api.post(f"/api/v1/campaigns/{UNKNOWN}/ballot", json=picks, headers=member)
    assert _answer(hidden) == _answer(unknown)
    assert hidden.status_code == 404
    assert api.get(f"/api/v1/campaigns/{cid}/results", headers=member).status_code == 403


def test_a_ballot_naming_another_campaigns_entries_is_answered_as_an_unknown_campaign(api, tokens):
    cid = _campaign(api, tokens, live=True)
    other = _campaign(api, tokens, live=True, title="Another vote")
    member = _as(tokens, DEMO_MEMBER)
    foreign = {"entry_ids": _entries(api, tokens, other)[:1]}
    wrong = api.post(f"/api/v1/campaigns/{cid}/ballot", json=foreign, headers=member)
    unknown = api.post(f"/api/v1/campaigns/{UNKNOWN}/ballot", json=foreign, headers=member)
    assert _answer(wrong) == _answer(unknown)
    assert wrong.status_code == 404
    mine = {"entry_ids": _entries(api, tokens, cid)[:1]}  # nothing was stored: still can vote
    assert api.post(f"/api/v1/campaigns/{cid}/ballot", json=mine, headers=member).status_code == 201


def _count(committed: Engine) -> int:
    with Session(committed) as session:
        return session.exec(select(func.count()).select_from(Campaign)).one()


def test_an_officer_cannot_set_a_view_rank_above_the_vote_rank(api, tokens, committed):
    officer = _as(tokens, DEMO_OFFICER)
    before = _count(committed)
    body = _body(min_rank_to_view=3, min_rank_to_vote=1)
    refused = api.post("/api/v1/admin/campaigns", json=body, headers=officer)
    assert refused.status_code == 422
    assert "rank to view can't be above the rank to vote" in refused.json()["error"]
    assert _count(committed) == before
    ok = api.post("/api/v1/admin/campaigns", json=_body(min_rank_to_view=2), headers=officer)
    assert ok.status_code == 201 and _count(committed) == before + 1


def test_drafts_are_not_found_for_anyone_but_officers(api, tokens):
    cid = _campaign(api, tokens, live=False)
    member = _as(tokens, DEMO_MEMBER)
    for headers in ({}, member):
        for suffix in ("", "/results"):
            draft = api.get(f"/api/v1/campaigns/{cid}{suffix}", headers=headers)
            unknown = api.get(f"/api/v1/campaigns/{UNKNOWN}{suffix}", headers=headers)
            assert _answer(draft) == _answer(unknown)
            assert draft.status_code == 404 and "Secret" not in draft.text
    officer = api.get(f"/api/v1/campaigns/{cid}", headers=_as(tokens, DEMO_OFFICER))
    assert officer.status_code == 200 and officer.json()["data"]["title"].startswith("Secret")


def _vote_page(token: str, cid: int) -> VoteState:
    page = VoteState()
    give_session(page, token)
    page.campaign_id = cid
    return page


def test_the_vote_page_shows_a_draft_to_officers_only(api, tokens):
    cid = _campaign(api, tokens, live=False)
    for token in ("", tokens[DEMO_MEMBER]):
        with pytest.raises(NotFound, match="does not exist"):
            asyncio.run(_vote_page(token, cid)._reload())
    officer = _vote_page(tokens[DEMO_OFFICER], cid)
    asyncio.run(officer._reload())
    assert officer.title.startswith("Secret") and officer.page_state == "not_live"


def test_an_entry_picture_link_must_be_https(api, tokens, committed):
    officer = _as(tokens, DEMO_OFFICER)
    before = _count(committed)
    entries = [{"name": "A", "image_url": "http://example.org/a.png"}, {"name": "B"}]
    plain = api.post("/api/v1/admin/campaigns", json=_body(entries=entries), headers=officer)
    assert plain.status_code == 422 and "https://" in plain.json()["error"]
    assert _count(committed) == before
    entries[0]["image_url"] = "https://example.org/a.png"
    assert api.post(
        "/api/v1/admin/campaigns", json=_body(entries=entries), headers=officer
    ).is_success
