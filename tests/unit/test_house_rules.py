"""The house's size rules, checked rather than remembered (docs/ARCHITECTURE.md, "Rules of the
house"): no module in patt_app/ over 300 lines, no function or method over 40.

Today's offenders are listed below with their sizes. The lists may only shrink: the test fails
when a listed item grows, when a listed item is back within the limit (delete its line), or when
anything not listed is over the limit. Splitting an offender and deleting its line is the way
forward; raising a number is not.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "patt_app"
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 40

# path → lines (none: every module is within the limit now)
MODULES_OVER: dict[str, int] = {}

# "path::Class.function" (nested functions as "outer.inner") → lines from `def` to its end
FUNCTIONS_OVER: dict[str, int] = {
    "patt_app/api/schedule.py::windows": 41,
    "patt_app/demo/campaigns.py::write_campaigns": 51,
    "patt_app/demo/seed.py::_write_events": 47,
    "patt_app/services/campaigns/officer_changes.py::_checked": 41,
    "patt_app/services/guild_discord/roster_post.py::rosters_behind": 41,
    "patt_app/services/identity/addon_roster.py::diff_addon_roster": 41,
    "patt_app/services/identity/linking.py::_facts": 42,
    "patt_app/services/identity/refresh.py::load_snapshot": 41,
    "patt_app/services/players/ranks.py::_keep_claim": 46,
    "patt_app/services/raids/attendance.py::checklist": 44,
    "patt_app/services/raids/bench_view.py::event_bench": 41,
    "patt_app/services/raids/calendar_feed.py::build_feed": 50,
    "patt_app/services/raids/events.py::_checked": 43,
    "patt_app/services/raids/forecast_view.py::outlooks_for": 41,
    "patt_app/services/raids/raid_roster.py::raid_roster": 43,
    "patt_app/services/reference/reference_data.py::seed_reference_data": 55,
    "patt_app/services/reference/reference_tables.py::update_rank": 46,
    "patt_app/services/scheduling/raid_night_finder.py::find_raid_nights": 54,
    "patt_app/states/admin/attendance.py::AdminAttendanceReportState._reload": 43,
}


def _modules() -> dict[str, int]:
    return {
        path.relative_to(ROOT).as_posix(): len(path.read_text().splitlines())
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _functions() -> dict[str, int]:
    sizes: dict[str, int] = {}

    def walk(node: ast.AST, where: str, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = prefix + child.name
                end = child.end_lineno or child.lineno
                sizes[f"{where}::{name}"] = end - child.lineno + 1
                walk(child, where, name + ".")
            elif isinstance(child, ast.ClassDef):
                walk(child, where, prefix + child.name + ".")
            else:
                walk(child, where, prefix)

    for path in sorted(PACKAGE.rglob("*.py")):
        walk(ast.parse(path.read_text()), path.relative_to(ROOT).as_posix(), "")
    return sizes


def _broken(sizes: dict[str, int], allowed: dict[str, int], limit: int, what: str) -> list[str]:
    problems = []
    for name, size in sorted(sizes.items()):
        if size <= limit:
            continue
        if name not in allowed:
            problems.append(f"{name}: {size} lines, over the limit of {limit} {what}")
        elif size > allowed[name]:
            problems.append(f"{name}: grew from {allowed[name]} to {size} lines (limit {limit})")
    for name, size in sorted(allowed.items()):
        now = sizes.get(name)
        if now is None:
            problems.append(f"{name}: listed at {size} lines but gone: delete its line")
        elif now <= limit:
            problems.append(f"{name}: now {now} lines, within the limit: delete its line")
    return problems


def test_no_module_is_over_300_lines_but_the_listed_ones_which_only_shrink() -> None:
    assert _broken(_modules(), MODULES_OVER, MAX_MODULE_LINES, "lines per module") == []


def test_no_function_is_over_40_lines_but_the_listed_ones_which_only_shrink() -> None:
    assert _broken(_functions(), FUNCTIONS_OVER, MAX_FUNCTION_LINES, "lines per function") == []


def test_the_check_itself_catches_growth_newcomers_and_stale_entries() -> None:
    allowed = {"a.py": 320, "b.py": 310, "c.py": 305}
    sizes = {"a.py": 321, "b.py": 300, "d.py": 301, "e.py": 12}
    assert _broken(sizes, allowed, 300, "lines per module") == [
        "a.py: grew from 320 to 321 lines (limit 300)",
        "d.py: 301 lines, over the limit of 300 lines per module",
        "b.py: now 300 lines, within the limit: delete its line",
        "c.py: listed at 305 lines but gone: delete its line",
    ]
