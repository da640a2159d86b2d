"""Reads what the roster sync compares against, and writes its `RosterDiff` in one transaction.

Blizzard speaks in its own ids (class 11, rank index 3, spec "Balance"); this module maps them
to our reference rows (classes.blizzard_class_id, guild_ranks.wow_rank_index, specializations
by class and name). Unknown ones are left empty rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from patt_app.models import GuildRank, Specialization, WowCharacter, WowClass
from patt_app.services.statements import known_row
from patt_app.services.sync.roster_diff import KnownCharacter, RosterDiff


@dataclass(frozen=True)
class ReferenceIds:
    """Our ids for Blizzard's: class id → classes.id, rank index → guild_ranks.id,
    (classes.id, spec name) → specializations.id; and the reverse for reading."""

    class_by_blizzard: dict[int, int]
    rank_by_index: dict[int, int]
    spec_by_name: dict[tuple[int, str], int]
    spec_names: dict[int, str]

    def blizzard_class(self, class_id: int | None) -> int | None:
        return next((b for b, c in self.class_by_blizzard.items() if c == class_id), None)


def reference_ids(session: Session) -> ReferenceIds:
    classes = session.exec(select(WowClass)).all()
    ranks = session.exec(select(GuildRank).where(col(GuildRank.wow_rank_index).is_not(None))).all()
    specs = session.exec(select(Specialization)).all()
    return ReferenceIds(
        class_by_blizzard={c.blizzard_class_id: c.id for c in classes},
        rank_by_index={r.wow_rank_index: r.id for r in ranks if r.wow_rank_index is not None},
        spec_by_name={(s.class_id, s.name.casefold()): s.id for s in specs},
        spec_names={s.id: s.name for s in specs},
    )


def load_known_characters(*, session: Session) -> list[KnownCharacter]:
    """Every stored character (present or removed), in the shape `diff_roster` compares."""
    return _known(session, select(WowCharacter).order_by(col(WowCharacter.id)))


def known_characters_named(*, session: Session, names: Iterable[str]) -> list[KnownCharacter]:
    """The stored characters bearing one of `names` (any case, any realm), through the index."""
    wanted = sorted({name.lower() for name in names})
    if not wanted:
        return []
    lower_name = func.lower(col(WowCharacter.character_name))
    return _known(session, select(WowCharacter).where(lower_name.in_(wanted)))


def _known(session: Session, query: SelectOfScalar[WowCharacter]) -> list[KnownCharacter]:
    refs = reference_ids(session)
    # Keyed `int | None`: a character without a rank finds none.
    rank_index: dict[int | None, int] = {
        rank_id: index for index, rank_id in refs.rank_by_index.items()
    }
    return [
        KnownCharacter(
            id=c.id,
            blizzard_id=c.blizzard_id,
            name=c.character_name,
            realm_slug=c.realm_slug,
            level=c.level,
            class_blizzard_id=refs.blizzard_class(c.class_id),
            rank_index=rank_index.get(c.guild_rank_id),
            spec_name=refs.spec_names.get(c.active_spec_id) if c.active_spec_id else None,
            item_level=c.item_level,
            last_login_ms=c.last_login_timestamp,
            removed=c.removed_at is not None,
            not_found=c.blizzard_not_found_at is not None,
            blizzard_last_sync=c.blizzard_last_sync,
        )
        for c in session.exec(query).all()
    ]


def _realm_name(slug: str) -> str:
    """A readable realm name when the profile did not give one ("bleeding-hollow" →
    "Bleeding Hollow")."""
    return " ".join(part.capitalize() for part in slug.split("-"))


def _column_values(values: dict[str, Any], refs: ReferenceIds) -> dict[str, Any]:
    """Blizzard's ids in `values` turned into our columns."""
    columns = dict(values)
    if "class_blizzard_id" in columns:
        columns["class_id"] = refs.class_by_blizzard.get(columns.pop("class_blizzard_id"))
    if "rank_index" in columns:
        columns["guild_rank_id"] = refs.rank_by_index.get(columns.pop("rank_index"))
    columns.pop("spec_name", None)
    return columns


def _spec_id(values: dict[str, Any], class_id: int | None, refs: ReferenceIds) -> int | None:
    name = values.get("spec_name")
    return refs.spec_by_name.get((class_id, name.casefold())) if name and class_id else None


def apply_roster_diff(*, session: Session, diff: RosterDiff, now: datetime) -> None:
    """Write `diff`: add, update, restore, flag and mark removed. The caller's transaction
    makes it all-or-nothing."""
    refs = reference_ids(session)
    for update in diff.updates:
        character = known_row(session, WowCharacter, update.character_id)
        columns = _column_values(update.changes, refs)
        for name, value in columns.items():
            setattr(character, name, value)
        if "realm_slug" in columns and "realm_name" not in columns:
            character.realm_name = _realm_name(character.realm_slug)
        if "spec_name" in update.changes or "class_blizzard_id" in update.changes:
            spec = _spec_id(update.changes, character.class_id, refs)
            character.active_spec_id = spec if spec else character.active_spec_id
        if update.restore:
            character.removed_at = None
        if update.not_found is not None:
            character.blizzard_not_found_at = now if update.not_found else None
        if update.profiled:
            character.blizzard_last_sync = now
        session.add(character)
    for character_id in diff.removed_ids:
        character = known_row(session, WowCharacter, character_id)
        character.removed_at = now
        session.add(character)
    session.flush()  # renames first: a newcomer may take the name a stored character left
    for new in diff.added:
        columns = _column_values(new.values, refs)
        columns.setdefault("realm_name", _realm_name(columns["realm_slug"]))
        character = WowCharacter(
            **columns,
            active_spec_id=_spec_id(new.values, columns.get("class_id"), refs),
            blizzard_last_sync=now if new.profiled else None,
            blizzard_not_found_at=now if new.not_found else None,
            first_seen=now,
        )
        session.add(character)
    session.flush()
