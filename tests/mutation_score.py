"""Print the mutation score of the last `mutmut run` (used by `make mutate`).

Score = killed / total mutants, where timeouts count as killed (the mutant hung the tests) and
"no tests" and survivors count against it. Survivors are listed for `mutmut show <name>`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

STATS = Path("mutants/mutmut-cicd-stats.json")


def main() -> int:
    mutmut = [sys.executable, "-m", "mutmut"]
    subprocess.run([*mutmut, "export-cicd-stats"], check=True, capture_output=True)
    stats = json.loads(STATS.read_text())
    killed = stats["killed"] + stats["timeout"]
    total = stats["total"]
    score = 100 * killed / total if total else 0.0
    results = subprocess.run(
        [*mutmut, "results"], check=True, capture_output=True, text=True
    ).stdout
    survivors = [line.strip() for line in results.splitlines() if line.strip()]
    print("\n".join(survivors) or "no survivors")
    print(
        f"\nmutation score: {killed} killed / {total} total = {score:.1f} %"
        f"  (survived {stats['survived']}, no tests {stats['no_tests']},"
        f" timeout {stats['timeout']}, suspicious {stats['suspicious']},"
        f" skipped {stats['skipped']})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
