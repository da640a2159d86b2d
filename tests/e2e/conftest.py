"""End-to-end fixtures: the real app (production build, one port) on a throwaway database,
and headless Chromium driven by Playwright's sync API."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from patt_app.demo.guild import DEMO_PASSWORD
from patt_app.settings import PROJECT_ROOT
from tests.child_process import child_env
from tests.databases import fresh_database
from tests.support.fake_battlenet import Character, FakeBattleNet, demo_guild_roster
from tests.support.fake_warcraftlogs import FakeWarcraftLogs

# An assertion waits for what a person would see. On a busy 2-core machine a redraw can take
# longer than Playwright's 5 s default (a CI run at load average 20+ saw five such misses); a
# passing check returns as soon as the page shows it, so only a failing one waits the longer.
expect.set_options(timeout=15_000)

NEWCOMER = Character(499_000_001, "Sylvaññá", "senjin", "Sen'jin", class_id=8, spec="Frost")

CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))  # override to test the skip
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = PROJECT_ROOT / "test-results"
STARTUP_SECONDS = 420

E2E_REQUIRED = os.environ.get("E2E_REQUIRED") == "1"


@pytest.fixture(scope="session", autouse=True)
def _chromium_present() -> None:
    """Without Chromium the browser tests cannot run: skipped on a developer's machine, but a
    failure when E2E_REQUIRED=1 (CI), so that a green CI run means they really ran."""
    if CHROMIUM.exists():
        return
    if E2E_REQUIRED:
        pytest.fail(
            f"E2E_REQUIRED=1 but Chromium is not installed ({CHROMIUM}): the browser tests "
            "cannot run. Install it (apt-get install -y chromium) or unset E2E_REQUIRED.",
            pytrace=False,
        )
    pytest.skip(f"Chromium is not installed ({CHROMIUM})")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_serving(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited early:\n{log.read_text()[-4000:]}")
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200 and (
                httpx.get(f"{base}/", timeout=5).status_code == 200
            ):
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise RuntimeError(f"the app did not start in {STARTUP_SECONDS} s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def fake_battlenet() -> Iterator[FakeBattleNet]:
    """A fake Battle.net listing the demo guild plus one newcomer (NEWCOMER)."""
    fake = FakeBattleNet(characters=[*demo_guild_roster(), NEWCOMER]).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def fake_warcraftlogs() -> Iterator[FakeWarcraftLogs]:
    """A fake Warcraft Logs with no reports (a test adds the ones it needs, and removes them)."""
    fake = FakeWarcraftLogs().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def app_url(fake_battlenet: FakeBattleNet, fake_warcraftlogs: FakeWarcraftLogs) -> Iterator[str]:
    """The app with the demo guild, as `make run` serves it, its Battle.net sync and Warcraft
    Logs imports pointed at the fakes."""
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "e2e-app.log"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    # Battle.net sends the browser back to PUBLIC_BASE_URL: the address the browsers use, so
    # their login cookie comes along; the fake accepts only that registered redirect.
    fake_battlenet.sign_in.redirect_uris = {f"{base}/auth/battlenet/callback"}
    env = child_env(  # the app's clock moves with the tests' (see tests/conftest.py)
        DATABASE_URL=fresh_database("patt_e2e"),
        DEMO_DATA="true",
        PORT=str(port),
        PUBLIC_BASE_URL=base,
        **fake_battlenet.settings_env(),
        **fake_warcraftlogs.settings_env(),
    )
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "patt_app.cli", "run", "--port", str(port)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_serving(base, process, log)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def logged_in_page(browser: Browser, base: str, username: str) -> Page:
    """A new browser window (1300 × 900) logged in as a demo account at `base`."""
    page = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, username)
    return page


def log_in(page: Page, base: str, username: str) -> None:
    """Log `page` in as the demo account `username` (password `pattdemo`)."""
    page.goto(f"{base}/login")
    page.fill("#login-username", username)
    page.fill("#login-password", DEMO_PASSWORD)
    page.click("#login-submit")
    expect(page.locator("#viewer-name")).to_be_visible()
