"""Officer-only JSON: the player directory (players, unlinked characters and Discord users)
and the open integrity issues."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from patt_app.api.dependencies import DbSession, officer
from patt_app.api.refusals import OFFICERS
from patt_app.api.responses import ok
from patt_app.api.schemas.admin import AuditIssue, PlayerDirectory
from patt_app.api.schemas.envelope import Envelope
from patt_app.services.accounts.sessions import Viewer
from patt_app.services.identity.audit_log import list_issues
from patt_app.services.players.player_directory import load_player_directory

router = APIRouter(prefix="/api/v1/admin")


@router.get("/players", response_model=Envelope[PlayerDirectory], responses=OFFICERS)
def players(session: DbSession, _officer: Viewer = Depends(officer)):
    """What the player manager shows, as JSON."""
    return ok(PlayerDirectory.model_validate(load_player_directory(session=session)))


@router.get("/audit", response_model=Envelope[list[AuditIssue]], responses=OFFICERS)
def audit(session: DbSession, _officer: Viewer = Depends(officer)):
    """Open integrity issues: type, severity, summary, when found."""
    issues = list_issues(session=session, resolved=False)
    return ok([AuditIssue.model_validate(issue) for issue in issues])
