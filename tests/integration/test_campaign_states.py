"""The vote page and the officers' editor driven as the browser would: filling in a ballot,
submitting it, the live redraw, and the refusals a member sees."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.jobs.campaigns import campaign_lifecycle_job, contest_agent_job
from patt_app.jobs.registry import job_named
from patt_app.models import Campaign, ContestAgentLog, Vote
from patt_app.states.admin.campaign_editor import AdminCampaignEditorState
from patt_app.states.vote import VoteState
from tests.browser_session import give_session


@pytest.fixture
def guild(tokens: dict[str, str], committed: Engine) -> dict:
    with Session(committed) as session:
        campaign = session.exec(select(Campaign).where(Campaign.status == "live")).one()
        return {"tokens": tokens, "campaign": campaign.id}


def _vote_page(guild: dict, username: str | None) -> VoteState:
    page = VoteState()
    give_session(page, guild["tokens"].get(username, "") if username else "")
    page.campaign_id = guild["campaign"]
    asyncio.run(page._reload())
    return page


def test_a_member_fills_in_changes_and_submits_a_ballot(guild, committed, announced):
    page = _vote_page(guild, DEMO_MEMBER)
    assert page.page_state == "can_vote" and not page.has_standings
    ids = [e.id for e in page.entries]
    for entry_id in (ids[3], ids[0], ids[1], ids[2]):  # the fourth does not fit on the ballot
        page.pick(entry_id)
    assert page.picks == [ids[3], ids[0], ids[1]]
    page.pick(ids[0])  # tap again: off, the later pick moves up
    page.pick(ids[4])
    assert page.picks == [ids[3], ids[1], ids[4]]
    assert [e.pick for e in page.entries if e.pick] == ["2nd", "1st", "3rd"]
    result = asyncio.run(page.submit_ballot())
    assert "ballot is in" in repr(result)
    assert f"campaign:{guild['campaign']}" in announced()
    assert page.page_state == "voted" and page.has_standings and page.picks == []
    assert page.my_ballot[0].startswith("1st · ")
    with Session(committed) as session:
        votes = session.exec(select(Vote).where(Vote.campaign_id == guild["campaign"])).all()
        assert len(votes) == 8 * 3  # the demo's seven ballots and this one
    again = asyncio.run(page.submit_ballot())
    assert "Pick 3 entries first" in repr(again)


def test_an_incomplete_ballot_is_refused_and_a_visitor_is_asked_to_log_in(guild, committed):
    page = _vote_page(guild, DEMO_MEMBER)
    page.pick(page.entries[0].id)
    assert "Pick 3 entries first" in repr(asyncio.run(page.submit_ballot()))
    visitor = _vote_page(guild, None)
    assert visitor.page_state == "visitor" and visitor.entries  # public: entries shown
    visitor.pick(visitor.entries[0].id)
    assert visitor.picks == []
    assert "Please log in" in repr(asyncio.run(visitor.submit_ballot()))
    with Session(committed) as session:
        votes = session.exec(select(Vote).where(Vote.campaign_id == guild["campaign"])).all()
        assert len(votes) == 7 * 3


def test_open_pages_redraw_when_a_ballot_arrives(guild):
    officer = AdminCampaignEditorState()
    give_session(officer, guild["tokens"][DEMO_OFFICER])
    officer.campaign_id = guild["campaign"]
    asyncio.run(officer._on_live([f"campaign:{guild['campaign']}"]))
    assert officer.voted == 7 and officer.eligible >= 7
    officer._actor = asyncio.run(officer._viewer())
    asyncio.run(officer._reload())  # the settings form drawn from the campaign
    drawn = officer.form_version
    asyncio.run(officer._reload())  # the page loads again (a second visit): nothing changed
    officer._actor = None
    assert officer.form_version == drawn  # so the settings form is not drawn anew (or emptied)
    member = _vote_page(guild, DEMO_MEMBER)
    for entry in member.entries[:3]:
        member.pick(entry.id)
    asyncio.run(member.submit_ballot())
    officer.form = {**officer.form, "title": "Being edited"}
    asyncio.run(officer._on_live([f"campaign:{guild['campaign']}"]))
    assert officer.voted == 8
    assert officer.form["title"] == "Being edited"  # a redraw leaves the settings form alone
    assert sum(s.points for s in officer.standings) == 8 * 6


def test_the_jobs_advance_campaigns_and_the_agent_logs_its_post(guild, committed, announced):
    assert job_named("campaign_lifecycle").schedule == "every 60 seconds"
    assert job_named("contest_agent").schedule == "every 5 minutes"
    assert campaign_lifecycle_job(datetime.now(UTC)) == "no campaign changed"
    said = contest_agent_job(datetime.now(UTC))
    assert said.endswith("”: half have voted")  # 7 of 14 voted in the demo
    assert f"campaign:{guild['campaign']}" in announced()
    with Session(committed) as session:
        latest = session.exec(select(ContestAgentLog).order_by(ContestAgentLog.id.desc())).first()
        assert latest.event_type == "milestone_50" and latest.colour == "#D4A84B"
    assert contest_agent_job(datetime.now(UTC)) == "nothing to announce"
