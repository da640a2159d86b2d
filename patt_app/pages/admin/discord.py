"""/admin/discord: the bot's status, its channels and switches, and how to connect it."""

from __future__ import annotations

import reflex as rx

from patt_app.components.channel_picker import channel_picker
from patt_app.components.forms import field
from patt_app.components.kit import (
    card_section,
    card_stack,
    empty_or,
    note,
    switch_line,
)
from patt_app.components.layout import officer_page
from patt_app.components.local_time import local_time
from patt_app.components.tables import simple_table
from patt_app.components.theme import CARD_STYLE, MUTED
from patt_app.states.admin.discord import AdminDiscordState as S
from patt_app.states.admin.discord import PostRow

SETUP_STEPS = (
    "At the Discord developer portal (discord.com/developers/applications) create an "
    "application, add a Bot, and copy its token.",
    "On the Bot page turn on the Server Members privileged intent (the bot reads who is on "
    "the server and their roles).",
    "Invite the bot to your server (OAuth2 → URL generator) with the bot and "
    "applications.commands scopes and the Manage Roles, Send Messages and Embed Links "
    "permissions.",
    "In Server Settings → Roles drag the bot's role above GM, Officer, Veteran, Member and "
    "Initiate: Discord only lets it assign roles below its own.",
    "Set DISCORD_BOT_TOKEN (the token) and DISCORD_GUILD_ID (right-click the server with "
    "developer mode on → Copy Server ID), then restart the platform.",
)


def _setup_steps() -> rx.Component:
    return card_section(
        "Connect Discord",
        rx.text(
            "Discord is not set up yet: member and role sync, invites by DM, event "
            "announcements and reminders and audit reports are off until it is.",
            color=MUTED,
        ),
        rx.el.ol(
            *[rx.el.li(rx.text(step, size="2"), margin_bottom="0.4rem") for step in SETUP_STEPS],
            padding_left="1.5rem",
            list_style_type="decimal",
        ),
        id="discord-setup",
    )


def _status_badge() -> rx.Component:
    return rx.cond(
        ~S.configured,
        rx.badge("not configured", color_scheme="gray", size="2", id="discord-state"),
        rx.cond(
            S.connected,
            rx.badge("connected", color_scheme="green", size="2", id="discord-state"),
            rx.badge("not connected", color_scheme="red", size="2", id="discord-state"),
        ),
    )


def _line(label: str, *value) -> rx.Component:
    return rx.hstack(
        rx.text(label, weight="bold", min_width="9rem"),
        rx.text(*value),
        align="start",
        wrap="wrap",
    )


def _last_error() -> rx.Component:
    return rx.cond(
        S.last_error != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("triangle_alert")),
            rx.callout.text(S.last_error, " (", local_time(S.last_error_at, S.viewer_zone), ")"),
            color_scheme="red",
            id="discord-error",
        ),
    )


def _status() -> rx.Component:
    return card_stack(
        rx.hstack(
            rx.heading("Bot", size="4"),
            _status_badge(),
            rx.spacer(),
            rx.button(
                rx.cond(S.sync_requested, "Sync requested…", "Sync members now"),
                on_click=S.sync_now,
                disabled=~S.configured | S.sync_requested,
                id="sync-members-now",
            ),
            align="center",
            width="100%",
        ),
        _line("Server", rx.cond(S.guild_name != "", S.guild_name, "—")),
        _line("Latency", S.latency),
        _line(
            "Member sync",
            local_time(S.last_member_sync, S.viewer_zone, empty="never"),
            rx.text(S.member_sync_summary, color=MUTED),
        ),
        _line(
            "Role sync",
            local_time(S.last_role_sync, S.viewer_zone, empty="never"),
            rx.text(S.role_sync_summary, color=MUTED),
        ),
        _last_error(),
        id="discord-status",
    )


def _channel_input(name: str, label: str, value, hint: str) -> rx.Component:
    picker = channel_picker(name, value, S.channel_options, none_label="— none —", key=value)
    return field(label, picker, hint, width="auto")


def _channel_form(
    on_submit, form_id: str, save: rx.Component, *fields: rx.Component, **props
) -> rx.Component:
    """Channel pickers side by side (wrapping on a phone), and under them the Save button
    that saves them all."""
    return rx.form(
        rx.vstack(rx.hstack(*fields, align="end", wrap="wrap", spacing="4"), save, spacing="3"),
        on_submit=on_submit,
        id=form_id,
        **props,
    )


def _settings() -> rx.Component:
    return card_section(
        "Channels and switches",
        _channel_form(
            S.save_channels,
            "discord-channels",
            rx.button("Save channels", type="submit", id="save-channels"),
            _channel_input(
                "announcement_channel_id",
                "Announcement channel",
                S.announcement_channel_id,
                "Raid announcements, and events without a channel of their own.",
            ),
            _channel_input(
                "audit_channel_id",
                "Audit channel",
                S.audit_channel_id,
                "Integrity reports for officers.",
            ),
        ),
        switch_line(
            S.dm_enabled,
            S.set_dm_enabled,
            "Send event reminders by DM (off: one message in the event's channel)",
            switch_id="dm-switch",
        ),
        switch_line(
            S.onboarding_enabled,
            S.set_onboarding_enabled,
            "Onboarding: welcome newcomers by DM, check them against the roster and set them up (",
            rx.link("sessions", href="/admin/onboarding"),
            ")",
            switch_id="onboarding-switch",
        ),
        spacing="3",
    )


def _voice_picker() -> rx.Component:
    """The server's voice channels by name once the bot has seen them, else an id field."""
    return channel_picker(
        "raid_voice_channel_id",
        S.raid_voice_channel_id,
        S.voice_channel_options,
        none_label="— none —",
        key=S.raid_voice_channel_id,
        id="raid-voice-channel",
    )


def _voice_settings() -> rx.Component:
    """The raids' voice channel: the bot records who sits there during a raid."""
    hint = (
        "The bot records who sits in this channel from 30 minutes before a raid to 30 "
        "minutes after it (an event can name its own on its attendance page)."
    )
    return _channel_form(
        S.save_raid_voice_channel,
        "discord-voice-channel",
        rx.button("Save voice channel", type="submit", id="save-voice-channel"),
        field("Raid voice channel", _voice_picker(), hint, width="auto"),
        style=CARD_STYLE,
        width="100%",
    )


def _post_row(post: PostRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(local_time(post.created, S.viewer_zone)),
        rx.table.cell(post.kind),
        rx.table.cell(
            rx.text(
                post.title,
                rx.cond(post.about != "", " · ", ""),
                local_time(post.about, S.viewer_zone, empty=""),
                size="2",
            ),
            max_width="360px",
        ),
        rx.table.cell(rx.badge(post.status, color_scheme=post.status_colour, variant="soft")),
        rx.table.cell(note(post.note, size="1"), max_width="320px"),
        class_name="discord-post-row",
    )


@officer_page(
    route="/admin/discord",
    title="Discord",
    state=S,
    intro="The guild's bot keeps Discord and the platform in step: members and roles, invites "
    "by DM, raid announcements and reminders, audit reports.",
)
def discord_page() -> tuple[rx.Component, ...]:
    return (
        rx.cond(~S.configured, _setup_steps()),
        _status(),
        _settings(),
        _voice_settings(),
        card_section(
            "Latest posts",
            empty_or(
                S.posts,
                simple_table(("Queued", "To", "What", "Status", "Note"), S.posts, _post_row),
                "Nothing posted yet.",
                size="3",
            ),
        ),
    )
