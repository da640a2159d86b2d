"""The promotion and warning rules, pure: who is due for promotion and who has a warning,
with the numbers behind each.

A player's raids in a rule's window (the last `weeks` weeks before `now`, held raids that
count for them, as in the season report) each have one outcome: present, excused (an excused
absence or benched), no-show (signed up, did not come) or missed (not signed up, did not come).
attendance % = present ÷ (raids − excused), as in the season report; none when nothing counts.

- promotion (from rank → to rank): the player holds the from rank, was present at least
  `min_raids` times, at `min_percent` % or more (a rule asking 0 % accepts no percentage),
  and had at most `no_shows` no-shows.
- warning (any rank): at least `no_shows` no-shows (when set above 0), or below
  `min_percent` % (when set above 0 and a percentage exists).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

Outcome = Literal["present", "excused", "no-show", "missed"]
PROMOTION, WARNING = "promotion", "warning"


@dataclass(frozen=True)
class RaidOutcome:
    start: datetime
    outcome: Outcome


@dataclass(frozen=True)
class Rule:
    id: int
    kind: str  # promotion | warning
    weeks: int
    min_raids: int = 0
    min_percent: int = 0
    no_shows: int = 0
    from_rank_id: int | None = None
    to_rank_id: int | None = None
    label: str = ""  # "Initiate → Member", shown with the verdict


@dataclass(frozen=True)
class Numbers:
    raids: int  # present
    counted: int  # raids that count, excused included
    excused: int
    no_shows: int
    percent: float | None

    def text(self, weeks: int) -> str:
        shown = "no attendance yet" if self.percent is None else f"{self.percent:g} %"
        return (
            f"{self.raids} raids in {weeks} weeks, {shown}, "
            f"{self.no_shows} no-show{'s' if self.no_shows != 1 else ''}"
        )


@dataclass(frozen=True)
class Verdict:
    rule: Rule
    numbers: Numbers
    why: str  # "6 raids in 4 weeks, 85.7 %, 0 no-shows"


def numbers(outcomes: Sequence[RaidOutcome], *, now: datetime, weeks: int) -> Numbers:
    """The numbers of the raids held in the last `weeks` weeks before `now`."""
    since = now - timedelta(weeks=weeks)
    inside = [o.outcome for o in outcomes if since <= o.start <= now]
    present = inside.count("present")
    excused = inside.count("excused")
    counted = len(inside) - excused
    shown = round(100 * present / counted, 1) if counted > 0 else None
    return Numbers(present, len(inside), excused, inside.count("no-show"), shown)


def promotion_due(rule: Rule, found: Numbers) -> bool:
    if found.raids < rule.min_raids or found.no_shows > rule.no_shows:
        return False
    if rule.min_percent == 0:
        return True
    return found.percent is not None and found.percent >= rule.min_percent


def warned(rule: Rule, found: Numbers) -> bool:
    if rule.no_shows > 0 and found.no_shows >= rule.no_shows:
        return True
    return rule.min_percent > 0 and found.percent is not None and found.percent < rule.min_percent


def evaluate(
    *, rules: Sequence[Rule], rank_id: int | None, outcomes: Sequence[RaidOutcome], now: datetime
) -> list[Verdict]:
    """The rules one player meets: promotions from their rank that are due, warnings raised."""
    verdicts = []
    for rule in rules:
        found = numbers(outcomes, now=now, weeks=rule.weeks)
        if rule.kind == PROMOTION:
            hit = rule.from_rank_id is not None and rule.from_rank_id == rank_id
            hit = hit and promotion_due(rule, found)
        else:
            hit = warned(rule, found)
        if hit:
            verdicts.append(Verdict(rule, found, found.text(rule.weeks)))
    return verdicts
