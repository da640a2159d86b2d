"""Warcraft Logs imports against the fake Warcraft Logs (real HTTP, GraphQL executed against
the real schema's shape) and a real database: what an officer would see on the attendance
page afterwards — who was there, who was late, unknown names, refusals — and that busy
answers (429, 5xx) cost a wait, not the import."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_OFFICER
from patt_app.integrations.warcraftlogs.client import WarcraftLogsClient, WarcraftLogsError
from patt_app.integrations.warcraftlogs.importer import import_due
from patt_app.models import (
    GuildRank,
    Player,
    PlayerCharacter,
    RaidAttendance,
    RaidAttendanceStatus,
    RaidEvent,
    RaidLogImport,
    RaidLogPresence,
    RaidSeason,
    WowCharacter,
)
from patt_app.services.errors import InvalidInput
from patt_app.services.raids.attendance_csv import report_csv
from patt_app.services.raids.attendance_report import player_history, season_report
from patt_app.services.raids.evidence_review import accept_all, evidence_review, set_by_hand
from patt_app.services.raids.log_import import due_imports, queue_import, start_import
from patt_app.settings import Settings
from patt_app.states.admin.attendance import AdminRaidAttendanceState
from tests.browser_session import give_session
from tests.support.fake_warcraftlogs import FakeActor, FakeFight, FakeReport, FakeWarcraftLogs

NOW = datetime.now(UTC).replace(microsecond=0)
START = NOW - timedelta(hours=3)
END = NOW - timedelta(hours=1)
MIN = timedelta(minutes=1)
CODE, FOREIGN_CODE, OLD_CODE = "PattRaidReport01", "MethodReport0001", "PattOldReport001"


@pytest.fixture
def fake():
    server = FakeWarcraftLogs().start()
    yield server
    server.stop()


def _settings(fake: FakeWarcraftLogs) -> Settings:
    return Settings(**{k.lower(): v for k, v in fake.settings_env().items()})


class Sleeps:
    """The client's pauses, recorded instead of waited (the retry paths without waiting)."""

    def __init__(self) -> None:
        self.asked: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)


def _client(fake, sleeps=None, **kwargs) -> WarcraftLogsClient:
    return WarcraftLogsClient(
        api_url=f"{fake.url}/api/v2/client",
        token_url=f"{fake.url}/oauth/token",
        client_id="fake-wcl-client",
        client_secret="fake-wcl-secret",
        sleep=sleeps or Sleeps(),
        **kwargs,
    )


def _import(fake, client=None):
    async def go():
        async with client or _client(fake) as c:
            return await import_due(now=NOW, settings=_settings(fake), client=c)

    return asyncio.run(go())


def _guild(db: Session, log_url: str | None = None) -> dict[str, int]:
    """Four raiders with characters on Sen'jin (one on Sargeras) and tonight's raid."""
    rank = db.exec(select(GuildRank).where(GuildRank.level == 2)).one()
    event = RaidEvent(
        title="Heroic night",
        event_date=START.date(),
        start_time_utc=START,
        end_time_utc=END,
        log_url=log_url,
    )
    db.add(event)
    db.flush()
    ids = {"event": event.id}
    for name, realm, answer in (
        ("Alyssa", "senjin", "signed"),
        ("Brannoc", "senjin", "signed"),
        ("Cerys", "senjin", "signed"),
        ("Dorrin", "senjin", "excused"),
        ("Zatañña", "bleeding-hollow", "none"),
    ):
        player = Player(display_name=name, guild_rank_id=rank.id)
        character = WowCharacter(
            character_name=name, realm_slug=realm, realm_name=realm.title(), level=80
        )
        db.add(player)
        db.add(character)
        db.flush()
        db.add(PlayerCharacter(player_id=player.id, character_id=character.id))
        if answer != "none":
            db.add(
                RaidAttendance(
                    event_id=event.id,
                    player_id=player.id,
                    signed_up=answer == "signed",
                    noted_absence=answer == "excused",
                )
            )
        ids[name] = player.id
    db.commit()
    return ids


