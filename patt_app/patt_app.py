"""Assembles the app: theme, pages, JSON API. Nothing else lives here."""

import reflex as rx

from patt_app import pages  # noqa: F401  (registers every page)
from patt_app.api import create_api
from patt_app.components.theme import BACKGROUND

app = rx.App(
    stylesheets=["/styles.css"],
    style={"background": BACKGROUND},
    head_components=[rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml")],
    api_transformer=create_api(),
)
