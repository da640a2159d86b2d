"""The raid-night outlook section of /admin/events: daylight-saving warnings, then each
upcoming event's turnout forecast, composition warnings and the players to nudge."""

from __future__ import annotations

import reflex as rx

from patt_app.components.theme import CARD_STYLE, GOLD, ITEM_STYLE, MUTED
from patt_app.states.admin.raid_outlook import OutlookRow
from patt_app.states.admin.raid_outlook import RaidOutlookState as S

METHOD = (
    "How the forecast works: each player's chance of coming is their show rate when they "
    "signed up, 0 when they excused themselves or withdrew, and — when they have not answered — "
    "their attendance on that weekday this season, but only if their availability (in their own "
    "time zone, away periods included) covers the whole raid, fading to 0 as the start nears. "
    "Rates are shrunk towards the guild's average, so a newcomer counts as an average raider. "
    "The range is where the head count falls 8 times in 10."
)


def dst_warnings(warnings: rx.Var = S.dst_warnings) -> rx.Component:
    """Daylight-saving warnings of the current season ("raids start 1 h earlier for …")."""
    return rx.cond(
        warnings.length() > 0,
        rx.callout(
            rx.vstack(
                rx.text.strong("Clocks change: some members' raid time moves"),
                rx.foreach(
                    S.dst_warnings, lambda w: rx.text(w, size="2", class_name="dst-warning")
                ),
                spacing="1",
            ),
            icon="clock",
            color_scheme="amber",
            width="100%",
            id="dst-warnings",
        ),
    )


def _composition_form() -> rx.Component:
    def field(name: str, label: str, value) -> rx.Component:
        return rx.hstack(
            rx.text(label, size="1", color=MUTED),
            rx.input(
                name=name,
                type="number",
                default_value=value.to_string(),
                width="60px",
                size="1",
                id=f"need-{name}",
            ),
            align="center",
            spacing="1",
        )

    return rx.form(
        rx.hstack(
            rx.text("Composition needed:", size="2"),
            field("tanks", "tanks", S.need_tanks),
            field("healers", "healers", S.need_healers),
            field("dps", "DPS", S.need_dps),
            rx.button("Apply", size="1", variant="soft", type="submit", id="need-apply"),
            align="center",
            wrap="wrap",
        ),
        on_submit=S.set_composition,
    )


def _event(row: OutlookRow) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text.strong(row.title),
            rx.text(row.when, size="2", color=MUTED),
            rx.spacer(),
            rx.text(
                "Expected ",
                rx.text.strong(row.expected, class_name="forecast-expected"),
                " (",
                row.low.to_string(),
                "–",
                row.high.to_string(),
                ") · ",
                row.signed_up.to_string(),
                " signed up",
                size="2",
            ),
            width="100%",
            align="center",
            wrap="wrap",
        ),
        rx.text(row.roles, size="1", color=MUTED),
        rx.cond(
            row.needs.length() > 0,
            rx.hstack(
                rx.foreach(
                    row.needs,
                    lambda n: rx.badge(n, color_scheme="red", class_name="forecast-need"),
                ),
                wrap="wrap",
            ),
            rx.badge("composition covered", color_scheme="green"),
        ),
        rx.cond(
            row.free_count > 0,
            rx.el.details(
                rx.el.summary(
                    rx.text(
                        row.free_count.to_string(),
                        " free but not signed up",
                        size="2",
                        as_="span",
                    ),
                    cursor="pointer",
                ),
                rx.vstack(
                    rx.text(row.free_names.join(", "), size="2", class_name="free-names"),
                    rx.button(
                        "Copy nudge message and names",
                        size="1",
                        variant="soft",
                        on_click=[
                            rx.set_clipboard(row.copy_text),
                            rx.toast.info("Copied: paste it into Discord."),
                        ],
                    ),
                    spacing="2",
                    padding_top="0.4em",
                ),
            ),
            rx.text("Everyone free has answered.", size="1", color=MUTED),
        ),
        style=ITEM_STYLE,
        width="100%",
        spacing="2",
        class_name="forecast-event",
    )


def raid_outlook_section() -> rx.Component:
    """The whole section; loads with the page (`RaidOutlookState.load`)."""
    return rx.vstack(
        rx.heading("Raid-night outlook", size="4", color=GOLD),
        dst_warnings(),
        _composition_form(),
        rx.cond(
            S.rows.length() > 0,
            rx.vstack(rx.foreach(S.rows, _event), width="100%", spacing="2"),
            rx.text(
                rx.cond(S.loaded, "No upcoming events.", "Loading the forecast…"),
                color=MUTED,
                size="2",
            ),
        ),
        rx.text(METHOD, size="1", color=MUTED, id="forecast-method"),
        style=CARD_STYLE,
        width="100%",
        spacing="3",
        id="raid-outlook",
    )
