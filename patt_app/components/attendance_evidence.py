"""The evidence on the attendance checklist (/admin/events/<id>): the panel above the table
(the import's status, names nobody has, "Import now", "Accept all suggestions"), the voice panel
(which channel the bot listens to for this raid, and this raid's own), and the Logs · voice and
Suggested cells of each player's row (minutes in voice and their flags under the logs)."""

from __future__ import annotations

import reflex as rx

from patt_app.components.channel_picker import channel_picker
from patt_app.components.kit import card_stack, note, soft_button
from patt_app.components.local_time import local_time
from patt_app.components.theme import GOLD, MUTED
from patt_app.services.raids.evidence_review import ReviewRow, UnknownName
from patt_app.states.admin.attendance import AdminRaidAttendanceState as C

SUGGESTION_COLOURS = {
    "attended": "green",
    "came (not signed up)": "green",
    "late": "amber",
    "left early": "amber",
    "no-show": "red",
    "excused": "gray",
    "benched": "blue",
}

IMPORT_WORDS = {
    "queued": "Import queued: the runner takes it within a few seconds.",
    "running": "Importing from Warcraft Logs…",
    "imported": "Imported from Warcraft Logs",
    "refused": "Report refused",
    "no_report": "No report yet",
    "failed": "Import failed",
}


def _status_badge(status, **props) -> rx.Component:
    colour = rx.match(status, *SUGGESTION_COLOURS.items(), "gray")
    return rx.badge(status, color_scheme=colour, **props)


def logs_cell(row: ReviewRow) -> rx.Component:
    """In how many fights the logs saw the player, from when to when, with which characters."""
    return rx.table.cell(  # one box: on a phone the cell's content moves as one
        rx.box(
            _logs_seen(row),
            voice_line(row),
        ),
        class_name="logs-cell",
    )


def _logs_seen(row: ReviewRow) -> rx.Component:
    return rx.cond(
        row.fights > 0,
        rx.vstack(
            rx.text(row.fights, " of ", C.total_fights, " fights", size="2"),
            note(
                local_time(row.first_seen_iso, C.viewer_zone, style="time"),
                " – ",
                local_time(row.last_seen_iso, C.viewer_zone, style="time"),
                size="1",
            ),
            note(row.characters_seen, size="1"),
            spacing="0",
        ),
        note(rx.cond(C.import_status == "imported", "not seen", "—")),
    )


def suggestion_cell(row: ReviewRow) -> rx.Component:
    """The suggested status, why, and what is recorded now."""
    return rx.table.cell(
        rx.vstack(
            rx.cond(
                row.suggestion != "",
                _status_badge(row.suggestion, class_name="suggestion"),
                rx.text("—", color=MUTED),
            ),
            note(row.evidence, size="1", max_width="22rem"),
            rx.cond(
                row.recorded != "",
                rx.text("recorded: ", rx.el.b(row.recorded), size="1", class_name="recorded"),
            ),
            spacing="1",
        ),
        class_name="suggestion-cell",
    )


def phone_suggestion(row: ReviewRow) -> rx.Component:
    """On a phone the Suggested column is off-screen: its badge under the name."""
    return rx.cond(
        C.has_evidence & (row.suggestion != ""),
        rx.box(
            _status_badge(row.suggestion, size="1"),
            display=rx.breakpoints(initial="block", sm="none"),
            class_name="suggestion-phone",
        ),
    )


def _unknown(name: UnknownName) -> rx.Component:
    return rx.badge(name.name, "-", name.realm, " (", name.fights, ")", color_scheme="gray")


def _import_status() -> rx.Component:
    """Where the import stands, and when it was made."""
    return rx.hstack(
        rx.icon("scroll-text", size=16, color=GOLD),
        rx.text(
            rx.match(C.import_status, *IMPORT_WORDS.items(), "Not imported yet"),
            weight="bold",
            id="import-status",
        ),
        rx.cond(
            C.imported_iso != "",
            note(local_time(C.imported_iso, C.viewer_zone), size="1"),
        ),
        align="center",
        wrap="wrap",
    )


def _unknown_names() -> rx.Component:
    return rx.cond(
        C.unknown.length() > 0,
        rx.vstack(
            rx.text("In the logs, but no player has these characters:", size="2"),
            rx.flex(rx.foreach(C.unknown, _unknown), gap="0.4rem", wrap="wrap"),
            spacing="1",
            id="unknown-names",
        ),
    )


def _evidence_actions() -> rx.Component:
    """ "Import now" (with Warcraft Logs configured) and "Accept all suggestions"."""
    return rx.flex(
        rx.cond(
            C.logs_configured,
            rx.button(
                rx.icon("download", size=14),
                "Import now",
                variant="soft",
                on_click=C.import_now,
                disabled=(C.import_status == "queued") | (C.import_status == "running"),
                id="import-now",
            ),
        ),
        rx.cond(
            C.suggestions > 0,
            rx.button(
                rx.icon("check-check", size=14),
                "Accept all suggestions",
                on_click=C.accept_all,
                id="accept-all",
            ),
        ),
        gap="0.75rem",
        wrap="wrap",
    )


def evidence_panel() -> rx.Component:
    """What Warcraft Logs said, "Import now" and "Accept all suggestions"."""
    return rx.cond(
        C.logs_configured | C.has_evidence,
        card_stack(
            _import_status(),
            rx.cond(
                C.import_message != "",
                note(C.import_message, id="import-message"),
            ),
            _unknown_names(),
            _evidence_actions(),
            spacing="2",
            id="evidence-panel",
        ),
    )


def voice_line(row: ReviewRow) -> rx.Component:
    """ "165 min in voice", with late / left early, under the player's log evidence."""
    return rx.cond(
        row.in_voice,
        rx.hstack(
            rx.icon("headphones", size=12),
            rx.text(row.voice_minutes, " min in voice", size="1"),
            rx.cond(row.voice_late, rx.badge("late", color_scheme="amber", size="1")),
            rx.cond(row.voice_left_early, rx.badge("left early", color_scheme="amber", size="1")),
            spacing="1",
            align="center",
            wrap="wrap",
            class_name="voice-evidence",
        ),
        rx.cond(
            C.voice_listened & (row.signed_up | row.tentative | row.attended),
            note("not in voice", size="1", class_name="voice-evidence"),
        ),
    )


def _channel_picker() -> rx.Component:
    return channel_picker(
        "voice_channel_id",
        C.voice_own_channel,
        C.voice_options,
        none_label="the guild's default",
        key=C.voice_own_channel,
        id="event-voice-channel",
    )


def voice_panel() -> rx.Component:
    """Where the bot listens for this raid, and the form to give this raid its own channel."""
    return card_stack(
        rx.hstack(
            rx.icon("headphones", size=16, color=GOLD),
            rx.text(
                rx.cond(
                    C.voice_channel != "",
                    rx.fragment(
                        "Voice: ",
                        rx.el.b(C.voice_channel),
                        rx.cond(C.voice_own_channel != "", " (this raid's own)", " (default)"),
                        rx.cond(C.voice_listened, "", " — nobody heard there yet"),
                    ),
                    "Voice: no channel set (the raid voice channel is set on /admin/discord)",
                ),
                size="2",
                id="voice-status",
            ),
            align="center",
            wrap="wrap",
        ),
        rx.form(
            rx.hstack(
                rx.text("This raid's voice channel", size="2"),
                _channel_picker(),
                soft_button("Save", type="submit", id="save-event-voice"),
                align="center",
                wrap="wrap",
            ),
            on_submit=C.save_voice_channel,
            id="event-voice-form",
        ),
        spacing="2",
        id="voice-panel",
    )
