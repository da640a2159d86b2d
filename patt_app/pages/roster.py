"""The public roster: who raids with us, sortable and filterable, readable on a phone."""

from __future__ import annotations

import reflex as rx

from patt_app.components.badges import class_dot, rank_badge, role_badge
from patt_app.components.kit import note, wrap_row
from patt_app.components.layout import template
from patt_app.components.page_header import page_header
from patt_app.components.theme import CARD_STYLE, ITEM_STYLE, MUTED
from patt_app.services.players.roster import RosterEntry
from patt_app.states.roster import ALL, RosterState

ROLE_OPTIONS = (
    (ALL, "All roles"),
    ("tank", "Tank"),
    ("healer", "Healer"),
    ("melee", "Melee DPS"),
    ("ranged", "Ranged DPS"),
)


def _row(index) -> RosterEntry:
    """The row at `index` of the rows the browser holds (sorting sends only the order)."""
    return RosterState.rows[index]


def _sort_header(label: str, key: str) -> rx.Component:
    arrow = rx.cond(
        RosterState.sort_by == key,
        rx.cond(RosterState.sort_descending, " ▼", " ▲"),
        "",
    )
    return rx.table.column_header_cell(
        rx.text(label, arrow, class_name="patt-sortable", on_click=RosterState.sort(key)),
    )


def _character(row: RosterEntry) -> rx.Component:
    return rx.hstack(
        class_dot(row.class_colour),
        rx.link(
            row.character_name,
            href=row.armory_url,
            is_external=True,
            color=row.class_colour,
            weight="bold",
            title="Armory",
        ),
        align="center",
        spacing="2",
    )


def _table_row(row: RosterEntry) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(row.display_name, weight="medium")),
        rx.table.cell(_character(row)),
        rx.table.cell(
            rx.text(row.spec_name, " ", row.class_name, color=row.class_colour, size="2")
        ),
        rx.table.cell(role_badge(row.role_key, row.role_name)),
        rx.table.cell(rx.text(rx.cond(row.item_level, row.item_level, "—"))),
        rx.table.cell(rank_badge(row.rank_name, row.rank_level)),
        rx.table.cell(note(row.realm_name)),
        class_name="roster-row",
    )


def _card(row: RosterEntry) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            _character(row), rx.spacer(), rank_badge(row.rank_name, row.rank_level), width="100%"
        ),
        rx.hstack(
            rx.text(row.spec_name, " ", row.class_name, color=row.class_colour, size="2"),
            role_badge(row.role_key, row.role_name),
            rx.spacer(),
            note("ilvl ", rx.cond(row.item_level, row.item_level, "—")),
            width="100%",
            align="center",
        ),
        note(row.display_name, " · ", row.realm_name, size="1"),
        spacing="1",
        style=ITEM_STYLE,
        class_name="roster-card",
    )


def _filters() -> rx.Component:
    return wrap_row(
        rx.input(
            placeholder="Search players or characters",
            value=RosterState.search,
            on_change=RosterState.set_search,
            width=["100%", "260px"],
            id="roster-search",
        ),
        rx.select.root(
            rx.select.trigger(placeholder="Role", id="role-filter"),
            rx.select.content(*[rx.select.item(label, value=v) for v, label in ROLE_OPTIONS]),
            value=RosterState.role_filter,
            on_change=RosterState.set_role_filter,
        ),
        rx.select.root(
            rx.select.trigger(placeholder="Class", id="class-filter"),
            rx.select.content(
                rx.foreach(
                    RosterState.class_options,
                    lambda c: rx.select.item(rx.cond(c == ALL, "All classes", c), value=c),
                )
            ),
            value=RosterState.class_filter,
            on_change=RosterState.set_class_filter,
        ),
        rx.button("Clear", variant="soft", color_scheme="gray", on_click=RosterState.clear_filters),
        rx.spacer(),
        note(RosterState.count_label, id="roster-count"),
        width="100%",
    )


def _table() -> rx.Component:
    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    _sort_header("Player", "name"),
                    rx.table.column_header_cell("Main"),
                    _sort_header("Spec", "class"),
                    _sort_header("Role", "role"),
                    _sort_header("Item level", "item_level"),
                    _sort_header("Rank", "rank"),
                    rx.table.column_header_cell("Realm"),
                )
            ),
            rx.table.body(rx.foreach(RosterState.visible_order, lambda i: _table_row(_row(i)))),
            width="100%",
            variant="ghost",
        ),
        style=CARD_STYLE,
        overflow_x="auto",
        display=["none", "none", "block"],
        width="100%",
    )


def _cards() -> rx.Component:
    return rx.vstack(
        rx.foreach(RosterState.visible_order, lambda i: _card(_row(i))),
        spacing="2",
        width="100%",
        display=["flex", "flex", "none"],
    )


@template(route="/roster", title="Roster", on_load=RosterState.load)
def roster() -> rx.Component:
    """Every active player with a main character."""
    return rx.vstack(
        page_header("Raid roster"),
        rx.text("Our raiders and their mains. Click a character for the armory.", color=MUTED),
        _filters(),
        rx.cond(
            RosterState.loaded & (RosterState.visible_order.length() == 0),
            rx.text("Nobody matches these filters.", color=MUTED, padding_y="2rem"),
        ),
        _table(),
        _cards(),
        spacing="4",
        width="100%",
    )
