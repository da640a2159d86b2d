"""`GET /api/health`: is the app up, and can it reach its database?"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from patt_app import __version__
from patt_app.api import dependencies
from patt_app.api.responses import error, ok

log = logging.getLogger(__name__)
router = APIRouter()


@router.get("/api/health")
def health(engine: Engine = Depends(dependencies.engine)):
    """200 with the version when the database answers, 503 when it does not."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError) as exc:
        log.warning("health check: database unreachable (%s)", type(exc).__name__)
        return error("database unreachable", 503)
    return ok({"db": "connected", "version": __version__})
