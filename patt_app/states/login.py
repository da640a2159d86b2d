"""Logging in and registering with an invite code."""

from __future__ import annotations

from datetime import UTC, datetime

import reflex as rx
from sqlmodel import Session

from patt_app.db import run_in_session
from patt_app.services.accounts.registration import (
    log_in,
    normalise_username,
    register_and_log_in,
)
from patt_app.services.accounts.sessions import handoff_address, park_for_browser, safe_next
from patt_app.services.errors import PattError
from patt_app.settings import get_settings
from patt_app.states.form_values import typed_twice
from patt_app.states.session import SessionState, through_server, wait_out_failures


class LoginState(SessionState):
    """The login and register forms. Passwords arrive in the form data and are never kept."""

    error: str = ""
    invite_code: str = ""
    busy: bool = False

    def _client(self) -> tuple[str, str]:
        return self.router.session.client_ip or "unknown", self.router.headers.user_agent or ""

    @rx.event
    async def open_login(self):
        """Page load: already logged in? Go on."""
        self.busy = False  # still on from this tab's last login: the button would spin for ever
        ended = self.router.url.query_parameters.get("ended")
        self.error = "That login took too long or was used already: log in again." if ended else ""
        viewer = await self._viewer()
        self._show(viewer)
        if viewer is not None:
            return rx.redirect(safe_next(self.router.url.query_parameters.get("next")))
        return None

    @rx.event
    async def open_register(self):
        """Page load: pre-fill the code from a `?code=` link."""
        self.error, self.busy = "", False
        self.invite_code = self.router.url.query_parameters.get("code", "")[:20]
        self._show(await self._viewer())

    async def _sign_in(self, fn, name: str | None, **kwargs) -> str | None:
        """Count the attempt (login name, or None for a registration), wait as long as the
        name's failures say, then run `log_in` or `register_and_log_in`; the one-time code the
        browser trades for its session cookie, or None (and why not, shown)."""
        client, agent = self._client()
        try:
            await wait_out_failures(client, name)
            code = await run_in_session(
                _log_in_for_browser, sign_in=fn, client=client, user_agent=agent, **kwargs
            )
        except PattError as error:
            self.error, self.busy = str(error), False
            return None
        self.error = ""  # `busy` stays: the browser is on its way to the next page
        return code

    @rx.event
    async def login(self, form_data: dict):
        self.busy = True
        yield
        code = await self._sign_in(
            log_in,
            normalise_username(str(form_data.get("username", ""))),
            hours=get_settings().session_hours,
            username=str(form_data.get("username", "")),
            password=str(form_data.get("password", "")),
        )
        if code:
            next_path = self.router.url.query_parameters.get("next", "/")
            yield through_server(handoff_address(code, next_path))

    @rx.event
    async def register(self, form_data: dict):
        password, self.error = typed_twice(form_data)
        if self.error:
            return
        self.busy = True
        yield
        code = await self._sign_in(
            register_and_log_in,
            None,
            hours=get_settings().session_hours,
            code=str(form_data.get("code", "")),
            username=str(form_data.get("username", "")),
            password=password,
            timezone=str(form_data.get("timezone", ""))[:64],
        )
        if code:
            yield through_server(handoff_address(code, "/profile"))


def _log_in_for_browser(*, session: Session, sign_in, **kwargs) -> str:
    """`log_in` or `register_and_log_in`, the new session parked behind a one-time code in the
    same transaction (its token never leaves the server)."""
    now = datetime.now(UTC)
    token = sign_in(session=session, now=now, **kwargs)
    return park_for_browser(session=session, token=token, now=now)
