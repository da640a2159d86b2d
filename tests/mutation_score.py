"""The mutation score of the last `mutmut run`, per module and overall; exits 1 below the bar
(used by `make mutate`).

Score = killed / checked mutants, where a timeout counts as killed (the mutant hung the tests)
and "no tests", survivors and suspicious ones count against it. A run that left mutants
unchecked (stopped part way) fails too: its score would not be the suite's. Survivors are
listed for `mutmut show <name>`.

    python tests/mutation_score.py [--min 85] [--allow-unchecked]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

MUTANTS = Path("mutants")
MIN_SCORE = 85.0
# failed tests, pytest's internal error, the CPU-time limit (SIGXCPU, then SIGKILL), timeouts
KILLED = {1, 3, 24, -24, -9, 36, 37, 152, 255}
SURVIVED, NO_TESTS = 0, {5, 33}


def outcome(exit_code: int | None) -> str:
    if exit_code is None:
        return "unchecked"
    if exit_code in KILLED:
        return "killed"
    if exit_code == SURVIVED:
        return "survived"
    return "no tests" if exit_code in NO_TESTS else "other"


def results(root: Path = MUTANTS) -> dict[str, dict[str, str]]:
    """{module path: {mutant name: outcome}} from mutmut's .meta files."""
    found = {}
    for meta in sorted(root.rglob("*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        found[str(meta.relative_to(root))[: -len(".meta")]] = {
            name: outcome(code) for name, code in codes.items()
        }
    return found


def score(counts: Counter) -> float | None:
    checked = sum(counts.values()) - counts["unchecked"]
    return 100 * counts["killed"] / checked if checked else None


def _line(label: str, counts: Counter) -> str:
    value = score(counts)
    shown = "   —  " if value is None else f"{value:5.1f} %"
    return (
        f"{shown}  {label}: killed {counts['killed']}, survived {counts['survived']},"
        f" no tests {counts['no tests']}, other {counts['other']},"
        f" unchecked {counts['unchecked']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=float, default=MIN_SCORE, help="the bar, in percent")
    parser.add_argument(
        "--allow-unchecked", action="store_true", help="score a partial run (not for the gate)"
    )
    args = parser.parse_args(argv)
    modules = results()
    if not modules:
        print("no mutmut results under mutants/: run `mutmut run` first")
        return 1
    total: Counter = Counter()
    for module, outcomes in modules.items():
        counts = Counter(outcomes.values())
        total += counts
        print(_line(module, counts))
        for name, result in sorted(outcomes.items()):
            if result in ("survived", "no tests", "other"):
                print(f"          {result}: {name}")
    overall = score(total)
    print("\n" + _line("overall", total))
    if overall is None:
        print("nothing was checked")
        return 1
    if total["unchecked"] and not args.allow_unchecked:
        print(f"FAIL: {total['unchecked']} mutants were not checked (the run stopped part way)")
        return 1
    if overall < args.min:
        print(f"FAIL: mutation score {overall:.1f} % is below {args.min:g} %")
        return 1
    print(f"mutation score {overall:.1f} % (at least {args.min:g} % needed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
