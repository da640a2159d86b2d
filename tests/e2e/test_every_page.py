"""Every page for a visitor, a member and an officer: a crawl pressing every safe button fails on
any browser error or raw jargon; every page fits a phone with every action within reach; an
unknown address gets the site layout and a way home."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from tests.e2e.page_crawl import CrawlReport, crawl, settle
from tests.e2e.watched_pages import _watched, demo_member_attendance_restored  # noqa: F401 (fixture)


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

# Fields and dropdowns that stick out of their box: past the padding of the nearest box that has
# some (a card, or the page), so they break out of their card on a phone.
CRAMPED = """() => [...document.querySelectorAll(
    'input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea')]
  .filter(c => c.getClientRects().length && !c.closest('#heatmap'))
  .filter(c => {
    let box = c.parentElement;
    while (box && parseFloat(getComputedStyle(box).paddingRight) < 8) box = box.parentElement;
    if (!box) return false;
    const limit = box.getBoundingClientRect().right - parseFloat(getComputedStyle(box).paddingRight);
    return c.getBoundingClientRect().right > limit + 1;
  })
  .map(c => c.name || c.id || c.placeholder)"""


def _first_campaign_editor(page: Page, app_url: str) -> str:
    """The address of the first campaign's editor, from the officers' campaign list."""
    page.goto(f"{app_url}/admin/campaigns")
    link = page.locator("a[href*='/admin/campaigns/']").first
    expect(link).to_be_attached()
    return link.get_attribute("href").replace(app_url, "")


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
    if who == DEMO_OFFICER:
        paths = [*paths, _first_campaign_editor(page, app_url)]
    problems = {}
    for path in paths:
        page.goto(f"{app_url}{path}")
        settle(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        unreachable = page.evaluate(OFF_SCREEN)
        sideways = page.evaluate(SIDEWAYS)
        cramped = page.evaluate(CRAMPED)
        if width > PHONE or unreachable or sideways or cramped:
            problems[path] = (width, unreachable, sideways, cramped)
    assert problems == {}, (
        "page width at 390 px, buttons out of reach, tables scrolling sideways, fields out of cards"
    )
