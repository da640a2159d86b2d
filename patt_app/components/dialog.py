"""Dialogs: one frame for a dialog showing something (an invite, a reset link) and for a
confirmation asked before an action that cannot be undone."""

from __future__ import annotations

import reflex as rx


def dialog(
    title: tuple,
    *body: rx.Component,
    buttons: tuple = (),
    open: rx.Var | None = None,
    trigger: rx.Component | None = None,
    description: str | None = None,
    alert: bool = False,
) -> rx.Component:
    """A dialog: its title (text and vars), its body, its buttons on one line at the bottom.
    Opened by `trigger` when pressed, or while `open` holds; `alert` makes it a confirmation
    (Escape and a click outside do not dismiss it)."""
    kind = rx.alert_dialog if alert else rx.dialog
    top = [kind.title(*title)]
    if description is not None:
        top.append(kind.description(description, size="2"))
    return kind.root(
        *([kind.trigger(trigger)] if trigger is not None else []),
        kind.content(
            rx.vstack(
                *top,
                *body,
                rx.hstack(*buttons, justify="end", spacing="3", padding_top="0.5rem", width="100%"),
                spacing="2",
                align="start",
            ),
        ),
        **({"open": open} if open is not None else {}),
    )


def done_button(on_click) -> rx.Component:
    """Closes a dialog that showed something."""
    return rx.dialog.close(rx.button("Done", on_click=on_click))


def confirm(
    trigger: rx.Component, question: str, consequence: str, keep: str, action: rx.Component
) -> rx.Component:
    """`trigger` asks `question` before `action` runs; `keep` is the button that changes
    nothing."""
    return dialog(
        (question,),
        trigger=trigger,
        description=consequence,
        buttons=(
            rx.alert_dialog.cancel(rx.button(keep, variant="soft")),
            rx.alert_dialog.action(action),
        ),
        alert=True,
    )
