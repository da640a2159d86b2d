"""The season attendance report.

Rules: an event counts once it has ended and was not cancelled, and only for players who had
joined before it started. A signed-up player an officer benched counts as excused.
attendance % = attended ÷ (events expected − excused), one decimal; no percentage when nothing
counts. Future and cancelled events never count. Of the raids attended, those an officer
recorded as late or left early (from the evidence, `evidence_review.accept_all`) are counted
too; they still count as attended.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from patt_app.models import (
    GuildRank,
    Player,
    RaidAttendance,
    RaidAttendanceStatus,
    RaidEvent,
    RaidSeason,
)
from patt_app.services.errors import NotFound
from patt_app.services.raids.attendance_suggestions import LATE, LEFT_EARLY
from patt_app.services.reference.reference_tables import SeasonRow, list_seasons
from patt_app.services.scheduling.schedule_time import WEEKDAYS


@dataclass
class PlayerAttendance:
    player_id: int
    display_name: str
    rank_name: str
    rank_level: int
    expected: int
    attended: int
    excused: int
    missed: int
    percent: float | None
    late: int = 0  # attended, recorded late from the evidence
    left_early: int = 0  # attended, recorded as leaving early


@dataclass
class WeekdayAttendance:
    weekday: str
    events: int
    percent: float | None


@dataclass
class EventAttendance:
    event_id: int
    label: str
    signed_up: int
    attended: int


@dataclass
class SeasonReport:
    season_name: str
    players: list[PlayerAttendance]
    weekdays: list[WeekdayAttendance]
    events: list[EventAttendance]


def percent(attended: int, expected: int, excused: int) -> float | None:
    counted = expected - excused
    return round(100 * attended / counted, 1) if counted > 0 else None


def _excused(row: RaidAttendance) -> bool:
    """An excused absence, or benched by an officer (signed up, but sat out)."""
    return row.noted_absence or (row.benched and row.signed_up)


def _counted(
    player: Player, held: Sequence[RaidEvent], rows: Mapping[int, RaidAttendance | None]
) -> list[tuple[RaidEvent, bool, bool]]:
    """The held events that count for `player` (joined before they started), each with
    whether they came and whether they were excused; `rows` is their attendance by event."""
    counted = []
    for event in held:
        if event.start_time_utc < player.created_at:
            continue
        row = rows.get(event.id)
        came = bool(row and row.attended)
        counted.append((event, came, bool(row and _excused(row) and not came)))
    return counted


def _recorded(
    session: Session, events: list[int], player_id: int | None = None
) -> dict[tuple[int, int], str]:
    """(event id, player id) → the status recorded from the evidence, for those events."""
    query = select(RaidAttendanceStatus).where(
        col(RaidAttendanceStatus.event_id).in_(events or [0])
    )
    if player_id is not None:
        query = query.where(col(RaidAttendanceStatus.player_id) == player_id)
    return {(r.event_id, r.player_id): r.status for r in session.exec(query)}


def _line(
    player: Player,
    rank: GuildRank | None,
    counted: list[tuple[RaidEvent, bool, bool]],
    recorded: dict[tuple[int, int], str] | None = None,
) -> PlayerAttendance:
    statuses = [(recorded or {}).get((e.id, player.id)) for e, came, _ in counted if came]
    expected = len(counted)
    attended = sum(came for _, came, _ in counted)
    excused = sum(off for _, _, off in counted)
    return PlayerAttendance(
        player_id=player.id,
        display_name=player.display_name,
        rank_name=rank.name if rank else "",
        rank_level=rank.level if rank else 0,
        expected=expected,
        attended=attended,
        excused=excused,
        missed=expected - attended - excused,
        percent=percent(attended, expected, excused),
        late=statuses.count(LATE),
        left_early=statuses.count(LEFT_EARLY),
    )


def _held(session: Session, season_id: int, now: datetime) -> list[RaidEvent]:
    """The season's events that have ended and were not cancelled, the earliest first."""
    return list(
        session.exec(
            select(RaidEvent)
            .where(
                col(RaidEvent.season_id) == season_id,
                col(RaidEvent.cancelled_at).is_(None),
                col(RaidEvent.end_time_utc) < now,
            )
            .order_by(col(RaidEvent.start_time_utc))
        ).all()
    )


