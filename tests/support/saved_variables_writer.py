"""Writes Python data the way the WoW client writes SavedVariables (tabs, `["key"] = value,`,
`-- [n]` after array items), for tests of the reader and of the uploader."""

from __future__ import annotations

from typing import Any


def lua_string(text: str) -> str:
    """A double-quoted Lua string with the client's escapes."""
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif ord(char) < 32 or ord(char) == 127:
            out.append(f"\\{ord(char):03d}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _scalar(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return lua_string(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _key(key: Any) -> str:
    return f"[{lua_string(key)}]" if isinstance(key, str) else f"[{_scalar(key)}]"


def _value(value: Any, indent: int) -> str:
    if not isinstance(value, (dict, list)):
        return _scalar(value)
    inner = "\t" * (indent + 1)
    lines = ["{"]
    if isinstance(value, list):
        for number, item in enumerate(value, start=1):
            lines.append(f"{inner}{_value(item, indent + 1)}, -- [{number}]")
    else:
        for key, item in value.items():
            lines.append(f"{inner}{_key(key)} = {_value(item, indent + 1)},")
    lines.append("\t" * indent + "}")
    return "\n".join(lines)


def write_saved_variables(variables: dict[str, Any]) -> str:
    """The text of a SavedVariables file assigning each of `variables`."""
    return "".join(f"{name} = {_value(value, 0)}\n" for name, value in variables.items())
