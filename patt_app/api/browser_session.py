"""`/auth/session` and `/auth/logout`: the browser's session cookie, set and cleared by HTTP
answers so it can be HttpOnly (no page script can read it).

A page's login (states/login.py) opens the session and parks it behind a one-time code
(`park_for_browser`), then sends the browser here; the answer sets the cookie and goes on to the
page, whose new websocket carries it (states/session.py reads it from the handshake)."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import RedirectResponse

from patt_app.db import run_in_session
from patt_app.services.accounts.sessions import (
    HANDOFF_PATH,
    LOGOUT_PATH,
    SESSION_COOKIE,
    safe_next,
    trade_for_token,
)
from patt_app.services.errors import NotLoggedIn
from patt_app.settings import get_settings

router = APIRouter(include_in_schema=False)


@router.get(HANDOFF_PATH)
async def open_browser_session(code: str = "", next: str = "/"):
    """Trade a one-time login code for the HttpOnly session cookie, then on to `next`."""
    settings = get_settings()
    try:
        token = await run_in_session(
            trade_for_token, code=code[:100], now=datetime.now(UTC), hours=settings.session_hours
        )
    except NotLoggedIn:
        return RedirectResponse(f"/login?ended=1&next={quote(safe_next(next))}", status_code=303)
    answer = RedirectResponse(safe_next(next), status_code=303)
    answer.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=settings.session_hours * 3600,
        path="/",
        secure=settings.serves_https,
        httponly=True,
        samesite="lax",
    )
    return answer


@router.get(LOGOUT_PATH)
async def forget_browser_session(next: str = "/"):
    """Clear the cookie (the page's logout has already ended the session), then on to `next`."""
    answer = RedirectResponse(safe_next(next), status_code=303)
    answer.delete_cookie(
        SESSION_COOKIE, path="/", secure=get_settings().serves_https, httponly=True, samesite="lax"
    )
    return answer
