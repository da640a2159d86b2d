"""Members' appeals of their attendance record, and the promotion board, on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from patt_app.db import call_in_session
from patt_app.models import (
    AttendanceAppeal,
    AuditIssue,
    GuildRank,
    Player,
    PromotionRule,
    RaidAttendance,
    RaidAttendanceStatus,
    RaidEvent,
    RaidSeason,
)
from patt_app.models.appeals import APPEAL_ISSUE
from patt_app.services.errors import InvalidInput, NotAllowed
from patt_app.services.identity.audit_log import close_issue, list_issues
from patt_app.services.raids.appeals import answer_appeal, open_appeal, open_appeals
from patt_app.services.raids.my_record import my_record
from patt_app.services.raids.promotion_view import promote, promotion_board
from patt_app.services.reference.promotion_rule_table import (
    RuleInput,
    add_rule,
    list_rules,
    update_rule,
)
from tests.integration.racing import second_waits_for_first

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def _rank(session: Session, level: int) -> GuildRank:
    return session.exec(select(GuildRank).where(GuildRank.level == level)).one()


def _player(session: Session, name: str, level: int) -> Player:
    player = Player(
        display_name=name,
        guild_rank_id=_rank(session, level).id,
        created_at=NOW - timedelta(days=90),
    )
    session.add(player)
    session.flush()
    return player


def _raid(session: Session, days_ago: int, title: str = "Raid") -> RaidEvent:
    start = NOW - timedelta(days=days_ago, hours=-8)
    season = session.exec(select(RaidSeason)).first()
    if season is None:
        season = RaidSeason(name="Season", start_date=(NOW - timedelta(days=60)).date())
        session.add(season)
        session.flush()
    event = RaidEvent(
        title=title,
        event_date=start.date(),
        start_time_utc=start,
        end_time_utc=start + timedelta(hours=3),
        season_id=season.id,
    )
    session.add(event)
    session.flush()
    return event


def _was_there(session: Session, event: RaidEvent, player: Player, attended: bool) -> None:
    session.add(
        RaidAttendance(event_id=event.id, player_id=player.id, signed_up=True, attended=attended)
    )
    session.flush()


@pytest.fixture
def guild(seeded: Session) -> dict:
    return {
        "member": _player(seeded, "Appealer", 2),
        "officer": _player(seeded, "Judge", 4),
        "raid": _raid(seeded, 3, "Tuesday raid"),
    }


def test_a_member_appeals_once_per_raid_and_bad_input_changes_nothing(seeded, guild):
    member, raid = guild["member"], guild["raid"]
    _was_there(seeded, raid, member, attended=False)
    for reason in ("   ", "x" * 501):
        with pytest.raises(InvalidInput):
            open_appeal(
                session=seeded, player_id=member.id, event_id=raid.id, reason=reason, now=NOW
            )
    assert seeded.exec(select(AttendanceAppeal)).all() == []
    appeal = open_appeal(
        session=seeded, player_id=member.id, event_id=raid.id, reason="I was there", now=NOW
    )
    assert appeal.status_then == "missed"
    with pytest.raises(InvalidInput, match="already have an open appeal"):
        open_appeal(session=seeded, player_id=member.id, event_id=raid.id, reason="again", now=NOW)
    future = _raid(seeded, -2)
    with pytest.raises(InvalidInput, match="took place"):
        open_appeal(session=seeded, player_id=member.id, event_id=future.id, reason="?", now=NOW)
    waiting = open_appeals(session=seeded, event_id=raid.id)
    assert [(a.player_name, a.reason) for a in waiting] == [("Appealer", "I was there")]
    audit = [i for i in list_issues(session=seeded, resolved=False) if i.issue_type == APPEAL_ISSUE]
    assert len(audit) == 1 and "I was there" in audit[0].summary


def test_accepting_changes_the_record_and_is_audited(seeded, guild):
    member, officer, raid = guild["member"], guild["officer"], guild["raid"]
    _was_there(seeded, raid, member, attended=False)
    appeal = open_appeal(
        session=seeded, player_id=member.id, event_id=raid.id, reason="Logs show me", now=NOW
    )
    said = answer_appeal(
        session=seeded,
        appeal_id=appeal.id,
        officer_player_id=officer.id,
        accept=True,
        status="late",
        note="",
        now=NOW,
    )
    assert "late" in said
    row = seeded.exec(select(RaidAttendance).where(RaidAttendance.player_id == member.id)).one()
    seeded.refresh(row)
    assert row.attended
    recorded = seeded.exec(
        select(RaidAttendanceStatus).where(RaidAttendanceStatus.player_id == member.id)
    ).one()
    assert recorded.status == "late" and recorded.recorded_by == "Judge"
    issue = seeded.get(AuditIssue, appeal.audit_issue_id)
    assert issue.resolution == "accepted" and "missed to late" in issue.resolution_note
    line = my_record(session=seeded, player_id=member.id, now=NOW)[0]
    assert (line.status, line.appeal, line.new_status) == ("late", "accepted", "late")
    with pytest.raises(InvalidInput, match="already been answered"):
        answer_appeal(
            session=seeded,
            appeal_id=appeal.id,
            officer_player_id=officer.id,
            accept=False,
            note="no",
            now=NOW,
        )


def test_rejecting_keeps_the_record_with_the_officers_note(seeded, guild):
    member, officer, raid = guild["member"], guild["officer"], guild["raid"]
    _was_there(seeded, raid, member, attended=False)
    appeal = open_appeal(session=seeded, player_id=member.id, event_id=raid.id, reason="?", now=NOW)
    with pytest.raises(InvalidInput, match="Say why"):
        answer_appeal(
            session=seeded,
            appeal_id=appeal.id,
            officer_player_id=officer.id,
            accept=False,
            note=" ",
            now=NOW,
        )
    answer_appeal(
        session=seeded,
        appeal_id=appeal.id,
        officer_player_id=officer.id,
        accept=False,
        note="Not in the logs",
        now=NOW,
    )
    line = my_record(session=seeded, player_id=member.id, now=NOW)[0]
    assert (line.status, line.appeal, line.officer_note) == (
        "missed",
        "rejected",
        "Not in the logs",
    )
    issue = seeded.get(AuditIssue, appeal.audit_issue_id)
    assert issue.resolution == "dismissed" and "Not in the logs" in issue.resolution_note
    # a new appeal may follow an answered one
    open_appeal(session=seeded, player_id=member.id, event_id=raid.id, reason="Again", now=NOW)


def test_a_member_cannot_answer_an_appeal_nor_an_officer_their_own(seeded, guild):
    member, officer, raid = guild["member"], guild["officer"], guild["raid"]
    mine = open_appeal(session=seeded, player_id=member.id, event_id=raid.id, reason="a", now=NOW)
    with pytest.raises(NotAllowed):
        answer_appeal(
            session=seeded,
            appeal_id=mine.id,
            officer_player_id=member.id,
            accept=True,
            status="attended",
            now=NOW,
        )
    theirs = open_appeal(
        session=seeded, player_id=officer.id, event_id=raid.id, reason="b", now=NOW
    )
    with pytest.raises(NotAllowed, match="Another officer"):
        answer_appeal(
            session=seeded,
            appeal_id=theirs.id,
            officer_player_id=officer.id,
            accept=True,
            status="attended",
            now=NOW,
        )
    with pytest.raises(InvalidInput, match="attendance page"):
        close_issue(
            session=seeded,
            issue_id=mine.audit_issue_id,
            officer_player_id=officer.id,
            resolution="dismissed",
            note="",
            now=NOW,
        )
    assert seeded.get(AttendanceAppeal, mine.id).answer is None


def _initiate_with_raids(session: Session, attended: int, no_shows: int) -> Player:
    initiate = _player(session, "Newbie", 1)
    for day in range(attended + no_shows):
        _was_there(session, _raid(session, 2 + day * 3), initiate, attended=day < attended)
    return initiate


def test_the_board_lists_who_is_due_and_who_is_warned_with_the_numbers(seeded):
    rules = list_rules(session=seeded)
    assert {r.label for r in rules} == {"Initiate → Member", "Warning"}
    _initiate_with_raids(seeded, attended=6, no_shows=0)
    slacker = _player(seeded, "Slacker", 2)
    for event in seeded.exec(select(RaidEvent)).all()[:2]:
        _was_there(seeded, event, slacker, attended=False)
    board = promotion_board(session=seeded, now=NOW)
    assert [(d.name, d.to_rank) for d in board.due] == [("Newbie", "Member")]
    assert board.due[0].why == "6 raids in 4 weeks, 100 %, 0 no-shows"
    assert [w.name for w in board.warnings] == ["Slacker"]
    assert "2 no-shows" in board.warnings[0].why


def test_one_no_show_stops_the_promotion(seeded):
    _initiate_with_raids(seeded, attended=6, no_shows=1)
    assert promotion_board(session=seeded, now=NOW).due == []


def test_promote_changes_the_rank_as_a_pinned_officer_decision(seeded):
    newbie = _initiate_with_raids(seeded, attended=6, no_shows=0)
    officer = _player(seeded, "Judge", 4)
    rule = seeded.exec(select(PromotionRule).where(PromotionRule.kind == "promotion")).one()
    said = promote(
        session=seeded, player_id=newbie.id, rule_id=rule.id, actor_player_id=officer.id, now=NOW
    )
    assert said == "Newbie is now Member."
    seeded.refresh(newbie)
    assert newbie.guild_rank_id == _rank(seeded, 2).id
    assert newbie.guild_rank_source == "admin_override"
    with pytest.raises(InvalidInput, match="no longer due"):
        promote(
            session=seeded,
            player_id=newbie.id,
            rule_id=rule.id,
            actor_player_id=officer.id,
            now=NOW,
        )


def test_promote_is_refused_to_a_rank_at_or_above_the_officers_own(seeded):
    newbie = _initiate_with_raids(seeded, attended=6, no_shows=0)
    veteran = _player(seeded, "Vet", 3)
    officer = _player(seeded, "Judge", 4)
    rule = seeded.exec(select(PromotionRule).where(PromotionRule.kind == "promotion")).one()
    update_rule(
        session=seeded,
        rule_id=rule.id,
        rule=RuleInput("promotion", _rank(seeded, 1).id, _rank(seeded, 4).id, 4, 6, 75, 0),
    )
    with pytest.raises(NotAllowed):
        promote(
            session=seeded,
            player_id=newbie.id,
            rule_id=rule.id,
            actor_player_id=officer.id,
            now=NOW,
        )
    with pytest.raises(NotAllowed):  # a Veteran is no officer: below the Officer rank
        promote(
            session=seeded,
            player_id=newbie.id,
            rule_id=rule.id,
            actor_player_id=veteran.id,
            now=NOW,
        )
    seeded.refresh(newbie)
    assert newbie.guild_rank_id == _rank(seeded, 1).id


def test_rules_refuse_bad_input(seeded):
    initiate, member = _rank(seeded, 1).id, _rank(seeded, 2).id
    for bad in (
        RuleInput("promotion", member, initiate, 4, 6, 75, 0),  # down is no promotion
        RuleInput("promotion", None, member, 4, 6, 75, 0),
        RuleInput("warning", None, None, 4, 0, 0, 0),  # warns of nothing
        RuleInput("promotion", initiate, member, 0, 6, 75, 0),
        RuleInput("promotion", initiate, member, 4, 6, 101, 0),
        RuleInput("demotion", initiate, member, 4, 6, 75, 0),
    ):
        with pytest.raises(InvalidInput):
            add_rule(session=seeded, rule=bad)
    assert len(list_rules(session=seeded)) == 2


def _guild_on(engine: Engine) -> dict[str, int]:
    """The guild fixture's people and raid, committed, with two officers: their ids."""
    with Session(engine) as session:
        people = {
            "member": _player(session, "Appealer", 2),
            "officer": _player(session, "Judge", 4),
            "other officer": _player(session, "Jury", 4),
        }
        raid = _raid(session, 3, "Tuesday raid")
        _was_there(session, raid, people["member"], attended=False)
        ids = {name: player.id for name, player in people.items()} | {"raid": raid.id}
        session.commit()
    return ids


