"""The promotion and warning rules section of /admin/reference-tables: one editable row per
rule and a form to add one."""

from __future__ import annotations

import reflex as rx

from patt_app.components.grid_rows import grid_header, grid_row
from patt_app.components.kit import card_section, note, soft_button
from patt_app.components.row_form import row_form
from patt_app.services.reference.promotion_rule_table import RuleRow
from patt_app.states.admin.promotion_rules import AdminPromotionRulesState as S

COLUMNS = "110px 130px 130px 70px 70px 80px 80px 1fr"
WIDTH = "820px"  # the columns' least width on a wide screen
FIELDS = (
    ("weeks", "Weeks"),
    ("min_raids", "Raids ≥"),
    ("min_percent", "Attendance % ≥"),
    ("no_shows", "No-shows"),
)


def _rank_select(name: str, value) -> rx.Component:
    return rx.el.select(
        rx.el.option("—", value=""),
        rx.foreach(S.rank_options, lambda r: rx.el.option(r[1], value=r[0])),
        name=name,
        default_value=value,
        key=value,
        class_name="rule-rank",
    )


def _kind_select(value) -> rx.Component:
    return rx.el.select(
        rx.el.option("promotion", value="promotion"),
        rx.el.option("warning", value="warning"),
        name="kind",
        default_value=value,
        key=value,
    )


def _number(name: str, value) -> rx.Component:
    return rx.input(
        name=name, default_value=value, key=value, type="number", min=0, max=100, size="1"
    )


def _fields(kind, from_rank, to_rank, numbers: list) -> list[tuple[str, rx.Component]]:
    return [
        ("Kind", _kind_select(kind)),
        ("From rank", _rank_select("from_rank_id", from_rank)),
        ("To rank", _rank_select("to_rank_id", to_rank)),
        *[
            (label, _number(name, value))
            for (name, label), value in zip(FIELDS, numbers, strict=True)
        ],
    ]


def _rule_row(rule: RuleRow) -> rx.Component:
    numbers = [
        rule.weeks.to_string(),
        rule.min_raids.to_string(),
        rule.min_percent.to_string(),
        rule.no_shows.to_string(),
    ]
    return rx.vstack(
        row_form(
            grid_row(
                _fields(rule.kind, rule.from_rank_id, rule.to_rank_id, numbers),
                rx.hstack(
                    rx.button("Save", size="1", type="submit"),
                    soft_button(
                        "Delete",
                        type="button",
                        color_scheme="red",
                        on_click=S.delete_rule(rule.id),
                    ),
                ),
                COLUMNS,
                min_width=WIDTH,
            ),
            id_field="rule_id",
            row_id=rule.id,
            on_submit=S.save_rule,
        ),
        note(rule.text, size="1"),
        spacing="1",
        class_name="promotion-rule",
    )


def _add_form() -> rx.Component:
    return rx.form(
        grid_row(
            _fields("promotion", "", "", ["4", "6", "75", "0"]),
            rx.button("Add rule", size="1", type="submit"),
            COLUMNS,
            min_width=WIDTH,
        ),
        on_submit=S.add_rule,
        reset_on_submit=True,
        id="add-rule",
    )


def promotion_rules_section() -> rx.Component:
    labels = ["Kind", "From rank", "To rank", *[label for _, label in FIELDS], ""]
    header = grid_header(labels, COLUMNS, min_width=WIDTH)
    return card_section(
        "Promotion and warning rules",
        note(
            "A promotion: players of the from rank with at least that many raids and that "
            "attendance in the window, and at most that many no-shows, are listed as due on "
            "Players. A warning (any rank): that many no-shows, or attendance below that %."
        ),
        rx.box(
            rx.vstack(header, rx.foreach(S.rules, _rule_row), _add_form(), spacing="2"),
            overflow_x="auto",
            width="100%",
        ),
        spacing="3",
        id="promotion-rules",
    )
