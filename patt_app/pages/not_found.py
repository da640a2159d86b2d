"""The page for an address that leads nowhere: the site's layout and a way home."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import card_stack
from patt_app.components.layout import template
from patt_app.components.page_header import page_header


@template(route="404", title="Page not found")
def not_found_page() -> rx.Component:
    return card_stack(
        page_header(
            "Page not found",
            "Nothing lives at this address: the link may be old or mistyped.",
            id="not-found",
        ),
        rx.hstack(
            rx.link(rx.button("Go to the home page"), href="/", id="go-home"),
            rx.link(rx.button("See the roster", variant="soft"), href="/roster"),
            wrap="wrap",
        ),
        spacing="4",
    )
