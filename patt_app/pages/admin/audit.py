"""/admin/audit: integrity issues to review, suggested links to accept, uploader keys."""

from __future__ import annotations

import reflex as rx

from patt_app.components.layout import template
from patt_app.components.officer_gate import officers_only
from patt_app.components.tables import simple_table
from patt_app.components.theme import CARD_STYLE, GOLD, MUTED
from patt_app.states.admin.audit import AuditState as S
from patt_app.states.admin.audit import IssueGroup, IssueRow


def _close_form(issue: IssueRow) -> rx.Component:
    return rx.form(
        rx.hstack(
            rx.input(name="note", placeholder="Note (optional)", size="1", width="180px"),
            rx.select.root(
                rx.select.trigger(size="1"),
                rx.select.content(
                    rx.select.item("Resolved", value="fixed"),
                    rx.select.item("Dismiss", value="dismissed"),
                ),
                name="resolution",
                default_value="fixed",
            ),
            rx.button("Close", size="1", type="submit", variant="soft"),
            align="center",
        ),
        on_submit=lambda data: S.resolve(issue.id, data),
        reset_on_submit=True,
    )


def _issue(issue: IssueRow) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(issue.summary, size="2", class_name="issue-summary"),
            rx.text("found ", issue.created, size="1", color=MUTED),
            spacing="0",
        ),
        rx.spacer(),
        rx.cond(
            issue.can_accept,
            rx.button(
                "Accept",
                size="1",
                color_scheme="green",
                on_click=S.accept(issue.id),
                class_name="accept",
            ),
        ),
        _close_form(issue),
        align="center",
        width="100%",
        wrap="wrap",
        class_name="audit-issue",
        id="issue-" + issue.id.to_string(),
    )


def _group(group: IssueGroup) -> rx.Component:
    """A group of one type; a click on its heading folds or unfolds it."""
    return rx.el.details(
        rx.el.summary(
            rx.hstack(
                rx.badge(group.severity, color_scheme=group.colour),
                rx.heading(group.label, size="3"),
                rx.text(group.issues.length(), color=MUTED),
                align="center",
                display="inline-flex",
            ),
            cursor="pointer",
        ),
        rx.vstack(rx.foreach(group.issues, _issue), width="100%", padding_top="0.5em"),
        open=group.expanded,
        style=CARD_STYLE,
        width="100%",
        class_name="audit-group",
    )


def _history_row(issue: IssueRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(issue.resolved),
        rx.table.cell(rx.badge(issue.severity, color_scheme=issue.colour, variant="soft")),
        rx.table.cell(rx.text(issue.summary, size="2")),
        rx.table.cell(issue.resolution),
        rx.table.cell(issue.resolved_by),
        rx.table.cell(rx.text(issue.note, size="2")),
        class_name="resolved-issue",
    )


def _keys() -> rx.Component:
    return rx.vstack(
        rx.heading("Uploader key", size="4"),
        rx.text(
            "Members' PATTSync uploaders send this key (PATT_API_KEY in their .env). Generating a "
            "new key replaces the previous one.",
            color=MUTED,
            size="2",
        ),
        rx.text(S.key_summary, size="2", id="key-summary"),
        rx.cond(
            S.new_key != "",
            rx.callout(
                rx.vstack(
                    rx.text("Copy it now: it will not be shown again."),
                    rx.code(S.new_key, id="new-key"),
                ),
                color_scheme="green",
            ),
        ),
        rx.hstack(
            rx.button("Generate a new key", size="2", on_click=S.generate_key),
            rx.button(
                "Revoke generated keys",
                size="2",
                variant="soft",
                color_scheme="red",
                on_click=S.revoke_keys,
            ),
        ),
        style=CARD_STYLE,
        width="100%",
    )


@template(route="/admin/audit", title="Audit", on_load=[S.open_officer_page, S.load])
def audit_page() -> rx.Component:
    return officers_only(
        rx.vstack(
            rx.hstack(
                rx.heading("Audit", size="7", color=GOLD),
                rx.badge(S.open_count, " open", size="2", id="open-count"),
                rx.spacer(),
                rx.button("Run the check now", size="2", variant="soft", on_click=S.run_check),
                align="center",
                width="100%",
            ),
            rx.text(
                "Who-is-who problems found after each sync. Issues resolve themselves once fixed; "
                "a dismissed issue is not raised again.",
                color=MUTED,
            ),
            rx.cond(
                S.open_count == 0,
                rx.text("Nothing to review.", style=CARD_STYLE, width="100%"),
                rx.vstack(rx.foreach(S.groups, _group), width="100%", spacing="3"),
            ),
            rx.vstack(
                rx.heading("Resolved", size="4"),
                simple_table(
                    ("When", "Severity", "Issue", "Outcome", "By", "Note"), S.history, _history_row
                ),
                style=CARD_STYLE,
                width="100%",
            ),
            _keys(),
            spacing="4",
            width="100%",
        )
    )
