"""/admin/jobs: the background runner and its jobs, live."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import card_section, note
from patt_app.components.layout import officer_page
from patt_app.components.local_time import local_time
from patt_app.components.tables import simple_table
from patt_app.states.admin.jobs import AdminJobsState as S
from patt_app.states.admin.jobs import JobRow, RunRow


def _status(status, colour) -> rx.Component:
    return rx.badge(status, color_scheme=colour, variant="soft")


def _job_row(job: JobRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.vstack(
                rx.text(job.title, weight="bold"),
                note(job.description, size="1"),
                spacing="1",
                max_width="320px",
            )
        ),
        rx.table.cell(
            rx.cond(
                job.daily_at.length() > 0,
                rx.text(
                    "daily at ",
                    rx.foreach(
                        job.daily_at,
                        lambda at, i: rx.fragment(
                            rx.cond(i > 0, ", ", ""), local_time(at, S.viewer_zone, "time")
                        ),
                    ),
                    class_name="daily-at",
                ),
                job.schedule,
            )
        ),
        rx.table.cell(local_time(job.last_run, S.viewer_zone, "seconds")),
        rx.table.cell(_status(job.status, job.status_colour)),
        rx.table.cell(job.duration, white_space="nowrap"),
        rx.table.cell(rx.text(job.outcome, size="2"), max_width="320px"),
        rx.table.cell(local_time(job.next_run, S.viewer_zone, "seconds")),
        rx.table.cell(
            rx.button("Run now", size="1", white_space="nowrap", on_click=S.run_now(job.name))
        ),
        class_name="job-row",
        id=f"job-{job.name}",
    )


def _run_row(run: RunRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(local_time(run.started, S.viewer_zone, "seconds")),
        rx.table.cell(run.job_name),
        rx.table.cell(run.trigger),
        rx.table.cell(_status(run.status, run.status_colour)),
        rx.table.cell(run.duration, white_space="nowrap"),
        rx.table.cell(rx.text(run.outcome, size="2"), max_width="360px"),
        rx.table.cell(note(run.runner, size="1")),
        class_name="run-row",
    )


@officer_page(
    route="/admin/jobs",
    title="Background jobs",
    state=S,
    intro="One worker process runs the guild's scheduled jobs; if it stops, another takes "
    "over within seconds. Times are in your time zone.",
)
def jobs_page() -> tuple[rx.Component, ...]:
    return (
        rx.hstack(
            rx.text("Runner:", weight="bold"),
            rx.cond(
                S.runner != "",
                rx.badge(S.runner, color_scheme="green", id="runner-name"),
                rx.badge("no runner elected yet", color_scheme="red", id="runner-name"),
            ),
            align="center",
        ),
        card_section(
            "Jobs",
            simple_table(
                ("Job", "Schedule", "Last run", "Result", "Took", "Outcome", "Next run", ""),
                S.jobs,
                _job_row,
            ),
        ),
        card_section(
            "Recent runs",
            simple_table(
                ("Started", "Job", "Trigger", "Result", "Took", "Outcome", "Runner"),
                S.runs,
                _run_row,
            ),
        ),
    )
