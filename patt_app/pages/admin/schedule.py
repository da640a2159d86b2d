"""/admin/schedule: the heatmap with names behind every cell, and the raid-night finder."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import (
    card_section,
    card_stack,
    form_row,
    labelled,
    note,
    soft_button,
    wrap_row,
)
from patt_app.components.layout import officer_page
from patt_app.components.raid_outlook import dst_warnings
from patt_app.components.theme import MUTED, ROLE_COLOURS, SELECT_STYLE, SURFACE
from patt_app.pages.schedule import schedule_body
from patt_app.services.scheduling.schedule_view import Person
from patt_app.states.admin.dst_guard import AdminDstGuardState
from patt_app.states.admin.schedule import AdminScheduleState as T
from patt_app.states.admin.schedule import SuggestionRow
from patt_app.states.schedule import ScheduleState


def _person(person: Person) -> rx.Component:
    colour = rx.match(person.role, *[(k, v) for k, v in ROLE_COLOURS.items()], "#9ca3af")
    return rx.hstack(
        rx.box(
            width="0.6rem", height="0.6rem", border_radius="999px", background=person.class_colour
        ),
        rx.text(person.name, weight="medium", size="2"),
        note(person.rank, size="1"),
        rx.text(
            rx.cond(person.role == "unknown", "no main set", person.role),
            size="1",
            color=colour,
            title=rx.cond(person.role == "unknown", "No main character, so no role yet", ""),
        ),
        rx.icon_button(
            rx.icon("x", size=12),
            size="1",
            variant="ghost",
            color_scheme="gray",
            title="Leave out of the heatmap and finder",
            aria_label=f"Leave {person.name} out of the heatmap and finder",
            on_click=T.exclude_player(person.id, person.name),
            class_name="exclude-person",
        ),
        align="center",
        spacing="2",
        class_name="cell-person",
    )


SMALL_SELECT = {**SELECT_STYLE, "padding": "0.25rem"}


def _who_counts() -> rx.Component:
    """Officers' hand-picked exceptions to the filters."""
    return wrap_row(
        rx.el.select(
            rx.el.option("Always count…", value=""),
            rx.foreach(T.people_options, lambda o: rx.el.option(o[1], value=o[0])),
            value="",
            on_change=T.always_count,
            id="always-count",
            style=SMALL_SELECT,
        ),
        rx.foreach(
            ScheduleState.included,
            lambda e: soft_button(
                "+ ",
                e[1],
                " ✕",
                color_scheme="green",
                title="Stop counting them regardless of the filters",
                aria_label=f"Stop always counting {e[1]}",
                on_click=T.stop_counting(e[0]),
                class_name="included-person",
            ),
        ),
        rx.cond(ScheduleState.excluded.length() > 0, note("Left out:")),
        rx.foreach(
            ScheduleState.excluded,
            lambda e: soft_button(
                e[1],
                " ✕",
                color_scheme="gray",
                title="Count them again",
                aria_label=f"Count {e[1]} again",
                on_click=T.include_player(e[0]),
                class_name="excluded-person",
            ),
        ),
        gap="0.4rem",
    )


def _skipped_zones() -> rx.Component:
    """Players whose stored zone is not a time zone: left out until it is fixed."""
    return rx.cond(
        T.skipped_zones.length() > 0,
        rx.callout(
            rx.text(
                "Left out of the heatmap, the day summary and the finder because their stored "
                "time zone is not a real one (they can pick theirs on their profile): ",
                rx.foreach(
                    T.skipped_zones,
                    lambda s: rx.text.span(
                        rx.text.strong(s[0]), " ('", s[1], "') ", class_name="skipped-zone"
                    ),
                ),
            ),
            icon="triangle_alert",
            color_scheme="amber",
            width="100%",
            id="skipped-zones",
        ),
    )


def _cell_panel() -> rx.Component:
    return rx.cond(
        T.cell_title != "",
        card_stack(
            rx.text(T.cell_title, weight="bold", id="cell-title"),
            rx.flex(rx.foreach(T.cell_people, _person), gap="0.4rem 1.2rem", wrap="wrap"),
            spacing="2",
        ),
        note("Click a cell to see who is available."),
    )


