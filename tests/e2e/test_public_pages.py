"""A visitor opens the landing page and the roster in a real browser."""

import re

import httpx
from playwright.sync_api import Page, expect


def _roster(app_url: str) -> list[dict]:
    return httpx.get(f"{app_url}/api/v1/guild/roster").json()["data"]


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_landing_page_shows_the_guild_at_a_glance(page: Page, app_url: str):
    page.goto(app_url)
    expect(page.get_by_role("heading", name="Pull All The Things")).to_be_visible()
    expect(page.locator("#member-count")).to_have_text(re.compile(r"^\d{2}$"))
    assert int(page.locator("#member-count").inner_text()) >= 40
    expect(page.locator("#current-season")).to_contain_text("Season 2")
    expect(page.get_by_text("Liberation of Undermine — Heroic")).to_be_visible()
    expect(page.locator("#next-raid-time")).to_contain_text(re.compile(r"\d:\d\d (AM|PM)"))


def test_roster_lists_real_players_in_their_class_colours(page: Page, app_url: str):
    expected = _roster(app_url)
    page.goto(f"{app_url}/roster")
    rows = page.locator(".roster-row")
    expect(rows).to_have_count(len(expected))
    expect(page.locator("#roster-count")).to_have_text(f"{len(expected)} raiders")
    zat = next(r for r in expected if r["character_name"] == "Zatañña")
    link = page.get_by_role("link", name="Zatañña")
    expect(link).to_have_css("color", _rgb(zat["class_colour"]))
    expect(link).to_have_attribute("href", zat["armory_url"])
    # Highest rank first: the guild leader heads the list.
    expect(rows.first).to_contain_text("Guild Leader")


def test_roster_filters_by_role(page: Page, app_url: str):
    tanks = [r for r in _roster(app_url) if r["role_key"] == "tank"]
    page.goto(f"{app_url}/roster")
    expect(page.locator(".roster-row").first).to_be_visible()
    page.locator("#role-filter").click()
    page.get_by_role("option", name="Tank").click()
    rows = page.locator(".roster-row")
    expect(rows).to_have_count(len(tanks))
    for i in range(len(tanks)):
        expect(rows.nth(i)).to_contain_text("Tank")
    expect(page.locator("#roster-count")).to_contain_text(f"{len(tanks)} of ")


def test_roster_sorts_by_item_level(page: Page, app_url: str):
    best = max(r["item_level"] or 0 for r in _roster(app_url))
    page.goto(f"{app_url}/roster")
    expect(page.locator(".roster-row").first).to_be_visible()
    page.get_by_text("Item level", exact=True).click()
    expect(page.locator(".roster-row").first.locator("td").nth(4)).to_have_text(str(best))


def test_roster_reads_well_on_a_phone(browser, app_url: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{app_url}/roster")
    cards = page.locator(".roster-card")
    expect(cards.first).to_be_visible()
    expect(page.locator(".roster-row").first).to_be_hidden()
    assert cards.count() == len(_roster(app_url))
    page.screenshot(path="test-results/roster-phone.png")
    context.close()
