"""The raid-night outlook section of /admin/events: daylight-saving warnings, then each
upcoming event's turnout forecast, composition warnings, the players to nudge and its bench."""

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
    "The range is where the head count falls 8 times in 10. The fair bench keeps the "
    "composition, then sits out those benched least this season, lower ranks first; benched "
    "players count as excused."
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
            rx.text(
                "Composition needed:",
                size="2",
                title="From your last raid-night finder search, until you change it here",
            ),
            field("tanks", "tanks", S.need_tanks),
            field("healers", "healers", S.need_healers),
            field("dps", "DPS", S.need_dps),
            rx.button("Apply", size="1", variant="soft", type="submit", id="need-apply"),
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


def _raid_size_form(row: OutlookRow) -> rx.Component:
    return rx.form(
        rx.hstack(
            rx.el.input(type="hidden", name="event_id", value=row.event_id),
            rx.text("Seats", size="1", color=MUTED),
            rx.input(
                name="raid_size",
                type="number",
                placeholder="no limit",
                default_value=row.raid_size,
                width="80px",
                size="1",
                class_name="raid-size-input",
            ),
            rx.button("Save", size="1", variant="soft", type="submit", class_name="raid-size-save"),
            align="center",
            spacing="1",
        ),
        on_submit=S.set_raid_size,
        key=row.event_id.to_string() + "-" + row.raid_size,
    )


def _benched_player(row: OutlookRow, player) -> rx.Component:
    return rx.badge(
        player[1],
        " ×",
        color_scheme="purple",
        cursor="pointer",
        title="Put back in the raid",
        on_click=S.unbench(row.event_id, player[0]),
        class_name="benched-player",
    )


def _bench(row: OutlookRow) -> rx.Component:
    """Seats, the fair proposal and the officer's override."""
    return rx.vstack(
        rx.hstack(
            _raid_size_form(row),
            rx.cond(
                row.over > 0,
                rx.text(
                    row.over.to_string(), " more signed up than seats", size="2", color="#fbbf24"
                ),
            ),
            align="center",
            wrap="wrap",
        ),
        rx.foreach(row.bench_warnings, lambda w: rx.text(w, size="1", color="#f87171")),
        rx.cond(
            (row.proposal.length() > 0) & ~row.proposal_applied,
            rx.hstack(
                rx.text("Fair bench proposal: ", rx.text.strong(row.proposal.join(", ")), size="2"),
                rx.button(
                    "Bench these",
                    size="1",
                    on_click=S.apply_bench(row.event_id),
                    class_name="apply-bench",
                ),
                align="center",
                wrap="wrap",
                class_name="bench-proposal",
            ),
        ),
        rx.cond(
            row.benched.length() > 0,
            rx.hstack(
                rx.text("Benched:", size="2"),
                rx.foreach(row.benched, lambda p: _benched_player(row, p)),
                wrap="wrap",
                align="center",
            ),
        ),
        rx.cond(
            row.raid_size != "",
            rx.form(
                rx.hstack(
                    rx.el.input(type="hidden", name="event_id", value=row.event_id),
                    rx.el.select(
                        rx.el.option("Bench someone else…", value=""),
                        rx.foreach(row.bench_choices, lambda c: rx.el.option(c[1], value=c[0])),
                        name="player_id",
                        style={
                            "background": "#1a1a1d",
                            "color": "inherit",
                            "padding": "0.2rem",
                            "font_size": "0.85rem",
                            "border": "1px solid #2a2a2e",
                            "border_radius": "6px",
                        },
                    ),
                    rx.button("Bench", size="1", variant="soft", type="submit"),
                    align="center",
                ),
                on_submit=S.bench_player,
                reset_on_submit=True,
            ),
        ),
        spacing="2",
        width="100%",
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
                    rx.hstack(
                        rx.button(
                            "Copy nudge message and names",
                            size="1",
                            variant="soft",
                            on_click=[
                                rx.set_clipboard(row.copy_text),
                                rx.toast.info("Copied: paste it into Discord."),
                            ],
                        ),
                        rx.cond(
                            S.discord_ready,
                            rx.button(
                                rx.icon("send", size=12),
                                "Nudge them by DM",
                                size="1",
                                variant="soft",
                                color_scheme="green",
                                on_click=S.nudge_by_dm(row.event_id),
                                class_name="nudge-dm",
                            ),
                        ),
                        wrap="wrap",
                    ),
                    spacing="2",
                    padding_top="0.4em",
                ),
            ),
            rx.text("Everyone free has answered.", size="1", color=MUTED),
        ),
        _bench(row),
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
