"""The JSON login's request and answers."""

from __future__ import annotations

from pydantic import BaseModel, Field

from patt_app.api.schemas.envelope import FromService


class LoginRequest(BaseModel):
    discord_username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class Token(FromService):
    """Send it back as `Authorization: Bearer <token>`."""

    token: str
    expires_in_hours: int


class Me(FromService):
    """The caller's account, player and rank."""

    username: str
    player_id: int | None
    display_name: str
    rank: str
    rank_level: int
    is_officer: bool


class LoggedOut(FromService):
    logged_out: bool
