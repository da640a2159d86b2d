"""A member's profile: characters, main and off-spec, timezone, auto-invite, sessions."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime

import reflex as rx

from patt_app.db import get_engine, run_in_session
from patt_app.integrations.blizzard.account_link import authorize_url
from patt_app.live.notify import notify
from patt_app.live.topics import Topic
from patt_app.services.accounts import profile
from patt_app.services.accounts.login_throttle import count_attempt
from patt_app.services.accounts.password_change import change_password
from patt_app.services.accounts.sessions import end_all_sessions, logout_address
from patt_app.services.errors import NotLoggedIn, PattError
from patt_app.services.identity.battlenet_link import unlink_battlenet_account
from patt_app.services.identity.battlenet_link_state import (
    REASONS,
    LinkRefused,
    issue_link_state,
)
from patt_app.services.players import player_admin as players
from patt_app.services.players.player_directory import CharacterChip, SpecOption
from patt_app.services.reference.time_zones import timezone_names
from patt_app.settings import get_settings
from patt_app.states.form_values import flag, optional_id
from patt_app.states.session import SessionState, refusal, shows_refusals, through_server
from patt_app.states.toasts import toast

LINKED_NOTICE = "Battle.net account linked: your characters on it are verified."


@dataclass
class SessionRow:
    id: int
    started: str
    last_seen: str
    device: str
    address: str


def _device(user_agent: str) -> str:
    agent = user_agent.lower()
    browser = next((b for b in ("firefox", "edg", "chrome", "safari") if b in agent), "")
    system = next(
        (s for s in ("android", "iphone", "windows", "mac os", "linux") if s in agent), ""
    )
    names = {"edg": "Edge", "mac os": "macOS", "iphone": "iPhone"}
    parts = [names.get(p, p.title()) for p in (browser, system) if p]
    return " on ".join(parts) or (user_agent[:40] or "Unknown device")


class ProfileState(SessionState):
    """The logged-in member's own profile."""

    loaded: bool = False
    inactive: bool = False  # logged in, but the player was deactivated
    display_name: str = ""
    characters: list[CharacterChip] = []
    specs: list[SpecOption] = []
    main_character_id: str = ""
    main_spec_id: str = ""
    offspec_character_id: str = ""
    offspec_spec_id: str = ""
    timezone: str = ""
    browser_timezone: str = ""
    auto_invite: bool = False
    sessions: list[SessionRow] = []
    battletag: str = ""
    battlenet_enabled: bool = False
    battlenet_notice: str = ""  # how the last Battle.net sign-in went
    battlenet_notice_ok: bool = False

    async def _reload(self, player_id: int, user_id: int) -> None:
        page = await run_in_session(
            profile.load_profile_page,
            player_id=player_id,
            user_id=user_id,
            now=datetime.now(UTC),
            with_specs=not self.specs,
        )
        data, rows = page.profile, page.sessions
        if page.specs:
            self.specs = page.specs
        self.display_name = data.display_name
        self.characters = data.characters
        self.main_character_id = str(data.main_character_id or "")
        self.main_spec_id = str(data.main_spec_id or "")
        self.offspec_character_id = str(data.offspec_character_id or "")
        self.offspec_spec_id = str(data.offspec_spec_id or "")
        self.timezone = data.timezone
        self.auto_invite = data.auto_invite_events
        self.battletag = data.battletag
        self.battlenet_enabled = get_settings().blizzard_enabled
        self.sessions = [
            SessionRow(
                id=r.id,
                started=r.created_at.isoformat(),  # shown in my zone by the browser
                last_seen=(r.last_seen_at or r.created_at).isoformat(),
                device=_device(r.user_agent),
                address=r.ip_address or "—",
            )
            for r in rows
        ]
        self.loaded = True

    async def _act(self, fn, **kwargs):
        """Run a change for the viewer's own player, then reload; errors become a toast."""
        try:
            viewer = await self._member()
            await run_in_session(fn, player_id=viewer.player_id, **kwargs)
            notify(Topic.ROSTER)  # main and specs show on the roster (the heatmap hears its tables)
            await self._reload(viewer.player_id, viewer.user_id)
        except PattError as error:
            return refusal(error)
        return toast("Saved.")

    @rx.event
    async def load(self):
        """Page load: members only."""
        viewer = await self._refresh()
        if viewer is None:
            return rx.redirect("/login?next=/profile")
        if viewer.player_id is None:
            self.inactive = True
            return refusal(PattError("Your account is not linked to an active guild member."))
        self.inactive = False
        self._read_battlenet_outcome()
        await self._reload(viewer.player_id, viewer.user_id)
        return None

    def _read_battlenet_outcome(self) -> None:
        """The callback's `?battlenet=<reason>` as plain words (unknown words show nothing)."""
        reason = self.router.url.query_parameters.get("battlenet", "")
        self.battlenet_notice_ok = reason == "linked"
        self.battlenet_notice = LINKED_NOTICE if reason == "linked" else REASONS.get(reason, "")

    @rx.event
    async def link_battlenet(self):
        """ "Link Battle.net" / "Refresh": off to Battle.net's sign-in with a fresh state."""
        try:
            viewer = await self._member()
            settings = get_settings()
            if not settings.blizzard_enabled:
                raise LinkRefused("not_configured")
            state = await run_in_session(
                issue_link_state,
                user_session_id=viewer.session_id,
                player_id=viewer.player_id,
                now=datetime.now(UTC),
            )
        except PattError as error:
            return refusal(error)
        return rx.redirect(authorize_url(settings, state))

    @rx.event
    async def unlink_battlenet(self):
        """Forget the Battle.net account; the characters stay, no longer verified."""
        try:
            viewer = await self._member()
            lapsed = await run_in_session(unlink_battlenet_account, player_id=viewer.player_id)
            notify(Topic.ROSTER)
            self.battlenet_notice = ""
            await self._reload(viewer.player_id, viewer.user_id)
        except PattError as error:
            return refusal(error)
        return toast(
            f"Battle.net account unlinked; your {lapsed} character(s) stay yours, no longer "
            "verified.",
            "success",
            "battlenet-unlinked",
        )

    @rx.var
    def verified_count(self) -> int:
        return sum(1 for c in self.characters if c.is_verified)

    @rx.event
    def got_browser_timezone(self, zone: str):
        """The zone the browser reports (sent by the page's time zone card as it appears)."""
        self.browser_timezone = zone if zone in timezone_names() else ""

    async def _choose(self, setter, character_id: str, spec_id: str = ""):
        """Set the main (`players.set_main`) or the off-spec (`players.set_offspec`): a
        character picked alone has no spec yet; "" clears either."""
        return await self._act(
            setter,
            character_id=optional_id(character_id, "character"),
            spec_id=optional_id(spec_id, "spec"),
        )

    @rx.event
    @shows_refusals
    async def choose_main(self, character_id: str):
        return await self._choose(players.set_main, character_id)

    @rx.event
    @shows_refusals
    async def choose_main_spec(self, spec_id: str):
        return await self._choose(players.set_main, self.main_character_id, spec_id)

    @rx.event
    @shows_refusals
    async def choose_offspec(self, character_id: str):
        return await self._choose(players.set_offspec, character_id)

    @rx.event
    @shows_refusals
    async def choose_offspec_spec(self, spec_id: str):
        return await self._choose(players.set_offspec, self.offspec_character_id, spec_id)

    @rx.event
    async def save_timezone(self, form_data: dict):
        return await self._act(profile.set_timezone, timezone=str(form_data.get("timezone", "")))

    @rx.event
    async def use_browser_timezone(self):
        return await self._act(profile.set_timezone, timezone=self.browser_timezone)

    @rx.event
    @shows_refusals
    async def set_auto_invite(self, enabled: bool):
        return await self._act(profile.set_auto_invite, enabled=flag(enabled, "Auto sign-up"))

    @rx.event
    async def logout_everywhere(self):
        """End every session of this account, this one included, and stop the calendar link.
        Open to any logged-in account, a deactivated player's included."""
        viewer = await self._viewer()
        if viewer is None:
            return refusal(NotLoggedIn("Log in first."))
        count = await run_in_session(
            end_all_sessions, user_id=viewer.user_id, now=datetime.now(UTC)
        )
        self._show(None)
        return [
            toast(f"Logged out of {count} session(s).", "info"),
            through_server(logout_address("/login")),
        ]

    @rx.event
    async def change_password(self, form_data: dict):
        """Current password, the new one twice; the account's other sessions are logged out.
        A wrong current password counts like a failed login."""
        new = str(form_data.get("new_password", ""))
        if new != str(form_data.get("new_password_again", "")):
            return refusal(PattError("The two new passwords differ."))
        client = self.router.session.client_ip or "unknown"
        try:
            viewer = await self._member()
            delay = await asyncio.to_thread(
                count_attempt,
                bind=get_engine(),
                client=client,
                name=viewer.username,
                now=datetime.now(UTC),
            )
            await asyncio.sleep(delay)
            ended = await run_in_session(
                change_password,
                user_id=viewer.user_id,
                current_password=str(form_data.get("current_password", "")),
                new_password=new,
                keep_session_id=viewer.session_id,
                client=client,
                now=datetime.now(UTC),
            )
            assert viewer.player_id is not None  # _member() refuses an unlinked account
            await self._reload(viewer.player_id, viewer.user_id)
        except PattError as error:
            return refusal(error)
        others = f" {ended} other session(s) were logged out." if ended else ""
        return toast(f"Password changed.{others}", "success", "password-changed")

    def _specs_of(self, character_id: str) -> list[SpecOption]:
        """The specs of the character's class."""
        class_id = next((c.class_id for c in self.characters if str(c.id) == character_id), 0)
        return [s for s in self.specs if s.class_id == class_id]

    @rx.var
    def main_spec_options(self) -> list[SpecOption]:
        return self._specs_of(self.main_character_id)

    @rx.var
    def offspec_spec_options(self) -> list[SpecOption]:
        return self._specs_of(self.offspec_character_id)
