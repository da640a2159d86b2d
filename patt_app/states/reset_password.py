"""/reset-password: a member sets a new password from the one-time link an officer made."""

from __future__ import annotations

from datetime import UTC, datetime

import reflex as rx

from patt_app.db import run_in_session
from patt_app.services.accounts.password_change import reset_password
from patt_app.services.errors import PattError
from patt_app.states.form_values import typed_twice
from patt_app.states.session import SessionState, wait_out_failures
from patt_app.states.toasts import toast


class ResetPasswordState(SessionState):
    """The reset form. The token comes from the link; passwords are never kept."""

    reset_token: str = ""
    error: str = ""
    done: bool = False
    busy: bool = False

    @rx.event
    async def open_reset(self):
        """Page load: take the token from `?token=`."""
        self.error, self.done, self.busy = "", False, False
        self.reset_token = self.router.url.query_parameters.get("token", "")[:100]
        self._show(await self._viewer())

    @rx.event
    async def set_new_password(self, form_data: dict):
        password, self.error = typed_twice(form_data)
        if self.error:
            return
        self.busy = True
        yield
        client = self.router.session.client_ip or "unknown"
        try:
            await wait_out_failures(client, None)
            await run_in_session(
                reset_password,
                token=self.reset_token,
                new_password=password,
                client=client,
                now=datetime.now(UTC),
            )
        except PattError as error:
            self.error, self.busy = str(error), False
            return
        self.error, self.busy, self.done, self.reset_token = "", False, True, ""
        await self._refresh()  # the account's sessions ended: forget the cookie if it was one
        yield toast("Password changed. Log in with your new password.")
