"""The envelope every JSON answer comes in, and the field types shared by the routers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Generic, Literal, TypeVar

from fastapi import Path
from pydantic import BaseModel, ConfigDict, PlainSerializer, WithJsonSchema

T = TypeVar("T")

IsoDateTime = Annotated[
    datetime,
    PlainSerializer(lambda moment: moment.isoformat(), return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
"""A datetime written with `isoformat()` in its own zone (e.g. `2026-11-24T20:00:00-05:00`,
`…+00:00` for UTC), as the API has always written it, rather than Pydantic's `Z`."""


RecordId = Annotated[int, Path(ge=1, le=2**31 - 1)]
"""An id in a path: a row's id can only be a positive PostgreSQL integer, so anything else is
a 422 here rather than an overflow in the database."""


class Envelope(BaseModel, Generic[T]):
    """A successful answer: `{"ok": true, "data": …}`."""

    ok: Literal[True] = True
    data: T


class ErrorEnvelope(BaseModel):
    """A refusal or failure: `{"ok": false, "error": "…"}` with a message a person can act on."""

    ok: Literal[False] = False
    error: str


class FromService(BaseModel):
    """Base of the data models: built from a service's dataclass by attribute."""

    model_config = ConfigDict(from_attributes=True)