def test_the_same_appeal_from_two_tabs_at_once_is_opened_once(committed):
    g = _guild_on(committed)
    appeal = dict(player_id=g["member"], event_id=g["raid"], reason="I was there", now=NOW)
    refused = second_waits_for_first(
        committed,
        lambda session: open_appeal(session=session, **appeal),
        lambda: call_in_session(open_appeal, **appeal),
    )
    assert isinstance(refused, InvalidInput) and "already have an open appeal" in str(refused)
    with Session(committed) as session:
        assert len(session.exec(select(AttendanceAppeal)).all()) == 1


def test_two_officers_answering_at_once_the_first_answer_stands(committed):
    g = _guild_on(committed)
    with Session(committed) as session:
        appeal_id = open_appeal(
            session=session, player_id=g["member"], event_id=g["raid"], reason="Logs", now=NOW
        ).id
        session.commit()
    accept = dict(appeal_id=appeal_id, accept=True, status="late", now=NOW)
    reject = dict(appeal_id=appeal_id, accept=False, note="Not in the logs", now=NOW)
    refused = second_waits_for_first(
        committed,
        lambda session: answer_appeal(session=session, officer_player_id=g["officer"], **accept),
        lambda: call_in_session(answer_appeal, officer_player_id=g["other officer"], **reject),
    )
    assert isinstance(refused, InvalidInput) and "already been answered" in str(refused)
    with Session(committed) as session:
        stored = session.get(AttendanceAppeal, appeal_id)
        assert (stored.answer, stored.answered_by_player_id) == ("accepted", g["officer"])
        assert stored.officer_note is None
        issue = session.get(AuditIssue, stored.audit_issue_id)
        assert issue.resolution == "accepted"
