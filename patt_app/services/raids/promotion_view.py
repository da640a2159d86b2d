"""/admin/players' promotion board: the rules (`promotion_rules`, pure) applied to every active
player's raids, and "Promote", which re-checks the rule and changes the rank through the
officers' rank path (a pinned officer decision, never to a rank above the officer's own)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from patt_app.models import (
    GuildRank,
    Player,
    PromotionRule,
    RaidAttendance,
    RaidAttendanceStatus,
    RaidEvent,
)
from patt_app.services.errors import InvalidInput, NotAllowed, NotFound
from patt_app.services.players.player_admin import set_rank_override
from patt_app.services.raids.promotion_rules import (
    PROMOTION,
    Outcome,
    RaidOutcome,
    Rule,
    Verdict,
    evaluate,
)
from patt_app.services.reference.officers import acting_level
from patt_app.services.reference.promotion_rule_table import describe
from patt_app.services.reference.reference_data import GUILD_LEADER_LEVEL
from patt_app.services.statements import record_from


@dataclass
class BoardLine:
    player_id: int
    name: str
    rank: str
    rule_id: int
    rule: str  # "Initiate → Member" | "Warning"
    why: str  # the numbers behind it
    to_rank: str = ""


@dataclass
class PromotionBoard:
    due: list[BoardLine]
    warnings: list[BoardLine]


def load_rules(session: Session) -> list[Rule]:
    names = {r.id: r.name for r in session.exec(select(GuildRank))}
    rows = session.exec(select(PromotionRule).order_by(col(PromotionRule.id))).all()
    return [record_from(Rule, r, label=describe(r, names)[0]) for r in rows]


def _outcome(row: RaidAttendance | None, recorded: str | None) -> Outcome:
    if row is not None and row.attended:
        return "present"
    if recorded == "no-show":
        return "no-show"
    if row is not None and (row.noted_absence or (row.benched and row.signed_up)):
        return "excused"
    if recorded in ("excused", "benched"):
        return "excused"
    return "no-show" if row is not None and row.signed_up else "missed"


def raid_outcomes(
    session: Session, players: list[Player], now: datetime, weeks: int
) -> dict[int, list[RaidOutcome]]:
    """Each player's outcome at every raid held in the last `weeks` weeks that counts for them
    (not cancelled, ended, and they had joined before it started)."""
    events = session.exec(
        select(RaidEvent).where(
            col(RaidEvent.cancelled_at).is_(None),
            col(RaidEvent.start_time_utc) >= now - timedelta(weeks=weeks),
            col(RaidEvent.end_time_utc) <= now,
        )
    ).all()
    ids = [e.id for e in events] or [0]
    rows = {
        (r.event_id, r.player_id): r
        for r in session.exec(select(RaidAttendance).where(col(RaidAttendance.event_id).in_(ids)))
    }
    recorded = {
        (r.event_id, r.player_id): r.status
        for r in session.exec(
            select(RaidAttendanceStatus).where(col(RaidAttendanceStatus.event_id).in_(ids))
        )
    }
    return {
        p.id: [
            RaidOutcome(
                e.start_time_utc, _outcome(rows.get((e.id, p.id)), recorded.get((e.id, p.id)))
            )
            for e in events
            if e.start_time_utc >= p.created_at
        ]
        for p in players
    }


def _verdicts(
    session: Session, now: datetime, player_ids: list[int] | None = None
) -> list[tuple[Player, Verdict]]:
    rules = load_rules(session)
    if not rules:
        return []
    query = select(Player).where(col(Player.is_active))
    if player_ids is not None:
        query = query.where(col(Player.id).in_(player_ids))
    players = list(session.exec(query.order_by(col(Player.display_name))).all())
    outcomes = raid_outcomes(session, players, now, max(r.weeks for r in rules))
    return [
        (p, v)
        for p in players
        for v in evaluate(rules=rules, rank_id=p.guild_rank_id, outcomes=outcomes[p.id], now=now)
    ]


def promotion_board(*, session: Session, now: datetime) -> PromotionBoard:
    """Who is due for promotion and who has a warning, with the numbers behind each."""
    names = {r.id: r.name for r in session.exec(select(GuildRank))}
    board = PromotionBoard([], [])
    for player, verdict in _verdicts(session, now):
        rule = verdict.rule
        line = BoardLine(
            player_id=player.id,
            name=player.display_name,
            rank=names.get(player.guild_rank_id or 0, "no rank"),
            rule_id=rule.id,
            rule=rule.label,
            why=verdict.why,
            to_rank=names.get(rule.to_rank_id or 0, ""),
        )
        (board.due if rule.kind == PROMOTION else board.warnings).append(line)
    return board


def promote(
    *, session: Session, player_id: int, rule_id: int, actor_player_id: int | None, now: datetime
) -> str:
    """Promote a player a rule says is due: refused when they are no longer due, or when the
    officer may not give that rank (at or above their own, or to a player at or above them)."""
    if session.get(PromotionRule, rule_id) is None:
        raise NotFound("That rule does not exist.")
    verdict = next(
        (v for p, v in _verdicts(session, now, [player_id]) if v.rule.id == rule_id), None
    )
    if verdict is None or verdict.rule.kind != PROMOTION or verdict.rule.to_rank_id is None:
        raise InvalidInput("That player is no longer due for that promotion.")
    to_rank = session.get(GuildRank, verdict.rule.to_rank_id)
    if to_rank is None:
        raise NotFound("That rank does not exist.")
    _ensure_below_own(session, actor_player_id, to_rank.level)
    player = set_rank_override(
        session=session,
        player_id=player_id,
        rank_id=to_rank.id,
        actor_player_id=actor_player_id,
        now=now,
    )
    return f"{player.display_name} is now {to_rank.name}."


def _ensure_below_own(session: Session, actor_player_id: int | None, level: int) -> None:
    """An officer promotes to ranks below their own (the Guild Leader and the command line
    excepted): "Promote" never makes a peer."""
    actor = acting_level(session, actor_player_id)
    if actor < GUILD_LEADER_LEVEL and level >= actor:
        raise NotAllowed("You can't promote to a rank at or above your own.")
