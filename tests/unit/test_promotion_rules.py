"""The promotion and warning rules, table-driven: every condition, its edges, the window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from patt_app.services.raids.promotion_rules import (
    Numbers,
    RaidOutcome,
    Rule,
    evaluate,
    numbers,
)

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
INITIATE, MEMBER = 1, 2
PROMOTE = Rule(
    1,
    "promotion",
    weeks=4,
    min_raids=6,
    min_percent=75,
    no_shows=0,
    from_rank_id=INITIATE,
    to_rank_id=MEMBER,
    label="Initiate → Member",
)
WARN = Rule(2, "warning", weeks=4, no_shows=2, label="Warning")
WARN_PERCENT = Rule(3, "warning", weeks=4, min_percent=50, label="Warning")


def _raids(*outcomes: str, days_apart: int = 3) -> list[RaidOutcome]:
    return [
        RaidOutcome(NOW - timedelta(days=1 + i * days_apart), o)  # type: ignore[arg-type]
        for i, o in enumerate(outcomes)
    ]


P, X, N, M = "present", "excused", "no-show", "missed"

CASES = [
    # (what, rank, outcomes, rules met)
    ("six raids, all present: due", INITIATE, _raids(P, P, P, P, P, P), {1}),
    ("five raids: not yet", INITIATE, _raids(P, P, P, P, P), set()),
    ("six of eight = 75 %: due at the edge", INITIATE, _raids(P, P, P, P, P, P, M, M), {1}),
    ("six of nine = 66.7 %: below 75 %", INITIATE, _raids(P, P, P, P, P, P, M, M, M), set()),
    ("excused raids don't count against", INITIATE, _raids(P, P, P, P, P, P, X, X, X), {1}),
    ("one no-show stops the promotion", INITIATE, _raids(P, P, P, P, P, P, N), set()),
    ("a Member is not promoted from Initiate", MEMBER, _raids(P, P, P, P, P, P), set()),
    ("two no-shows: a warning", MEMBER, _raids(P, N, N), {2}),
    ("one no-show: no warning", MEMBER, _raids(P, P, N), set()),
    ("no-shows older than 4 weeks don't count", MEMBER, _raids(P, N, N, days_apart=20), set()),
    (
        "raids older than 4 weeks don't count",
        INITIATE,
        _raids(P, P, P, P, P, P, days_apart=6),
        set(),
    ),
    ("a player without a rank", None, _raids(P, P, P, P, P, P), set()),
]


@pytest.mark.parametrize(("what", "rank", "outcomes", "met"), CASES, ids=[c[0] for c in CASES])
def test_rules(what, rank, outcomes, met):
    verdicts = evaluate(rules=[PROMOTE, WARN], rank_id=rank, outcomes=outcomes, now=NOW)
    assert {v.rule.id for v in verdicts} == met


@pytest.mark.parametrize(
    ("outcomes", "warned"),
    [
        (_raids(P, M, M), True),  # 33.3 %
        (_raids(P, M), False),  # 50 %: not below
        (_raids(X, X), False),  # nothing counts: no percentage, no warning
        ([], False),
    ],
)
def test_a_warning_for_low_attendance(outcomes, warned):
    verdicts = evaluate(rules=[WARN_PERCENT], rank_id=MEMBER, outcomes=outcomes, now=NOW)
    assert bool(verdicts) == warned


def test_the_numbers_behind_a_verdict():
    found = numbers(_raids(P, P, P, P, P, P, N, X, M), now=NOW, weeks=4)
    assert found == Numbers(raids=6, counted=9, excused=1, no_shows=1, percent=75.0)
    assert found.text(4) == "6 raids in 4 weeks, 75 %, 1 no-show"
    (verdict,) = evaluate(rules=[PROMOTE], rank_id=INITIATE, outcomes=_raids(*[P] * 6), now=NOW)
    assert verdict.why == "6 raids in 4 weeks, 100 %, 0 no-shows"


def test_future_raids_do_not_count():
    later = [RaidOutcome(NOW + timedelta(days=1), "no-show")]
    assert numbers(later, now=NOW, weeks=4).no_shows == 0


def test_a_rule_asking_0_percent_accepts_no_percentage():
    rule = Rule(9, "promotion", weeks=4, from_rank_id=INITIATE, to_rank_id=MEMBER)
    assert evaluate(rules=[rule], rank_id=INITIATE, outcomes=[], now=NOW)
