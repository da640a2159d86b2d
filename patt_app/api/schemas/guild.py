"""Answers of the public routes: health, the roster and the rank ladder."""

from __future__ import annotations

from patt_app.api.schemas.envelope import FromService
from patt_app.api.schemas.mirror import mirror
from patt_app.services.players import roster
from patt_app.services.reference import reference_tables


class Health(FromService):
    db: str
    version: str


class RosterEntry(mirror(roster.RosterEntry)):  # type: ignore[misc]
    """One raider on the public roster (their main character)."""


class Rank(mirror(reference_tables.GuildRankInfo)):  # type: ignore[misc]
    """A guild rank; `scheduling_weight` is what one player of this rank adds to a heatmap slot."""
