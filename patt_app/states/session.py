"""Who is looking at the page. Every page load refreshes it; every protected handler re-checks
the token against the database (a revoked or expired session stops working at once)."""

from __future__ import annotations

import asyncio
import functools
import json
from datetime import UTC, datetime

import reflex as rx
from reflex.app import default_backend_exception_handler
from reflex.event import Event, EventSpec

from patt_app.db import call_with_engine, run_in_session
from patt_app.live.hub import batched_per_redraw
from patt_app.live.read_cache import ReadCache
from patt_app.live.topics import Topic
from patt_app.services.accounts.login_throttle import count_attempt
from patt_app.services.accounts.permissions import require_member, require_officer
from patt_app.services.accounts.sessions import (
    Viewer,
    end_session,
    logout_address,
    resolve_sessions,
    token_in_cookies,
)
from patt_app.services.errors import PattError
from patt_app.states.changed_fields import assign_changed
from patt_app.states.toasts import toast, toast_spec

# Who is behind each token, kept between clicks until a session, account, player or rank
# changes (the tables announce it: live/read_cache.py); never past the session's expiry, and
# re-read at least every minute so the "last seen" of open sessions stays current.
VIEWERS: ReadCache[Viewer] = ReadCache((Topic.VIEWERS,), max_age=60.0)
REFUSAL_ID = "refusal"  # one refusal on screen at a time: a new one replaces the last


def through_server(path: str) -> EventSpec:
    """Load `path` from the server (a full page load, not the pages' own navigation): for the
    HTTP answers that set or clear the session cookie; the new page's websocket carries it."""
    return rx.call_script(f"window.location.assign({json.dumps(path)})")


async def wait_out_failures(client: str, name: str | None) -> None:
    """Count a password attempt from `client` (for login `name`, or None for one without a
    name) and wait as long as the failures say; raises RateLimited past the limits."""
    delay = await asyncio.to_thread(
        call_with_engine, count_attempt, client=client, name=name, now=datetime.now(UTC)
    )
    await asyncio.sleep(delay)


class SessionState(rx.State):
    """Who is looking at the page, and what the navigation needs to know.

    The session token is the HttpOnly cookie `/auth/session` set (api/browser_session.py): no
    page script can read it; this tab's websocket carried it when it connected, and Reflex keeps
    the handshake's headers on the backend (never serialised to the page)."""

    viewer_name: str = ""
    viewer_rank: str = ""
    viewer_level: int = 0
    viewer_checked: bool = False

    @property
    def session_token(self) -> str:
        return token_in_cookies(self.rx_router_headers.cookie)  # not `router`: built per access

    @rx.var
    def logged_in(self) -> bool:
        return self.viewer_name != ""

    @rx.var
    def is_officer(self) -> bool:
        return self.viewer_level >= 4

    async def _viewer(self) -> Viewer | None:
        """Resolve the cookie's token now (not from a cached copy)."""
        return await batched_per_redraw("viewers", self.session_token, _resolve_all)

    async def _member(self) -> Viewer:
        """The logged-in member, or a PattError to show."""
        return require_member(await self._viewer())

    async def _officer(self) -> Viewer:
        """The logged-in officer, or a PattError to show."""
        return require_officer(await self._viewer())

    def _show(self, viewer: Viewer | None) -> None:
        assign_changed(
            self,
            viewer_name=viewer.display_name if viewer else "",
            viewer_rank=viewer.rank_name if viewer else "",
            viewer_level=viewer.rank_level if viewer else 0,
            viewer_checked=True,
        )

    @rx.event
    async def refresh_viewer(self):
        """Page load: who is this?"""
        await self._refresh()

    async def _refresh(self) -> Viewer | None:
        viewer = await self._viewer()  # an expired or revoked token resolves to nobody
        self._show(viewer)
        return viewer

    @rx.event
    async def require_login(self):
        """Page load for member pages: send visitors to the login page."""
        viewer = await self._viewer()
        self._show(viewer)
        if viewer is None:
            return rx.redirect(f"/login?next={self.router.url.path}")
        return None

    @rx.event
    async def logout(self):
        """End this session on the server, then let the browser drop its cookie."""
        if self.session_token:
            await run_in_session(end_session, token=self.session_token, now=datetime.now(UTC))
        self._show(None)
        return through_server(logout_address("/"))


async def _resolve_all(tokens: list[str]) -> dict[str, Viewer | None]:
    """Every token's viewer: those kept in `VIEWERS`, the others in one query (a live redraw
    re-checks all the tabs it reaches)."""
    now = datetime.now(UTC)
    found: dict[str, Viewer | None] = {}
    for token in tokens:
        kept = VIEWERS.peek(token)
        expires = kept.value.session_expires_at if kept else None
        if kept is not None and (expires is None or expires > now):
            found[token] = kept.value
    missing = [t for t in tokens if t not in found]
    if missing:
        generation = VIEWERS.generation
        fresh = await run_in_session(resolve_sessions, tokens=missing, now=now)
        for token, viewer in fresh.items():
            if viewer is not None:  # refusals are not kept
                VIEWERS.keep(token, viewer, generation)
        found.update(fresh)
    return found


def refusal(error: PattError) -> Event:
    """How a refused action looks in the browser."""
    return toast(str(error), "error", REFUSAL_ID)


def backend_error(exception: Exception) -> EventSpec:
    """Reflex's last resort for an exception no handler caught: a refusal (a lost database
    connection among them: "couldn't save, try again") shows its own message; anything else
    gets Reflex's generic "An error occurred" and is logged."""
    if isinstance(exception, PattError):  # (Reflex wants a spec here, not an event)
        return toast_spec(str(exception), "error", REFUSAL_ID)
    return default_backend_exception_handler(exception)


def shows_refusals(handler):
    """Turn a PattError raised anywhere in `handler` into an error toast."""

    @functools.wraps(handler)
    async def wrapped(self, *args, **kwargs):
        try:
            return await handler(self, *args, **kwargs)
        except PattError as error:
            return refusal(error)

    return wrapped
