"""World of Warcraft reference data: roles, classes and specializations (schema guild_identity)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from patt_app.models.base import IDENTITY, id_field


class Role(SQLModel, table=True):
    """A combat role: Tank, Healer, Melee DPS, Ranged DPS."""

    __tablename__ = "roles"
    __table_args__ = (
        CheckConstraint("key IN ('tank', 'healer', 'melee', 'ranged')", name="key_known"),
        {"schema": IDENTITY},
    )

    id: int = id_field()
    name: str = Field(max_length=30, unique=True)
    key: str = Field(max_length=10, unique=True)
    colour: str = Field(max_length=7)


class WowClass(SQLModel, table=True):
    """A playable class with its colour and Blizzard's class id."""

    __tablename__ = "classes"
    __table_args__ = (
        CheckConstraint("colour ~ '^#[0-9A-Fa-f]{6}$'", name="colour_hex"),
        {"schema": IDENTITY},
    )

    id: int = id_field()
    name: str = Field(max_length=30, unique=True)
    blizzard_class_id: int = Field(unique=True)
    colour: str = Field(max_length=7)


class Specialization(SQLModel, table=True):
    """A class specialization and the role it plays by default."""

    __tablename__ = "specializations"
    __table_args__ = (
        UniqueConstraint("class_id", "name"),
        {"schema": IDENTITY},
    )

    id: int = id_field()
    class_id: int = Field(foreign_key=f"{IDENTITY}.classes.id", index=True)
    name: str = Field(max_length=30)
    default_role_id: int = Field(foreign_key=f"{IDENTITY}.roles.id")
    wowhead_slug: str = Field(max_length=60, unique=True)
