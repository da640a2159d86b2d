"""The guard for officer screens: every event handler of an `OfficerState` subclass must be
wrapped in `officer_only`, which re-checks the rank on the server before the body runs.
(tests/integration/test_permissions.py walks every handler and proves it.)"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, ClassVar

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.hub import subscribe
from patt_app.live.notify import notify
from patt_app.services.accounts.sessions import Viewer
from patt_app.services.errors import PattError
from patt_app.services.scheduling.availability import player_timezone
from patt_app.states.session import SessionState, refusal
from patt_app.states.toasts import toast

log = logging.getLogger(__name__)


def officer_only(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Run `handler(self, *args)` only for a logged-in officer; the officer is in
    `self._actor` while it runs. Refusals and service errors become an error toast."""

    @functools.wraps(handler)
    async def guarded(self: OfficerState, *args: Any, **kwargs: Any):
        try:
            self._actor = await self._officer()
        except PattError as error:
            self._actor = None
            return refusal(error)
        if self.live_topics:  # the screen redraws live from now on (idempotent)
            await subscribe(self, *self.live_topics)
        try:
            return await handler(self, *args, **kwargs)
        except PattError as error:
            return refusal(error)
        finally:
            self._actor = None

    guarded.__officer_only__ = True  # type: ignore[attr-defined]
    return guarded


class OfficerState(SessionState):
    """Base of every admin screen's state."""

    _actor: Viewer | None = None
    officer_page_ready: bool = False
    # What this screen's changes alter, announced after each one (see patt_app/live/notify.py),
    # and what it shows, redrawn live when anyone changes it.
    changes_topics: ClassVar[tuple[str, ...]] = ()
    live_topics: ClassVar[tuple[str, ...]] = ()

    @property
    def actor(self) -> Viewer:
        """The officer performing the current action (set by `officer_only`)."""
        if self._actor is None:
            raise RuntimeError("officer_only did not run")
        return self._actor

    def _changed(self) -> None:
        """After a committed change: tell every open view of `changes_topics`, in any worker."""
        if self.changes_topics:
            notify(*self.changes_topics)

    async def _reload(self) -> None:
        """Re-read what the screen shows (each admin screen defines it)."""
        raise NotImplementedError

    async def _reload_in_viewer_zone(self) -> None:
        """Page load of a screen that shows times: the officer's own zone, then the screen."""
        if self.actor.player_id is not None:
            self.viewer_zone = await run_in_session(player_timezone, player_id=self.actor.player_id)
        await self._reload()

    async def _apply(self, fn, message: str, **kwargs):
        """Run a service change in its own transaction, tell open views, redraw, confirm."""
        await run_in_session(fn, **kwargs)
        return await self._confirm(message)

    async def _confirm(self, message: str):
        """After a committed change: tell open views, redraw, and say `message`."""
        self._changed()
        await self._reload()
        return toast(message)

    @rx.event
    async def open_officer_page(self):
        """Page load: visitors go to login; members stay and see "Officers only"."""
        viewer = await self._viewer()
        self._show(viewer)
        self.officer_page_ready = viewer is not None and viewer.is_officer
        if viewer is None:
            return rx.redirect(f"/login?next={self.router.url.path}")
        return None

    async def _on_live(self, topics: list[str]) -> None:
        """Someone changed what this screen shows: re-read it, if still an officer's tab."""
        viewer = await self._viewer()
        if viewer is not None and viewer.is_officer:
            self._actor = viewer  # screens that read `self.actor` in `_reload` need it here too
            try:
                await self._reload()
            finally:
                self._actor = None


class LoadsScreen(rx.State, mixin=True):
    """For an officer screen whose page load only reads it: `class AdminXState(LoadsScreen,
    OfficerState)` gets the guarded `load` handler (a mixin, so the handler is this screen's)."""

    @rx.event
    @officer_only
    async def load(self):
        await self._reload()


class LoadsScreenInViewerZone(rx.State, mixin=True):
    """The same for a screen that shows times: the officer's own zone, then the screen."""

    @rx.event
    @officer_only
    async def load(self):
        await self._reload_in_viewer_zone()
