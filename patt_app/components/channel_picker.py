"""A Discord channel field: the server's channels by name once the bot has reported them, else
a plain channel-id field. The value sent is always the channel's id."""

from __future__ import annotations

import reflex as rx

from patt_app.components.theme import SELECT_STYLE

PICKER_STYLE = {**SELECT_STYLE, "max_width": "calc(100vw - 3rem)"}


def channel_picker(name: str, value, options, *, none_label: str, **props) -> rx.Component:
    """`options`: [[id, "#name"]] (a state var, with any saved id the server no longer lists
    already added by the state); `none_label` names the empty choice."""
    return rx.cond(
        options.length() > 0,
        rx.el.select(
            rx.el.option(none_label, value=""),
            rx.foreach(options, lambda c: rx.el.option(c[1], value=c[0])),
            name=name,
            default_value=value,
            style=PICKER_STYLE,
            **props,
        ),
        rx.input(
            name=name,
            default_value=value,
            placeholder="channel id (15–21 digits)",
            width="100%",
            min_width="16rem",  # room for the hint: wraps under its neighbours rather than shrink
            max_width="20rem",  # within a phone's card
            **props,
        ),
    )
