"""Bring a database up to date: Alembic migrations, reference data, and optionally the demo guild."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from alembic.config import Config

from alembic import command
from patt_app.db import session_scope
from patt_app.demo.seed import seed_demo_guild
from patt_app.services.reference.reference_data import seed_reference_data
from patt_app.settings import PROJECT_ROOT

log = logging.getLogger(__name__)


def alembic_config(url: str) -> Config:
    """Our alembic.ini, pointed at `url`."""
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    config.attributes["url"] = url
    config.attributes["configure_logger"] = False
    return config


def migrate(url: str) -> None:
    """Apply every pending migration."""
    command.upgrade(alembic_config(url), "head")


def seed(*, demo: bool, now: datetime | None = None) -> bool:
    """Seed the reference data, and the demo guild when `demo` and the guild is empty.

    Returns True when the demo guild was written by this call.
    """
    with session_scope() as session:
        seed_reference_data(session=session)
        if not demo:
            return False
        return seed_demo_guild(session=session, now=now or datetime.now(UTC))
