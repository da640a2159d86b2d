"""On a phone a table row is a card whose cells lay out their label and value side by side
(`components.tables`): each child of a cell is a separate item there, so a cell holds one
component or one text ("start – end" as two times and a dash would spread apart)."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "patt_app"


def _cells_with_several_children(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    return [
        f"{path.relative_to(APP.parent)}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and ast.unparse(node.func).endswith("table.cell")
        and len(node.args) > 1
    ]


def test_every_table_cell_holds_one_child():
    found = [
        hit for path in sorted(APP.rglob("*.py")) for hit in _cells_with_several_children(path)
    ]
    assert found == [], f"wrap the cell's children in one rx.box or rx.text: {found}"
