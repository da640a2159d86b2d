"""After a raid an officer opens its attendance page, presses "Import now", and (through the
one runner, against the fake Warcraft Logs, which first answers 429) sees who came, who was
late and who never showed, with the evidence, and a name no player owns; "Accept all
suggestions" records it in one click, and each row stays editable.

The test's raid and raiders are its own (inactive players, an event without a season), and
are deleted afterwards: other e2e files share this database in any order."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Browser, expect
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from patt_app.demo.guild import DEMO_OFFICER
from tests.databases import server_admin_url
from tests.e2e.conftest import ARTIFACTS, logged_in_page
from tests.support.fake_warcraftlogs import FakeActor, FakeFight, FakeReport, FakeWarcraftLogs

RAIDERS = {"Evidora": "signed", "Latecomb": "signed", "Noshowen": "signed", "Walkinna": "none"}
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
        "INSERT INTO patt.raid_events (title, event_date, start_time_utc, end_time_utc) "
        "VALUES ('Evidence night', :d, :s, :e) RETURNING id",
        d=start.date(),
        s=start,
        e=start + timedelta(hours=2),
    )
    for name, answer in RAIDERS.items():
        ((player_id,),) = _sql(
            "INSERT INTO guild_identity.players (display_name, is_active) VALUES (:n, false) "
            "RETURNING id",
            n=name,
        )
        ((character_id,),) = _sql(
            "INSERT INTO guild_identity.wow_characters (character_name, realm_slug, realm_name,"
            " level) VALUES (:n, 'senjin', 'Sen''jin', 80) RETURNING id",
            n=name,
        )
        _sql(
            "INSERT INTO guild_identity.player_characters (player_id, character_id, link_source,"
            " confidence) VALUES (:p, :c, 'manual', 'high')",
            p=player_id,
            c=character_id,
        )
        if answer == "signed":
            _sql(
                "INSERT INTO patt.raid_attendance (event_id, player_id, signed_up, source) "
                "VALUES (:e, :p, true, 'manual')",
                e=event_id,
                p=player_id,
            )
    return event_id


def _remove() -> None:
    """Everything `_raid` made (found by name: also after a set-up that stopped half-way)."""
    _sql("DELETE FROM patt.raid_events WHERE title = 'Evidence night'")
    names = list(RAIDERS)
    _sql("DELETE FROM guild_identity.wow_characters WHERE character_name = ANY(:n)", n=names)
    _sql("DELETE FROM guild_identity.players WHERE display_name = ANY(:n)", n=names)


def _report(start: datetime) -> FakeReport:
    actors = [
        FakeActor(1, "Evidora", "Senjin"),
        FakeActor(2, "Latecomb", "Senjin"),
        FakeActor(3, "Walkinna", "Senjin"),
        FakeActor(4, "Pugsley", "Stormrage"),
    ]
    fights = [
        FakeFight(1, start + 3 * MIN, start + 9 * MIN, [1, 3, 4]),
        FakeFight(2, start + 40 * MIN, start + 48 * MIN, [1, 2, 3, 4]),
        FakeFight(3, start + 100 * MIN, start + 115 * MIN, [1, 2, 3], "Boss", 3010),
    ]
    return FakeReport("EvidenceNight0001", start, start + 2 * timedelta(hours=1), actors, fights)


def test_an_officer_imports_a_raid_from_warcraft_logs_and_accepts_the_suggestions(
    browser: Browser, app_url: str, fake_warcraftlogs: FakeWarcraftLogs
):
    # Ended four days ago: outside the scheduled import's three days (`log_import.RECENT`), so
    # only "Import now" imports it, whenever the 15-minute job happens to run.
    start = (datetime.now(UTC) - timedelta(days=4)).replace(second=0, microsecond=0)
    report = _report(start)
    page = logged_in_page(browser, app_url, DEMO_OFFICER)
    try:
        event_id = _raid(start)
        fake_warcraftlogs.reports.append(report)
        fake_warcraftlogs.trouble = [429]  # out of points at first: the import waits, then runs
        page.goto(f"{app_url}/admin/events/{event_id}")
        expect(page.locator("#checklist-title")).to_contain_text("Evidence night")
        expect(page.locator("#import-status")).to_have_text("Not imported yet")
        expect(page.locator("#accept-all")).to_have_count(0)

        page.click("#import-now")
        expect(page.locator("#import-status")).to_have_text(
            "Imported from Warcraft Logs", timeout=60_000
        )  # no reload: the runner's job announces it
        assert fake_warcraftlogs.answered_trouble >= 1
        expect(page.locator("#import-message")).to_contain_text("4 players in 3 fights")
        row = {name: page.locator(".checklist-row", has_text=name) for name in RAIDERS}
        expect(row["Evidora"].locator(".suggestion")).to_have_text("attended")
        expect(row["Latecomb"].locator(".suggestion")).to_have_text("late")
        expect(row["Latecomb"]).to_contain_text("first fight 37 min after the raid began")
        expect(row["Noshowen"].locator(".suggestion")).to_have_text("no-show")
        expect(row["Walkinna"].locator(".suggestion")).to_have_text("came (not signed up)")
        expect(row["Evidora"].locator(".logs-cell")).to_contain_text("3 of 3 fights")
        expect(page.locator("#unknown-names")).to_contain_text("Pugsley")

        page.click("#accept-all")
        expect(page.get_by_text("4 suggestions recorded")).to_be_visible()
        for name in ("Evidora", "Latecomb", "Walkinna"):
            expect(row[name].locator(".attended-box")).to_have_attribute("data-state", "checked")
        expect(row["Noshowen"].locator(".attended-box")).to_have_attribute(
            "data-state", "unchecked"
        )
        expect(row["Latecomb"].locator(".recorded")).to_contain_text("late")
        expect(row["Latecomb"].locator(".suggestion-phone")).to_be_hidden()  # has its column
        page.screenshot(path=str(ARTIFACTS / "attendance-evidence-1300.png"), full_page=True)

        # each stays editable: Noshowen was there after all (the officer knows)
        row["Noshowen"].locator(".attended-box").click()
        expect(row["Noshowen"].locator(".attended-box")).to_have_attribute("data-state", "checked")
        expect(row["Noshowen"].locator(".recorded")).to_have_count(0)
        assert _sql(
            "SELECT p.display_name, s.status FROM patt.raid_attendance_status s "
            "JOIN guild_identity.players p ON p.id = s.player_id WHERE s.event_id = :e "
            "ORDER BY 1",
            e=event_id,
        ) == [("Evidora", "attended"), ("Latecomb", "late"), ("Walkinna", "came (not signed up)")]

        page.goto(f"{app_url}/admin/jobs")  # the import ran as a job of the one runner
        expect(page.locator("#job-warcraft_logs_import")).to_contain_text("Warcraft logs import")
        run = page.locator(".run-row", has_text="EvidenceNight0001").first
        # the e2e tests share one guild: another test's raid that night may come from the same
        # report, so the run may import more than this one raid
        expect(run).to_contain_text(re.compile(r"\d+ raids? imported"))
        expect(run).to_contain_text("4 players in 3 fights (report EvidenceNight0001)")
        expect(run).to_contain_text("manual")

        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{app_url}/admin/events/{event_id}")
        expect(page.locator("#import-status")).to_have_text("Imported from Warcraft Logs")
        phone_row = page.locator(".checklist-row", has_text="Latecomb")
        expect(phone_row.locator(".suggestion-phone")).to_have_text("late")  # under the name
        page.screenshot(path=str(ARTIFACTS / "attendance-evidence-390.png"), full_page=True)
    finally:
        page.context.close()
        if report in fake_warcraftlogs.reports:
            fake_warcraftlogs.reports.remove(report)
        fake_warcraftlogs.trouble = []
        _remove()
