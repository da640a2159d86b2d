"""A handler's toast is the event `rx.toast.<level>` would send, built once per text."""

from __future__ import annotations

import reflex as rx
from reflex.event import Event

from patt_app.states.toasts import toast


def _as_reflex_sends(spec) -> Event:
    (event,) = Event.from_event_type(spec)
    return event


def test_the_browser_gets_what_reflex_would_send():
    assert toast("Monday saved.") == _as_reflex_sends(rx.toast.success("Monday saved."))
    assert toast("Officers only.", "error", "refusal") == _as_reflex_sends(
        rx.toast.error("Officers only.", id="refusal")
    )
    assert toast("Link copied.", "info") == _as_reflex_sends(rx.toast.info("Link copied."))


def test_each_text_is_built_once_and_texts_stay_apart():
    first = toast("Tuesday saved.")
    assert toast("Tuesday saved.") is first
    assert toast("Wednesday saved.") != first
    assert toast("Tuesday saved.", "warning") != first
    assert "Tuesday saved." in first.payload["function"]
