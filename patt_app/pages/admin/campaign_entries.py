"""The entries card of /admin/campaigns/<id>: the list (reorder, edit, remove while a draft) and
the form to add or edit one, with its picture upload."""

from __future__ import annotations

import reflex as rx

from patt_app.components.campaign_cards import entry_picture
from patt_app.components.kit import card_section, form_row, labelled, note, soft_button
from patt_app.components.theme import BORDER, SELECT_STYLE
from patt_app.states.admin.campaign_editor import AdminCampaignEditorState as S
from patt_app.states.admin.campaign_editor import EditorEntry

IMAGE_TYPES = {
    "image/png": [".png"],
    "image/jpeg": [".jpg", ".jpeg"],
    "image/webp": [".webp"],
    "image/gif": [".gif"],
}
DRAFT = S.status == "draft"


def _entry_row(entry: EditorEntry) -> rx.Component:
    return rx.hstack(
        rx.cond(
            entry.image_url != "",
            rx.box(entry_picture(entry.image_url, "56px"), width="72px", flex_shrink="0"),
        ),
        rx.vstack(
            rx.text(entry.name, weight="bold"),
            note(
                rx.cond(entry.player_name != "", entry.player_name + " · ", ""),
                entry.description,
                size="1",
            ),
            spacing="0",
            flex="1",
        ),
        rx.cond(DRAFT, _entry_controls(entry)),
        width="100%",
        align="center",
        padding_y="0.4rem",
        border_bottom=f"1px solid {BORDER}",
        class_name="editor-entry",
    )


def _move(entry: EditorEntry, direction: str, disabled) -> rx.Component:
    return rx.icon_button(
        rx.icon(f"arrow_{direction}", size=14),
        size="1",
        variant="soft",
        disabled=disabled,
        on_click=S.move_entry(entry.id, direction),
        aria_label=f"Move {direction}",
    )


def _entry_controls(entry: EditorEntry) -> rx.Component:
    """Reorder, edit and remove, while the campaign is a draft."""
    return rx.hstack(
        _move(entry, "up", disabled=entry.first),
        _move(entry, "down", disabled=entry.last),
        soft_button("Edit", on_click=S.edit_entry(entry.id)),
        soft_button("Remove", color_scheme="red", on_click=S.remove_entry(entry.id)),
        spacing="1",
    )


def _entry_form() -> rx.Component:
    f = S.entry_form
    return rx.vstack(
        rx.heading(rx.cond(S.editing_entry_id > 0, "Edit entry", "Add an entry"), size="3"),
        rx.form(
            _entry_fields(f),
            on_submit=S.save_entry,
            reset_on_submit=False,
            key=S.entry_version.to_string(),
        ),
        _image_upload(f),
        spacing="2",
        width="100%",
    )


def _entry_fields(f) -> rx.Component:
    return form_row(
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
    )


def _image_upload(f) -> rx.Component:
    """Upload a picture for the entry (its link lands in the form's image field)."""
    return rx.hstack(
        rx.upload(
            note("Drop a picture or tap to choose (PNG, JPEG, WebP, GIF; up to 2 MB)", size="1"),
            id="entry-image",
            accept=IMAGE_TYPES,
            max_files=1,
            multiple=False,
            border=f"1px dashed {BORDER}",
            padding="0.6rem",
            border_radius="8px",
        ),
        rx.text(rx.selected_files("entry-image").join(", "), size="1"),
        soft_button(
            "Upload picture",
            on_click=S.upload_image(rx.upload_files(upload_id="entry-image")),
        ),
        rx.cond(
            f["image_url"] != "",
            rx.image(src=f["image_url"], height="48px", border_radius="6px"),
        ),
        align="center",
        wrap="wrap",
    )


def entries_section() -> rx.Component:
    return card_section(
        "Entries",
        rx.cond(~DRAFT, note("Entries are fixed once voting has opened.")),
        rx.foreach(S.entries, _entry_row),
        rx.cond(DRAFT, _entry_form()),
        spacing="2",
    )
