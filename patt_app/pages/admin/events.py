"""/admin/events: the officers' event list, the event form and the weekly series form."""

from __future__ import annotations

import reflex as rx

from patt_app.components.layout import template
from patt_app.components.officer_gate import officers_only
from patt_app.components.raid_outlook import raid_outlook_section
from patt_app.components.tables import simple_table
from patt_app.components.theme import BORDER, CARD, CARD_STYLE, GOLD, MUTED
from patt_app.states.admin.events import AdminEventRow
from patt_app.states.admin.events import AdminEventsState as S
from patt_app.states.admin.raid_outlook import RaidOutlookState

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _labelled(label: str, control: rx.Component) -> rx.Component:
    return rx.vstack(rx.text(label, size="1", color=MUTED), control, spacing="1")


def _season_select(name: str = "season_id", value=None) -> rx.Component:
    return rx.el.select(
        rx.el.option("Current season", value=""),
        rx.foreach(S.seasons, lambda s: rx.el.option(s[1], value=s[0])),
        name=name,
        default_value=value if value is not None else "",
        style={
            "background": CARD,
            "color": "inherit",
            "border": f"1px solid {BORDER}",
            "border_radius": "6px",
            "padding": "0.3rem",
        },
    )


def _event_form() -> rx.Component:
    f = S.form
    return rx.vstack(
        rx.hstack(
            rx.heading(rx.cond(S.editing_id > 0, "Edit event", "New event"), size="4"),
            rx.cond(
                S.editing_id > 0,
                rx.button("New instead", size="1", variant="soft", on_click=S.new_event),
            ),
            align="center",
        ),
        rx.text(
            "Times in ",
            rx.text.strong(S.officer_zone),
            "; stored in UTC. Players who chose automatic sign-up are signed up at once.",
            size="2",
            color=MUTED,
        ),
        rx.form(
            rx.flex(
                _labelled(
                    "Title",
                    rx.input(
                        name="title", default_value=f["title"], width="220px", id="event-title"
                    ),
                ),
                _labelled(
                    "Date",
                    rx.input(
                        name="event_date",
                        type="date",
                        default_value=f["event_date"],
                        id="event-date",
                    ),
                ),
                _labelled(
                    "Start",
                    rx.input(name="start", type="time", default_value=f["start"], id="event-start"),
                ),
                _labelled(
                    "End", rx.input(name="end", type="time", default_value=f["end"], id="event-end")
                ),
                _labelled("Season", _season_select(value=f["season_id"])),
                _labelled("Notes", rx.input(name="notes", default_value=f["notes"], width="240px")),
                _labelled(
                    "Warcraft Logs URL", rx.input(name="log_url", default_value=f["log_url"])
                ),
                _labelled(
                    "Discord channel id",
                    rx.input(name="discord_channel_id", default_value=f["discord_channel_id"]),
                ),
                rx.button(
                    rx.cond(S.editing_id > 0, "Save changes", "Create event"),
                    type="submit",
                    id="event-save",
                ),
                gap="0.75rem",
                align="end",
                wrap="wrap",
            ),
            on_submit=S.save_event,
            key=S.form_version.to_string(),
        ),
        style=CARD_STYLE,
        width="100%",
        spacing="3",
    )


def _series_form() -> rx.Component:
    return rx.vstack(
        rx.heading("Weekly series", size="4"),
        rx.text(
            "Events on the chosen weekdays for a number of weeks, all at the same local time "
            "(21:00 stays 21:00 across a clock change).",
            size="2",
            color=MUTED,
        ),
        rx.form(
            rx.flex(
                _labelled(
                    "Title", rx.input(name="title", default_value="Heroic raid", width="200px")
                ),
                _labelled(
                    "First date",
                    rx.input(name="first_date", type="date", required=True, id="series-first"),
                ),
                rx.hstack(
                    *[
                        rx.el.label(
                            rx.el.input(type="checkbox", name=f"day{d}", id=f"series-day{d}"),
                            f" {DAYS[d]}",
                            style={"margin_right": "0.5rem"},
                        )
                        for d in range(7)
                    ],
                    align="center",
                ),
                _labelled("Start", rx.input(name="start", type="time", default_value="21:00")),
                _labelled("End", rx.input(name="end", type="time", default_value="23:00")),
                _labelled(
                    "Weeks",
                    rx.input(
                        name="weeks",
                        type="number",
                        default_value="10",
                        width="70px",
                        id="series-weeks",
                    ),
                ),
                _labelled("Season", _season_select()),
                rx.button("Create series", type="submit", id="series-save"),
                gap="0.75rem",
                align="end",
                wrap="wrap",
            ),
            on_submit=S.create_series,
            reset_on_submit=True,
        ),
        style=CARD_STYLE,
        width="100%",
        spacing="3",
    )


def _row(event: AdminEventRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.link(event.title, href="/admin/events/" + event.id.to_string(), color=GOLD)
        ),
        rx.table.cell(event.when),
        rx.table.cell(rx.text(event.season, size="1", color=MUTED)),
        rx.table.cell(event.signed_up),
        rx.table.cell(
            rx.cond(
                event.cancelled,
                rx.badge("cancelled", color_scheme="red"),
                rx.cond(
                    event.past,
                    rx.badge("done", color_scheme="gray"),
                    rx.badge("upcoming", color_scheme="green"),
                ),
            )
        ),
        rx.table.cell(
            rx.hstack(
                rx.link(
                    rx.button("Attendance", size="1", variant="soft"),
                    href="/admin/events/" + event.id.to_string(),
                ),
                rx.button("Edit", size="1", variant="soft", on_click=S.edit(event.id)),
                rx.cond(
                    event.cancelled,
                    rx.button(
                        "Restore",
                        size="1",
                        variant="soft",
                        on_click=S.set_cancelled(event.id, False),
                    ),
                    rx.button(
                        "Cancel",
                        size="1",
                        variant="soft",
                        color_scheme="red",
                        on_click=S.set_cancelled(event.id, True),
                    ),
                ),
            )
        ),
        class_name="admin-event",
    )


@template(
    route="/admin/events",
    title="Raid events",
    on_load=[S.open_officer_page, S.load, RaidOutlookState.load],
)
def admin_events_page() -> rx.Component:
    return officers_only(
        rx.vstack(
            rx.hstack(
                rx.heading("Raid events", size="7", color=GOLD),
                rx.spacer(),
                rx.link(rx.button("Season attendance", variant="soft"), href="/admin/attendance"),
                width="100%",
                align="center",
            ),
            raid_outlook_section(),
            _event_form(),
            _series_form(),
            simple_table(
                ("Event", "When (your time)", "Season", "Signed up", "Status", ""),
                S.events,
                _row,
                style=CARD_STYLE,
            ),
            spacing="4",
            width="100%",
        )
    )
