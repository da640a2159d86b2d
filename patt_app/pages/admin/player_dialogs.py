"""The player manager's dialogs: an invite or a password reset link, shown once to copy or
sent by Discord DM, with where the DM stands."""

from __future__ import annotations

import reflex as rx

from patt_app.components.dialog import dialog, done_button
from patt_app.components.kit import note
from patt_app.components.local_time import local_time
from patt_app.states.admin.players import AdminPlayersState as S


def _dm_status() -> rx.Component:
    """Where the invite or reset link sent by DM stands (the bot reports back live)."""
    return rx.cond(
        S.dm_state != "",
        rx.callout(
            S.dm_message,
            icon=rx.match(
                S.dm_state, ("sent", "circle_check"), ("failed", "triangle_alert"), "loader"
            ),
            color_scheme=rx.match(S.dm_state, ("sent", "green"), ("failed", "amber"), "blue"),
            width="100%",
            id="dm-status",
        ),
    )


def _link_to_copy(link: rx.Var, element_id: str, **code_props) -> rx.Component:
    """The one-time link, and a button copying it."""
    return rx.hstack(
        rx.code(link, id=element_id, size="2", **code_props),
        rx.button(
            rx.icon("copy", size=14),
            "Copy",
            size="1",
            on_click=[rx.set_clipboard(link), rx.toast.info("Link copied.")],
        ),
    )


def _expires(when: rx.Var) -> rx.Component:
    return note("Single use; expires ", local_time(when, S.viewer_zone), ".")


def invite_dialog() -> rx.Component:
    return dialog(
        ("Invite for ", S.invite_player),
        _dm_status(),
        note("Code"),
        rx.code(S.invite_code, size="6", id="invite-code"),
        note("Registration link"),
        _link_to_copy(S.invite_link, "invite-link"),
        _expires(S.invite_expires),
        buttons=(done_button(S.close_invite),),
        open=S.invite_code != "",
    )


def reset_dialog() -> rx.Component:
    return dialog(
        ("Password reset for ", S.reset_player),
        _dm_status(),
        note("Copy it to the member, or send it by Discord DM. It is shown only now."),
        _link_to_copy(S.reset_link, "reset-link", word_break="break-all"),
        _expires(S.reset_expires),
        buttons=(
            rx.cond(
                S.reset_can_dm & (S.dm_state == ""),
                rx.button(
                    rx.icon("send", size=14),
                    "Send by DM",
                    variant="soft",
                    on_click=S.send_reset_dm,
                    id="send-reset-dm",
                ),
            ),
            done_button(S.close_reset),
        ),
        open=S.reset_link != "",
    )
