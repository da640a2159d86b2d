"""Request-scoped resources for API routes: the database session and who is calling.

This is the only API module that touches SQLAlchemy/SQLModel types: routes take `DbSession`
and hand it to services.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Header
from sqlalchemy import Engine
from sqlmodel import Session

from patt_app.db import database_answers, get_engine, session_scope
from patt_app.services.accounts.permissions import require_member, require_officer
from patt_app.services.accounts.sessions import Viewer, resolve_session


def engine() -> Engine:
    """The database engine (overridden in tests)."""
    return get_engine()


def database_reachable(db_engine: Engine = Depends(engine)) -> bool:
    """Whether the database answers (for the health check)."""
    return database_answers(db_engine)


def db_session() -> Iterator[Session]:
    """A session committed when the route function returns, rolled back on error."""
    with session_scope() as session:
        yield session


# scope="function": the commit happens before the answer is sent, so a client that acts on
# the answer at once (a new token, a logout) finds the change stored.
DB = Depends(db_session, scope="function")
DbSession = Annotated[Session, DB]
"""A route parameter `session: DbSession` receives the request's session."""


def bearer_token(authorization: str | None = Header(default=None)) -> str:
    """The token from `Authorization: Bearer <token>`, or ""."""
    if not authorization:
        return ""
    scheme, _, token = authorization.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def viewer(token: str = Depends(bearer_token), session: Session = DB) -> Viewer | None:
    """Who is calling, if anyone."""
    return resolve_session(session=session, token=token, now=datetime.now(UTC))


def member(current: Viewer | None = Depends(viewer)) -> Viewer:
    """A logged-in member (401 otherwise)."""
    return require_member(current)


def officer(current: Viewer | None = Depends(viewer)) -> Viewer:
    """An officer (401 for visitors, 403 for members)."""
    return require_officer(current)
