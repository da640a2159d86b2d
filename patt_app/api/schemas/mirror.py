"""API models built from the service record they show, field for field, so the two can't drift
(tests/unit/test_api_schemas_match_services.py pairs them)."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pydantic import create_model

from patt_app.api.schemas.envelope import FromService, IsoDateTime


def _api_type(hint: Any) -> Any:
    """A record's type as the API writes it: datetimes with `isoformat()` (`IsoDateTime`)."""
    if hint is datetime:
        return IsoDateTime
    if hint == datetime | None:
        return IsoDateTime | None
    return hint


def _default(field: dataclasses.Field) -> Any:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return ...


def mirror(
    record: type,
    *,
    leave_out: Iterable[str] = (),
    narrowed: dict[str, Any] | None = None,
) -> type[FromService]:
    """A base for the API model of `record`: its fields (but `leave_out`), their types (or the
    narrower ones in `narrowed`, e.g. a `Literal` for /api/docs; a datetime as `IsoDateTime`) and
    defaults. Subclass it with
    the docstring /api/docs shows: `class RosterEntry(mirror(roster.RosterEntry)):  # type: ignore[misc]`
    (mypy can't follow a base made at run time)."""
    hints = typing.get_type_hints(record)
    skip, narrower = set(leave_out), narrowed or {}
    fields: dict[str, Any] = {
        f.name: (narrower.get(f.name, _api_type(hints[f.name])), _default(f))
        for f in dataclasses.fields(record)
        if f.name not in skip
    }
    return create_model(f"{record.__name__}Fields", __base__=FromService, **fields)
