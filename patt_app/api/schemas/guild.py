"""Answers of the public routes: health, the roster and the rank ladder."""

from __future__ import annotations

from patt_app.api.schemas.envelope import FromService


class Health(FromService):
    db: str
    version: str


class RosterEntry(FromService):
    """One raider on the public roster (their main character)."""

    player_id: int
    display_name: str
    character_name: str
    realm_name: str
    class_name: str
    class_colour: str
    spec_name: str
    role_name: str
    role_key: str
    item_level: int | None
    rank_name: str
    rank_level: int
    armory_url: str


class Rank(FromService):
    """A guild rank; `scheduling_weight` is what one player of this rank adds to a heatmap slot."""

    id: int
    name: str
    level: int
    scheduling_weight: int
    wow_rank_index: int | None
    description: str | None
