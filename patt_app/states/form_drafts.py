"""What a person has typed into a form but not sent yet, kept in their browser (an
`rx.LocalStorage` var holding JSON), so a reload or Back does not wipe it. Only the fields a
form names are kept, each cut to a sane length; anything unreadable reads as no draft."""

from __future__ import annotations

import json
from collections.abc import Iterable

MAX_FIELD = 2_100  # longer than any of our fields' own limits


def read_draft(stored: str, fields: Iterable[str]) -> dict[str, str]:
    """The draft's values for `fields` ({} when there is none or it is unreadable)."""
    try:
        values = json.loads(stored) if stored else {}
    except ValueError:
        return {}
    if not isinstance(values, dict):
        return {}
    return {f: str(values[f])[:MAX_FIELD] for f in fields if isinstance(values.get(f), str)}


def with_field(stored: str, fields: Iterable[str], field: str, value: object) -> str:
    """The stored draft with `field` set to `value` (unchanged when `field` is not a form's)."""
    allowed = list(fields)
    if field not in allowed:
        return stored
    draft = read_draft(stored, allowed)
    draft[field] = str(value)[:MAX_FIELD]
    return json.dumps(draft)
