"""A member's profile: my characters, main and off-spec, timezone, auto-invite, my sessions."""

from __future__ import annotations

import reflex as rx

from patt_app.components.badges import class_dot, verified_badge
from patt_app.components.forms import field
from patt_app.components.kit import (
    card_section,
    loaded_page,
    loading,
    note,
    soft_button,
    switch_line,
)
from patt_app.components.layout import template
from patt_app.components.my_account import change_password, inactive_notice, sessions
from patt_app.components.page_header import page_header
from patt_app.components.tables import simple_table
from patt_app.components.theme import CARD_STYLE
from patt_app.services.players.player_directory import CharacterChip
from patt_app.services.reference.time_zones import timezone_names
from patt_app.states.profile import ProfileState


def _character_row(char: CharacterChip) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.hstack(
                class_dot(char.class_colour),
                rx.text(char.name, color=char.class_colour, weight="bold"),
                rx.cond(char.is_verified, verified_badge()),  # seen on a phone without scrolling
                align="center",
                spacing="2",
                wrap="wrap",
            )
        ),
        rx.table.cell(rx.text(char.spec_name, " ", char.class_name, size="2")),
        rx.table.cell(rx.text(char.level)),
        rx.table.cell(rx.text(rx.cond(char.item_level > 0, char.item_level, "—"))),
        rx.table.cell(note(char.realm_name)),
        rx.table.cell(
            rx.cond(
                char.is_main,
                rx.badge("Main", color_scheme="amber"),
                rx.cond(char.is_offspec, rx.badge("Off-spec", color_scheme="gray"), rx.fragment()),
            )
        ),
        class_name="profile-character",
    )


def _picker(label: str, value, on_change, options, picker_id: str) -> rx.Component:
    """A select of characters or specs (each has an id and a name)."""
    return field(
        label,
        rx.select.root(
            rx.select.trigger(placeholder="Choose…", id=picker_id, width="100%"),
            rx.select.content(
                rx.foreach(options, lambda o: rx.select.item(o.name, value=o.id.to_string()))
            ),
            value=value,
            on_change=on_change,
        ),
    )


def _choices() -> rx.Component:
    S = ProfileState
    return rx.grid(
        _picker(
            "Main character", S.main_character_id, S.choose_main, S.characters, "main-character"
        ),
        _picker("Main spec", S.main_spec_id, S.choose_main_spec, S.main_spec_options, "main-spec"),
        _picker(
            "Off-spec character",
            S.offspec_character_id,
            S.choose_offspec,
            S.characters,
            "offspec-character",
        ),
        _picker(
            "Off-spec",
            S.offspec_spec_id,
            S.choose_offspec_spec,
            S.offspec_spec_options,
            "offspec-spec",
        ),
        columns=rx.breakpoints(initial="1", sm="2"),
        spacing="3",
        width="100%",
    )


BROWSER_TIMEZONE = "(Intl.DateTimeFormat().resolvedOptions().timeZone || '')"


def _browser_zone_hint() -> rx.Component:
    """The browser's zone, offered when it differs from the saved one."""
    return rx.cond(
        (ProfileState.browser_timezone != "")
        & (ProfileState.browser_timezone != ProfileState.timezone),
        rx.hstack(
            note("Your browser says ", ProfileState.browser_timezone, "."),
            soft_button("Use it", on_click=ProfileState.use_browser_timezone),
            align="center",
        ),
    )


def _timezone() -> rx.Component:
    return card_section(
        "Time zone",
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
        _browser_zone_hint(),
        spacing="2",
        # The browser's zone, read by code built into the page (no string evaluated: the
        # Content-Security-Policy allows no eval).
        on_mount=ProfileState.got_browser_timezone(rx.Var(BROWSER_TIMEZONE)),
    )


def _battlenet_notice() -> rx.Component:
    return rx.cond(
        ProfileState.battlenet_notice != "",
        rx.callout(
            ProfileState.battlenet_notice,
            icon=rx.cond(ProfileState.battlenet_notice_ok, "circle-check", "triangle-alert"),
            color_scheme=rx.cond(ProfileState.battlenet_notice_ok, "green", "red"),
            id="battlenet-notice",
            width="100%",
        ),
    )


def _battlenet_linked() -> rx.Component:
    return rx.hstack(
        rx.text(
            "Linked as ",
            rx.text.strong(ProfileState.battletag, id="battletag"),
            " · ",
            rx.text.span(ProfileState.verified_count, id="verified-count"),
            " characters verified",
            size="2",
        ),
        rx.spacer(),
        rx.button(
            "Refresh", size="2", variant="soft", on_click=ProfileState.link_battlenet,
            id="battlenet-refresh",
        ),
        rx.button(
            "Unlink", size="2", variant="soft", color_scheme="red",
            on_click=ProfileState.unlink_battlenet, id="battlenet-unlink",
        ),
        align="center",
        width="100%",
        wrap="wrap",
    )  # fmt: skip


def _battlenet() -> rx.Component:
    unlinked = rx.vstack(
        note(
            "Sign in with Battle.net to prove which of the guild's characters are yours. The "
            "guild site sees your World of Warcraft characters, nothing else, and only once."
        ),
        rx.cond(
            ProfileState.battlenet_enabled,
            rx.button("Link Battle.net", on_click=ProfileState.link_battlenet, id="battlenet-link"),
            rx.text("Battle.net linking is not set up on this site yet.", size="2"),
        ),
        spacing="2",
    )
    return card_section(
        "Battle.net",
        rx.cond(ProfileState.battletag != "", _battlenet_linked(), unlinked),
        spacing="2",
        id="battlenet-card",
    )


def _characters() -> rx.Component:
    return card_section(
        "My characters",
        rx.box(  # a phone scrolls the table sideways (badges sit in the last column)
            simple_table(
                ("Character", "Spec", "Level", "Item level", "Realm", ""),
                ProfileState.characters,
                _character_row,
            ),
            overflow_x="auto",
            width="100%",
        ),
        _choices(),
        spacing="3",
    )


def _auto_invite() -> rx.Component:
    return switch_line(
        ProfileState.auto_invite,
        ProfileState.set_auto_invite,
        "Sign me up for new raid events automatically",
        switch_id="auto-invite",
        style=CARD_STYLE,
        width="100%",
    )


@template(route="/profile", title="My profile", on_load=ProfileState.load)
def profile_page() -> rx.Component:
    """Members only; visitors are sent to the login page."""
    return loaded_page(
        ProfileState.loaded,
        page_header(ProfileState.display_name),
        _battlenet_notice(),
        _characters(),
        _battlenet(),
        _timezone(),
        _auto_invite(),
        change_password(),
        sessions(),
        otherwise=rx.cond(ProfileState.inactive, inactive_notice(), loading()),
    )
