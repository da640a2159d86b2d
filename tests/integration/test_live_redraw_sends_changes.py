"""A live redraw sends a tab only what changed: the public roster after a change that touched
no row of it, a member's raid list after an announcement that changed none of their raids, and
the vote page after someone else's ballot (the turnout, not the entries again)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.models import Campaign, Player
from patt_app.services.accounts.sessions import resolve_session
from patt_app.states.events import EventsState
from patt_app.states.roster import RosterState
from patt_app.states.vote import VoteState
from tests.browser_session import give_session


def _sent(state) -> dict:
    """What Reflex would send the tab now (its changed vars, this state's and its parents')."""
    delta = state.get_delta()
    state._clean()
    return {name: value for part in delta.values() for name, value in part.items()}


def _names(sent: dict) -> set[str]:
    return {name.rsplit("_rx_state_", 1)[0] for name in sent}


def test_the_roster_is_sent_again_only_when_a_row_changed(committed: Engine, tokens):
    roster = RosterState()
    asyncio.run(RosterState.load.fn(roster))
    _sent(roster)
    asyncio.run(roster._on_live(["roster"]))  # e.g. a Discord member sync that changed no row
    assert _names(_sent(roster)) == set()
    with Session(committed) as session:
        player = session.exec(select(Player).where(Player.is_active)).first()
        player.display_name = "Renamedhero"
        session.add(player)
        session.commit()
    asyncio.run(roster._on_live(["roster"]))
    assert "rows" in _names(_sent(roster))
    assert "Renamedhero" in [r.display_name for r in roster.rows]


def test_a_members_raid_list_is_sent_again_only_when_their_raids_changed(committed, tokens):
    token = tokens[DEMO_MEMBER]
    with Session(committed) as session:
        player_id = resolve_session(session=session, token=token, now=datetime.now(UTC)).player_id
    mine, other = EventsState(), EventsState()
    for tab in (mine, other):
        give_session(tab, token)
        asyncio.run(tab._reload(player_id))
        _sent(tab)
    asyncio.run(mine._on_live(["events"]))  # an officer changed something no raid of mine shows
    assert _names(_sent(mine)) == set()
    raid = next(e for e in other.upcoming if e.can_change and e.status == "signed up")
    asyncio.run(EventsState.withdraw.fn(other, raid.id))
    asyncio.run(mine._on_live([f"signups:{player_id}"]))
    assert _names(_sent(mine)) == {"upcoming"}
    assert next(e for e in mine.upcoming if e.id == raid.id).status == "not signed up"


def test_someone_elses_ballot_sends_the_turnout_not_the_entries_again(committed, tokens):
    with Session(committed) as session:
        campaign_id = session.exec(select(Campaign.id).where(Campaign.status == "live")).one()
    watching, voting = VoteState(), VoteState()
    for page, name in ((watching, DEMO_OFFICER), (voting, DEMO_MEMBER)):
        give_session(page, tokens[name])
        page.campaign_id = campaign_id
        asyncio.run(page._reload())
        _sent(page)
    asyncio.run(watching._on_live([f"campaign:{campaign_id}"]))
    assert _names(_sent(watching)) == set()
    voted_before = watching.voted
    for entry in voting.entries[:3]:
        voting.pick(entry.id)
    assert "ballot is in" in repr(asyncio.run(voting.submit_ballot()))
    asyncio.run(watching._on_live([f"campaign:{campaign_id}"]))
    sent = _names(_sent(watching))
    assert watching.voted == voted_before + 1 and "voted" in sent
    assert "entries" not in sent and "title" not in sent and "description" not in sent
