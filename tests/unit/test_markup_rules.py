"""Two rules of the pages' markup, read from the source:

- A form inside `rx.foreach` must not name the row in its submit handler: Reflex hoists the
  handler out of the loop and the browser throws "<row>_rx_state_ is not defined" (the "Can't
  make it" excuse that saved nothing). Such forms use `components.row_form.row_form`.
- On a phone a table row is a card whose cells lay out their label and value side by side
  (`components.tables`): each child of a cell is a separate item there, so a cell holds one
  component or one text ("start – end" as two times and a dash would spread apart)."""

import ast
from collections.abc import Callable
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "patt_app"


def _places(where: Callable[[ast.AST], bool]) -> list[str]:
    """`file:line` of every node of the app's source for which `where` holds."""
    return [
        f"{path.relative_to(APP.parent)}:{node.lineno}"
        for path in sorted(APP.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text()))
        if where(node)
    ]


def test_no_form_submits_through_a_lambda():
    found = _places(
        lambda node: (
            isinstance(node, ast.keyword)
            and node.arg == "on_submit"
            and isinstance(node.value, ast.Lambda)
        )
    )
    assert found == [], f"use row_form (hidden id field) instead of a lambda: {found}"


def test_every_table_cell_holds_one_child():
    found = _places(
        lambda node: (
            isinstance(node, ast.Call)
            and ast.unparse(node.func).endswith("table.cell")
            and len(node.args) > 1
        )
    )
    assert found == [], f"wrap the cell's children in one rx.box or rx.text: {found}"
