"""What a person typed as a name or a title, made one line and held to its length."""

from __future__ import annotations

from patt_app.services.errors import InvalidInput


def one_line(text: str, *, longest: int, refusal: str) -> str:
    """`text` with every run of whitespace made one space and none at either end;
    `InvalidInput(refusal)` when that leaves nothing or more than `longest` characters."""
    line = " ".join(text.split())
    if not 1 <= len(line) <= longest:
        raise InvalidInput(refusal)
    return line
