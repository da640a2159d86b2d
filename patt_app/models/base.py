"""Shared pieces of every table: naming convention, timestamps, schema names."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, Index, MetaData, Table, func, inspect, text
from sqlmodel import Field, SQLModel

COMMON = "common"
IDENTITY = "guild_identity"
PATT = "patt"
SCHEMAS = (COMMON, IDENTITY, PATT)

# Deterministic constraint names, so migrations and models always agree on them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def utcnow() -> datetime:
    """The current instant, timezone-aware."""
    return datetime.now(UTC)


def table_of(model: type[SQLModel]) -> Table:
    """A table model's Core table, for bulk statements (SQLModel leaves `__table__` untyped)."""
    table = inspect(model).local_table
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not a table model")
    return table


def id_field() -> Any:
    """A table's own `id`: a generated primary key, declared `int`.

    It is None only between building an object and its first flush; every row read back has
    one, and code that needs the id of a new row flushes first. Declaring it `int | None` would
    make every reader of a saved row prove what the database already guarantees.
    """
    return Field(default=None, primary_key=True)


def created_at_field() -> Any:
    """A `created_at` column filled by Python and by the database."""
    return Field(
        default_factory=utcnow,
        sa_type=DateTime(timezone=True),
        sa_column_kwargs={"server_default": func.now(), "nullable": False},
    )


def updated_at_field() -> Any:
    """An `updated_at` column refreshed on every ORM update."""
    return Field(
        default_factory=utcnow,
        sa_type=DateTime(timezone=True),
        sa_column_kwargs={"server_default": func.now(), "nullable": False, "onupdate": utcnow},
    )


def moment_field(*, nullable: bool = True, **kwargs: Any) -> Any:
    """A timezone-aware timestamp column (null unless `nullable=False`)."""
    return Field(
        default=None,
        sa_type=DateTime(timezone=True),
        sa_column_kwargs={"nullable": nullable},
        **kwargs,
    )


def one_of(column: str, values: tuple[str, ...]) -> str:
    """A CHECK constraint's text: `column` holds one of `values`."""
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def known_values(
    column: str, values: tuple[str, ...], *, nullable: bool = False, name: str = ""
) -> CheckConstraint:
    """The CHECK `<column>_known` (or `name`): `column` holds one of `values` (or NULL, where
    `nullable`)."""
    check = one_of(column, values)
    return CheckConstraint(
        f"{column} IS NULL OR {check}" if nullable else check, name=name or f"{column}_known"
    )


def unique_where(name: str, *columns: str, where: str) -> Index:
    """A partial unique index: `columns` are unique among the rows that match `where` (e.g. at
    most one open row per player)."""
    return Index(name, *columns, unique=True, postgresql_where=text(where))
