"""/admin/campaigns/<id>: settings, entries, open / close, turnout, standings, agent log."""

from __future__ import annotations

import reflex as rx

from patt_app.components.campaign_cards import entry_picture, standings_list, status_badge
from patt_app.components.campaign_form import SELECT_STYLE, campaign_fields, labelled
from patt_app.components.layout import template
from patt_app.components.officer_gate import officers_only
from patt_app.components.theme import BORDER, CARD_STYLE, GOLD, MUTED
from patt_app.states.admin.campaign_editor import AgentLine, EditorEntry
from patt_app.states.admin.campaign_editor import CampaignEditorState as S

IMAGE_TYPES = {
    "image/png": [".png"],
    "image/jpeg": [".jpg", ".jpeg"],
    "image/webp": [".webp"],
    "image/gif": [".gif"],
}
DRAFT = S.status == "draft"


def _stats() -> rx.Component:
    def number(label: str, value, id: str) -> rx.Component:
        return rx.vstack(
            rx.text(label, size="1", color=MUTED),
            rx.text(value, size="6", weight="bold", id=id),
            spacing="0",
        )

    return rx.hstack(
        number("Eligible", S.eligible, "stat-eligible"),
        number("Voted", S.voted, "stat-voted"),
        number("Turnout", S.percent.to_string() + " %", "stat-percent"),
        rx.spacer(),
        rx.cond(
            DRAFT,
            rx.button(
                "Open voting now", on_click=S.activate, color_scheme="green", id="campaign-activate"
            ),
        ),
        rx.cond(
            S.status == "live",
            rx.alert_dialog.root(
                rx.alert_dialog.trigger(
                    rx.button("Close now", color_scheme="red", id="campaign-close")
                ),
                rx.alert_dialog.content(
                    rx.alert_dialog.title("Close this vote now?"),
                    rx.alert_dialog.description(
                        "Nobody can vote after this; the standings become the results."
                    ),
                    rx.hstack(
                        rx.alert_dialog.cancel(rx.button("Keep it open", variant="soft")),
                        rx.alert_dialog.action(
                            rx.button(
                                "Close now",
                                color_scheme="red",
                                on_click=S.close_now,
                                id="campaign-close-confirm",
                            )
                        ),
                        justify="end",
                        spacing="3",
                        padding_top="1rem",
                    ),
                ),
            ),
        ),
        rx.link(rx.button("Vote page", variant="soft"), href="/vote/" + S.campaign_id.to_string()),
        style=CARD_STYLE,
        width="100%",
        align="center",
        wrap="wrap",
        spacing="5",
    )


def _entry_row(entry: EditorEntry) -> rx.Component:
    return rx.hstack(
        rx.cond(
            entry.image_url != "",
            rx.box(entry_picture(entry.image_url, "56px"), width="72px", flex_shrink="0"),
        ),
        rx.vstack(
            rx.text(entry.name, weight="bold"),
            rx.text(
                rx.cond(entry.player_name != "", entry.player_name + " · ", ""),
                entry.description,
                size="1",
                color=MUTED,
            ),
            spacing="0",
            flex="1",
        ),
        rx.cond(
            DRAFT,
            rx.hstack(
                rx.icon_button(
                    rx.icon("arrow_up", size=14),
                    size="1",
                    variant="soft",
                    disabled=entry.first,
                    on_click=S.move_entry(entry.id, "up"),
                    aria_label="Move up",
                ),
                rx.icon_button(
                    rx.icon("arrow_down", size=14),
                    size="1",
                    variant="soft",
                    disabled=entry.last,
                    on_click=S.move_entry(entry.id, "down"),
                    aria_label="Move down",
                ),
                rx.button("Edit", size="1", variant="soft", on_click=S.edit_entry(entry.id)),
                rx.button(
                    "Remove",
                    size="1",
                    variant="soft",
                    color_scheme="red",
                    on_click=S.remove_entry(entry.id),
                ),
                spacing="1",
            ),
        ),
        width="100%",
        align="center",
        padding_y="0.4rem",
        border_bottom=f"1px solid {BORDER}",
        class_name="editor-entry",
    )


