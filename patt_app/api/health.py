"""`GET /api/health`: is the app up, and can it reach its database?"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from patt_app import __version__
from patt_app.api import dependencies
from patt_app.api.refusals import refusals
from patt_app.api.responses import error, ok
from patt_app.api.schemas.envelope import Envelope
from patt_app.api.schemas.guild import Health

router = APIRouter()


@router.get("/api/health", response_model=Envelope[Health], responses=refusals(503))
def health(reachable: bool = Depends(dependencies.database_reachable)):
    """200 with the version when the database answers, 503 when it does not."""
    if not reachable:
        return error("database unreachable", 503)
    return ok(Health(db="connected", version=__version__))