def _tonight(code=CODE, start=START, guild="Pull All The Things", slug="senjin") -> FakeReport:
    """Alyssa all night, Brannoc from 25 minutes in, Zatañña (not signed up) all night, a
    stranger from Sargeras; Cerys never; Dorrin excused."""
    actors = [
        FakeActor(1, "Alyssa", "Senjin"),
        FakeActor(2, "Brannoc", "Senjin"),
        FakeActor(3, "Zatañña", "BleedingHollow"),
        FakeActor(4, "Strangér", "Sargeras"),
    ]
    fights = [
        FakeFight(1, start + 2 * MIN, start + 8 * MIN, [1, 3, 4]),
        FakeFight(2, start + 25 * MIN, start + 31 * MIN, [1, 2, 3, 4]),
        FakeFight(3, start + 60 * MIN, start + 70 * MIN, [1, 2, 3]),
        FakeFight(4, start + 110 * MIN, start + 118 * MIN, [1, 2, 3], "Boss", 3009),
    ]
    return FakeReport(
        code=code,
        start=start,
        end=start + 2 * timedelta(hours=1),
        actors=actors,
        fights=fights,
        guild_name=guild,
        server_slug=slug,
    )


def test_a_busy_warcraft_logs_then_the_guilds_report_suggests_everyones_status(committed, fake):
    with Session(committed) as db:
        ids = _guild(db)
    fake.reports = [_tonight(), _tonight(FOREIGN_CODE, guild="Method", slug="tarren-mill")]
    fake.trouble = [429, 503]  # out of points, then a bad moment, then answers
    fake.retry_after = "7"
    sleeps = Sleeps()

    [outcome] = _import(fake, _client(fake, sleeps, retry_pauses=(0.01, 0.01, 0.01)))

    assert outcome.status == "imported", outcome.message
    assert outcome.codes == (CODE,)  # the other guild's report of that night is not asked for
    assert fake.answered_trouble == 2 and 7.0 in sleeps.asked  # the 429 waited as asked
    assert fake.token_requests == 1  # one token for every question
    with Session(committed) as db:
        review = evidence_review(session=db, event_id=ids["event"])
    assert review.import_status == "imported" and review.total_fights == 4
    suggested = {name: review.rows[ids[name]].suggestion for name in ids if name != "event"}
    assert suggested == {
        "Alyssa": "attended",
        "Brannoc": "late",
        "Cerys": "no-show",
        "Dorrin": "excused",
        "Zatañña": "came (not signed up)",
    }
    assert "first fight 23 min after the raid began" in review.rows[ids["Brannoc"]].evidence
    assert review.rows[ids["Alyssa"]].fights == 4
    assert [(u.name, u.realm, u.fights) for u in review.unknown] == [("Strangér", "Sargeras", 2)]


def test_accept_all_records_every_suggestion_and_each_stays_editable(committed, fake):
    with Session(committed) as db:
        ids = _guild(db)
    fake.reports = [_tonight()]
    _import(fake)

    with Session(committed) as db:
        assert accept_all(session=db, event_id=ids["event"], recorded_by="Officer", now=NOW) == 5
        db.commit()
        rows = {
            r.player_id: r
            for r in db.exec(select(RaidAttendance).where(RaidAttendance.event_id == ids["event"]))
        }
        review = evidence_review(session=db, event_id=ids["event"])
    came = {pid for pid, r in rows.items() if r.attended}
    assert came == {ids["Alyssa"], ids["Brannoc"], ids["Zatañña"]}
    assert rows[ids["Dorrin"]].noted_absence and not rows[ids["Cerys"]].attended
    assert rows[ids["Alyssa"]].source == "warcraft_logs" and rows[ids["Alyssa"]].character_id
    assert review.rows[ids["Brannoc"]].recorded == "late"

    with Session(committed) as db:  # the officer knows better: Brannoc was there on time
        set_by_hand(session=db, event_id=ids["event"], player_id=ids["Brannoc"], attended=True)
        db.commit()
        review = evidence_review(session=db, event_id=ids["event"])
    assert review.rows[ids["Brannoc"]].recorded == ""  # no longer "late"
    assert review.rows[ids["Alyssa"]].recorded == "attended"


