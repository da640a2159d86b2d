"""Reading values that come from the browser: form fields and handler arguments.

Anything malformed becomes an `InvalidInput` with a message naming the field, so the handler's
refusal path shows it as a toast and nothing is written."""

from __future__ import annotations

from datetime import date, time

from patt_app.services.errors import InvalidInput


def whole_number(
    value, label: str, *, low: int | None = None, high: int | None = None, optional: bool = False
) -> int | None:
    """An integer (None for an empty optional field), within [low, high] when given."""
    text = str(value if value is not None else "").strip()
    if optional and text == "":
        return None
    try:
        number = int(text)
    except ValueError:
        raise InvalidInput(f"{label} must be a whole number.") from None
    if (low is not None and number < low) or (high is not None and number > high):
        raise InvalidInput(f"{label} must be between {low} and {high}.")
    return number


def record_id(value) -> int:
    """An id from the browser; garbage becomes -1, which services refuse as "does not exist"."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def date_value(value, label: str) -> date:
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInput(f"{label}: give a date (YYYY-MM-DD).") from None


def time_value(value, label: str) -> time:
    try:
        return time.fromisoformat(str(value).strip()[:5])
    except ValueError:
        raise InvalidInput(f"{label}: give a time like 21:00.") from None
