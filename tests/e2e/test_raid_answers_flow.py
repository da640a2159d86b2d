"""A member answers a raid on /events with the same choices as the raid's Discord post: sign
up (their seat), late (roughly how late), bench (will sit if needed), tentative, can't come —
with their own player and raid, removed afterwards (other e2e files share the database)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_PASSWORD
from patt_app.models import Player, RaidAttendance, RaidEvent, Role, Specialization, User
from patt_app.services.accounts.passwords import hash_password
from patt_app.settings import PROJECT_ROOT
from tests.e2e.conftest import log_in
from tests.e2e.page_crawl import watch_errors
from tests.e2e.watched_pages import _database

LOGIN, TITLE = "e2e-answers", "Answers test raid"


@pytest.fixture
def own_raid() -> Iterator[int]:
    """A raider of our own (healer, off-spec tank, New York) and a raid of 2 seats in three
    days."""
    start = (datetime.now(UTC) + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    with Session(_database()) as session:
        spec, tank = (
            session.exec(
                select(Specialization)
                .join(Role, Role.id == Specialization.default_role_id)
                .where(Role.key == role)
            ).first()
            for role in ("healer", "tank")
        )
        user = User(discord_username=LOGIN, password_hash=hash_password(DEMO_PASSWORD))
        session.add(user)
        session.flush()
        session.add(
            Player(
                display_name="Answers Tester",
                website_user_id=user.id,
                main_spec_id=spec.id,
                offspec_spec_id=tank.id,
                timezone="America/New_York",
            )
        )
        event = RaidEvent(
            title=TITLE,
            event_date=start.date(),
            start_time_utc=start,
            end_time_utc=start + timedelta(hours=3),
            raid_size=2,
        )
        session.add(event)
        session.commit()
        event_id, user_id = event.id, user.id
    yield event_id
    with Session(_database()) as session:
        session.delete(session.get(RaidEvent, event_id))  # its answers go with it
        player = session.exec(select(Player).where(Player.website_user_id == user_id)).one()
        session.delete(player)
        session.delete(session.get(User, user_id))
        session.commit()


@pytest.mark.parametrize("width", [1300, 390])
def test_the_same_choices_as_the_discord_post(browser: Browser, app_url: str, own_raid, width):
    page = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
    page.set_default_timeout(20_000)
    errors: list = []
    watch_errors(page, errors)
    log_in(page, app_url, LOGIN)  # the login check reads the header's name, shown at 1300 px
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{app_url}/events")
    card = page.locator(".upcoming-event", has_text=TITLE)

    card.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("as Healer — seat 1 of 2.")).to_be_visible()
    expect(card.locator(".event-detail")).to_have_text("seat 1 of 2")
    card.locator("select.signup-role").select_option("tank")  # the off-spec's role instead
    expect(page.get_by_text("as Tank — seat 1 of 2.")).to_be_visible()
    expect(card.locator("select.signup-role")).to_have_value("tank")

    card.get_by_role("button", name="Late").click()
    page.locator("input[name=minutes]").fill("20")
    page.get_by_role("button", name="I'll be late").click()
    expect(card.locator(".event-detail")).to_have_text("about 20 min late, seat 1 of 2")
    expect(card).to_contain_text("late")

    card.get_by_role("button", name="Bench").click()
    expect(card).to_contain_text("bench volunteer")
    expect(card.locator(".event-detail")).to_have_text("will sit if needed, seat 1 of 2")
    page.screenshot(path=str(PROJECT_ROOT / "test-results" / f"raid-answers-{width}.png"))

    card.get_by_role("button", name="Tentative").click()
    expect(card).to_contain_text("tentative")
    expect(card.get_by_role("button", name="Tentative")).to_have_count(0)

    # On a phone the stacked confirmations cover the lower screen: let them go, as one would.
    page.mouse.move(5, 5)  # a pointer resting on them holds them
    expect(page.locator("[data-sonner-toast]")).to_have_count(0, timeout=20_000)
    card.get_by_role("button", name="Can't make it").click()
    page.get_by_placeholder("Why? (officers see this)").fill("exam week")
    page.get_by_role("button", name="Send excuse").click()
    expect(card).to_contain_text("excused")
    assert errors == []
    with Session(_database()) as session:
        row = session.exec(select(RaidAttendance).where(RaidAttendance.event_id == own_raid)).one()
        assert (row.signed_up, row.noted_absence, row.absence_note) == (False, True, "exam week")
        assert not row.tentative and row.late_minutes is None and not row.bench_volunteer
