"""IANA time zones: the names members pick from, and the check every stored zone passes."""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import available_timezones

from patt_app.services.errors import InvalidInput


@lru_cache(maxsize=1)
def _pickable() -> frozenset[str]:
    return frozenset(timezone_names())


@lru_cache(maxsize=1)
def timezone_names() -> tuple[str, ...]:
    """Every IANA zone name, sorted, without the legacy aliases (like "US/Eastern")."""
    legacy = ("Etc/", "SystemV/", "US/", "posix", "right/")
    names = (z for z in available_timezones() if "/" in z and not z.startswith(legacy))
    return ("UTC", *sorted(names))


def usable_timezone(name: str) -> bool:
    """Whether a stored zone can be computed with (one written straight into the database
    may not be)."""
    return name in _pickable()


def validate_timezone(name: str) -> str:
    """A zone members can pick (an IANA Area/City name or UTC), or a clear refusal. System
    names such as "localtime", "Factory" or "posix/…" are refused: they mean nothing to a
    guild member and some carry no real rules."""
    name = name.strip()
    if name not in _pickable():
        raise InvalidInput(f"'{name}' is not a time zone. Pick one like America/Chicago.")
    return name