def test_the_season_report_and_the_members_history_show_late_from_the_evidence(committed, fake):
    with Session(committed) as db:
        ids = _guild(db)
        season = RaidSeason(name="Evidence season", start_date=START.date() - timedelta(days=30))
        db.add(season)
        db.flush()
        event = db.get(RaidEvent, ids["event"])
        event.season_id = season.id
        db.add(event)
        for player in db.exec(select(Player)):  # they joined before the raid
            player.created_at = START - timedelta(days=10)
            db.add(player)
        db.commit()
        season_id = season.id
    fake.reports = [_tonight()]
    _import(fake)
    with Session(committed) as db:
        accept_all(session=db, event_id=ids["event"], recorded_by="Officer", now=NOW)
        db.commit()
        report = season_report(session=db, season_id=season_id, now=NOW)
        _, history = player_history(
            session=db, player_id=ids["Brannoc"], season_id=season_id, now=NOW
        )
        csv_rows = report_csv(report).splitlines()
    line = {p.display_name: p for p in report.players}
    assert (line["Brannoc"].attended, line["Brannoc"].late) == (1, 1)  # late still attended
    assert (line["Alyssa"].attended, line["Alyssa"].late, line["Alyssa"].left_early) == (1, 0, 0)
    assert [h.status for h in history] == ["late"]
    assert any(
        row.startswith("Brannoc,") and row.endswith(",1,1,0,0,1,0,100.0") for row in csv_rows
    )


def test_a_linked_report_of_another_guild_is_refused_and_nothing_is_stored(committed, fake):
    with Session(committed) as db:
        ids = _guild(db, log_url=f"https://www.warcraftlogs.com/reports/{FOREIGN_CODE}#fight=2")
    fake.reports = [_tonight(), _tonight(FOREIGN_CODE, guild="Method", slug="tarren-mill")]

    [outcome] = _import(fake)

    assert outcome.status == "refused"
    assert "belongs to Method (tarren-mill, US), not to Pull All The Things" in outcome.message
    with Session(committed) as db:
        assert db.exec(select(RaidLogPresence)).all() == []
        review = evidence_review(session=db, event_id=ids["event"])
        assert review.import_status == "refused" and review.import_message == outcome.message
        assert {r.suggestion for r in review.rows.values()} == {""}  # today's checklist


def test_a_linked_report_of_another_night_is_refused(committed, fake):
    with Session(committed) as db:
        _guild(db, log_url=OLD_CODE)
    fake.reports = [_tonight(OLD_CODE, start=START - timedelta(days=7))]

    [outcome] = _import(fake)

    assert outcome.status == "refused"
    assert "ended 7 days before this raid started: another night" in outcome.message


def test_no_report_yet_and_an_unknown_link_say_so_and_are_tried_again(committed, fake):
    with Session(committed) as db:
        ids = _guild(db)
    [outcome] = _import(fake)
    assert outcome.status == "no_report" and "link one on the event" in outcome.message
    with Session(committed) as db:
        assert due_imports(session=db, now=NOW) == [ids["event"]]  # the next run tries again
        event = db.get(RaidEvent, ids["event"])
        event.log_url = "https://www.warcraftlogs.com/reports/NoSuchReport0001"
        db.add(event)
        db.commit()
    [outcome] = _import(fake)
    assert outcome.status == "failed" and "no report NoSuchReport0001" in outcome.message


