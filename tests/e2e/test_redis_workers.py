"""Two workers behind one address, page state in Redis: a member's save on one worker redraws
an officer's open heatmap held by the other, and a login made on one worker is good on the
other. Then Redis restarts (a private redis-server, losing every key): the workers reconnect
by themselves and nobody is logged out, because sessions live in PostgreSQL.

Skipped with a message where no Redis runs (the shared one at 127.0.0.1:6379) or
redis-server is not installed (the restart test)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from tests.e2e.conftest import logged_in_page
from tests.e2e.heatmap_cells import settled_heat_count
from tests.e2e.redis_workers import PrivateRedis, app_on_redis, shared_redis, worker_of

# Wednesday 20:00 in Denver (the demo member) is Wednesday 22:00 in New York (the officer).
WEDNESDAY_22_NEW_YORK = "#cell-140"


@pytest.fixture(scope="module")
def two_workers(app_url: str) -> Iterator[tuple[str, str]]:
    """(address, redis URL) of the app served by two workers on the machine's Redis."""
    redis_url = shared_redis()
    with app_on_redis(redis_url, "127.0.0.3", urlsplit(app_url).port) as base:
        yield base, redis_url


def _member_on_another_worker(browser: Browser, base: str, redis_url: str, than: str) -> Page:
    """The demo member's /availability, in a tab whose websocket another worker holds."""
    page = logged_in_page(browser, base, DEMO_MEMBER)
    for _ in range(12):
        page.goto(f"{base}/availability")  # a page load: a new websocket, to either worker
        expect(page.locator("#my-zone")).to_have_text("America/Denver")
        if worker_of(page, redis_url) != than:
            return page
    raise AssertionError("twelve page loads in a row landed on the same worker")


def test_a_save_held_by_one_worker_redraws_the_officer_held_by_the_other(
    browser: Browser, two_workers: tuple[str, str]
):
    base, redis_url = two_workers
    officer = logged_in_page(browser, base, DEMO_OFFICER)
    officer.goto(f"{base}/admin/schedule")
    expect(officer.locator("#viewer-zone")).to_have_text("America/New_York")
    officers_worker = worker_of(officer, redis_url)

    member = _member_on_another_worker(browser, base, redis_url, officers_worker)
    if member.locator("#clear-2").count():
        member.click("#clear-2")
        expect(member.locator("#preview-2")).to_have_text("")
    before = settled_heat_count(browser, officer, base, WEDNESDAY_22_NEW_YORK)

    member.fill("#start-2", "20:00")
    member.get_by_role("heading", name="When can you raid?").click()  # leave the field: saves
    expect(member.locator("#preview-2")).to_contain_text("Wed 20:00–23:00 (your time)")
    expect(officer.locator(WEDNESDAY_22_NEW_YORK)).to_have_attribute(
        "title", re.compile(rf": {before + 1} available")
    )
    member.click("#clear-2")
    expect(officer.locator(WEDNESDAY_22_NEW_YORK)).to_have_attribute(
        "title", re.compile(rf": {before} available")
    )
    officer.screenshot(path="test-results/redis-two-workers-officer.png", full_page=True)


def test_a_login_made_on_one_worker_holds_on_the_other(
    browser: Browser, two_workers: tuple[str, str]
):
    base, redis_url = two_workers
    first = logged_in_page(browser, base, DEMO_MEMBER)
    first_worker = worker_of(first, redis_url)
    # more tabs of the same browser (same cookie) until one is held by the other worker
    for _ in range(12):
        tab = first.context.new_page()
        tab.goto(f"{base}/availability")
        expect(tab.locator("#my-zone")).to_have_text("America/Denver")
        if worker_of(tab, redis_url) != first_worker:
            break
        tab.close()
    else:
        raise AssertionError("twelve tabs in a row landed on the same worker")
    expect(tab.locator("#viewer-name")).to_be_visible()
    assert "/login" not in tab.url


@pytest.fixture(scope="module")
def private_redis() -> Iterator[PrivateRedis]:
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


def test_redis_restarts_the_workers_reconnect_and_nobody_is_logged_out(
    browser: Browser, app_url: str, private_redis: PrivateRedis
):
    with app_on_redis(private_redis.url, "127.0.0.4", urlsplit(app_url).port) as base:
        officer = logged_in_page(browser, base, DEMO_OFFICER)
        officer.goto(f"{base}/admin/schedule")
        expect(officer.locator(WEDNESDAY_22_NEW_YORK)).to_be_visible()

        private_redis.stop()  # every page state is gone with it
        private_redis.start()

        officer.reload()  # the same login, on whichever worker: still the officer
        expect(officer.locator("#viewer-name")).to_be_visible(timeout=30_000)
        expect(officer.locator(WEDNESDAY_22_NEW_YORK)).to_be_visible(timeout=30_000)
        assert "/login" not in officer.url
        week = officer.locator("#week-label").inner_text()
        officer.click("#next-week")  # events are served again, with state in the new Redis
        expect(officer.locator("#week-label")).not_to_have_text(week)

        newcomer = logged_in_page(browser, base, DEMO_MEMBER)  # and new logins work
        newcomer.goto(f"{base}/availability")
        expect(newcomer.locator("#my-zone")).to_have_text("America/Denver")
