"""What broke for a newcomer (issue 27), tried as they tried it: the excuse that saved
nothing, the raid-night finder's missing "Create event", past nights and booked nights, the
bare 404; and a crawl pressing every safe button of every page, failing on any browser error."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.models import Player, RaidAttendance, RaidEvent
from patt_app.services.raids.events import EventDetails, create_event
from tests.databases import server_admin_url
from tests.e2e.conftest import log_in, logged_in_page
from tests.e2e.page_crawl import CrawlReport, crawl, settle, watch_errors


def _database():
    url = make_url(server_admin_url()).set(database="patt_e2e")
    return create_engine(url.render_as_string(hide_password=False))


def _watched(browser: Browser, app_url: str, username: str | None, width: int = 1300) -> Page:
    if username:
        page = logged_in_page(browser, app_url, username)
        page.set_viewport_size({"width": width, "height": 900})
    else:
        page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
        page.set_default_timeout(20_000)
    page.errors = []  # type: ignore[attr-defined]
    watch_errors(page, page.errors)  # type: ignore[attr-defined]
    return page


@pytest.fixture
def demo_member_attendance_restored() -> Iterator[None]:
    """The excuse test and the crawl change Demo Member's answers to raids that other browser
    tests bench them in (the e2e files run in random order against one database): put their
    rows back as they were."""
    columns = [c.name for c in RaidAttendance.__table__.columns if c.name != "id"]
    with Session(_database()) as session:
        me = session.exec(select(Player).where(Player.display_name == "Demo Member")).one()
        rows = session.exec(select(RaidAttendance).where(RaidAttendance.player_id == me.id))
        before = {row.event_id: {c: getattr(row, c) for c in columns} for row in rows}
    yield
    with Session(_database()) as session:
        for row in session.exec(select(RaidAttendance).where(RaidAttendance.player_id == me.id)):
            if row.event_id not in before:
                session.delete(row)
                continue
            for column, value in before[row.event_id].items():
                setattr(row, column, value)
            session.add(row)
        session.commit()


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


def _find_nights(officer: Page) -> None:
    officer.click("#find-nights")
    expect(officer.locator(".suggestion").first).to_be_visible()


def test_finder_offers_create_event_and_leaves_out_past_nights(browser: Browser, app_url: str):
    officer = _watched(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/schedule")
    expect(officer.locator("#week-label")).to_contain_text("Week of")
    officer.fill("input[name=nights]", "7")
    officer.click("#find-nights")
    now = datetime.now(UTC)
    for start in officer.locator(".suggestion").evaluate_all(
        "rows => rows.map(r => r.dataset.start)"
    ):
        assert datetime.fromisoformat(start) >= now, f"a night already past: {start}"
    officer.click("#next-week")
    _find_nights(officer)
    first = officer.locator(".suggestion").first
    expect(first.get_by_role("button", name="Create event")).to_be_visible()
    first.get_by_role("button", name="Create event").click()
    expect(officer).to_have_url(re.compile(r"/admin/events\?.*title=Raid\+night"))
    expect(officer.locator("#event-title")).to_have_value("Raid night")
    assert officer.errors == []  # type: ignore[attr-defined]


def test_finder_says_when_a_night_already_has_a_raid(browser: Browser, app_url: str):
    officer = _watched(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/schedule")
    officer.fill("input[name=nights]", "7")
    officer.click("#next-week")
    _find_nights(officer)
    free = officer.locator(".suggestion").filter(has_not=officer.locator(".suggestion-booked"))
    expect(free.first).to_be_visible()  # the demo guild raids some nights, not all
    shown = free.first.get_attribute("data-start")
    start = datetime.fromisoformat(shown).astimezone(UTC)
    with Session(_database()) as session:
        create_event(
            session=session,
            details=EventDetails(
                title="Already booked",
                event_date=start.date(),
                start=start.time(),
                end=(start + timedelta(hours=2)).time(),
                timezone="UTC",
            ),
            created_by_player_id=None,
            today=datetime.now(UTC).date(),
        )
        session.commit()
    _find_nights(officer)
    booked = officer.locator(f".suggestion[data-start='{shown}'] .suggestion-booked")
    expect(booked).to_contain_text("a raid is already planned that night: Already booked")


def test_an_unknown_address_gets_the_site_layout_and_a_way_home(page: Page, app_url: str):
    page.goto(f"{app_url}/no/such/page")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.locator("#top-bar")).to_be_visible()
    page.locator("#go-home").click()
    expect(page.get_by_role("heading", name="Pull All The Things")).to_be_visible()


VISITOR_PAGES = ["/", "/roster", "/campaigns", "/login", "/register", "/reset-password", "/x"]
MEMBER_PAGES = ["/events", "/availability", "/schedule", "/profile", "/campaigns"]
OFFICER_PAGES = [
    "/admin/schedule",
    "/admin/raid-times",
    "/admin/events",
    "/admin/attendance",
    "/admin/campaigns",
    "/admin/players",
    "/admin/reference-tables",
    "/admin/jobs",
    "/admin/audit",
    "/admin/sync",
    "/admin/onboarding",
    "/admin/discord",
]


@pytest.mark.parametrize(
    ("who", "paths"),
    [(None, VISITOR_PAGES), (DEMO_MEMBER, MEMBER_PAGES), (DEMO_OFFICER, OFFICER_PAGES)],
    ids=["visitor", "member", "officer"],
)
# The crawl presses Demo Member's answer buttons on /events (withdraw, can't make it, …), which
# other browser tests rely on: their raid rows are put back afterwards.
@pytest.mark.usefixtures("demo_member_attendance_restored")
def test_every_page_and_its_buttons_run_without_browser_errors(
    browser: Browser, app_url: str, who: str | None, paths: list[str]
):
    page = _watched(browser, app_url, who)
    report = CrawlReport(errors=page.errors)  # type: ignore[attr-defined]
    for path in paths:
        crawl(page, f"{app_url}{path}", report)
    print("pressed:", *report.pressed, sep="\n  ")
    print("skipped:", *sorted(set(report.skipped)), sep="\n  ")
    assert report.pressed, "the crawl pressed nothing"
    assert report.errors == []
    assert report.jargon == []  # no raw role keys, class ids or job ids on any page


def _context_page(browser: Browser, app_url: str, who: str, width: int = 1300) -> Page:
    """Logged in as `who`, in a British-English browser (24-hour clock)."""
    context = browser.new_context(viewport={"width": 1300, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, app_url, who)  # (the name shows in the desktop bar)
    page.set_viewport_size({"width": width, "height": 900})
    return page


def test_the_attendance_heading_is_in_the_officers_zone(browser: Browser, app_url: str):
    with Session(_database()) as session:
        event = session.exec(select(RaidEvent).order_by(RaidEvent.start_time_utc.desc())).first()
    officer = _context_page(browser, app_url, DEMO_OFFICER)  # America/New_York
    officer.goto(f"{app_url}/admin/events/{event.id}")
    local = event.start_time_utc.astimezone(ZoneInfo("America/New_York"))
    heading = officer.locator("#checklist-title")
    expect(heading).to_contain_text(f"{local:%a} {local.day} {local:%b}, {local:%H:%M}")
    expect(heading).not_to_contain_text("UTC")


def test_raid_times_show_utc_without_hovering_on_a_phone(browser: Browser, app_url: str):
    member = _context_page(browser, app_url, DEMO_MEMBER, width=390)
    member.goto(f"{app_url}/events")
    first = member.locator(".upcoming-event").first
    expect(first.locator(".event-utc")).to_be_visible()
    expect(first.locator(".event-utc")).to_contain_text("UTC")


def test_a_refused_away_period_keeps_its_dates(browser: Browser, app_url: str):
    member = _context_page(browser, app_url, DEMO_MEMBER)
    member.goto(f"{app_url}/availability")
    start = (datetime.now(UTC) + timedelta(days=40)).date()
    member.fill("#away-start", start.isoformat())
    member.fill("#away-end", (start - timedelta(days=3)).isoformat())  # ends before it starts
    member.get_by_role("button", name="Add", exact=True).click()
    expect(member.locator("[data-sonner-toast]").last).to_be_visible()
    expect(member.locator("#away-start")).to_have_value(start.isoformat())
    member.fill("#away-end", (start + timedelta(days=3)).isoformat())
    member.get_by_role("button", name="Add", exact=True).click()
    expect(member.get_by_text("Away period saved.")).to_be_visible()
    expect(member.locator("#away-start")).to_have_value("")
    shown = rf"{start:%a},? {start.day} {start:%b} {start.year} → "  # the viewer's style
    expect(member.get_by_text(re.compile(shown))).to_be_visible()  # not "2027-01-15 → …"


def test_event_notes_stop_at_their_limit_as_you_type(browser: Browser, app_url: str):
    officer = _context_page(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/events")
    notes = officer.locator("#event-notes")
    expect(notes).to_have_attribute("maxlength", "2000")
    notes.fill("x" * 2000)
    notes.press("y")  # one more is refused by the field itself
    expect(notes).to_have_value("x" * 2000)
    expect(officer.locator(".field-limit", has_text="/ 2000")).to_have_text("2000 / 2000")


def test_clock_changes_show_the_next_one_and_fold_the_rest(browser: Browser, app_url: str):
    officer = _context_page(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/events")
    lines = officer.locator("#dst-warnings .dst-warning")
    expect(lines.first).to_be_visible()
    assert sum(line.is_visible() for line in lines.all()) == 1
    if lines.count() > 1:
        officer.locator(".dst-later summary").click()
        expect(lines.nth(1)).to_be_visible()


PHONE = 390
OFF_SCREEN = """() => [...document.querySelectorAll('button')]
  .filter(b => !b.closest('#top-bar') && b.getClientRects().length)
  .map(b => { b.scrollIntoView({block: 'center', inline: 'nearest'});
              const r = b.getBoundingClientRect();
              return [(b.innerText || b.getAttribute('aria-label') || '').trim(), r.left, r.right]; })
  .filter(([, left, right]) => left < -1 || right > innerWidth + 1)
  .map(([label]) => label)"""
# Boxes that would need sideways scrolling: tables (their rows should be cards on a phone) and
# any other scrolling box (rows of fields should wrap). The heatmap is a week's grid and may.
SIDEWAYS = """() => [...document.querySelectorAll('body *')]
  .filter(box => box.closest('.rt-TableRoot') ||
                 ['auto', 'scroll'].includes(getComputedStyle(box).overflowX))
  .filter(box => !box.closest('#heatmap'))
  .filter(box => box.scrollWidth > box.clientWidth + 1 && box.clientWidth > 0)
  .map(box => (box.querySelector('td') || box).innerText.slice(0, 40))"""


@pytest.mark.parametrize(
    ("who", "paths"),
    [(None, VISITOR_PAGES), (DEMO_MEMBER, MEMBER_PAGES), (DEMO_OFFICER, OFFICER_PAGES)],
    ids=["visitor", "member", "officer"],
)
def test_every_page_fits_a_phone_and_every_action_is_reachable(
    browser: Browser, app_url: str, who: str | None, paths: list[str]
):
    page = _watched(browser, app_url, who)
    page.set_viewport_size({"width": PHONE, "height": 844})
    problems = {}
    for path in paths:
        page.goto(f"{app_url}{path}")
        settle(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        unreachable = page.evaluate(OFF_SCREEN)
        sideways = page.evaluate(SIDEWAYS)
        if width > PHONE or unreachable or sideways:
            problems[path] = (width, unreachable, sideways)
    assert problems == {}, "page width at 390 px, buttons out of reach, tables scrolling sideways"


def test_the_week_is_named_in_the_viewers_date_style(browser: Browser, app_url: str):
    page = _context_page(browser, app_url, DEMO_OFFICER)  # a British-English browser
    page.goto(f"{app_url}/admin/schedule")
    today = datetime.now(UTC).date()
    monday = today - timedelta(days=today.weekday())
    named = rf"Week of Mon,? {monday.day} {monday:%b} {monday.year}"
    expect(page.locator("#week-label")).to_have_text(re.compile(named))  # not "2026-11-30"
