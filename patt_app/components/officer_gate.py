"""What a member sees on an officer screen: a clear "officers only", not the screen."""

from __future__ import annotations

import reflex as rx

from patt_app.components.theme import CARD_STYLE, MUTED
from patt_app.states.session import SessionState


def officers_only(content: rx.Component) -> rx.Component:
    """Show `content` to officers; everyone else gets a plain refusal."""
    return rx.cond(
        SessionState.is_officer,
        content,
        rx.cond(
            SessionState.viewer_checked,
            rx.center(
                rx.vstack(
                    rx.heading("Officers only", size="6"),
                    rx.text("This screen is for the guild's officers.", color=MUTED),
                    rx.link("Back to the home page", href="/"),
                    align="center",
                    style=CARD_STYLE,
                    id="officers-only",
                ),
                padding_y="3rem",
            ),
            rx.center(rx.spinner(size="3"), padding="4rem"),
        ),
    )