def _entry_form() -> rx.Component:
    f = S.entry_form
    return rx.vstack(
        rx.heading(rx.cond(S.editing_entry_id > 0, "Edit entry", "Add an entry"), size="3"),
        rx.form(
            rx.flex(
                labelled("Name", rx.input(name="name", default_value=f["name"], id="entry-name")),
                labelled(
                    "Description",
                    rx.input(name="description", default_value=f["description"], width="240px"),
                ),
                labelled(
                    "Image link (https://…) or upload below",
                    rx.input(
                        name="image_url",
                        default_value=f["image_url"],
                        width="260px",
                        id="entry-image-url",
                    ),
                ),
                labelled(
                    "Associated player",
                    rx.el.select(
                        rx.el.option("—", value=""),
                        rx.foreach(S.players, lambda p: rx.el.option(p[1], value=p[0])),
                        name="associated_player_id",
                        default_value=f["associated_player_id"],
                        style=SELECT_STYLE,
                    ),
                ),
                rx.button(
                    rx.cond(S.editing_entry_id > 0, "Save entry", "Add entry"),
                    type="submit",
                    id="entry-save",
                ),
                rx.cond(
                    S.editing_entry_id > 0,
                    rx.button("Cancel", variant="soft", type="button", on_click=S.new_entry),
                ),
                gap="0.75rem",
                align="end",
                wrap="wrap",
            ),
            on_submit=S.save_entry,
            reset_on_submit=False,
            key=S.entry_version.to_string(),
        ),
        rx.hstack(
            rx.upload(
                rx.text(
                    "Drop a picture or tap to choose (PNG, JPEG, WebP, GIF; up to 2 MB)",
                    size="1",
                    color=MUTED,
                ),
                id="entry-image",
                accept=IMAGE_TYPES,
                max_files=1,
                multiple=False,
                border=f"1px dashed {BORDER}",
                padding="0.6rem",
                border_radius="8px",
            ),
            rx.text(rx.selected_files("entry-image").join(", "), size="1"),
            rx.button(
                "Upload picture",
                size="1",
                variant="soft",
                on_click=S.upload_image(rx.upload_files(upload_id="entry-image")),
            ),
            rx.cond(
                f["image_url"] != "",
                rx.image(src=f["image_url"], height="48px", border_radius="6px"),
            ),
            align="center",
            wrap="wrap",
        ),
        spacing="2",
        width="100%",
    )


def _entries() -> rx.Component:
    return rx.vstack(
        rx.heading("Entries", size="4"),
        rx.cond(
            ~DRAFT, rx.text("Entries are fixed once voting has opened.", size="2", color=MUTED)
        ),
        rx.foreach(S.entries, _entry_row),
        rx.cond(DRAFT, _entry_form()),
        style=CARD_STYLE,
        width="100%",
        spacing="2",
    )


def _log_line(line: AgentLine) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.badge(line.event_type, color_scheme="amber"),
            rx.text(line.when, size="1", color=MUTED),
            rx.text("→ ", line.channel, size="1", color=MUTED),
            rx.cond(
                line.sent,
                rx.badge("posted", color_scheme="green"),
                rx.badge("logged", color_scheme="gray"),
            ),
            align="center",
            wrap="wrap",
        ),
        rx.text(line.title, weight="bold", size="2"),
        rx.text(line.message, size="2"),
        border_left=f"3px solid {GOLD}",
        padding_left="0.75rem",
        spacing="1",
        width="100%",
        class_name="agent-line",
    )


def _agent_log() -> rx.Component:
    return rx.vstack(
        rx.heading("Contest agent", size="4"),
        rx.text(
            "Its posts, newest first. They are recorded here even while the Discord bot is off.",
            size="2",
            color=MUTED,
        ),
        rx.cond(
            S.log.length() > 0,
            rx.foreach(S.log, _log_line),
            rx.text("Nothing posted yet.", size="2", color=MUTED),
        ),
        style=CARD_STYLE,
        width="100%",
        spacing="3",
        id="agent-log",
    )


@template(
    route="/admin/campaigns/[campaign_id]", title="Campaign", on_load=[S.open_officer_page, S.load]
)
def campaign_editor_page() -> rx.Component:
    return officers_only(
        rx.vstack(
            rx.link("← All campaigns", href="/admin/campaigns", size="2", color=MUTED),
            rx.hstack(
                rx.heading(S.title, size="7", color=GOLD, id="editor-title"),
                status_badge(S.status),
                align="center",
                wrap="wrap",
            ),
            rx.text(
                "Opens ",
                S.starts,
                " · ends ",
                S.ends,
                " (",
                S.officer_zone,
                ")",
                size="2",
                color=MUTED,
            ),
            _stats(),
            _entries(),
            rx.vstack(
                rx.heading("Settings", size="4"),
                rx.form(
                    rx.vstack(
                        campaign_fields(S.form, S.ranks, S.officer_zone, locked=~DRAFT),
                        rx.button("Save settings", type="submit", id="campaign-save"),
                        spacing="3",
                    ),
                    on_submit=S.save_settings,
                    key=S.form_version.to_string(),
                ),
                rx.cond(
                    S.status == "closed",
                    rx.text("Closed campaigns are final.", size="2", color=MUTED),
                ),
                style=CARD_STYLE,
                width="100%",
                spacing="3",
            ),
            rx.cond(
                S.standings.length() > 0,
                rx.vstack(
                    rx.heading(rx.cond(S.status == "closed", "Results", "Standings"), size="4"),
                    standings_list(S.standings),
                    width="100%",
                ),
            ),
            _agent_log(),
            spacing="4",
            width="100%",
        )
    )