def season_report(
    *, session: Session, season_id: int, now: datetime, min_rank: int = 0
) -> SeasonReport:
    season = session.get(RaidSeason, season_id)
    if season is None:
        raise NotFound("That season does not exist.")
    held = _held(session, season_id, now)
    rows = {
        (r.event_id, r.player_id): r
        for r in session.exec(
            select(RaidAttendance).where(
                col(RaidAttendance.event_id).in_([e.id for e in held] or [0])
            )
        )
    }
    people = session.exec(
        select(Player, GuildRank)
        .outerjoin(GuildRank, col(GuildRank.id) == col(Player.guild_rank_id))
        .where(col(Player.is_active))
        .order_by(col(Player.display_name))
    ).all()
    by_weekday: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # events, att, exp, exc
    recorded = _recorded(session, [e.id for e in held])
    players = []
    for player, rank in people:
        if (rank.level if rank else 0) < min_rank:
            continue
        counted = _counted(player, held, {e.id: rows.get((e.id, player.id)) for e in held})
        for event, came, off in counted:
            tally = by_weekday[event.event_date.weekday()]
            tally[1], tally[2], tally[3] = tally[1] + came, tally[2] + 1, tally[3] + off
        players.append(_line(player, rank, counted, recorded))
    for event in held:
        by_weekday[event.event_date.weekday()][0] += 1
    weekdays = [
        WeekdayAttendance(WEEKDAYS[d].title(), t[0], percent(t[1], t[2], t[3]))
        for d, t in sorted(by_weekday.items())
        if t[0]
    ]
    return SeasonReport(season.name, players, weekdays, _event_lines(held, rows))


def _event_lines(
    held: Sequence[RaidEvent], rows: Mapping[tuple[int, int], RaidAttendance]
) -> list[EventAttendance]:
    """Each held event with how many signed up and how many came."""
    return [
        EventAttendance(
            event_id=e.id,
            label=e.event_date.strftime("%d %b"),
            signed_up=sum(1 for (eid, _), r in rows.items() if eid == e.id and r.signed_up),
            attended=sum(1 for (eid, _), r in rows.items() if eid == e.id and r.attended),
        )
        for e in held
    ]


@dataclass
class AttendanceOverview:
    """The officer's report screen: the seasons to choose from, the chosen one and its report
    (both None when there are no seasons), read in one transaction."""

    seasons: list[SeasonRow]
    season_id: int | None
    report: SeasonReport | None


def attendance_overview(
    *, session: Session, season_id: int | None, now: datetime, min_rank: int
) -> AttendanceOverview:
    """The report for `season_id`, or for the current season (else the latest) when None."""
    seasons = list_seasons(session=session, today=now.date())
    if season_id is None:
        chosen = next((s for s in seasons if s.is_current), seasons[0] if seasons else None)
        season_id = chosen.id if chosen else None
    if season_id is None:
        return AttendanceOverview(seasons=seasons, season_id=None, report=None)
    report = season_report(session=session, season_id=season_id, now=now, min_rank=min_rank)
    return AttendanceOverview(seasons=seasons, season_id=season_id, report=report)


@dataclass
class HistoryRow:
    event_id: int
    title: str
    start: datetime
    status: str  # attended | late | left early | benched | excused | missed


def player_history(
    *, session: Session, player_id: int, season_id: int, now: datetime
) -> tuple[PlayerAttendance | None, list[HistoryRow]]:
    """A member's own line of the report (None unless active, as in the report) and their
    past events this season; reads only this member's rows."""
    player = session.get(Player, player_id)
    events = list(reversed(_held(session, season_id, now)))  # the latest first
    rows = {
        r.event_id: r
        for r in session.exec(
            select(RaidAttendance).where(col(RaidAttendance.player_id) == player_id)
        )
    }
    recorded = _recorded(session, [e.id for e in events], player_id)
    mine = None
    if player is not None and player.is_active:
        rank = session.get(GuildRank, player.guild_rank_id) if player.guild_rank_id else None
        mine = _line(player, rank, _counted(player, events[::-1], rows), recorded)
    history = []
    for event in events:
        if player is not None and event.start_time_utc < player.created_at:
            continue
        status = _status(rows.get(event.id), recorded.get((event.id, player_id)))
        history.append(HistoryRow(event.id, event.title, event.start_time_utc, status))
    return mine, history


def _status(row: RaidAttendance | None, noted: str | None) -> str:
    """A past event's line in a member's history; `noted` is the status recorded from the
    evidence (late or left early)."""
    if row and row.attended:
        return noted if noted in (LATE, LEFT_EARLY) else "attended"
    if row and row.benched and row.signed_up:
        return "benched"
    return "excused" if row and row.noted_absence else "missed"
