"""The raid-time studio end to end, on its own data: an officer compares two candidates
(screenshots at desktop and phone width, no sideways scrolling on a phone), asks the raiders;
Demo Member ranks them on the vote page, which shows the comparison; the officer closes the
vote and applies the winner from a date far ahead: the winner's raids exist and this test's
own "old" raid after that date is cancelled. Everything it made is removed afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import create_engine, delete
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.models import Campaign, DiscordPost, RaidEvent, RaidSeason, RaidTimeVote
from patt_app.services.scheduling.schedule_time import local_to_utc
from tests.databases import server_admin_url
from tests.e2e.conftest import ARTIFACTS, log_in, logged_in_page

PHONE = {"width": 390, "height": 844}
SLOW = 30_000
FIRST = "mon,wed@19:00/Europe/Berlin/180"
SECOND = "wed@20:00/America/Chicago/180"  # when the demo guild is mostly free
NEW_TITLE = "Studio e2e raid"
OLD_TITLE = "Studio e2e old raid"
AHEAD = 200  # days: past every demo raid, so Apply cancels only this test's own old raid


def _database():
    url = make_url(server_admin_url()).set(database="patt_e2e")
    return create_engine(url.render_as_string(hide_password=False))


@pytest.fixture
def own_old_raid() -> Iterator[int]:
    """A raid of the current season after the apply date (the "old schedule" to cancel); this
    test's raids, vote and announcement are deleted afterwards."""
    engine = _database()
    day = datetime.now(UTC).date() + timedelta(days=AHEAD + 2)
    start = local_to_utc("America/Chicago", day, time(20))
    with Session(engine) as session:
        season = session.exec(select(RaidSeason).where(RaidSeason.is_active)).first()
        event = RaidEvent(
            title=OLD_TITLE,
            season_id=season.id,
            event_date=day,
            start_time_utc=start,
            end_time_utc=start + timedelta(hours=3),
        )
        session.add(event)
        session.commit()
        old_id = event.id
    try:
        yield old_id
    finally:
        with Session(engine) as session:
            session.execute(delete(RaidEvent).where(RaidEvent.title.in_([NEW_TITLE, OLD_TITLE])))
            ids = session.exec(select(RaidTimeVote.campaign_id)).all()
            session.execute(delete(Campaign).where(Campaign.id.in_(ids)))
            session.execute(delete(DiscordPost).where(DiscordPost.dedupe_key.like("raid-time%")))
            session.commit()
        engine.dispose()


def test_candidates_vote_and_apply(browser: Browser, app_url: str, own_old_raid: int):
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    officer.set_viewport_size({"width": 1300, "height": 900})
    officer.goto(f"{app_url}/admin/raid-times?candidate={FIRST}")
    inputs = officer.get_by_label("Candidate schedule")
    expect(inputs).to_have_count(2, timeout=SLOW)
    expect(inputs.first).to_have_value(FIRST)  # brought in by the link, as from the finder
    inputs.nth(1).fill("sat@14:00/Mars/Base/240")
    officer.click("#studio-compare")
    expect(officer.locator("#studio-problem")).to_contain_text("candidate 2: zone 'Mars/Base'")
    inputs.nth(1).fill(SECOND)
    officer.click("#studio-compare")
    cards = officer.locator(".studio-card")
    expect(cards).to_have_count(2, timeout=SLOW)
    expect(cards.first.locator(".studio-week")).to_have_count(8)
    expect(cards.first).to_contain_text("Mon, Wed 19:00–22:00 Europe/Berlin")
    expect(cards.nth(1).locator(".studio-gains, .studio-losses")).to_have_count(2)
    expect(cards.first.locator("time").first).to_contain_text(":")
    officer.screenshot(path=str(ARTIFACTS / "raid-times-desktop.png"), full_page=True)
    officer.set_viewport_size(PHONE)
    expect(cards.first).to_be_visible()
    width = officer.evaluate("document.documentElement.scrollWidth")
    officer.screenshot(path=str(ARTIFACTS / "raid-times-phone.png"), full_page=True)
    assert width <= PHONE["width"], f"/admin/raid-times scrolls sideways on a phone ({width} px)"
    officer.set_viewport_size({"width": 1300, "height": 900})

    officer.click("#studio-ask")
    vote = officer.locator(".studio-vote").first
    expect(vote).to_contain_text("live", timeout=SLOW)
    vote_path = vote.get_by_role("link").first.get_attribute("href")

    member = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
    member.set_default_timeout(SLOW)
    log_in(member, app_url, DEMO_MEMBER)
    member.goto(f"{app_url}{vote_path}")
    entries = member.locator(".vote-entry")
    expect(entries).to_have_count(2, timeout=SLOW)
    expect(entries.first).to_contain_text("Expected turnout over 8 weeks")
    entries.filter(has_text="Wed 20:00").click()
    entries.filter(has_text="Mon, Wed").click()
    member.set_viewport_size(PHONE)
    member.screenshot(path=str(ARTIFACTS / "raid-times-vote-phone.png"), full_page=True)
    width = member.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the vote page scrolls sideways on a phone ({width} px)"
    member.click("#submit-ballot")
    expect(member.locator("#my-ballot")).to_contain_text("1st · Wed 20:00")

    officer.goto(f"{app_url}{vote_path.replace('/vote/', '/admin/campaigns/')}")
    officer.click("#campaign-close")
    officer.click("#campaign-close-confirm")
    expect(officer.locator("#campaign-close")).to_have_count(0, timeout=SLOW)

    officer.goto(f"{app_url}/admin/raid-times")
    vote = officer.locator(".studio-vote").first
    expect(vote).to_contain_text("Winner: Wed 20:00–23:00 America/Chicago", timeout=SLOW)
    from_day = datetime.now(UTC).date() + timedelta(days=AHEAD)
    vote.locator("input[name=from_day]").fill(from_day.isoformat())
    vote.locator("input[name=weeks]").fill("3")
    vote.locator("input[name=title]").fill(NEW_TITLE)
    vote.locator(".studio-apply").click()
    expect(vote).to_contain_text(f"applied from {from_day:%d %b %Y}", timeout=SLOW)

    with Session(_database()) as session:
        new = session.exec(select(RaidEvent).where(RaidEvent.title == NEW_TITLE)).all()
        old = session.get(RaidEvent, own_old_raid)
    assert len(new) == 3 and {e.event_date.weekday() for e in new} == {2}
    assert all(e.end_time_utc - e.start_time_utc == timedelta(hours=3) for e in new)
    assert old.cancelled_at is not None
