"""`/api/v1/auth`: log in for a bearer token, see who you are, log out."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from sqlmodel import Session

from patt_app.api.dependencies import bearer_token, db_session, member
from patt_app.api.responses import ok
from patt_app.services.accounts.registration import log_in
from patt_app.services.accounts.sessions import Viewer, end_session
from patt_app.settings import get_settings

router = APIRouter(prefix="/api/v1/auth")


class LoginRequest(BaseModel):
    discord_username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


@router.post("/login")
def login(body: LoginRequest, request: Request, session: Session = Depends(db_session)):
    """A session token for these credentials (same rules and limits as the login page)."""
    now = datetime.now(UTC)
    client = request.client.host if request.client else "unknown"
    token = log_in(
        session=session,
        username=body.discord_username,
        password=body.password,
        client=client,
        user_agent=request.headers.get("user-agent", ""),
        now=now,
        hours=get_settings().session_hours,
    )
    return ok({"token": token, "expires_in_hours": get_settings().session_hours})


@router.get("/me")
def me(current: Viewer = Depends(member)):
    """The caller's account, player and rank."""
    return ok(
        {
            "username": current.username,
            "player_id": current.player_id,
            "display_name": current.display_name,
            "rank": current.rank_name,
            "rank_level": current.rank_level,
            "is_officer": current.is_officer,
        }
    )


@router.post("/logout")
def logout(
    token: str = Depends(bearer_token),
    session: Session = Depends(db_session),
    current: Viewer = Depends(member),
):
    """End the session whose token was sent."""
    end_session(session=session, token=token, now=datetime.now(UTC))
    return ok({"logged_out": True})
