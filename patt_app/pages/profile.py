"""A member's profile: my characters, main and off-spec, timezone, auto-invite, my sessions."""

from __future__ import annotations

import reflex as rx

from patt_app.components.badges import class_dot
from patt_app.components.forms import field
from patt_app.components.layout import template
from patt_app.components.tables import simple_table
from patt_app.components.theme import CARD_STYLE, GOLD, MUTED
from patt_app.services.players.player_directory import CharacterChip
from patt_app.services.reference.time_zones import timezone_names
from patt_app.states.profile import ProfileState, SessionRow


def _character_row(char: CharacterChip) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.hstack(
                class_dot(char.class_colour),
                rx.text(char.name, color=char.class_colour, weight="bold"),
                align="center",
                spacing="2",
            )
        ),
        rx.table.cell(rx.text(char.spec_name, " ", char.class_name, size="2")),
        rx.table.cell(rx.text(char.level)),
        rx.table.cell(rx.text(rx.cond(char.item_level > 0, char.item_level, "—"))),
        rx.table.cell(rx.text(char.realm_name, color=MUTED, size="2")),
        rx.table.cell(
            rx.cond(
                char.is_main,
                rx.badge("Main", color_scheme="amber"),
                rx.cond(char.is_offspec, rx.badge("Off-spec", color_scheme="gray"), rx.fragment()),
            )
        ),
        class_name="profile-character",
    )


def _picker(label: str, value, on_change, options, option_value, option_label, picker_id: str):
    return field(
        label,
        rx.select.root(
            rx.select.trigger(placeholder="Choose…", id=picker_id, width="100%"),
            rx.select.content(
                rx.foreach(
                    options, lambda o: rx.select.item(option_label(o), value=option_value(o))
                )
            ),
            value=value,
            on_change=on_change,
        ),
    )


def _choices() -> rx.Component:
    chars = ProfileState.characters
    return rx.grid(
        _picker(
            "Main character",
            ProfileState.main_character_id,
            ProfileState.choose_main,
            chars,
            lambda c: c.id.to_string(),
            lambda c: c.name,
            "main-character",
        ),
        _picker(
            "Main spec",
            ProfileState.main_spec_id,
            ProfileState.choose_main_spec,
            ProfileState.main_spec_options,
            lambda s: s.id.to_string(),
            lambda s: s.name,
            "main-spec",
        ),
        _picker(
            "Off-spec character",
            ProfileState.offspec_character_id,
            ProfileState.choose_offspec,
            chars,
            lambda c: c.id.to_string(),
            lambda c: c.name,
            "offspec-character",
        ),
        _picker(
            "Off-spec",
            ProfileState.offspec_spec_id,
            ProfileState.choose_offspec_spec,
            ProfileState.offspec_spec_options,
            lambda s: s.id.to_string(),
            lambda s: s.name,
            "offspec-spec",
        ),
        columns=rx.breakpoints(initial="1", sm="2"),
        spacing="3",
        width="100%",
    )


def _timezone() -> rx.Component:
    return rx.vstack(
        rx.heading("Time zone", size="4"),
        rx.text(
            "Raid times and your availability are shown in this zone. Now: ",
            rx.text.strong(ProfileState.timezone, id="current-timezone"),
            size="2",
        ),
        rx.form(
            rx.hstack(
                rx.input(
                    name="timezone",
                    list="timezone-list",
                    placeholder="Type to search…",
                    id="timezone-input",
                    width="100%",
                    max_width="320px",
                ),
                rx.el.datalist(
                    *[rx.el.option(value=z) for z in timezone_names()], id="timezone-list"
                ),
                rx.button("Save", type="submit", id="timezone-save"),
                width="100%",
            ),
            on_submit=ProfileState.save_timezone,
            reset_on_submit=True,
            width="100%",
        ),
        rx.cond(
            (ProfileState.browser_timezone != "")
            & (ProfileState.browser_timezone != ProfileState.timezone),
            rx.hstack(
                rx.text(
                    "Your browser says ", ProfileState.browser_timezone, ".", size="2", color=MUTED
                ),
                rx.button(
                    "Use it", size="1", variant="soft", on_click=ProfileState.use_browser_timezone
                ),
                align="center",
            ),
        ),
        spacing="2",
        width="100%",
        style=CARD_STYLE,
    )


def _session_row(row: SessionRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.device),
        rx.table.cell(row.started),
        rx.table.cell(row.last_seen),
        rx.table.cell(row.address),
    )


def _sessions() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading("My sessions", size="4"),
            rx.spacer(),
            rx.button(
                "Log out everywhere",
                color_scheme="red",
                variant="soft",
                on_click=ProfileState.logout_everywhere,
                id="logout-everywhere",
            ),
            width="100%",
        ),
        simple_table(
            ("Device", "Logged in", "Last seen", "Address"), ProfileState.sessions, _session_row
        ),
        style=CARD_STYLE,
        width="100%",
        overflow_x="auto",
    )


def _password_input(name: str, autocomplete: str) -> rx.Component:
    return rx.input(
        name=name,
        id=name.replace("_", "-"),
        type="password",
        auto_complete=autocomplete,
        required=True,
        width="100%",
    )


def _change_password() -> rx.Component:
    return rx.vstack(
        rx.heading("Change my password", size="4"),
        rx.form(
            rx.vstack(
                rx.grid(
                    field(
                        "Current password", _password_input("current_password", "current-password")
                    ),
                    field("New password", _password_input("new_password", "new-password")),
                    field(
                        "New password again", _password_input("new_password_again", "new-password")
                    ),
                    columns={"initial": "1", "md": "3"},
                    spacing="3",
                    width="100%",
                ),
                rx.hstack(
                    rx.button("Change password", type="submit", id="change-password"),
                    rx.text(
                        "At least 8 characters. Your other logins end when it changes.",
                        size="1",
                        color=MUTED,
                    ),
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
        style=CARD_STYLE,
        width="100%",
        spacing="2",
    )


@template(route="/profile", title="My profile", on_load=ProfileState.load)
def profile_page() -> rx.Component:
    """Members only; visitors are sent to the login page."""
    return rx.cond(
        ProfileState.loaded,
        rx.vstack(
            rx.heading(ProfileState.display_name, size="7", color=GOLD),
            rx.vstack(
                rx.heading("My characters", size="4"),
                simple_table(
                    ("Character", "Spec", "Level", "Item level", "Realm", ""),
                    ProfileState.characters,
                    _character_row,
                ),
                _choices(),
                spacing="3",
                width="100%",
                style=CARD_STYLE,
            ),
            _timezone(),
            rx.hstack(
                rx.switch(
                    checked=ProfileState.auto_invite,
                    on_change=ProfileState.set_auto_invite,
                    id="auto-invite",
                ),
                rx.text("Sign me up for new raid events automatically"),
                align="center",
                style=CARD_STYLE,
                width="100%",
            ),
            _change_password(),
            _sessions(),
            spacing="4",
            width="100%",
        ),
        rx.cond(
            ProfileState.inactive,
            rx.vstack(
                rx.heading("Your membership is not active", size="6"),
                rx.text(
                    "An officer has deactivated your player, so the guild's pages are closed "
                    "to you. You can still end every login of this account, which also stops "
                    "your calendar link.",
                    color=MUTED,
                ),
                rx.button(
                    "Log out everywhere",
                    color_scheme="red",
                    variant="soft",
                    on_click=ProfileState.logout_everywhere,
                    id="logout-everywhere",
                ),
                style=CARD_STYLE,
                spacing="3",
            ),
            rx.center(rx.spinner(size="3"), padding="4rem"),
        ),
    )
