"""Every live-update topic the code names is declared in patt_app/live/topics.py: no call of
`notify`, `announce` or `subscribe`, no `changes_topics` / `live_topics` of an officer screen
and no `ReadCache` names a topic as a bare string, which a typo would turn into a screen that
silently never redraws."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from patt_app.live.notify import notify
from patt_app.live.topics import Topic, campaign_topic, is_declared, signups_topic

PACKAGE = Path(__file__).resolve().parents[2] / "patt_app"
SENDERS = {"notify": 0, "announce": 1, "subscribe": 1}  # name → arguments before the topics
TOPIC_LISTS = {"changes_topics", "live_topics"}
TOPIC_MAKERS = {"signups_topic", "campaign_topic"}


def _problems(expr: ast.expr) -> list[str]:
    """Why `expr`, given where a topic goes, is not a declared topic (empty: it is one)."""
    if isinstance(expr, ast.Starred):
        inner = expr.value
        if isinstance(inner, ast.Attribute) and inner.attr in TOPIC_LISTS:
            return []  # checked where the list is assigned
        if isinstance(inner, ast.GeneratorExp):
            return _problems(inner.elt)
        return _problems(inner)
    if isinstance(expr, ast.Tuple):
        return [p for element in expr.elts for p in _problems(element)]
    if (
        isinstance(expr, ast.Attribute)
        and isinstance(expr.value, ast.Name)
        and expr.value.id == "Topic"
    ):
        return [] if expr.attr in Topic.__members__ else [f"Topic.{expr.attr} is not declared"]
    if isinstance(expr, ast.Call) and getattr(expr.func, "id", None) in TOPIC_MAKERS:
        return []
    return [f"{ast.unparse(expr)!r} is not a Topic member or a topic maker"]


def _topic_expressions(tree: ast.AST) -> list[tuple[int, ast.expr]]:
    found: list[tuple[int, ast.expr]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in SENDERS and isinstance(node.func, ast.Name):
                found += [(node.lineno, arg) for arg in node.args[SENDERS[name] :]]
            elif name == "ReadCache" and node.args:
                found.append((node.lineno, node.args[0]))
        elif isinstance(node, ast.AnnAssign | ast.Assign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(getattr(t, "id", getattr(t, "attr", None)) in TOPIC_LISTS for t in targets):
                found.append((node.lineno, node.value))
    return sorted(found, key=lambda site: site[0])


def _undeclared() -> list[str]:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name == "live":
            continue  # the machinery itself takes topics as parameters
        for line, expr in _topic_expressions(ast.parse(path.read_text())):
            where = f"{path.relative_to(PACKAGE.parent)}:{line}"
            problems += [f"{where}: {problem}" for problem in _problems(expr)]
    return problems


def test_every_topic_the_code_names_is_declared() -> None:
    assert _undeclared() == []


def test_the_scan_sees_the_call_sites() -> None:
    """Guards the scan itself: it finds the many senders and screens (about 40 sites)."""
    sites = sum(
        len(_topic_expressions(ast.parse(path.read_text())))
        for path in PACKAGE.rglob("*.py")
        if path.parent.name != "live"
    )
    assert sites >= 40


def test_a_bare_string_or_a_misspelt_member_is_caught() -> None:
    tree = ast.parse(
        'notify("roster")\nnotify(Topic.ROSTR)\nannounce(session, Topic.EVENTS)\n'
        'live_topics = ("jobs", Topic.SYNC)\nnotify(*(campaign_topic(c) for c in ids))'
    )
    problems = [p for _, expr in _topic_expressions(tree) for p in _problems(expr)]
    assert problems == [
        "\"'roster'\" is not a Topic member or a topic maker",
        "Topic.ROSTR is not declared",
        "\"'jobs'\" is not a Topic member or a topic maker",
    ]


def test_scoped_topics_and_members_are_declared_and_anything_else_is_refused() -> None:
    assert is_declared(Topic.SCHEDULE)
    assert is_declared(signups_topic(7)) and is_declared(campaign_topic(3))
    assert not is_declared("rostr") and not is_declared("roster:3")
    with pytest.raises(ValueError, match="not a declared topic"):
        notify("rostr")
