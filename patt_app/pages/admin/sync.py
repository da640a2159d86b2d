"""/admin/sync: the Battle.net roster sync, its live progress and its last runs."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import card_section, card_stack, note
from patt_app.components.layout import officer_page
from patt_app.components.local_time import local_time
from patt_app.components.tables import simple_table
from patt_app.states.admin.sync import AdminSyncState as S
from patt_app.states.admin.sync import SyncRunRow


def _run_row(run: SyncRunRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(local_time(run.started, S.viewer_zone, "seconds")),
        rx.table.cell(rx.badge(run.status, color_scheme=run.status_colour, variant="soft")),
        rx.table.cell(run.counts),
        rx.table.cell(run.requests),
        rx.table.cell(run.duration),
        rx.table.cell(rx.text(run.note, size="2"), max_width="320px"),
        class_name="sync-run-row",
    )


def _progress() -> rx.Component:
    return card_stack(
        rx.hstack(
            rx.heading("Latest sync", size="4"),
            rx.cond(S.running, rx.spinner(size="2")),
            align="center",
        ),
        rx.progress(value=S.progress_percent, max=100, width="100%"),
        rx.text(
            S.progress_done.to_string() + " / " + S.progress_total.to_string() + " characters · ",
            rx.el.span(S.progress_percent.to_string() + " %", id="sync-percent"),
            " · ",
            S.latest_status,
            id="sync-progress",
        ),
    )


@officer_page(
    route="/admin/sync",
    title="Battle.net sync",
    state=S,
    intro="Brings the guild's characters up to date from the Battle.net roster and profiles, "
    "four times a day (01:00, 07:00, 13:00, 19:00 UTC) and on demand.",
)
def sync_page() -> tuple[rx.Component, ...]:
    return (
        rx.cond(
            S.configured,
            rx.button("Sync now", on_click=S.sync_now, disabled=S.running, id="sync-now"),
            rx.callout(
                S.not_configured,
                icon="triangle_alert",
                color_scheme="amber",
                id="sync-not-configured",
            ),
        ),
        rx.cond(S.runs.length() > 0, _progress()),
        card_section(
            "Last runs",
            note("Times in ", S.viewer_zone, size="1"),
            simple_table(
                ("Started", "Result", "Changes", "Requests", "Took", "Note"),
                S.runs,
                _run_row,
            ),
        ),
    )
