"""Visit a page in a browser, press each visible action button that is safe to press, and
collect every browser error (uncaught exceptions and console errors) on the way.

Buttons that would change the guild for good, end the session or reach outside are skipped by
name (SKIPPED, with the reason); everything else is pressed once per distinct label."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from playwright.sync_api import Page

# Label pattern → why it is not pressed.
SKIPPED: dict[str, str] = {
    r"^log ?out": "ends the session the crawl runs in",
    r"log out everywhere": "ends the session the crawl runs in",
    r"^(delete|remove|deactivate|revoke|cancel event|cancel$)": "destroys or hides data",
    r"revoke": "revokes keys members use",
    r"^(make a new link|make my calendar link)": "replaces the member's calendar link",
    r"sync now|run now|import now|nudge|send .*dm|post to discord|start|close now|open now|publish": (
        "starts background work or reaches Discord / Battle.net"
    ),
    r"^(withdraw|sign up|can't make it|send excuse)": "covered by its own test",
    r"all attended|mark all": "rewrites a raid's attendance",
    r"^bench": "sits players out of a raid",
    r"^use it$": "sets the member's time zone to the browser's (other tests rely on theirs)",
    r"^activate": "changes which seasons are active",
    r"^(vote|submit ballot|cast)": "a ballot can be cast once",
    r"^(ask the raiders|apply)$": "opens a guild vote or replaces the raid schedule "
    "(test_raid_time_studio_flow)",
    r"link battle\.net|connect": "leaves the site",
    r"^copy( link| reminder|$)|copy names": "the clipboard needs a permission headless Chromium lacks",
    r"clear all|copy to": "rewrites the member's saved availability",
    r"^(save .+|create|add|generate|accept|close|dismiss|resolve)": (
        "a form's save: pressed by the flows that fill it in"
    ),
}
# Console noise that is not a page error: the 404 page's own status, the dev tools hint.
IGNORED_CONSOLE = (r"Failed to load resource: the server responded with a status of 404",)


# Internal words a guild member should never read: raw role keys, Blizzard class ids, job and
# event ids ("campaign 1: milestone_50", "guild_pulse", "vm:24059").
JARGON = (
    r"\bunknown\b",
    r"(?<![\w&])#\d+\b",
    r"\bmilestone_\d+",
    r"\bcampaign \d+:",
    r"\b[a-z]+_(?:pulse|sync|agent|posts|purge|import)\b",
    r"\bvm:\d+",
)


@dataclass
class CrawlReport:
    pressed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    jargon: list[str] = field(default_factory=list)  # "url: the words"


def jargon_on(page: Page) -> list[str]:
    """The internal words in the page's visible text."""
    text = page.locator("body").inner_text()
    return [m.group(0) for pattern in JARGON for m in re.finditer(pattern, text)]


def watch_errors(page: Page, errors: list[str]) -> None:
    """Collect the page's uncaught exceptions and console errors into `errors`."""
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))

    def _console(message) -> None:
        if message.type == "error" and not any(re.search(p, message.text) for p in IGNORED_CONSOLE):
            errors.append(f"console: {message.text}")

    page.on("console", _console)


def skip_reason(label: str) -> str | None:
    text = label.strip().casefold()
    return next((why for pattern, why in SKIPPED.items() if re.search(pattern, text)), None)


def _labels(page: Page) -> list[str]:
    """Distinct labels of the visible buttons in the page's content (not the top bar)."""
    return page.evaluate(
        """() => {
          const seen = new Set();
          for (const b of document.querySelectorAll('button')) {
            if (b.closest('#top-bar')) continue;
            const r = b.getBoundingClientRect();
            if (!r.width || !r.height || b.disabled) continue;
            const label = (b.getAttribute('aria-label') || b.innerText || '').trim();
            if (label) seen.add(label);
          }
          return [...seen];
        }"""
    )


def settle(page: Page) -> None:
    """Wait until the page has loaded and its first state arrived (no spinner left)."""
    page.wait_for_load_state("networkidle")
    page.locator(".rt-Spinner").first.wait_for(state="detached", timeout=20_000)


def crawl(page: Page, url: str, report: CrawlReport) -> None:
    """Open `url` and press each safe visible button once, back on `url` after each."""
    page.goto(url)
    settle(page)
    report.jargon += [f"{url}: {words}" for words in jargon_on(page)]
    for label in _labels(page):
        if why := skip_reason(label):
            report.skipped.append((label, why))
            continue
        button = page.get_by_role("button", name=label, exact=True).first
        if not button.is_visible():
            continue
        report.pressed.append(f"{url} · {label}")
        button.click(timeout=5_000)
        page.evaluate("0")  # a round trip: the click's errors have been reported by now
        page.keyboard.press("Escape")  # close a dialog, menu or popover it opened
        if page.url.split("?")[0] != url.split("?")[0]:
            page.goto(url)
            settle(page)
