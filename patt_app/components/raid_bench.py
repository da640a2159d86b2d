"""One raid's bench in the outlook: its seats, the waitlist, the fair bench proposal, who is
benched (a click puts them back) and the officer's own pick."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import note, soft_button
from patt_app.components.row_form import row_form
from patt_app.components.theme import SELECT_STYLE
from patt_app.states.admin.raid_outlook import AdminRaidOutlookState as S
from patt_app.states.admin.raid_outlook import OutlookRow

_SELECT_STYLE = {**SELECT_STYLE, "padding": "0.2rem", "font_size": "0.85rem"}


def _raid_size_form(row: OutlookRow) -> rx.Component:
    return row_form(
        rx.hstack(
            note("Seats", size="1"),
            rx.input(
                name="raid_size",
                type="number",
                placeholder="no limit",
                default_value=row.raid_size,
                width="80px",
                size="1",
                class_name="raid-size-input",
            ),
            soft_button("Save", type="submit", class_name="raid-size-save"),
            align="center",
            spacing="1",
        ),
        id_field="event_id",
        row_id=row.event_id,
        on_submit=S.set_raid_size,
        key=row.event_id.to_string() + "-" + row.raid_size,
    )


def _seats(row: OutlookRow) -> rx.Component:
    """The seats form and how many more signed up than there are seats."""
    return rx.hstack(
        _raid_size_form(row),
        rx.cond(
            row.over > 0,
            rx.text(row.over.to_string(), " more signed up than seats", size="2", color="#fbbf24"),
        ),
        align="center",
        wrap="wrap",
    )


def _waitlist(row: OutlookRow) -> rx.Component:
    return rx.cond(
        row.waitlist != "",
        rx.text(
            "Waitlist (first gets the next open seat, by DM): ",
            rx.text.strong(row.waitlist),
            size="2",
            class_name="waitlist",
        ),
    )


def _proposal(row: OutlookRow) -> rx.Component:
    """The fair bench proposal, until it is applied."""
    return rx.cond(
        (row.proposal.length() > 0) & ~row.proposal_applied,
        rx.hstack(
            rx.text("Fair bench proposal: ", rx.text.strong(row.proposal.join(", ")), size="2"),
            rx.button(
                "Bench these",
                size="1",
                on_click=S.apply_bench(row.event_id),
                class_name="apply-bench",
            ),
            align="center",
            wrap="wrap",
            class_name="bench-proposal",
        ),
    )


def _benched_player(row: OutlookRow, player) -> rx.Component:
    return soft_button(
        player[1],
        " ×",
        color_scheme="purple",
        title="Put back in the raid",
        aria_label=f"Put {player[1]} back in the raid",
        on_click=S.unbench(row.event_id, player[0]),
        class_name="benched-player",
    )


def _benched(row: OutlookRow) -> rx.Component:
    return rx.cond(
        row.benched.length() > 0,
        rx.hstack(
            rx.text("Benched:", size="2"),
            rx.foreach(row.benched, lambda p: _benched_player(row, p)),
            wrap="wrap",
            align="center",
        ),
    )


def _bench_someone(row: OutlookRow) -> rx.Component:
    """The officer's override: bench anyone else, once the raid has a seat count."""
    return rx.cond(
        row.raid_size != "",
        row_form(
            rx.hstack(
                rx.el.select(
                    rx.el.option("Bench someone else…", value=""),
                    rx.foreach(row.bench_choices, lambda c: rx.el.option(c[1], value=c[0])),
                    name="player_id",
                    style=_SELECT_STYLE,
                ),
                soft_button("Bench", type="submit"),
                align="center",
            ),
            id_field="event_id",
            row_id=row.event_id,
            on_submit=S.bench_player,
            reset_on_submit=True,
        ),
    )


def raid_bench(row: OutlookRow) -> rx.Component:
    """Seats, the fair proposal and the officer's override."""
    return rx.vstack(
        _seats(row),
        _waitlist(row),
        rx.foreach(row.bench_warnings, lambda w: rx.text(w, size="1", color="#f87171")),
        _proposal(row),
        _benched(row),
        _bench_someone(row),
        spacing="2",
        width="100%",
    )
