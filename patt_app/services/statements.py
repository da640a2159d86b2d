"""Typed reads of what a statement did: the rows a bulk UPDATE or DELETE touched, a row the
caller knows exists, a row a person asked for (or their refusal), and a record copied from a row.

SQLModel types `Session.execute` as returning a plain `Result`; for an UPDATE or DELETE the
database driver's answer is a `CursorResult`, which knows how many rows the statement touched.
`Session.get` answers `Model | None`; `known_row` is for ids that cannot be missing,
`row_or_refuse` for ids a person sent (a missing one is their `NotFound`). `hold_lock` takes a
transaction advisory lock: work that must run one at a time waits there for the one under way.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import text
from sqlalchemy.engine import CursorResult
from sqlmodel import Session, SQLModel

from patt_app.services.errors import NotFound

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

M = TypeVar("M", bound=SQLModel)
R = TypeVar("R", bound="DataclassInstance")


def rows_changed(result: object) -> int:
    """The rows an executed UPDATE or DELETE touched (0 when the driver cannot tell)."""
    if not isinstance(result, CursorResult):
        raise TypeError(f"not the result of an UPDATE or DELETE: {type(result).__name__}")
    return result.rowcount or 0


def known_row(session: Session, model: type[M], key: object, **options: Any) -> M:
    """The row `key` of `model`, which the caller knows is there (its id came from a foreign
    key or a row just read in this transaction): its absence is a broken invariant, raised as
    LookupError, never a refusal shown to a person."""
    row = session.get(model, key, **options)
    if row is None:
        raise LookupError(f"{model.__name__} {key!r} is not in the database")
    return row


def forget_held(session: Session, model: type[SQLModel], key: object) -> None:
    """After a Core statement changed `model`'s row `key`: the copy of that row the session
    holds, if any, is read again at its next use (Core statements bypass the session)."""
    held = session.identity_map.get(session.identity_key(model, key))
    if held is not None:
        session.expire(held)


def row_or_refuse(session: Session, model: type[M], key: object, refusal: str, **options: Any) -> M:
    """The row `key` of `model` a person asked for; `NotFound(refusal)` when there is none.
    `options` go to `Session.get` (e.g. `with_for_update`)."""
    row = session.get(model, key, **options)
    if row is None:
        raise NotFound(refusal)
    return row


def record_from(record: type[R], source: object, **values: Any) -> R:
    """A `record` (a dataclass) from `source`'s attributes of the same names; `values` give the
    fields named otherwise or computed, and a field with a default the source lacks keeps it."""
    names = [
        f.name
        for f in dataclasses.fields(record)
        if f.init and f.name not in values and (hasattr(source, f.name) or not _has_default(f))
    ]
    return record(**{name: getattr(source, name) for name in names}, **values)


def _has_default(field: dataclasses.Field[Any]) -> bool:
    return (
        field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING
    )


def hold_lock(session: Session, *key: int) -> None:
    """Wait until no other transaction holds the advisory lock `key` (one bigint, or two ints:
    PostgreSQL keeps the two forms apart), then hold it until this transaction ends. Taken again
    in the same transaction, it simply holds."""
    names = [f"k{n}" for n in range(len(key))]
    call = f"SELECT pg_advisory_xact_lock({', '.join(':' + n for n in names)})"
    session.execute(text(call), dict(zip(names, key, strict=True)))