def test_only_recent_finished_raids_and_queued_ones_are_due(committed, fake):
    with Session(committed) as db:
        ids = _guild(db)
        old = RaidEvent(
            title="Long ago",
            event_date=(NOW - timedelta(days=5)).date(),
            start_time_utc=NOW - timedelta(days=5, hours=2),
            end_time_utc=NOW - timedelta(days=5),
        )
        later = RaidEvent(
            title="Tonight",
            event_date=NOW.date(),
            start_time_utc=NOW - timedelta(minutes=30),
            end_time_utc=NOW + timedelta(hours=2),
        )
        db.add(old)
        db.add(later)
        db.commit()
        assert due_imports(session=db, now=NOW) == [ids["event"]]
        queue_import(session=db, event_id=old.id, requested_by="Officer", now=NOW)
        queue_import(session=db, event_id=later.id, requested_by="Officer", now=NOW)
        db.commit()
        assert due_imports(session=db, now=NOW) == [old.id, later.id, ids["event"]]
    fake.reports = [_tonight()]
    outcomes = _import(fake)
    # (tonight's raid began after the report's last fight: nothing of it is logged yet)
    assert [o.status for o in outcomes] == ["no_report", "no_report", "imported"]
    with Session(committed) as db:  # imported: done; too old, or not over yet: not by itself
        assert due_imports(session=db, now=NOW) == []
        assert db.exec(select(RaidLogImport).where(RaidLogImport.status == "queued")).all() == []


def test_the_token_is_reused_until_it_expires_and_a_storm_gives_up_cleanly(committed, fake):
    clock = [1000.0]
    client = _client(fake, clock=lambda: clock[0], retry_pauses=(0.01, 0.01))

    async def go():
        async with client:
            await client.query("{ rateLimitData { limitPerHour } }", {})
            await client.query("{ rateLimitData { limitPerHour } }", {})
            assert fake.token_requests == 1
            clock[0] += 3600  # past its hour
            await client.query("{ rateLimitData { limitPerHour } }", {})
            assert fake.token_requests == 2
            fake.trouble = [500, 502, 503]
            with pytest.raises(WarcraftLogsError, match="kept failing"):
                await client.query("{ rateLimitData { limitPerHour } }", {})

    asyncio.run(go())


def test_a_query_the_real_schema_would_reject_is_refused_by_the_fake(fake):
    async def go():
        async with _client(fake) as client:
            with pytest.raises(WarcraftLogsError, match="Cannot query field"):
                await client.query('{ reportData { report(code: "x") { players } } }', {})

    asyncio.run(go())


def _officer_click(token: str, event_id: int, name: str) -> str:
    state = AdminRaidAttendanceState()
    give_session(state, token)
    state.event_id = event_id
    return repr(asyncio.run(AdminRaidAttendanceState.event_handlers[name].fn(state)))


def test_without_warcraft_logs_the_page_is_the_checklist_and_its_buttons_say_why(committed, tokens):
    with Session(committed) as db:
        event_id = _guild(db)["event"]
    officer = tokens[DEMO_OFFICER]
    state = AdminRaidAttendanceState()
    give_session(state, officer)
    state.event_id = event_id
    asyncio.run(state._reload())
    assert not state.logs_configured and not state.has_evidence and state.suggestions == 0
    assert {r.name for r in state.rows} >= {"Alyssa", "Brannoc", "Cerys"}

    answer = _officer_click(officer, event_id, "import_now")
    assert "Warcraft Logs is not configured: set WCL_CLIENT_ID and WCL_CLIENT_SECRET" in answer
    answer = _officer_click(officer, event_id, "accept_all")
    assert "There is no evidence for this raid yet" in answer
    with Session(committed) as db:
        assert db.exec(select(RaidLogImport)).all() == []
        assert db.exec(select(RaidAttendanceStatus)).all() == []


def test_import_now_is_refused_for_a_raid_that_has_not_started(committed):
    with Session(committed) as db:
        event = RaidEvent(
            title="Next week",
            event_date=(NOW + timedelta(days=7)).date(),
            start_time_utc=NOW + timedelta(days=7),
            end_time_utc=NOW + timedelta(days=7, hours=2),
        )
        db.add(event)
        db.commit()
        with pytest.raises(InvalidInput, match="has not started yet"):
            queue_import(session=db, event_id=event.id, requested_by="Officer", now=NOW)


def test_an_import_left_running_by_a_stopped_runner_is_taken_again(committed):
    with Session(committed) as db:
        event_id = _guild(db)["event"]
        start_import(session=db, event_id=event_id, now=NOW - timedelta(minutes=5))
        db.commit()
        assert due_imports(session=db, now=NOW) == []  # under way: not twice
        assert due_imports(session=db, now=NOW + timedelta(minutes=26)) == [event_id]
