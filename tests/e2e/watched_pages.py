"""What several browser tests share: the e2e database, pages watched for browser errors (at a
width, in a British-English browser), and Demo Member's raid answers put back after a test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from patt_app.models import Player, RaidAttendance
from tests.databases import server_admin_url
from tests.e2e.conftest import log_in, logged_in_page
from tests.e2e.page_crawl import watch_errors


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


def _context_page(browser: Browser, app_url: str, who: str, width: int = 1300) -> Page:
    """Logged in as `who`, in a British-English browser (24-hour clock)."""
    context = browser.new_context(viewport={"width": 1300, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, app_url, who)  # (the name shows in the desktop bar)
    page.set_viewport_size({"width": width, "height": 900})
    return page
