"""Every test file the code and the docs name exists: a docstring, comment or doc in patt_app/,
docs/, README.md, the Makefile or pyproject.toml (and the tests' own docstrings) that cites
`tests/…/test_*.py`, a bare `test_*.py` or a module `tests.<suite>.test_*` fails here once that
file is renamed or deleted, so a stale reference cannot come back."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SUITES = ("unit", "integration", "e2e", "bench", "load")
PREFIX = "test" + "_"  # spelled apart so that this file's own patterns are not references
# a path under tests/, a bare file name, or a dotted module; `contest_agent.py` is none of them
CITED = re.compile(
    rf"(?<![\w.-])(?:tests/(?:[\w-]+/)*)?{PREFIX}\w+\.py\b"
    rf"|\btests\.(?:{'|'.join(SUITES)})\.{PREFIX}\w+\b"
)


def _sources() -> list[Path]:
    found = [*sorted((ROOT / "patt_app").rglob("*.py")), *sorted((ROOT / "docs").rglob("*.md"))]
    found += [ROOT / name for name in ("README.md", "Makefile", "pyproject.toml")]
    found += sorted((ROOT / "tests").rglob("*.py"))
    return [path for path in found if path.is_file()]


def _exists(root: Path, cited: str) -> bool:
    if cited.startswith("tests."):
        return (root / (cited.replace(".", "/") + ".py")).is_file()
    if "/" in cited:
        return (root / cited).is_file()
    return any((root / "tests").rglob(cited))


def stale_references(root: Path, sources: list[Path]) -> list[str]:
    """Each citation of a test file that is not there, as `source:line: cited`."""
    stale = []
    for source in sources:
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            for cited in CITED.findall(line):
                if not _exists(root, cited):
                    stale.append(f"{source.relative_to(root)}:{number}: {cited}")
    return stale


def test_every_cited_test_file_exists():
    assert stale_references(ROOT, _sources()) == []


def test_a_renamed_test_file_is_reported_where_it_is_cited(tmp_path: Path):
    doc = tmp_path / "NOTES.md"
    gone, kept = PREFIX + "gone_flows.py", PREFIX + "kept.py"
    doc.write_text(
        f"See tests/e2e/{gone} and {kept}, tests.e2e.{PREFIX}gone_flows and contest_agent.py.\n"
        f"Also tests/unit/{kept}.\n",
        encoding="utf-8",
    )
    (tmp_path / "tests" / "unit").mkdir(parents=True)
    (tmp_path / "tests" / "unit" / kept).write_text("", encoding="utf-8")
    found = [line.split(": ", 1)[1] for line in stale_references(tmp_path, [doc])]
    assert found == [f"tests/e2e/{gone}", f"tests.e2e.{PREFIX}gone_flows"]
