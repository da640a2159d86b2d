"""Without a bot token: an officer opens /admin/discord and sees how to connect Discord, sets
the channels (a wrong id is refused and changes nothing), switches reminders by DM off; and in
the player manager "Send invite by DM" still gives the code and says to copy the link."""

import re

from playwright.sync_api import Browser, expect

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from tests.e2e.conftest import logged_in_page

GOOD_CHANNEL = "123456789012345678"


def test_officer_sees_the_setup_steps_and_sets_channels_and_switches(browser: Browser, app_url):
    page = logged_in_page(browser, app_url, DEMO_OFFICER)
    page.goto(f"{app_url}/admin/discord")
    expect(page.locator("#discord-setup")).to_contain_text("Server Members privileged intent")
    expect(page.locator("#discord-setup")).to_contain_text("DISCORD_BOT_TOKEN")
    expect(page.locator("#discord-state")).to_have_text("not configured")
    expect(page.locator("#sync-members-now")).to_be_disabled()
    # times in the officer's zone, by the browser; a sync that never ran says so
    expect(page.locator("#discord-status")).to_contain_text(re.compile(r"Member sync\s*never"))

    page.fill("input[name=announcement_channel_id]", "general")
    page.click("#save-channels")
    expect(page.get_by_text("a number of 15 to 21 digits")).to_be_visible()
    page.reload()
    expect(page.locator("input[name=announcement_channel_id]")).to_have_value("")

    page.fill("input[name=announcement_channel_id]", GOOD_CHANNEL)
    page.click("#save-channels")
    expect(page.get_by_text("Channels saved.")).to_be_visible()
    page.locator("#dm-switch").click()
    expect(page.get_by_text("Reminders go to the event's channel.")).to_be_visible()

    page.reload()
    expect(page.locator("input[name=announcement_channel_id]")).to_have_value(GOOD_CHANNEL)
    expect(page.locator("#dm-switch")).to_have_attribute("data-state", "unchecked")
    page.locator("#dm-switch").click()  # back as it was, for the other tests
    expect(page.get_by_text("Reminders go by DM.")).to_be_visible()


def test_a_member_gets_officers_only_on_the_discord_page(browser: Browser, app_url):
    page = logged_in_page(browser, app_url, DEMO_MEMBER)
    page.goto(f"{app_url}/admin/discord")
    expect(page.get_by_role("heading", name="Officers only")).to_be_visible()
    expect(page.locator("#discord-status")).to_have_count(0)


def test_send_invite_by_dm_without_the_bot_gives_the_link_to_copy(browser: Browser, app_url):
    page = logged_in_page(browser, app_url, DEMO_OFFICER)
    page.goto(f"{app_url}/admin/players")
    buttons = page.locator(".player-actions")
    expect(buttons.first).to_be_visible()
    for index in range(buttons.count()):
        buttons.nth(index).click()
        item = page.get_by_role("menuitem", name="Send invite by DM")
        if item.count():
            item.click()
            break
        page.keyboard.press("Escape")
    else:
        raise AssertionError("no player with a Discord account and no website account")
    expect(page.locator("#dm-status")).to_contain_text(
        "The Discord bot is not connected — copy the link instead."
    )
    expect(page.locator("#invite-code")).to_have_text(re.compile(r"^[A-Z2-9]{8}$"))
    expect(page.locator("#invite-link")).to_contain_text("/register?code=")


def test_onboarding_page_says_when_it_is_off_and_follows_the_switch(browser: Browser, app_url):
    page = logged_in_page(browser, app_url, DEMO_OFFICER)
    page.goto(f"{app_url}/admin/onboarding")
    expect(page.locator("#onboarding-off")).to_contain_text("Onboarding is switched off")
    expect(page.locator("#no-sessions")).to_be_visible()

    page.goto(f"{app_url}/admin/discord")
    page.locator("#onboarding-switch").click()
    expect(page.get_by_text("Onboarding switched on.")).to_be_visible()
    page.goto(f"{app_url}/admin/onboarding")
    expect(page.locator("#no-sessions")).to_be_visible()
    expect(page.locator("#onboarding-off")).to_have_count(0)

    page.goto(f"{app_url}/admin/discord")  # off again, as the other tests expect
    page.locator("#onboarding-switch").click()
    expect(page.get_by_text("Onboarding switched off.")).to_be_visible()


def test_officer_sets_the_raid_voice_channel_by_id_without_a_bot(browser: Browser, app_url):
    """No bot has listed the server's voice channels: a labelled id field; a wrong id is
    refused; the channel is cleared again afterwards, as the other tests expect."""
    page = logged_in_page(browser, app_url, DEMO_OFFICER)
    page.goto(f"{app_url}/admin/discord")
    form = page.locator("#discord-voice-channel")
    expect(form).to_contain_text("Raid voice channel")
    expect(form).to_contain_text("30 minutes before a raid")
    try:
        page.fill("#raid-voice-channel", "Raid voice")
        page.click("#save-voice-channel")
        expect(page.get_by_text("a number of 15 to 21 digits")).to_be_visible()
        page.fill("#raid-voice-channel", GOOD_CHANNEL)
        page.click("#save-voice-channel")
        expect(page.get_by_text("Raid voice channel saved.")).to_be_visible()
        page.reload()
        expect(page.locator("#raid-voice-channel")).to_have_value(GOOD_CHANNEL)
    finally:
        page.fill("#raid-voice-channel", "")
        page.click("#save-voice-channel")
        expect(page.get_by_text("Raid voice channel saved.")).to_have_count(1)
        page.reload()
        expect(page.locator("#raid-voice-channel")).to_have_value("")
