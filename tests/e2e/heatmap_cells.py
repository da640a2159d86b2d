"""Reading an officer's heatmap cell in the browser, and waiting until an open heatmap has
every save made so far: the live-update tests start from a count nothing is still changing."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from patt_app.demo.guild import DEMO_OFFICER
from tests.e2e.conftest import logged_in_page


def heat_count(page: Page, cell: str) -> int:
    """How many players the cell (a `#cell-N` selector) says are available."""
    title = page.locator(cell).get_attribute("title") or ""
    return int(re.search(r": (\d+) available", title).group(1))


def settled_heat_count(browser: Browser, officer: Page, base: str, cell: str) -> int:
    """The cell's count once `officer`'s open heatmap shows what a freshly loaded one shows
    (read from the database after every save so far), so a redraw still on its way cannot be
    taken for the starting count."""
    fresh = logged_in_page(browser, base, DEMO_OFFICER)
    fresh.goto(f"{base}/admin/schedule")
    expect(fresh.locator(cell)).to_have_attribute("title", re.compile(r": \d+ available"))
    settled = heat_count(fresh, cell)
    fresh.context.close()
    expect(officer.locator(cell)).to_have_attribute("title", re.compile(rf": {settled} available"))
    return settled
