"""The one way values from the browser are read: form fields and handler arguments.

A browser can send anything (a tampered event, a pasted value): `"NaN"`, `"inf"`, `"1e309"`,
`" "`, `"-0"`, `"12abc"`, a 40-digit id, `"false"` for a switch. Every handler that takes user
input reads it through these functions, so anything malformed becomes an `InvalidInput`
naming the field; the handler's refusal path shows it as a toast and nothing is written."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, time
from decimal import Decimal
from typing import Literal, overload

from patt_app.services.errors import InvalidInput
from patt_app.services.scheduling.availability import parse_hours

MAX_ID = 2**31 - 1  # PostgreSQL integer: a larger id can't exist (and would overflow a query)
MAX_NUMBER = 2**31 - 1
FIRST_DATE, LAST_DATE = date(2000, 1, 1), date(2100, 12, 31)
_TRUE = {"true", "on", "1", "yes"}
_FALSE = {"false", "off", "0", "no", ""}


def _text(value) -> str:
    return str(value if value is not None else "").strip()


def _digits(text: str) -> bool:
    """Plain ASCII digits only (`int()` would also take "٣", "１" and "1_000")."""
    return text.isascii() and text.isdigit()


@overload
def whole_number(
    value: object,
    label: str,
    *,
    low: int | None = None,
    high: int | None = None,
    optional: Literal[False] = False,
) -> int: ...


@overload
def whole_number(
    value: object, label: str, *, low: int | None = None, high: int | None = None, optional: bool
) -> int | None: ...


def whole_number(
    value: object,
    label: str,
    *,
    low: int | None = None,
    high: int | None = None,
    optional: bool = False,
) -> int | None:
    """An integer (None for an empty optional field), within [low, high] when given and
    within PostgreSQL's integer range always."""
    text = _text(value)
    if optional and text == "":
        return None
    unsigned = text[1:] if text[:1] in "+-" else text
    if not _digits(unsigned) or len(unsigned) > 10:
        raise InvalidInput(f"{label} must be a whole number.")
    number = int(text)
    low = -MAX_NUMBER if low is None else low
    high = MAX_NUMBER if high is None else high
    if not low <= number <= high:
        raise InvalidInput(f"{label} must be between {low} and {high}.")
    return number


def record_id(value, thing: str = "record") -> int:
    """The id of an existing row picked in the page; anything that can't be one (not a
    number, zero or negative, too large) is refused as "That <thing> does not exist."."""
    text = _text(value)
    if (
        isinstance(value, bool)
        or not _digits(text)
        or len(text) > 10
        or not 0 < int(text) <= MAX_ID
    ):
        raise InvalidInput(f"That {thing} does not exist.")
    return int(text)


def optional_id(value, thing: str = "record") -> int | None:
    """An id picked in a select, or None when the select was cleared ("")."""
    return None if value is None or value == "" else record_id(value, thing)


def flag(value, label: str) -> bool:
    """A switch or checkbox: true/false (also "on"/"off", 1/0); anything else is refused."""
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise InvalidInput(f"{label} must be on or off.")


def hours_value(value) -> Decimal:
    """Available hours: a number in half-hour steps, more than 0 and at most 16 ("NaN",
    "inf", "1e309", "-0" and " " are refused with the rule)."""
    return parse_hours(_text(value))


def choice(value, label: str, options: Collection[str]) -> str:
    """One of a fixed set of values (a sort key, a role, a slot size)."""
    text = _text(value)
    if text not in options:
        raise InvalidInput(f"{label}: choose one of {', '.join(sorted(options))}.")
    return text


def date_value(value, label: str) -> date:
    """A date YYYY-MM-DD between 2000 and 2100."""
    text = _text(value)
    try:
        if len(text) != 10:
            raise ValueError(text)
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{label}: pick a date from the calendar.") from None
    if not FIRST_DATE <= day <= LAST_DATE:
        raise InvalidInput(f"{label}: give a date between 2000 and 2100.")
    return day


def time_value(value, label: str) -> time:
    """A time of day HH:MM (seconds, if sent, are ignored)."""
    text = _text(value)
    try:
        if len(text) not in (5, 8) or text[2:3] != ":":
            raise ValueError(text)
        return time.fromisoformat(text[:5])
    except ValueError:
        raise InvalidInput(f"{label}: give a time like 21:00.") from None


def typed_twice(form_data: dict, first: str = "password", again: str = "password_again"):
    """A new password typed twice: `(password, "")`, or `("", refusal)` when the two differ."""
    password = str(form_data.get(first, ""))
    if password != str(form_data.get(again, "")):
        return "", "The two passwords differ."
    return password, ""
