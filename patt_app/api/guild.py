"""Public guild data: roster and ranks."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Depends
from sqlmodel import Session, select

from patt_app.api.dependencies import db_session
from patt_app.api.responses import ok
from patt_app.models import GuildRank
from patt_app.services.players.roster import list_roster

router = APIRouter(prefix="/api/v1/guild")


@router.get("/roster")
def roster(session: Session = Depends(db_session)):
    """Active players with a main character: name, class, spec, role, item level, rank, armory."""
    return ok([asdict(entry) for entry in list_roster(session=session)])


@router.get("/ranks")
def ranks(session: Session = Depends(db_session)):
    """The guild's ranks, lowest level first."""
    rows = session.exec(select(GuildRank).order_by(GuildRank.level)).all()
    return ok(
        [
            {
                "id": r.id,
                "name": r.name,
                "level": r.level,
                "scheduling_weight": r.scheduling_weight,
                "wow_rank_index": r.wow_rank_index,
                "description": r.description,
            }
            for r in rows
        ]
    )
