"""Each screen's reload reads its one snapshot and shows it: the member's events and profile,
and the officers' events, checklist, attendance report and reference tables."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from reflex.istate.data import SessionData
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.live.hub import tab_origin
from patt_app.live.topics import signups_topic
from patt_app.models import RaidEvent
from patt_app.services.accounts.sessions import Viewer, resolve_session
from patt_app.states.admin.attendance import AdminAttendanceReportState, AdminRaidAttendanceState
from patt_app.states.admin.campaigns import AdminCampaignsState
from patt_app.states.admin.events import BLANK_EVENT, AdminEventsState
from patt_app.states.admin.reference_tables import AdminReferenceTablesState
from patt_app.states.events import EventsState
from patt_app.states.profile import ProfileState
from tests.browser_session import give_session


@pytest.fixture
def people(tokens, committed) -> dict[str, Viewer]:
    with Session(committed) as session:
        now = datetime.now(UTC)
        return {
            name: resolve_session(session=session, token=t, now=now) for name, t in tokens.items()
        }


def _officer_state(cls, officer: Viewer):
    state = cls()
    state._actor = officer
    return state


def test_member_events_and_profile_reload(people):
    member = people[DEMO_MEMBER]
    events = EventsState()
    asyncio.run(events._reload(member.player_id))
    assert events.loaded and events.upcoming and events.past
    assert events.record is not None and events.record.season.startswith("Season 2")
    assert events.calendar_link == "" and not events.has_calendar_link  # made on request
    assert all("UTC" in e.utc for e in events.upcoming)
    profile = ProfileState()
    asyncio.run(profile._reload(member.player_id, member.user_id))
    assert profile.display_name == "Demo Member" and profile.specs and profile.sessions


def test_officer_screens_reload(people, committed):
    officer = people[DEMO_OFFICER]
    admin_events = _officer_state(AdminEventsState, officer)
    asyncio.run(admin_events._reload())
    assert admin_events.officer_zone and admin_events.seasons and admin_events.events
    first = admin_events.events[0]
    asyncio.run(AdminEventsState.edit.fn.__wrapped__(admin_events, first.id))
    assert admin_events.editing_id == first.id and admin_events.form["title"] == first.title

    with Session(committed) as session:
        event = session.exec(select(RaidEvent).order_by(RaidEvent.start_time_utc)).first()
    checklist = _officer_state(AdminRaidAttendanceState, officer)
    checklist.event_id = event.id
    asyncio.run(checklist._reload())
    assert checklist.title == event.title  # the time beside it is shown in the viewer's zone
    assert datetime.fromisoformat(checklist.start_iso) == event.start_time_utc
    assert checklist.rows

    report = _officer_state(AdminAttendanceReportState, officer)
    asyncio.run(report._reload())
    assert report.season_id and report.rows and report.weekdays and report.chart
    assert [s[0] for s in report.seasons].count(report.season_id) == 1

    tables = _officer_state(AdminReferenceTablesState, officer)
    asyncio.run(tables._reload())
    assert len(tables.ranks) == 5 and tables.roles and tables.seasons and tables.classes


def test_a_withdrawal_shows_in_the_members_other_tab_which_re_reads_only_upcoming_raids(
    tokens, committed, announced
):
    token = tokens[DEMO_MEMBER]
    with Session(committed) as session:
        player_id = resolve_session(session=session, token=token, now=datetime.now(UTC)).player_id
    acting, other = EventsState(), EventsState()
    for tab, client in ((acting, "tab-acting"), (other, "tab-other")):
        give_session(tab, token)
        tab.rx_router_session = SessionData(client_token=client)
        asyncio.run(tab._reload(player_id))
    raid = next(e for e in acting.upcoming if e.can_change and e.status == "signed up")
    asyncio.run(EventsState.withdraw.fn(acting, raid.id))
    assert next(e for e in acting.upcoming if e.id == raid.id).status == "not signed up"
    # announced as the acting tab's own change: the hub redraws the other tab, not this one
    origin = tab_origin("tab-acting", EventsState)
    assert f"{signups_topic(player_id)}@{origin}" in announced()
    other.past = []  # what a withdrawal cannot change is not read again
    asyncio.run(other._on_live([signups_topic(player_id)]))
    assert next(e for e in other.upcoming if e.id == raid.id).status == "not signed up"
    assert other.past == []
    asyncio.run(other._on_live(["events"]))  # an officer changed raids: everything is re-read
    assert other.past


def test_an_answer_redraws_its_raid_in_the_tab_and_a_tab_without_it_reads_the_list(
    tokens, committed
):
    """The answer's own raid is read back (it changes no other row of the list); a tab that
    did not list that raid yet reads the whole list."""
    token = tokens[DEMO_MEMBER]
    with Session(committed) as session:
        player_id = resolve_session(session=session, token=token, now=datetime.now(UTC)).player_id
    tab, fresh = EventsState(), EventsState()
    for page in (tab, fresh):
        give_session(page, token)
        asyncio.run(page._reload(player_id))
    raid = next(e for e in tab.upcoming if e.can_change and e.status == "signed up")
    others = [e for e in tab.upcoming if e.id != raid.id]

    def as_read_afresh() -> list:
        reread = EventsState()
        give_session(reread, token)
        asyncio.run(reread._reload(player_id))
        return reread.upcoming

    asyncio.run(EventsState.tentative.fn(tab, raid.id))
    assert next(e for e in tab.upcoming if e.id == raid.id).status == "tentative"
    assert [e for e in tab.upcoming if e.id != raid.id] == others
    assert tab.upcoming == as_read_afresh()
    fresh.upcoming = [e for e in fresh.upcoming if e.id != raid.id]  # loaded before the raid was
    asyncio.run(EventsState.sign_up.fn(fresh, raid.id))
    assert fresh.upcoming == as_read_afresh() and len(fresh.upcoming) == len(others) + 1
    assert next(e for e in fresh.upcoming if e.id == raid.id).status != "tentative"


def test_a_reload_never_wipes_a_form_the_officer_is_typing_in(people):
    """A form is drawn anew (its fields emptied) only when what it should show changed: an
    officer who starts typing before the page has loaded, or on a second visit, keeps it."""
    officer = people[DEMO_OFFICER]
    events = _officer_state(AdminEventsState, officer)
    asyncio.run(AdminEventsState.load.fn.__wrapped__(events))
    assert (events.form, events.form_version) == (BLANK_EVENT, 0)  # as first drawn
    asyncio.run(AdminEventsState.edit.fn.__wrapped__(events, events.events[0].id))
    editing = events.form_version
    asyncio.run(AdminEventsState.load.fn.__wrapped__(events))  # back from editing: a new form
    assert (events.editing_id, events.form, events.form_version) == (0, BLANK_EVENT, editing + 1)

    campaigns = _officer_state(AdminCampaignsState, officer)
    asyncio.run(AdminCampaignsState.load.fn.__wrapped__(campaigns))
    assert campaigns.form_version == 1 and campaigns.form["title"] == ""
    asyncio.run(AdminCampaignsState.load.fn.__wrapped__(campaigns))  # a second visit
    assert campaigns.form_version == 1
