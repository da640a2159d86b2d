"""Logging in and registering with an invite code."""

from __future__ import annotations

from datetime import UTC, datetime

import reflex as rx
from sqlmodel import Session, select

from patt_app.db import run_in_session
from patt_app.models import Player
from patt_app.services.accounts import authenticate, register
from patt_app.services.errors import PattError
from patt_app.services.profile import timezone_names
from patt_app.services.sessions import start_session
from patt_app.settings import get_settings
from patt_app.states.session import SessionState, safe_next


def _login(
    *, session: Session, username: str, password: str, client: str, user_agent: str, now: datetime
) -> str:
    user = authenticate(
        session=session, username=username, password=password, client=client, now=now
    )
    return start_session(
        session=session,
        user_id=user.id,
        now=now,
        hours=get_settings().session_hours,
        user_agent=user_agent,
        ip_address=client,
    )


def _register(
    *,
    session: Session,
    code: str,
    username: str,
    password: str,
    timezone: str,
    client: str,
    user_agent: str,
    now: datetime,
) -> str:
    user = register(session=session, code=code, username=username, password=password, now=now)
    if timezone in timezone_names():  # the browser's zone; an odd one is no reason to refuse
        player = session.exec(select(Player).where(Player.website_user_id == user.id)).one()
        player.timezone = timezone
        session.add(player)
    return start_session(
        session=session,
        user_id=user.id,
        now=now,
        hours=get_settings().session_hours,
        user_agent=user_agent,
        ip_address=client,
    )


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
        self.error = ""
        viewer = await self._viewer()
        self._show(viewer)
        if viewer is not None:
            return rx.redirect(safe_next(self.router.url.query_parameters.get("next")))
        return None

    @rx.event
    async def open_register(self):
        """Page load: pre-fill the code from a `?code=` link."""
        self.error = ""
        self.invite_code = self.router.url.query_parameters.get("code", "")[:20]
        self._show(await self._viewer())

    @rx.event
    async def login(self, form_data: dict):
        client, agent = self._client()
        self.busy = True
        yield
        try:
            token = await run_in_session(
                _login,
                username=str(form_data.get("username", "")),
                password=str(form_data.get("password", "")),
                client=client,
                user_agent=agent,
                now=datetime.now(UTC),
            )
        except PattError as error:
            self.error, self.busy = str(error), False
            return
        self.session_token, self.error, self.busy = token, "", False
        self._show(await self._viewer())
        yield rx.redirect(safe_next(self.router.url.query_parameters.get("next")))

    @rx.event
    async def register(self, form_data: dict):
        client, agent = self._client()
        password = str(form_data.get("password", ""))
        if password != str(form_data.get("password_again", "")):
            self.error = "The two passwords differ."
            return
        self.busy = True
        yield
        try:
            token = await run_in_session(
                _register,
                code=str(form_data.get("code", "")),
                username=str(form_data.get("username", "")),
                password=password,
                timezone=str(form_data.get("timezone", ""))[:64],
                client=client,
                user_agent=agent,
                now=datetime.now(UTC),
            )
        except PattError as error:
            self.error, self.busy = str(error), False
            return
        self.session_token, self.error, self.busy = token, "", False
        self._show(await self._viewer())
        yield [rx.toast.success("Welcome to Pull All The Things!"), rx.redirect("/profile")]
