"""Request-scoped resources for API routes."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Engine
from sqlmodel import Session

from patt_app.db import get_engine, session_scope


def engine() -> Engine:
    """The database engine (overridden in tests)."""
    return get_engine()


def db_session() -> Iterator[Session]:
    """A session committed at the end of the request, rolled back on error."""
    with session_scope() as session:
        yield session
