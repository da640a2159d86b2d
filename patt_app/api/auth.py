"""`/api/v1/auth`: log in for a bearer token, see who you are, log out."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from fastapi import APIRouter, Depends, Request

from patt_app.api.dependencies import DbSession, bearer_token, member
from patt_app.api.refusals import MEMBERS, refusals
from patt_app.api.responses import ok
from patt_app.api.schemas.auth import LoggedOut, LoginRequest, Me, Token
from patt_app.api.schemas.envelope import Envelope
from patt_app.db import call_with_engine, run_in_session
from patt_app.services.accounts.login_throttle import client_address, count_attempt
from patt_app.services.accounts.registration import log_in, normalise_username
from patt_app.services.accounts.sessions import Viewer, end_session
from patt_app.settings import get_settings

router = APIRouter(prefix="/api/v1/auth")


@router.post("/login", response_model=Envelope[Token], responses=refusals(401, 422, 429))
async def login(body: LoginRequest, request: Request):
    """A session token for these credentials (same rules and limits as the login page). The
    session is stored before the answer leaves, so the token works at once."""
    settings = get_settings()
    peer = request.client.host if request.client else ""
    client = client_address(
        peer, request.headers.get("x-forwarded-for", ""), settings.trusted_proxy_hops
    )
    name = normalise_username(body.discord_username)
    delay = await asyncio.to_thread(
        call_with_engine, count_attempt, client=client, name=name, now=datetime.now(UTC)
    )
    await asyncio.sleep(delay)
    token = await run_in_session(
        log_in,
        username=body.discord_username,
        password=body.password,
        client=client,
        user_agent=request.headers.get("user-agent", ""),
        now=datetime.now(UTC),
        hours=settings.session_hours,
    )
    return ok(Token(token=token, expires_in_hours=settings.session_hours))


@router.get("/me", response_model=Envelope[Me], responses=MEMBERS)
def me(current: Viewer = Depends(member)):
    """The caller's account, player and rank."""
    return ok(
        Me(
            username=current.username,
            player_id=current.player_id,
            display_name=current.display_name,
            rank=current.rank_name,
            rank_level=current.rank_level,
            is_officer=current.is_officer,
        )
    )


@router.post("/logout", response_model=Envelope[LoggedOut], responses=MEMBERS)
def logout(
    session: DbSession,
    token: str = Depends(bearer_token),
    current: Viewer = Depends(member),
):
    """End the session whose token was sent."""
    end_session(session=session, token=token, now=datetime.now(UTC))
    return ok(LoggedOut(logged_out=True))
