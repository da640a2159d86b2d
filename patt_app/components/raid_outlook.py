"""The raid-night outlook section of /admin/events: daylight-saving warnings, then each
upcoming event's turnout forecast, composition warnings, the players to nudge and its bench."""

from __future__ import annotations

import reflex as rx

from patt_app.components.kit import card_stack, copy_button, dm_button, note, soft_button
from patt_app.components.local_time import local_time
from patt_app.components.raid_bench import raid_bench
from patt_app.components.role_gap_fill import role_gaps
from patt_app.components.theme import GOLD, ITEM_STYLE
from patt_app.states.admin.raid_outlook import AdminRaidOutlookState as S
from patt_app.states.admin.raid_outlook import OutlookRow

METHOD = (
    "How the forecast works: each player's chance of coming is their show rate when they "
    "signed up, 0 when they excused themselves or withdrew, and — when they have not answered — "
    "their attendance on that weekday this season, but only if their availability (in their own "
    "time zone, away periods included) covers the whole raid, fading to 0 as the start nears. "
    "Rates are shrunk towards the guild's average, so a newcomer counts as an average raider. "
    "The range is where the head count falls 8 times in 10. The fair bench keeps the "
    "composition, then sits out those benched least this season, lower ranks first; benched "
    "players count as excused. For a role the forecast leaves short, it proposes the fewest "
    "players — signed up, or free — whose off-spec or other character fills it, the likeliest "
    "to come and least often asked first, plus one spare; a yes moves their sign-up to that role."
)


def dst_warnings(warnings: rx.Var = S.dst_warnings) -> rx.Component:  # type: ignore[assignment]  # a Var
    """Daylight-saving warnings of the current season: the next change in one line, the later
    ones folded under "N later changes"."""
    line = {"size": "2", "class_name": "dst-warning"}
    return rx.cond(
        warnings.length() > 0,
        rx.callout(
            rx.vstack(
                rx.text(rx.text.strong("Clocks change: "), warnings[0], **line),
                rx.cond(
                    warnings.length() > 1,
                    rx.el.details(
                        rx.el.summary(
                            (warnings.length() - 1).to_string(),
                            " later changes",
                            style={"cursor": "pointer"},
                        ),
                        rx.foreach(warnings[1:], lambda w: rx.text(w, **line)),
                        class_name="dst-later",
                    ),
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
            note(label, size="1"),
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
            rx.text(
                "Composition needed:",
                size="2",
                title="From your last raid-night finder search, until you change it here",
            ),
            field("tanks", "tanks", S.need_tanks),
            field("healers", "healers", S.need_healers),
            field("dps", "DPS", S.need_dps),
            soft_button("Apply", type="submit", id="need-apply"),
            align="center",
            wrap="wrap",
        ),
        on_submit=S.set_composition,
        key=S.need_tanks.to_string()
        + "-"
        + S.need_healers.to_string()
        + "-"
        + S.need_dps.to_string(),
    )


def _headline(row: OutlookRow) -> rx.Component:
    """Title, time, and the expected head count with its range and the sign-ups."""
    return rx.hstack(
        rx.text.strong(row.title),
        note(local_time(row.when, S.viewer_zone)),
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
    )


def _needs(row: OutlookRow) -> rx.Component:
    """The composition warnings, or that the expected turnout covers it."""
    return rx.cond(
        row.needs.length() > 0,
        rx.hstack(
            rx.foreach(
                row.needs,
                lambda n: rx.badge(n, color_scheme="red", class_name="forecast-need"),
            ),
            wrap="wrap",
        ),
        rx.badge("expected turnout covers the composition", color_scheme="green"),
    )


def _nudge_buttons(row: OutlookRow) -> rx.Component:
    """Copy the nudge for Discord, or (with the bot connected) send it by DM."""
    return rx.hstack(
        copy_button("Copy nudge message and names", text=row.copy_text),
        rx.cond(
            S.discord_ready,
            dm_button("Nudge them by DM", S.nudge_by_dm(row.event_id), class_name="nudge-dm"),
        ),
        wrap="wrap",
    )


def _free_not_signed_up(row: OutlookRow) -> rx.Component:
    """The players free for the raid who have not answered, folded, with the nudges."""
    return rx.cond(
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
                _nudge_buttons(row),
                spacing="2",
                padding_top="0.4em",
            ),
        ),
        note("Everyone free has answered.", size="1"),
    )


def _event(row: OutlookRow) -> rx.Component:
    return rx.vstack(
        _headline(row),
        note(row.roles, size="1"),
        _needs(row),
        role_gaps(row),
        _free_not_signed_up(row),
        raid_bench(row),
        style=ITEM_STYLE,
        width="100%",
        spacing="2",
        class_name="forecast-event",
    )


def raid_outlook_section() -> rx.Component:
    """The whole section; loads with the page (`AdminRaidOutlookState.load`)."""
    return card_stack(
        rx.heading("Raid-night outlook", size="4", color=GOLD),
        dst_warnings(),
        _composition_form(),
        rx.cond(
            S.rows.length() > 0,
            rx.vstack(rx.foreach(S.rows, _event), width="100%", spacing="2"),
            note(rx.cond(S.loaded, "No upcoming events.", "Loading the forecast…")),
        ),
        note(METHOD, size="1", id="forecast-method"),
        spacing="3",
        id="raid-outlook",
    )