def _number(name: str, label: str, value: int) -> rx.Component:
    return labelled(
        label, rx.input(name=name, type="number", default_value=str(value), width="70px", size="1")
    )


def _start(name: str, label: str, value: str) -> rx.Component:
    return labelled(label, rx.input(name=name, type="time", default_value=value, size="1"))


def _finder_form() -> rx.Component:
    return rx.form(
        form_row(
            labelled(
                "Raid length",
                rx.select.root(
                    rx.select.trigger(width="110px"),
                    rx.select.content(
                        *[
                            rx.select.item(f"{m / 60:g} h", value=str(m))
                            for m in (120, 150, 180, 210, 240)
                        ]
                    ),
                    name="duration",
                    default_value="180",
                ),
            ),
            _number("tanks", "Tanks", 2),
            _number("healers", "Healers", 4),
            _number("dps", "DPS", 10),
            _number("nights", "Nights", 2),
            _start("earliest", "Earliest start", "18:00"),
            _start("latest", "Latest start", "22:00"),
            rx.button("Find raid nights", type="submit", id="find-nights"),
        ),
        on_submit=T.find_nights,
    )


def _suggestion_actions(row: SuggestionRow) -> rx.Component:
    """Show the night on the heatmap, create its event, or compare it in the studio."""
    return rx.hstack(
        soft_button("Show on heatmap", on_click=T.show_suggestion(row.index)),
        rx.link(
            rx.button("Create event", size="1", class_name="create-from-suggestion"),
            href=row.create_link,
        ),
        rx.link(
            soft_button("Compare in raid-time studio", class_name="studio-from-suggestion"),
            href=row.studio_link,
        ),
        spacing="2",
    )


def _suggestion(row: SuggestionRow) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(row.when, weight="bold"),
            rx.badge("score ", row.weighted, color_scheme="amber"),
            note(row.count, " players · ", row.roles),
            rx.spacer(),
            _suggestion_actions(row),
            width="100%",
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            row.booked != "",
            rx.text("📅 ", row.booked, size="2", color="#60a5fa", class_name="suggestion-booked"),
        ),
        rx.foreach(row.warnings, lambda w: rx.text("⚠ ", w, size="2", color="#fbbf24")),
        note(row.names, size="1"),
        width="100%",
        spacing="1",
        padding="0.6rem",
        border_radius="8px",
        background=SURFACE,
        class_name="suggestion",
        custom_attrs={"data-start": row.start_iso},
    )


def _finder() -> rx.Component:
    return card_section(
        "Raid-night finder",
        note(
            "The best non-overlapping windows of the week shown above (one per day, none "
            "already past), ranked by the weighted score of the players who can stay for the "
            "whole raid. Uses the rank and role filters above; times in your zone. A night "
            "that already has a raid says so. Its warnings count who is free for the whole "
            "window by main spec; the raid-night outlook on Raid events counts who is "
            "expected to come (sign-ups and history), so the two can differ."
        ),
        dst_warnings(AdminDstGuardState.warnings),
        _finder_form(),
        rx.cond(
            T.searched & (T.suggestions.length() == 0),
            rx.text(
                "No window fits: nobody is free for that long between those times on the "
                "nights of this week still ahead.",
                color=MUTED,
            ),
        ),
        rx.foreach(T.suggestions, _suggestion),
        spacing="3",
    )


@officer_page(
    route="/admin/schedule",
    title="Scheduling",
    state=T,
    loads=[ScheduleState.load, T.load, AdminDstGuardState.load],
    spacing="3",
)
def admin_schedule_page() -> tuple[rx.Component, ...]:
    return (
        _skipped_zones(),
        schedule_body(
            on_cell_click=T.select_cell,
            extra=rx.vstack(_who_counts(), _cell_panel(), _finder(), width="100%", spacing="4"),
        ),
    )
