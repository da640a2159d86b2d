"""The promotion and warning rules as officers edit them on the reference tables screen.
Each change refuses bad input with a clear message and writes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from patt_app.models import GuildRank, PromotionRule
from patt_app.models.appeals import RULE_KINDS
from patt_app.services.errors import InvalidInput, NotFound


@dataclass
class RuleRow:
    id: int
    kind: str
    from_rank_id: str  # "" for none, so a form can show it
    to_rank_id: str
    weeks: int
    min_raids: int
    min_percent: int
    no_shows: int
    label: str  # "Initiate → Member" or "Warning"
    text: str  # the whole rule in words


@dataclass(frozen=True)
class RuleInput:
    kind: str
    from_rank_id: int | None
    to_rank_id: int | None
    weeks: int
    min_raids: int
    min_percent: int
    no_shows: int


def describe(row: PromotionRule, names: dict[int, str]) -> tuple[str, str]:
    """The rule's label and its text, e.g. "at least 6 raids in the last 4 weeks, …"."""
    window = f"in the last {row.weeks} week{'s' if row.weeks != 1 else ''}"
    if row.kind == "warning":
        parts = []
        if row.no_shows:
            parts.append(f"{row.no_shows} or more no-shows {window}")
        if row.min_percent:
            parts.append(f"below {row.min_percent} % attendance {window}")
        return "Warning", "warning: " + " or ".join(parts)
    label = f"{names.get(row.from_rank_id or 0, '?')} → {names.get(row.to_rank_id or 0, '?')}"
    shows = "no no-show" if row.no_shows == 0 else f"at most {row.no_shows} no-shows"
    return label, (
        f"{label}: at least {row.min_raids} raids {window}, "
        f"at least {row.min_percent} % attendance, {shows}"
    )


def list_rules(*, session: Session) -> list[RuleRow]:
    names = {r.id: r.name for r in session.exec(select(GuildRank))}
    rows = session.exec(
        select(PromotionRule).order_by(col(PromotionRule.kind), col(PromotionRule.id))
    ).all()
    out = []
    for r in rows:
        label, text = describe(r, names)
        out.append(
            RuleRow(
                r.id,
                r.kind,
                str(r.from_rank_id or ""),
                str(r.to_rank_id or ""),
                r.weeks,
                r.min_raids,
                r.min_percent,
                r.no_shows,
                label,
                text,
            )
        )
    return out


def _rank(session: Session, rank_id: int | None, what: str) -> GuildRank:
    rank = session.get(GuildRank, rank_id) if rank_id else None
    if rank is None:
        raise InvalidInput(f"Choose the rank to promote {what}.")
    return rank


def _checked(session: Session, given: RuleInput) -> RuleInput:
    if given.kind not in RULE_KINDS:
        raise InvalidInput("A rule is a promotion or a warning.")
    if not 1 <= given.weeks <= 26:
        raise InvalidInput("The window is 1 to 26 weeks.")
    if not 0 <= given.min_raids <= 100 or not 0 <= given.no_shows <= 100:
        raise InvalidInput("Raids and no-shows are whole numbers from 0 to 100.")
    if not 0 <= given.min_percent <= 100:
        raise InvalidInput("Attendance is a percentage from 0 to 100.")
    if given.kind == "warning":
        if given.no_shows == 0 and given.min_percent == 0:
            raise InvalidInput("A warning needs a number of no-shows or an attendance below.")
        return RuleInput("warning", None, None, *_numbers(given))
    low, high = _rank(session, given.from_rank_id, "from"), _rank(session, given.to_rank_id, "to")
    if high.level <= low.level:
        raise InvalidInput("A promotion goes to a higher rank.")
    return given


def _numbers(given: RuleInput) -> tuple[int, int, int, int]:
    return given.weeks, given.min_raids, given.min_percent, given.no_shows


def add_rule(*, session: Session, rule: RuleInput) -> PromotionRule:
    checked = _checked(session, rule)
    row = PromotionRule(**vars(checked))
    session.add(row)
    session.flush()
    return row


def update_rule(*, session: Session, rule_id: int, rule: RuleInput) -> PromotionRule:
    row = session.get(PromotionRule, rule_id)
    if row is None:
        raise NotFound("That rule does not exist.")
    for key, value in vars(_checked(session, rule)).items():
        setattr(row, key, value)
    session.add(row)
    session.flush()
    return row


def delete_rule(*, session: Session, rule_id: int) -> None:
    row = session.get(PromotionRule, rule_id)
    if row is None:
        raise NotFound("That rule does not exist.")
    session.delete(row)
    session.flush()


def seed_example_rules(*, session: Session) -> None:
    """The two example rules, when the guild has none yet (Initiate and Member ranks exist).
    Flushes what the session holds first."""
    session.flush()
    if session.exec(select(col(PromotionRule.id))).first() is not None:
        return
    by_level = {r.level: r.id for r in session.exec(select(GuildRank))}
    if 1 in by_level and 2 in by_level:
        session.add(
            PromotionRule(
                kind="promotion",
                from_rank_id=by_level[1],
                to_rank_id=by_level[2],
                weeks=4,
                min_raids=6,
                min_percent=75,
                no_shows=0,
            )
        )
    session.add(PromotionRule(kind="warning", weeks=4, no_shows=2))
    session.flush()
