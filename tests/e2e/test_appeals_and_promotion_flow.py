"""A member says their record is wrong on /events (on a phone, 390 px), an officer accepts the
appeal on the raid's attendance page, and the member sees the answer; an officer promotes a
player the rules say is due on /admin/players.

The raids and the promoted player are the test's own and are deleted afterwards (the appeal
and its audit line with them): other e2e files share this database in any order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from playwright.sync_api import Browser, expect
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from tests.databases import server_admin_url
from tests.e2e.conftest import ARTIFACTS, logged_in_page

PHONE = 390
APPEAL_RAID = "Appeal night"
PROMO_RAID = "Promotion night"
PROMOTEE = "Promotee Zed"


def _sql(statement: str, **values):
    engine = create_engine(make_url(server_admin_url()).set(database="patt_e2e"))
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement), values)
            return result.all() if result.returns_rows else None
    finally:
        engine.dispose()


def _one(statement: str, **values):
    ((value,),) = _sql(statement, **values)
    return value


def _event(title: str, start: datetime, season: int | None) -> int:
    return _one(
        "INSERT INTO patt.raid_events (title, event_date, start_time_utc, end_time_utc, "
        "season_id) VALUES (:t, :d, :s, :e, :season) RETURNING id",
        t=title,
        d=start.date(),
        s=start,
        e=start + timedelta(hours=2),
        season=season,
    )


def _appeal_raid(now: datetime) -> tuple[int, int]:
    """A held raid of the current season the demo member signed up for and missed."""
    season = _one(
        "SELECT id FROM patt.raid_seasons WHERE is_active AND start_date <= :d "
        "ORDER BY start_date DESC LIMIT 1",
        d=now.date(),
    )
    member = _one(
        "SELECT p.id FROM guild_identity.players p JOIN common.users u "
        "ON u.id = p.website_user_id WHERE u.discord_username = :u",
        u=DEMO_MEMBER,
    )
    event_id = _event(APPEAL_RAID, now - timedelta(hours=20), season)
    _sql(
        "INSERT INTO patt.raid_attendance (event_id, player_id, signed_up, source) "
        "VALUES (:e, :p, true, 'manual')",
        e=event_id,
        p=member,
    )
    return event_id, member


def _promotee(now: datetime) -> int:
    """An Initiate who came to every raid of the last four weeks, six of them the test's own
    (season-less); their rows go with them."""
    player = _one(
        "INSERT INTO guild_identity.players (display_name, is_active, guild_rank_id, created_at,"
        " guild_rank_source)"
        " VALUES (:n, true, (SELECT id FROM common.guild_ranks WHERE level = 1), :c, "
        "'admin_override') "
        "RETURNING id",
        n=PROMOTEE,
        c=now - timedelta(days=60),
    )
    for day in range(6):
        event_id = _event(PROMO_RAID, now - timedelta(days=2 + day * 3), None)
        _sql(
            "INSERT INTO patt.raid_attendance (event_id, player_id, signed_up, attended, "
            "source) VALUES (:e, :p, true, true, 'manual')",
            e=event_id,
            p=player,
        )
    _sql(  # and to every other raid held in those weeks: all of them count
        "INSERT INTO patt.raid_attendance (event_id, player_id, signed_up, attended, source) "
        "SELECT id, :p, true, true, 'manual' FROM patt.raid_events WHERE cancelled_at IS NULL "
        "AND start_time_utc >= :since AND end_time_utc <= :now ON CONFLICT DO NOTHING",
        p=player,
        since=now - timedelta(weeks=4),
        now=now,
    )
    return player


def _remove() -> None:
    """Everything the test made (found by name: also after a set-up that stopped half-way)."""
    _sql(
        "DELETE FROM guild_identity.audit_issues WHERE issue_type = 'attendance_appeal' AND "
        "(details->>'event_id')::int IN (SELECT id FROM patt.raid_events WHERE title = :t)",
        t=APPEAL_RAID,
    )
    _sql("DELETE FROM patt.raid_events WHERE title = ANY(:t)", t=[APPEAL_RAID, PROMO_RAID])
    _sql(
        "DELETE FROM guild_identity.audit_issues WHERE issue_type = 'rank_set_by_hand' AND "
        "(details->>'player_id')::int IN "
        "(SELECT id FROM guild_identity.players WHERE display_name = :n)",
        n=PROMOTEE,
    )
    _sql("DELETE FROM guild_identity.players WHERE display_name = :n", n=PROMOTEE)


def test_a_member_appeals_on_a_phone_and_an_officer_accepts(app_url: str, browser: Browser):
    _remove()
    event_id, member_id = _appeal_raid(datetime.now(UTC))
    member = logged_in_page(browser, app_url, DEMO_MEMBER)
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    try:
        member.set_viewport_size({"width": PHONE, "height": 844})
        member.goto(f"{app_url}/events")
        row = member.locator(".past-event", has_text=APPEAL_RAID)
        expect(row).to_contain_text("missed")
        expect(row).to_contain_text("No Warcraft Logs evidence.")
        row.locator(".appeal-open").click()
        reason = member.locator("textarea[name=reason]")
        reason.fill("x" * 600)  # the field stops at 500
        expect(reason).to_have_value("x" * 500)
        reason.fill("I was there all night, on my alt Zedalt.")
        member.screenshot(path=str(ARTIFACTS / "appeal-phone-form.png"), full_page=True)
        member.locator(".appeal-send").click()  # the form is in a popover
        expect(member.get_by_text("Appeal sent")).to_be_visible()
        expect(row).to_contain_text("Your appeal waits for an officer")
        expect(row.locator(".appeal-open")).to_have_count(0)  # one open appeal per raid

        officer.goto(f"{app_url}/admin/audit")
        waiting = officer.locator(".audit-issue", has_text="Demo Member appeals")
        expect(waiting).to_contain_text("on my alt Zedalt")
        waiting.get_by_role("link", name="Answer on the attendance page").click()
        officer.wait_for_url(f"**/admin/events/{event_id}")
        appeal = officer.locator(".appeal-row", has_text="Demo Member")
        expect(appeal).to_contain_text("on my alt Zedalt")
        appeal.locator(".appeal-answer").select_option("attended")
        appeal.locator("[name=note]").fill("Confirmed with the raid leader.")
        officer.screenshot(path=str(ARTIFACTS / "appeal-officer.png"), full_page=True)
        appeal.locator(".appeal-send").click()
        expect(officer.get_by_text("Appeal accepted: the record is now attended")).to_be_visible()
        expect(officer.locator(".appeal-row")).to_have_count(0)

        expect(row).to_contain_text("Appeal accepted: your record is now attended.")
        expect(row).to_contain_text("Confirmed with the raid leader.")
        expect(row.locator(".rt-Badge").first).to_have_text("attended")
        member.screenshot(path=str(ARTIFACTS / "appeal-phone-answered.png"), full_page=True)
        recorded = _one(
            "SELECT status FROM patt.raid_attendance_status WHERE event_id = :e AND player_id = :p",
            e=event_id,
            p=member_id,
        )
        assert recorded == "attended"
        officer.goto(f"{app_url}/admin/audit")
        answered = officer.locator(".resolved-issue", has_text="Demo Member appeals")
        expect(answered).to_contain_text("Record changed from missed to attended by Demo Officer")
        officer.screenshot(path=str(ARTIFACTS / "appeal-audit.png"), full_page=True)
    finally:
        member.context.close()
        officer.context.close()
        _remove()


def test_an_officer_promotes_a_due_player(app_url: str, browser: Browser):
    _remove()
    player_id = _promotee(datetime.now(UTC))
    officer = logged_in_page(browser, app_url, DEMO_OFFICER)
    try:
        officer.goto(f"{app_url}/admin/players")
        due = officer.locator(".due-row", has_text=PROMOTEE)
        expect(due).to_contain_text("raids in 4 weeks, 100 %, 0 no-shows")
        expect(due).to_contain_text("Initiate → Member")
        officer.screenshot(path=str(ARTIFACTS / "promotion-board.png"), full_page=True)
        due.locator(".promote").click()
        expect(officer.get_by_text(f"{PROMOTEE} is now Member.")).to_be_visible()
        expect(due).to_have_count(0)
        rank, source = _sql(
            "SELECT r.level, p.guild_rank_source FROM guild_identity.players p "
            "JOIN common.guild_ranks r ON r.id = p.guild_rank_id WHERE p.id = :p",
            p=player_id,
        )[0]
        assert (rank, source) == (2, "admin_override")
        officer.goto(f"{app_url}/admin/audit")  # who promoted whom is in the history
        line = officer.locator(".resolved-issue", has_text=f"{PROMOTEE}: Initiate → Member")
        expect(line).to_contain_text("pinned by hand")
        expect(line).to_contain_text("Demo Officer")
        officer.set_viewport_size({"width": PHONE, "height": 844})
        officer.goto(f"{app_url}/admin/reference-tables")
        expect(officer.locator(".promotion-rule").first).to_be_visible()
        officer.screenshot(path=str(ARTIFACTS / "promotion-rules-phone.png"), full_page=True)
    finally:
        officer.context.close()
        _remove()
