"""/admin/players' promotion board: players due for promotion (with "Promote") and players
with a warning, each with the numbers behind it. The rules are on the reference tables."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import note
from patt_app.components.theme import CARD_STYLE, ITEM_STYLE
from patt_app.services.raids.promotion_view import BoardLine
from patt_app.states.admin.promotion_board import AdminPromotionBoardState as S


def _who(line: BoardLine) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(line.name, weight="bold"),
            rx.badge(line.rank, variant="soft"),
            note(line.rule, size="1"),
            wrap="wrap",
            align="center",
        ),
        note(line.why, size="1", class_name="board-why"),
        spacing="0",
    )


def _due(line: BoardLine) -> rx.Component:
    return rx.hstack(
        _who(line),
        rx.spacer(),
        rx.button(
            "Promote to ",
            line.to_rank,
            size="1",
            on_click=S.promote(line.player_id, line.rule_id),
            class_name="promote",
        ),
        align="center",
        wrap="wrap",
        style=ITEM_STYLE,
        width="100%",
        class_name="due-row",
    )


def _warning(line: BoardLine) -> rx.Component:
    return rx.hstack(
        rx.icon("triangle_alert", size=16, color="orange"),
        _who(line),
        align="center",
        style=ITEM_STYLE,
        width="100%",
        class_name="warning-row",
    )


def _list(title: str, items, render, empty: str, list_id: str) -> rx.Component:
    return rx.vstack(
        rx.heading(title, " (", items.length(), ")", size="3"),
        rx.cond(items.length() == 0, note(empty)),
        rx.foreach(items, render),
        spacing="2",
        width="100%",
        min_width="0",
        id=list_id,
    )


def promotion_board() -> rx.Component:
    return rx.box(
        rx.cond(
            S.board_loaded,
            rx.grid(
                _list("Due for promotion", S.due, _due, "Nobody is due.", "due-list"),
                _list("Warnings", S.warnings, _warning, "No warnings.", "warning-list"),
                columns=rx.breakpoints(initial="1", md="2"),
                spacing="4",
                width="100%",
            ),
        ),
        rx.link("The rules are on Reference tables", href="/admin/reference-tables", size="1"),
        on_mount=S.load,
        style=CARD_STYLE,
        width="100%",
        id="promotion-board",
    )
