"""Reads a WoW SavedVariables file (the Lua the client writes on logout) into plain Python data.

The client writes a very small subset of Lua: `Name = value` assignments whose values are
tables, strings, numbers, booleans or nil. This reader understands exactly that subset as text:
nothing is evaluated and no Lua runtime is involved, so a hostile or damaged file can only ever
produce `ParseError` (with the line and column of the first problem).

Mapping: a table whose entries are all positional (or keyed 1..n in order) becomes a `list`,
any other table a `dict` (keys `str`, `int` or `float`); an empty table is an empty `dict`.
Strings are decoded with Lua's escapes (`\\"`, `\\n`, `\\ddd`, `\\xXX`, `\\u{XXX}` …).
"""

from __future__ import annotations

import math
import re
from typing import Any

from patt_app.integrations.addon.lua_literals import NAME, LuaScanner, ParseError

__all__ = ["MAX_DEPTH", "ParseError", "read_saved_variables"]

MAX_DEPTH = 100
_KEYWORD_VALUES = {"true": True, "false": False, "nil": None}
_RESERVED = {"and", "break", "do", "else", "elseif", "end", "for", "function", "goto", "if",
             "in", "local", "not", "or", "repeat", "return", "then", "until", "while"}  # fmt: skip


def read_saved_variables(source: str | bytes) -> dict[str, Any]:
    """The global variables a SavedVariables file assigns, by name, as plain data."""
    if isinstance(source, bytes):
        raw = source
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            raise ParseError("the file is not valid UTF-8", line, column) from None
    return _Reader(source.removeprefix("\ufeff")).document()


class _Reader(LuaScanner):
    """A recursive-descent reader of assignments and tables over `LuaScanner`'s literals."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.depth = 0

    # -- grammar --------------------------------------------------------------------------
    def document(self) -> dict[str, Any]:
        variables: dict[str, Any] = {}
        self.skip_space()
        while self.pos < len(self.text):
            start = self.pos
            name = self.name()
            if name is None or name in _RESERVED or name in _KEYWORD_VALUES:
                raise self.fail("expected a variable name", start)
            self.expect("=")
            variables[name] = self.value()
            self.skip_space()
            if self.peek() == ";":
                self.pos += 1
                self.skip_space()
        return variables

    def name(self) -> str | None:
        match = NAME.match(self.text, self.pos)
        if match is None:
            return None
        self.pos = match.end()
        return match.group()

    def value(self) -> Any:
        self.skip_space()
        char = self.peek()
        if char == "{":
            return self.table()
        if char in "\"'":
            return self.string()
        if char == "[" and re.match(r"\[=*\[", self.text[self.pos : self.pos + 64]):
            return self.long_string()
        if char == "-" or char == "." or char.isdigit():
            return self.number()
        start = self.pos
        word = self.name()
        if word in _KEYWORD_VALUES:
            return _KEYWORD_VALUES[word]
        if word in ("inf", "nan"):  # how some clients write math.huge / 0/0
            return math.inf if word == "inf" else math.nan
        self.pos = start
        raise self.fail(f"expected a value, found {self.describe()}")

    def table(self) -> dict[Any, Any] | list[Any]:
        start = self.pos
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(f"tables nested deeper than {MAX_DEPTH}", start)
        self.pos += 1
        entries: dict[Any, Any] = {}
        positional = 0
        while True:
            self.skip_space()
            if self.pos >= len(self.text):
                opened = self.fail("", start)
                raise self.fail(f"the file ends inside the table opened at line {opened.line}")
            if self.peek() == "}":
                self.pos += 1
                break
            key_at = self.pos
            key = self.key()
            item = self.value()
            if key is None:
                positional += 1
                key = positional
            elif key in entries:
                raise self.fail(f"the key {key!r} appears twice", key_at)
            if item is not None:
                entries[key] = item
            self.skip_space()
            if self.peek() in ",;":
                self.pos += 1
            elif self.peek() != "}":
                raise self.fail(f"expected ',' or '}}', found {self.describe()}")
        self.depth -= 1
        if entries and list(entries) == list(range(1, len(entries) + 1)):
            return list(entries.values())
        return entries

    def key(self) -> Any:
        """`["key"] =`, `[1] =`, `name =` or nothing (a positional item)."""
        start = self.pos
        if self.peek() == "[" and not re.match(r"\[=*\[", self.text[self.pos : self.pos + 64]):
            self.pos += 1
            key = self.value()
            if key is None or (isinstance(key, float) and math.isnan(key)):
                raise self.fail("a table key cannot be nil or NaN", start)
            if isinstance(key, (dict, list, bool)):
                raise self.fail("a table key must be a string or a number", start)
            if isinstance(key, float) and key.is_integer():
                key = int(key)
            self.expect("]")
            self.expect("=")
            return key
        word = NAME.match(self.text, self.pos)
        if word and word.group() not in _KEYWORD_VALUES and word.group() not in _RESERVED:
            after = self.pos
            self.pos = word.end()
            self.skip_space()
            if self.peek() == "=" and not self.text.startswith("==", self.pos):
                self.pos += 1
                return word.group()
            self.pos = after
        return None
