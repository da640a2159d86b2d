"""A form inside `rx.foreach` must not name the row in its submit handler: Reflex hoists the
handler out of the loop and the browser throws "<row>_rx_state_ is not defined" (the "Can't
make it" excuse that saved nothing). Such forms use `components.row_form.row_form`."""

import ast
from pathlib import Path

PAGES = Path(__file__).resolve().parents[2] / "patt_app"


def _lambda_submits(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    return [
        f"{path.relative_to(PAGES.parent)}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.keyword)
        and node.arg == "on_submit"
        and isinstance(node.value, ast.Lambda)
    ]


def test_no_form_submits_through_a_lambda():
    found = [hit for path in sorted(PAGES.rglob("*.py")) for hit in _lambda_submits(path)]
    assert found == [], f"use row_form (hidden id field) instead of a lambda: {found}"
