"""The officers' event form on /admin/events (new or edit), and the season picker the
weekly-series form shares. What an officer types into a new event is kept in their
browser as they go (AdminEventsState.remember_draft), so a reload or Back keeps it."""

from __future__ import annotations

import reflex as rx

from patt_app.components.channel_picker import channel_picker
from patt_app.components.kit import card_stack, form_row, labelled, note, soft_button
from patt_app.components.limited_field import limited_field
from patt_app.components.theme import SELECT_STYLE
from patt_app.services.raids.events import MAX_NOTES
from patt_app.states.admin.events import AdminEventsState as S


def season_select(name: str = "season_id", value=None, **props) -> rx.Component:
    return rx.el.select(
        rx.el.option("Current season", value=""),
        rx.foreach(S.seasons, lambda s: rx.el.option(s[1], value=s[0])),
        name=name,
        default_value=value if value is not None else "",
        style=SELECT_STYLE,  # within its card: a long season name must not widen the page
        **props,
    )


def _field(label: str, name: str, *, typed: bool = True, **props) -> rx.Component:
    """A labelled input of the form, its value kept in the draft: as typed, when the person
    leaves a text field (`typed`), or at once for a picker."""
    keep = {"on_blur" if typed else "on_change": S.remember_draft(name)}
    return labelled(label, rx.input(name=name, default_value=S.form[name], **keep, **props))


def _fields() -> list[rx.Component]:
    return [
        _field("Title", "title", width="220px", id="event-title"),
        _field("Date", "event_date", typed=False, type="date", id="event-date"),
        _field("Start", "start", typed=False, type="time", id="event-start"),
        _field("End", "end", typed=False, type="time", id="event-end"),
        labelled(
            "Season",
            season_select(value=S.form["season_id"], on_change=S.remember_draft("season_id")),
        ),
        limited_field(
            "Notes",
            "notes",
            MAX_NOTES,
            default_value=S.form["notes"],
            width="240px",
            id="event-notes",
            on_blur=S.remember_draft("notes"),
        ),
        _field("Warcraft Logs URL", "log_url"),
        labelled(
            "Discord channel",
            channel_picker(
                "discord_channel_id",
                S.form["discord_channel_id"],
                S.channel_options,
                none_label="The announcement channel",
                on_change=S.remember_draft("discord_channel_id"),
            ),
        ),
    ]


def _heading() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(rx.cond(S.editing_id > 0, "Edit event", "New event"), size="4"),
            rx.cond(
                S.editing_id > 0,
                soft_button("New instead", on_click=S.new_event),
            ),
            align="center",
        ),
        note(
            "Times in ",
            rx.text.strong(S.officer_zone),
            "; stored in UTC. Players who chose automatic sign-up are signed up at once.",
        ),
        rx.cond(
            S.draft_restored & (S.editing_id == 0),
            rx.hstack(
                rx.text("Restored what you typed before.", size="2", id="draft-restored"),
                soft_button("Clear", on_click=S.discard_draft),
                align="center",
            ),
        ),
        spacing="2",
    )


def event_form() -> rx.Component:
    """The form: new event, or the event being edited."""
    return card_stack(
        _heading(),
        rx.form(
            form_row(
                *_fields(),
                rx.button(
                    rx.cond(S.editing_id > 0, "Save changes", "Create event"),
                    type="submit",
                    id="event-save",
                ),
            ),
            on_submit=S.save_event,
            key=S.form_version.to_string(),
        ),
    )
