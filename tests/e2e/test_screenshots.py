"""`make screenshots`: every page as a visitor, a member and an officer, on a desktop (1300 px)
and a phone (390 px), full length, into screenshots/<role>-<width>-<page>.png, to look at and to
compare before and after a change (`python -m tests.e2e.compare_screens BEFORE AFTER`). Taken
only when SCREENSHOTS names the folder (`make screenshots` sets it): the browser suite's own
checks do not need them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from tests.e2e.page_crawl import settle
from tests.e2e.test_every_page import (
    MEMBER_PAGES,
    OFFICER_PAGES,
    PHONE,
    VISITOR_PAGES,
    _first_campaign_editor,
)
from tests.e2e.watched_pages import _watched

FOLDER = os.environ.get("SCREENSHOTS", "")
WIDTHS = (1300, PHONE)

pytestmark = pytest.mark.skipif(not FOLDER, reason="screenshots are taken by `make screenshots`")


def shot_name(role: str, width: int, path: str) -> str:
    """ "officer", 390, "/admin/events" → "officer-390-admin-events.png" ("/" is "home")."""
    page = path.strip("/").replace("/", "-") or "home"
    return f"{role}-{width}-{page}.png"


@pytest.mark.parametrize(
    ("role", "who", "paths"),
    [
        ("visitor", None, VISITOR_PAGES),
        ("member", DEMO_MEMBER, MEMBER_PAGES),
        ("officer", DEMO_OFFICER, OFFICER_PAGES),
    ],
    ids=["visitor", "member", "officer"],
)
@pytest.mark.parametrize("width", WIDTHS, ids=["desktop", "phone"])
def test_screenshots_of_every_page(
    browser: Browser, app_url: str, role: str, who: str | None, paths: list[str], width: int
):
    folder = Path(FOLDER)
    folder.mkdir(parents=True, exist_ok=True)
    page = _watched(browser, app_url, who, width=width)
    if who == DEMO_OFFICER:
        paths = [*paths, _first_campaign_editor(page, app_url)]
    for path in paths:
        page.goto(f"{app_url}{path}")
        settle(page)
        page.screenshot(path=str(folder / shot_name(role, width, path)), full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]
    page.context.close()
