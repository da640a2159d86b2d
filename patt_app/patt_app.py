"""Assembles the app: theme, pages, JSON API, and the lifespan tasks every worker runs (its
interpreter tuning, the live-update listener and its share of the background
runner's election). Nothing else."""

import reflex as rx

from patt_app import pages  # noqa: F401  (registers every page)
from patt_app.api import create_api, guard_everything
from patt_app.components.layout import add_pages
from patt_app.components.theme import BACKGROUND
from patt_app.jobs.runner import run_background_runner
from patt_app.live.listener import listen_for_changes
from patt_app.runtime_tuning import tune_runtime
from patt_app.states.session import backend_error

app = rx.App(
    stylesheets=["/styles.css"],
    style={"background": BACKGROUND},
    head_components=[rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml")],
    # The API in front of Reflex, then the guard in front of both (api/__init__.py).
    api_transformer=[create_api(), guard_everything],
    backend_exception_handler=backend_error,
)
add_pages(app)
app.register_lifespan_task(tune_runtime)
app.register_lifespan_task(listen_for_changes)
app.register_lifespan_task(run_background_runner)
