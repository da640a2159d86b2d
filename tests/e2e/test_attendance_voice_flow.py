"""After a raid held in its own voice channel an officer opens its attendance page and sees,
beside the (absent) log evidence, each player's minutes in voice with late / left early, and
suggestions from voice alone; "Accept all suggestions" records them; the raid's voice channel
can be changed on the page.

The stays are written as the bot writes them (its own protocol test covers the bot). The
raid, raiders and their Discord accounts are the test's own and are deleted afterwards: other
e2e files share this database in any order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from playwright.sync_api import Browser, expect
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from patt_app.demo.guild import DEMO_OFFICER
from tests.databases import server_admin_url
from tests.e2e.conftest import ARTIFACTS, logged_in_page

CHANNEL, OTHER = "733333333333333301", "733333333333333302"
# name → (signed up, their stays as minutes from the start: (joined, left or None))
RAIDERS = {
    "Vocalia": (True, [(-20, 50), (53, None)]),
    "Tardimus": (True, [(25, None)]),
    "Quietude": (True, []),
    "Dropsy": (True, [(-5, 60)]),
}
MIN = timedelta(minutes=1)


def _sql(statement: str, **values):
    engine = create_engine(make_url(server_admin_url()).set(database="patt_e2e"))
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement), values)
            return result.all() if result.returns_rows else None
    finally:
        engine.dispose()


def _raid(start: datetime) -> int:
    ((event_id,),) = _sql(
        "INSERT INTO patt.raid_events (title, event_date, start_time_utc, end_time_utc,"
        " voice_channel_id) VALUES ('Voice night', :d, :s, :e, :c) RETURNING id",
        d=start.date(),
        s=start,
        e=start + timedelta(hours=3),
        c=CHANNEL,
    )
    for n, (name, (signed, stays)) in enumerate(RAIDERS.items()):
        discord_id = f"7444444444444444{n:02d}"
        ((user_id,),) = _sql(
            "INSERT INTO guild_identity.discord_users (discord_id, username) VALUES (:d, :n)"
            " RETURNING id",
            d=discord_id,
            n=name.lower(),
        )
        ((player_id,),) = _sql(
            "INSERT INTO guild_identity.players (display_name, is_active, discord_user_id)"
            " VALUES (:n, false, :u) RETURNING id",
            n=name,
            u=user_id,
        )
        if signed:
            _sql(
                "INSERT INTO patt.raid_attendance (event_id, player_id, signed_up, source) "
                "VALUES (:e, :p, true, 'manual')",
                e=event_id,
                p=player_id,
            )
        for joined, left in stays:
            _sql(
                "INSERT INTO patt.raid_voice_stays (event_id, discord_id, channel_id, joined_at,"
                " left_at) VALUES (:e, :d, :c, :j, :l)",
                e=event_id,
                d=discord_id,
                c=CHANNEL,
                j=start + joined * MIN,
                l=start + left * MIN if left is not None else None,
            )
    return event_id


def _remove() -> None:
    """Everything `_raid` made (found by name: also after a set-up that stopped half-way)."""
    _sql("DELETE FROM patt.raid_events WHERE title = 'Voice night'")
    names = list(RAIDERS)
    _sql("DELETE FROM guild_identity.players WHERE display_name = ANY(:n)", n=names)
    _sql("DELETE FROM guild_identity.discord_users WHERE discord_id LIKE '7444444444444444%'")


def test_an_officer_sees_voice_presence_and_accepts_what_it_suggests(browser: Browser, app_url):
    start = (datetime.now(UTC) - timedelta(hours=5)).replace(second=0, microsecond=0)
    _remove()
    page = logged_in_page(browser, app_url, DEMO_OFFICER)
    try:
        event_id = _raid(start)
        page.goto(f"{app_url}/admin/events/{event_id}")
        expect(page.locator("#checklist-title")).to_contain_text("Voice night")
        expect(page.locator("#voice-status")).to_contain_text(CHANNEL)
        expect(page.locator("#voice-status")).to_contain_text("this raid's own")
        row = {name: page.locator(".checklist-row", has_text=name) for name in RAIDERS}
        expect(row["Vocalia"].locator(".voice-evidence")).to_have_text("177 min in voice")
        expect(row["Tardimus"].locator(".voice-evidence")).to_contain_text("155 min in voice")
        expect(row["Tardimus"].locator(".voice-evidence")).to_contain_text("late")
        expect(row["Dropsy"].locator(".voice-evidence")).to_contain_text("left early")
        expect(row["Quietude"].locator(".voice-evidence")).to_have_text("not in voice")
        expect(row["Vocalia"].locator(".suggestion")).to_have_text("attended")
        expect(row["Tardimus"].locator(".suggestion")).to_have_text("late")
        expect(row["Dropsy"].locator(".suggestion")).to_have_text("left early")
        expect(row["Quietude"].locator(".suggestion")).to_have_text("no-show")
        expect(row["Tardimus"]).to_contain_text("attended by voice")

        page.click("#accept-all")
        expect(page.get_by_text("4 suggestions recorded")).to_be_visible()
        expect(row["Tardimus"].locator(".attended-box")).to_have_attribute("data-state", "checked")
        expect(row["Quietude"].locator(".attended-box")).to_have_attribute(
            "data-state", "unchecked"
        )
        expect(row["Dropsy"].locator(".recorded")).to_contain_text("left early")
        page.screenshot(path=str(ARTIFACTS / "attendance-voice-1300.png"), full_page=True)

        page.fill("#event-voice-channel", OTHER)
        page.click("#save-event-voice")
        expect(page.get_by_text("This raid's voice channel saved.")).to_be_visible()
        expect(page.locator("#voice-status")).to_contain_text(OTHER)
        assert _sql("SELECT voice_channel_id FROM patt.raid_events WHERE id = :e", e=event_id) == [
            (OTHER,)
        ]
        page.fill("#event-voice-channel", "not-a-channel")
        page.click("#save-event-voice")
        expect(page.get_by_text("15 to 21 digits")).to_be_visible()
    finally:
        page.context.close()
        _remove()
