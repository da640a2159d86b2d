"""A member's /events page in the browser: "Can't make it" saves the excuse (desktop and phone),
and raid times show in UTC on a phone without hovering."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER
from patt_app.models import Player, RaidAttendance, RaidEvent
from tests.e2e.watched_pages import (  # noqa: F401 (fixture)
    _context_page,
    _database,
    _watched,
    demo_member_attendance_restored,
)


@pytest.mark.parametrize("width", [1300, 390])
@pytest.mark.usefixtures("demo_member_attendance_restored")
def test_cant_make_it_saves_the_excuse(browser: Browser, app_url: str, width: int):
    member = _watched(browser, app_url, DEMO_MEMBER, width)
    member.goto(f"{app_url}/events")
    card = member.locator(".upcoming-event").filter(
        has=member.get_by_role("button", name="Can't make it")
    )
    card = card.nth(0 if width > 400 else 1)
    title = card.locator("p").first.inner_text()
    card.get_by_role("button", name="Can't make it").click()
    note = f"dentist ({width})"
    member.get_by_placeholder("Why? (officers see this)").fill(note)
    member.get_by_role("button", name="Send excuse").click()
    expect(member.get_by_text("Excused. Thanks for letting us know.")).to_be_visible()
    expect(card).to_contain_text("excused")
    assert member.errors == []  # type: ignore[attr-defined]
    with Session(_database()) as session:
        me = session.exec(select(Player).where(Player.display_name == "Demo Member")).one()
        row = session.exec(
            select(RaidAttendance)
            .join(RaidEvent, RaidEvent.id == RaidAttendance.event_id)
            .where(RaidAttendance.player_id == me.id, RaidAttendance.absence_note == note)
        ).one()
        assert row.noted_absence and not row.signed_up
        assert session.get(RaidEvent, row.event_id).title == title


def test_raid_times_show_utc_without_hovering_on_a_phone(browser: Browser, app_url: str):
    member = _context_page(browser, app_url, DEMO_MEMBER, width=390)
    member.goto(f"{app_url}/events")
    first = member.locator(".upcoming-event").first
    expect(first.locator(".event-utc")).to_be_visible()
    expect(first.locator(".event-utc")).to_contain_text("UTC")
