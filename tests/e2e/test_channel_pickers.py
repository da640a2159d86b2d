"""Once the bot has reported the server's channels, an officer picks channels by name — for
the guild's announcements on /admin/discord and for one raid on /admin/events — and the id is
what is saved. (Without a report the fields stay channel-id fields: test_discord_admin_flow.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_OFFICER
from patt_app.models import DiscordBotStatus, DiscordConfig, RaidEvent
from tests.e2e.conftest import logged_in_page
from tests.e2e.watched_pages import _database

SIGNUPS, OFFICERS = "223456789012345678", "323456789012345678"
CHANNELS = [{"id": SIGNUPS, "name": "raid-signups"}, {"id": OFFICERS, "name": "officers"}]
TITLE = "Channel picker raid"


@pytest.fixture
def reported_channels() -> Iterator[None]:
    """The bot's last report names two channels; everything is put back afterwards."""
    with Session(_database()) as session:
        status = session.get(DiscordBotStatus, 1)
        before = list(status.channels) if status is not None else None
        status = status or DiscordBotStatus(id=1)
        status.channels = CHANNELS
        session.add(status)
        config = session.exec(select(DiscordConfig)).first()
        saved = (
            (config.default_announcement_channel_id, config.audit_channel_id) if config else None
        )
        session.commit()
    yield
    with Session(_database()) as session:
        status = session.get(DiscordBotStatus, 1)
        if before is None:
            session.delete(status)
        else:
            status.channels = before
            session.add(status)
        config = session.exec(select(DiscordConfig)).first()
        if config is not None:  # as before (no row before: no channels)
            config.default_announcement_channel_id, config.audit_channel_id = saved or (None, None)
            session.add(config)
        for event in session.exec(select(RaidEvent).where(RaidEvent.title == TITLE)):
            session.delete(event)
        session.commit()


@pytest.mark.usefixtures("reported_channels")
def test_channels_are_picked_by_name_and_saved_by_id(browser: Browser, app_url: str):
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    officer.goto(f"{app_url}/admin/discord")
    announcements = officer.locator("select[name=announcement_channel_id]")
    expect(announcements).to_be_visible()
    announcements.select_option(label="#raid-signups")
    officer.locator("select[name=audit_channel_id]").select_option(label="#officers")
    officer.click("#save-channels")
    expect(officer.get_by_text("Channels saved.")).to_be_visible()
    with Session(_database()) as session:
        config = session.exec(select(DiscordConfig)).one()
        assert (config.default_announcement_channel_id, config.audit_channel_id) == (
            SIGNUPS,
            OFFICERS,
        )

    officer.goto(f"{app_url}/admin/events")
    officer.fill("#event-title", TITLE)
    officer.locator("#event-date").fill("2031-02-04")
    officer.locator("select[name=discord_channel_id]").select_option(label="#officers")
    officer.click("#event-save")
    expect(officer.get_by_text("Event created")).to_be_visible()
    with Session(_database()) as session:
        event = session.exec(select(RaidEvent).where(RaidEvent.title == TITLE)).one()
        assert event.discord_channel_id == OFFICERS
