"""The page kit: an officer screen's frame, the cards pages are built of (titled or plain),
small buttons (a link to another page among them), muted notes and empty states, labelled fields,
numbers to notice, switches, a member page's loading frame. Dialogs are in `dialog.py`, a row's
small forms in `row_form.py`, tables that become cards on a phone in `tables.py`, times in
`local_time.py`, the shared looks (`CARD_STYLE`, `ITEM_STYLE`, `SELECT_STYLE`) in `theme.py`."""

from __future__ import annotations

import reflex as rx

from patt_app.components.officer_gate import officers_only
from patt_app.components.page_header import page_header
from patt_app.components.theme import CARD_STYLE, MUTED


def card_stack(*children: rx.Component, **props) -> rx.Component:
    """A card, full width, its children one under another."""
    return rx.vstack(*children, style=CARD_STYLE, width="100%", **props)


def card_section(title: str, *children: rx.Component, **props) -> rx.Component:
    """A card with its own small heading, full width."""
    return card_stack(rx.heading(title, size="4"), *children, **props)


def heading_with(title: str, *beside: rx.Component) -> rx.Component:
    """A page's heading with what stands beside it: a count, a spacer, a button."""
    # wraps on a phone: what stands beside the title goes below it rather than squeezing it
    return rx.hstack(page_header(title), *beside, align="center", width="100%", wrap="wrap")


def officer_screen(
    heading: str | rx.Component, intro: str | rx.Var | None, *sections: rx.Component, **props
) -> rx.Component:
    """An officer screen: its heading (a title, or `heading_with`), what it is for, its
    sections; members see "Officers only"."""
    props.setdefault("spacing", "4")
    if isinstance(heading, str):
        top = [page_header(heading, intro)]
    else:
        top = [heading] + ([rx.text(intro, color=MUTED)] if intro is not None else [])
    return officers_only(rx.vstack(*top, *sections, width="100%", **props))


def soft_button(*children, **props) -> rx.Component:
    """A small, quiet action button (a row's Edit, Remove, Revoke)."""
    return rx.button(*children, size="1", variant="soft", **props)


def link_button(label, href, **props) -> rx.Component:
    """A quiet button that opens another page."""
    props.setdefault("variant", "soft")
    return rx.link(rx.button(label, **props), href=href)


def copy_button(*children, text: rx.Var, note: str = "Copied: paste it into Discord.", **props):
    """Copies `text` for the officer to paste elsewhere, and says so."""
    return soft_button(*children, on_click=[rx.set_clipboard(text), rx.toast.info(note)], **props)


def dm_button(label: str, on_click, **props) -> rx.Component:
    """Has the bot send something by Discord DM."""
    return soft_button(
        rx.icon("send", size=12), label, color_scheme="green", on_click=on_click, **props
    )


def card_grid(items: rx.Var, card, empty: str, **empty_props) -> rx.Component:
    """Cards in one column on a phone and two from a small screen up, or a muted line saying
    there are none."""
    grid = rx.grid(
        rx.foreach(items, card),
        columns=rx.breakpoints(initial="1", sm="2"),
        spacing="3",
        width="100%",
    )
    empty_props.setdefault("size", "3")
    return empty_or(items, grid, empty, **empty_props)


def card_link(card: rx.Component, href, **props) -> rx.Component:
    """A whole card that opens `href` when pressed (no underline, the card's own colours)."""
    return rx.link(card, href=href, underline="none", color="inherit", width="100%", **props)


def wrap_row(*children, gap: str = "0.75rem", **props) -> rx.Component:
    """Controls side by side, centred on a line, wrapping onto more lines on a phone."""
    return rx.flex(*children, gap=gap, align="center", wrap="wrap", **props)


def form_row(*children, **props) -> rx.Component:
    """A form's fields side by side, lined up on their bottoms, wrapping on a phone."""
    return rx.flex(*children, gap="0.75rem", align="end", wrap="wrap", **props)


def note(*children, **props) -> rx.Component:
    """A muted line of small text: what a section is for, a hint, an empty list."""
    props.setdefault("size", "2")
    return rx.text(*children, color=MUTED, **props)


def empty_or(items: rx.Var, shown: rx.Component, empty: str, **empty_props) -> rx.Component:
    """`shown` while `items` has something, else a muted line saying there is nothing."""
    return rx.cond(items.length() > 0, shown, note(empty, **empty_props))


def labelled(label, control: rx.Component, hint: str = "") -> rx.Component:
    """A small muted label over a form control, and an optional hint under it."""
    return rx.vstack(
        note(label, size="1"),
        control,
        note(hint, size="1") if hint else rx.fragment(),
        spacing="1",
        max_width="100%",  # in a row of fields, never wider than the row (a long option's select)
    )


def stat(label: str, *value, **value_props) -> rx.Component:
    """A number to notice: a small muted label over the value in large bold type."""
    value_props.setdefault("size", "6")
    value_props.setdefault("weight", "bold")
    return rx.vstack(note(label, size="1"), rx.text(*value, **value_props), spacing="0")


def loading() -> rx.Component:
    """A page's spinner while its data is on the way."""
    return rx.center(rx.spinner(size="3"), padding="4rem")


def loaded_page(loaded: rx.Var, *sections: rx.Component, otherwise: rx.Component | None = None):
    """A member page: its sections once `loaded`, else `otherwise` (the spinner by default)."""
    return rx.cond(
        loaded,
        rx.vstack(*sections, spacing="4", width="100%"),
        otherwise if otherwise is not None else loading(),
    )


def switch_line(
    checked: rx.Var, on_change, *label, switch_id: str | None = None, size: str = "3", **props
) -> rx.Component:
    """A switch and what it turns on (text of `size`), on one line."""
    switch = rx.switch(
        checked=checked, on_change=on_change, **({"id": switch_id} if switch_id else {})
    )
    return rx.hstack(switch, rx.text(*label, size=size), align="center", **props)
