"""The account parts of /profile: change my password, my sessions, and the notice a member of
a deactivated player sees (who can still log out everywhere)."""

from __future__ import annotations

import reflex as rx

from patt_app.components.forms import field, password_input
from patt_app.components.kit import card_section, card_stack, note
from patt_app.components.local_time import local_time
from patt_app.components.tables import simple_table
from patt_app.components.theme import CARD_STYLE, MUTED
from patt_app.states.profile import ProfileState, SessionRow


def _logout_everywhere() -> rx.Component:
    return rx.button(
        "Log out everywhere",
        color_scheme="red",
        variant="soft",
        on_click=ProfileState.logout_everywhere,
        id="logout-everywhere",
    )


def _session_row(row: SessionRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.device),
        rx.table.cell(local_time(row.started, ProfileState.timezone)),
        rx.table.cell(local_time(row.last_seen, ProfileState.timezone)),
        rx.table.cell(row.address),
    )


def sessions() -> rx.Component:
    return card_stack(
        rx.hstack(
            rx.heading("My sessions", size="4"), rx.spacer(), _logout_everywhere(), width="100%"
        ),
        simple_table(
            ("Device", "Logged in", "Last seen", "Address"), ProfileState.sessions, _session_row
        ),
        overflow_x="auto",
    )


def _password_fields() -> rx.Component:
    return rx.grid(
        field(
            "Current password",
            password_input("current_password", "current-password", "current-password"),
        ),
        field("New password", password_input("new_password", "new-password")),
        field("New password again", password_input("new_password_again", "new-password-again")),
        columns={"initial": "1", "md": "3"},
        spacing="3",
        width="100%",
    )


def change_password() -> rx.Component:
    return card_section(
        "Change my password",
        rx.form(
            rx.vstack(
                _password_fields(),
                rx.hstack(
                    rx.button("Change password", type="submit", id="change-password"),
                    note("At least 8 characters. Your other logins end when it changes.", size="1"),
                    align="center",
                    spacing="3",
                    wrap="wrap",
                ),
                spacing="3",
                width="100%",
            ),
            on_submit=ProfileState.change_password,
            reset_on_submit=True,
            width="100%",
        ),
        spacing="2",
    )


def inactive_notice() -> rx.Component:
    """What a member whose player an officer deactivated sees instead of the profile."""
    return rx.vstack(
        rx.heading("Your membership is not active", size="6"),
        rx.text(
            "An officer has deactivated your player, so the guild's pages are closed to you. "
            "You can still end every login of this account, which also stops your calendar "
            "link.",
            color=MUTED,
        ),
        _logout_everywhere(),
        style=CARD_STYLE,
        spacing="3",
    )
