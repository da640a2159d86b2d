"""The top of every page: its heading and, when it needs one, a line saying what it is for."""

from __future__ import annotations

import reflex as rx

from patt_app.components.theme import GOLD, MUTED


def page_header(title, intro: str | rx.Var | None = None, **props) -> rx.Component:
    """A page's heading (size 7, gold) and an optional muted introduction below it."""
    heading = rx.heading(title, size="7", color=GOLD, **props)
    if intro is None:
        return heading
    return rx.vstack(heading, rx.text(intro, color=MUTED), spacing="1", width="100%")
