"""An officer creates a campaign with four entries and opens it; demo_member votes on a
phone-sized page and sees the standings; the officer closes it; the results show the winner
(live on the member's open page, and on /campaigns for a visitor)."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from tests.e2e.conftest import ARTIFACTS, log_in, logged_in_page

PHONE = {"width": 390, "height": 844}
ENTRIES = ("Wipe Club", "Pull Party", "Loot Goblins", "Tuesday Tanks")
SLOW = 20_000  # a page change on a busy machine


def create_and_open(officer: Page, base: str, title: str) -> str:
    """The officer's part; returns the campaign's vote page address."""
    officer.goto(f"{base}/admin/campaigns")
    expect(officer.locator(".admin-campaign").first).to_be_visible(timeout=SLOW)  # form ready
    officer.fill("#campaign-title-input", title)
    officer.click("#campaign-create")
    expect(officer.locator("#editor-title")).to_have_text(title, timeout=SLOW)
    for count, name in enumerate(ENTRIES, start=1):
        officer.fill("#entry-name", name)
        officer.click("#entry-save")
        expect(officer.locator(".editor-entry")).to_have_count(count)
    officer.get_by_role("button", name="Move up").nth(2).click()  # Loot Goblins up one place
    expect(officer.locator(".editor-entry").nth(1)).to_contain_text("Loot Goblins")
    officer.click("#campaign-activate")
    expect(officer.locator("#campaign-close")).to_be_visible()
    return officer.url.replace("/admin/campaigns/", "/vote/")


def test_create_vote_on_a_phone_close_and_see_the_winner(browser: Browser, app_url: str):
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    try:
        vote_url = create_and_open(officer, app_url, "Raid team name")
    except AssertionError:
        officer.screenshot(path=str(ARTIFACTS / "campaign-officer.png"), full_page=True)
        raise

    member = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
    member.set_default_timeout(20_000)
    log_in(member, app_url, DEMO_MEMBER)
    member.set_viewport_size(PHONE)
    member.goto(vote_url)
    cards = member.locator(".vote-entry")
    expect(cards).to_have_count(4, timeout=SLOW)
    expect(member.locator("#submit-ballot")).to_be_disabled()
    cards.filter(has_text="Tuesday Tanks").click()
    cards.filter(has_text="Wipe Club").click()
    cards.filter(has_text="Wipe Club").click()  # changed my mind: off again
    cards.filter(has_text="Pull Party").click()
    cards.filter(has_text="Wipe Club").click()
    expect(cards.filter(has_text="Tuesday Tanks")).to_have_attribute("data-pick", "1st")
    expect(cards.filter(has_text="Wipe Club")).to_have_attribute("data-pick", "3rd")
    member.reload()  # picks not sent yet survive a reload (kept in the browser)
    expect(cards.filter(has_text="Tuesday Tanks")).to_have_attribute("data-pick", "1st")
    expect(cards.filter(has_text="Pull Party")).to_have_attribute("data-pick", "2nd")
    expect(cards.filter(has_text="Wipe Club")).to_have_attribute("data-pick", "3rd")
    width = member.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the vote page scrolls sideways on a phone ({width} px)"
    member.click("#submit-ballot")
    expect(member.locator("#my-ballot")).to_contain_text("1st · Tuesday Tanks")
    standings = member.locator("#standings .standing-row")
    expect(standings.first).to_contain_text("Tuesday Tanks")
    expect(standings.first).to_contain_text("3 pts")
    expect(member.locator("#turnout")).to_contain_text("1 of")

    officer.click("#campaign-close")
    officer.click("#campaign-close-confirm")
    expect(officer.locator("#campaign-close")).to_have_count(0)

    expect(member.locator("#winner")).to_have_text("Tuesday Tanks", timeout=SLOW)  # live
    member.reload()
    expect(member.locator("#winner")).to_have_text("Tuesday Tanks")
    expect(member.locator("#podium")).to_contain_text("Pull Party")

    visitor = browser.new_context(viewport=PHONE).new_page()
    visitor.goto(f"{app_url}/campaigns")
    card = visitor.locator(".campaign-card", has_text="Raid team name")
    expect(card).to_contain_text("Tuesday Tanks")
    card.click()
    expect(visitor.locator("#winner")).to_have_text("Tuesday Tanks")
    for page in (officer, member, visitor):
        page.context.close()
