"""Officer-only JSON: the player directory (players, unlinked characters and Discord users)."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Depends
from sqlmodel import Session

from patt_app.api.dependencies import db_session, officer
from patt_app.api.responses import ok
from patt_app.services.accounts.sessions import Viewer
from patt_app.services.players.player_directory import load_player_directory

router = APIRouter(prefix="/api/v1/admin")


@router.get("/players")
def players(session: Session = Depends(db_session), _officer: Viewer = Depends(officer)):
    """What the player manager shows, as JSON."""
    directory = load_player_directory(session=session)
    return ok(
        {
            "players": [asdict(p) for p in directory.players],
            "unlinked_characters": [asdict(c) for c in directory.unlinked_characters],
            "unlinked_discord": [asdict(d) for d in directory.unlinked_discord],
        }
    )
