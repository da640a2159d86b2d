"""/admin/audit: integrity issues to review, suggested links to accept, uploader keys (one per
owner, generated for an officer or a member, revoked one by one)."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import (
    card_section,
    empty_or,
    note,
    soft_button,
)
from patt_app.components.layout import officer_page
from patt_app.components.local_time import local_time
from patt_app.components.row_form import row_form
from patt_app.components.tables import simple_table
from patt_app.components.theme import CARD_STYLE, MUTED
from patt_app.states.admin.audit import AdminAuditState as S
from patt_app.states.admin.audit import IssueGroup, IssueRow, KeyRow


def _close_form(issue: IssueRow) -> rx.Component:
    return row_form(
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
            soft_button("Close", type="submit"),
            align="center",
        ),
        id_field="issue_id",
        row_id=issue.id,
        on_submit=S.resolve,
        reset_on_submit=True,
    )


def _issue(issue: IssueRow) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(issue.summary, size="2", class_name="issue-summary"),
            note("found ", local_time(issue.created, S.viewer_zone), size="1"),
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
        rx.cond(
            issue.answer_at != "",
            rx.link("Answer on the attendance page", href=issue.answer_at, size="2"),
            _close_form(issue),
        ),
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
        rx.table.cell(local_time(issue.resolved, S.viewer_zone)),
        rx.table.cell(rx.badge(issue.severity, color_scheme=issue.colour, variant="soft")),
        rx.table.cell(rx.text(issue.summary, size="2")),
        rx.table.cell(issue.resolution),
        rx.table.cell(issue.resolved_by),
        rx.table.cell(rx.text(issue.note, size="2")),
        class_name="resolved-issue",
    )


def _key_row(key: KeyRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.vstack(  # the button beside the owner, so a phone shows it without scrolling
                rx.text(key.owner, weight="bold", class_name="key-owner"),
                soft_button(
                    "Revoke",
                    color_scheme="red",
                    on_click=S.revoke_key(key.id),
                    class_name="revoke-key",
                ),
                spacing="1",
            )
        ),
        rx.table.cell(rx.code(key.hint, white_space="nowrap")),
        rx.table.cell(
            rx.text(
                local_time(key.created, S.viewer_zone),
                rx.cond(key.created_by != "", " by " + key.created_by, ""),
            )
        ),
        rx.table.cell(local_time(key.last_used, S.viewer_zone, empty="never")),
        class_name="uploader-key",
        id="key-" + key.id.to_string(),
    )


def _new_key() -> rx.Component:
    """Whom the next key is for, the button, and the key just made (shown once)."""
    pick = rx.hstack(
        rx.select.root(
            rx.select.trigger(placeholder="Key for…", id="key-owner"),
            rx.select.content(
                rx.foreach(S.key_owner_options, lambda p: rx.select.item(p[1], value=p[0]))
            ),
            value=S.key_owner,
            on_change=S.set_key_owner,
        ),
        rx.button("Generate a key", size="2", on_click=S.generate_key, id="generate-key"),
        align="center",
        wrap="wrap",
    )
    made = rx.callout(
        rx.vstack(
            rx.text("Key for ", S.new_key_owner, ". Copy it now: it will not be shown again."),
            rx.code(S.new_key, id="new-key", word_break="break-all"),
        ),
        color_scheme="green",
        width="100%",
    )
    return rx.fragment(pick, rx.cond(S.new_key != "", made))


def _keys() -> rx.Component:
    return card_section(
        "Uploader keys",
        note(
            "Each member who runs the PATTSync uploader gets their own key (PATT_API_KEY in "
            "their .env); a new key for someone replaces theirs. Ranks in an upload count only "
            "when its key belongs to an officer: other keys update levels, notes and last "
            "online. The server's own PATT_API_KEY is the guild's and is never handed out."
        ),
        _new_key(),
        empty_or(
            S.keys,
            simple_table(("Owner", "Key", "Created", "Last used"), S.keys, _key_row, id="key-list"),
            "No generated keys: uploaders need a key from here.",
            id="no-keys",
        ),
        id="uploader-keys",
    )


def _beside_title() -> tuple[rx.Component, ...]:
    """How many issues are open, and the check run at once."""
    return (
        rx.badge(S.open_count, " open", size="2", id="open-count"),
        rx.spacer(),
        rx.button("Run the check now", size="2", variant="soft", on_click=S.run_check),
    )


@officer_page(
    route="/admin/audit",
    title="Audit",
    state=S,
    intro="Who-is-who problems found after each sync. Issues resolve themselves once fixed; "
    "a dismissed issue is not raised again.",
    beside=_beside_title,
)
def audit_page() -> tuple[rx.Component, ...]:
    return (
        rx.cond(
            S.open_count == 0,
            rx.text("Nothing to review.", style=CARD_STYLE, width="100%"),
            rx.vstack(rx.foreach(S.groups, _group), width="100%", spacing="3"),
        ),
        card_section(
            "Resolved",
            empty_or(
                S.history,
                simple_table(
                    ("When", "Severity", "Issue", "Outcome", "By", "Note"), S.history, _history_row
                ),
                "Nothing resolved or dismissed yet: fixed and dismissed issues are listed here.",
                id="no-history",
            ),
        ),
        _keys(),
    )
