"""Public guild data: roster and ranks."""

from __future__ import annotations

from fastapi import APIRouter

from patt_app.api.dependencies import DbSession
from patt_app.api.responses import ok
from patt_app.api.schemas.envelope import Envelope
from patt_app.api.schemas.guild import Rank, RosterEntry
from patt_app.services.players.roster import list_roster
from patt_app.services.reference.reference_tables import guild_ranks

router = APIRouter(prefix="/api/v1/guild")


@router.get("/roster", response_model=Envelope[list[RosterEntry]])
def roster(session: DbSession):
    """Active players with a main character: name, class, spec, role, item level, rank, armory."""
    return ok([RosterEntry.model_validate(entry) for entry in list_roster(session=session)])


@router.get("/ranks", response_model=Envelope[list[Rank]])
def ranks(session: DbSession):
    """The guild's ranks, lowest level first."""
    return ok([Rank.model_validate(rank) for rank in guild_ranks(session=session)])
