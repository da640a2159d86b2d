"""IANA time zones: the names members pick from, and the check every stored zone passes."""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import available_timezones

from patt_app.services.errors import InvalidInput


@lru_cache(maxsize=1)
def timezone_names() -> tuple[str, ...]:
    """Every IANA zone name, sorted, without the legacy aliases (like "US/Eastern")."""
    legacy = ("Etc/", "SystemV/", "US/", "posix", "right/")
    names = (z for z in available_timezones() if "/" in z and not z.startswith(legacy))
    return ("UTC", *sorted(names))


def validate_timezone(name: str) -> str:
    """An IANA zone name, or a clear refusal."""
    name = name.strip()
    if name not in available_timezones():
        raise InvalidInput(f"'{name}' is not a time zone. Pick one like America/Chicago.")
    return name
