"""/admin/jobs: the background runner and its jobs, live."""

from __future__ import annotations

import reflex as rx

from patt_app.components.layout import template
from patt_app.components.officer_gate import officers_only
from patt_app.components.tables import simple_table
from patt_app.components.theme import CARD_STYLE, GOLD, MUTED
from patt_app.states.admin.jobs import JobRow, RunRow
from patt_app.states.admin.jobs import JobsState as S


def _status(status, colour) -> rx.Component:
    return rx.badge(status, color_scheme=colour, variant="soft")


def _job_row(job: JobRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.vstack(
                rx.text(job.name, weight="bold"),
                rx.text(job.description, size="1", color=MUTED),
                spacing="1",
                max_width="320px",
            )
        ),
        rx.table.cell(job.schedule),
        rx.table.cell(job.last_run),
        rx.table.cell(_status(job.status, job.status_colour)),
        rx.table.cell(job.duration),
        rx.table.cell(rx.text(job.outcome, size="2"), max_width="320px"),
        rx.table.cell(job.next_run),
        rx.table.cell(
            rx.button("Run now", size="1", white_space="nowrap", on_click=S.run_now(job.name))
        ),
        class_name="job-row",
        id=f"job-{job.name}",
    )


def _run_row(run: RunRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(run.started),
        rx.table.cell(run.job_name),
        rx.table.cell(run.trigger),
        rx.table.cell(_status(run.status, run.status_colour)),
        rx.table.cell(run.duration),
        rx.table.cell(rx.text(run.outcome, size="2"), max_width="360px"),
        rx.table.cell(rx.text(run.runner, size="1", color=MUTED)),
        class_name="run-row",
    )


@template(route="/admin/jobs", title="Background jobs", on_load=[S.open_officer_page, S.load])
def jobs_page() -> rx.Component:
    return officers_only(
        rx.vstack(
            rx.heading("Background jobs", size="7", color=GOLD),
            rx.text(
                "One worker process runs the guild's scheduled jobs; if it stops, another takes "
                "over within seconds. Times are in your time zone.",
                color=MUTED,
            ),
            rx.hstack(
                rx.text("Runner:", weight="bold"),
                rx.cond(
                    S.runner != "",
                    rx.badge(S.runner, color_scheme="green", id="runner-name"),
                    rx.badge("no runner elected yet", color_scheme="red", id="runner-name"),
                ),
                align="center",
            ),
            rx.vstack(
                rx.heading("Jobs", size="4"),
                simple_table(
                    ("Job", "Schedule", "Last run", "Result", "Took", "Outcome", "Next run", ""),
                    S.jobs,
                    _job_row,
                ),
                style=CARD_STYLE,
                width="100%",
            ),
            rx.vstack(
                rx.heading("Recent runs", size="4"),
                simple_table(
                    ("Started", "Job", "Trigger", "Result", "Took", "Outcome", "Runner"),
                    S.runs,
                    _run_row,
                ),
                style=CARD_STYLE,
                width="100%",
            ),
            spacing="4",
            width="100%",
        )
    )
