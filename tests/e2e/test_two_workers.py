"""Two app processes on one database: live updates cross from one worker to the other, and the
background runner runs in exactly one of them.

The second process serves the same built app on the same port but another loopback address
(127.0.0.2): a browser opened there talks to that process only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from tests.e2e.built_app import built_app
from tests.e2e.conftest import logged_in_page
from tests.e2e.heatmap_cells import settled_heat_count

# Wednesday 20:00 in Denver (the demo member) is Wednesday 22:00 in New York (the demo
# officer's zone) all year: both follow US clock changes. Slot 2 × 48 + 44 of the week.
WEDNESDAY_22_NEW_YORK = "#cell-140"
SECOND_HOST = "127.0.0.2"


@pytest.fixture(scope="module")
def second_worker(app_url: str) -> Iterator[str]:
    """Another process of the same app on the e2e database, at http://127.0.0.2:<port>."""
    with built_app(SECOND_HOST, urlsplit(app_url).port) as base:
        yield base


def test_a_save_on_one_worker_redraws_an_officers_heatmap_on_the_other(
    browser: Browser, app_url: str, second_worker: str
):
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/schedule")
    expect(officer.locator("#viewer-zone")).to_have_text("America/New_York")
    expect(officer.locator(WEDNESDAY_22_NEW_YORK)).to_have_attribute(
        "title", re.compile("^Wed 22:00")
    )

    member = logged_in_page(browser, second_worker, DEMO_MEMBER)
    member.goto(f"{second_worker}/availability")
    expect(member.locator("#my-zone")).to_have_text("America/Denver")
    if member.locator("#clear-2").count():
        member.click("#clear-2")
        expect(member.locator("#preview-2")).to_have_text("")
    before = settled_heat_count(browser, officer, app_url, WEDNESDAY_22_NEW_YORK)
    officer_url = officer.url

    member.fill("#start-2", "20:00")
    member.get_by_role("heading", name="When can you raid?").click()  # leave the field: saves
    expect(member.locator("#preview-2")).to_contain_text("Wed 20:00–23:00 (your time)")

    expect(officer.locator(WEDNESDAY_22_NEW_YORK)).to_have_attribute(
        "title", re.compile(rf": {before + 1} available")
    )
    assert officer.url == officer_url, "no reload, no navigation"

    member.click("#clear-2")
    expect(officer.locator(WEDNESDAY_22_NEW_YORK)).to_have_attribute(
        "title", re.compile(rf": {before} available")
    )


def test_one_runner_for_both_workers_and_run_now_from_either(
    browser: Browser, app_url: str, second_worker: str
):
    first = logged_in_page(browser, app_url, DEMO_OFFICER)
    first.goto(f"{app_url}/admin/jobs")
    expect(first.locator("#runner-name")).not_to_have_text("no runner elected yet")
    runner = first.locator("#runner-name").inner_text()

    second = logged_in_page(browser, second_worker, DEMO_OFFICER)
    second.goto(f"{second_worker}/admin/jobs")
    expect(second.locator("#runner-name")).to_have_text(runner)

    # "Run now" pressed on the second worker: the runner (wherever it is) runs it once, and
    # both officers' pages show the result without a reload.
    purge = second.locator("#job-purge_expired")
    purge.get_by_role("button", name="Run now").click()
    for page in (first, second):
        expect(page.locator("#job-purge_expired")).to_contain_text(
            re.compile(r"removed \d+ ended logins"),
            timeout=30_000,  # the runner polls, then runs
        )
    manual = first.locator(".run-row", has_text="Purge expired").filter(has_text="manual")
    expect(manual).to_have_count(1)
    expect(manual).to_contain_text(runner)
    second.screenshot(path="test-results/admin-jobs-second-worker.png", full_page=True)


def test_the_pulse_job_ticks_on_the_jobs_page_without_reload(browser: Browser, app_url: str):
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/jobs")
    pulse = officer.locator("#job-guild_pulse")
    expect(pulse).to_contain_text("active players", timeout=40_000)
    first_text = pulse.inner_text()
    url = officer.url
    # every 30 seconds: the row's "last run" moves on by itself
    expect(pulse).not_to_have_text(first_text, timeout=40_000)
    # (a run cut short when another test's worker stopped shows "failed"; the next one succeeds)
    expect(pulse).to_contain_text("success", timeout=40_000)
    assert officer.url == url
