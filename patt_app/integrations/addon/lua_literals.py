"""The lexical half of the SavedVariables reader: where the reader stands in the text, the
comments it skips, and Lua's literal values — numbers, quoted strings with their escapes, long
`[[ ]]` strings. `saved_variables.py` builds the grammar (assignments, tables, keys) on it.
"""

from __future__ import annotations

import math
import re

_END = "<end of file>"
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"0[xX][0-9a-fA-F]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    '"': '"',
    "'": "'",
    "\n": "\n",
}


class ParseError(ValueError):
    """The text is not a SavedVariables file; `line` and `column` (1-based) mark the problem."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(f"line {line}, column {column}: {message}")
        self.reason = message
        self.line = line
        self.column = column


class LuaScanner:
    """Reads Lua's literals from the text, one character position at a time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    # -- positions and errors -------------------------------------------------------------
    def fail(self, message: str, at: int | None = None) -> ParseError:
        at = self.pos if at is None else at
        line = self.text.count("\n", 0, at) + 1
        column = at - (self.text.rfind("\n", 0, at) + 1) + 1
        return ParseError(message, line, column)

    def peek(self) -> str:
        """The next character, or `_END` (never equal to, nor inside, any one-character set)."""
        return self.text[self.pos] if self.pos < len(self.text) else _END

    def describe(self) -> str:
        return "the end of the file" if self.pos >= len(self.text) else repr(self.peek())

    def expect(self, token: str) -> None:
        self.skip_space()
        if not self.text.startswith(token, self.pos):
            raise self.fail(f"expected {token!r}, found {self.describe()}")
        self.pos += len(token)

    def skip_space(self) -> None:
        """Skip whitespace, `-- line comments` and `--[[ block comments ]]`."""
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char in " \t\r\n\f\v":
                self.pos += 1
            elif text.startswith("--", self.pos):
                block = re.match(r"--\[(=*)\[", text[self.pos : self.pos + 64])
                if block:
                    close = "]" + block.group(1) + "]"
                    end = text.find(close, self.pos + block.end())
                    if end < 0:
                        raise self.fail("a block comment is never closed")
                    self.pos = end + len(close)
                else:
                    end = text.find("\n", self.pos)
                    self.pos = len(text) if end < 0 else end + 1
            else:
                return

    # -- literals -------------------------------------------------------------------------
    def number(self) -> int | float:
        start = self.pos
        sign = 1
        if self.peek() == "-":
            sign = -1
            self.pos += 1
            self.skip_space()
        match = _NUMBER.match(self.text, self.pos)
        if match is None:
            if self.text.startswith("inf", self.pos):
                self.pos += 3
                return sign * math.inf
            raise self.fail("expected a number", start)
        self.pos = match.end()
        if NAME.match(self.text, self.pos):
            raise self.fail("malformed number", start)
        literal = match.group()
        if literal[:2] in ("0x", "0X"):
            return sign * int(literal, 16)
        if any(c in literal for c in ".eE"):
            return sign * float(literal)
        try:
            return sign * int(literal)
        except ValueError:  # more digits than Python converts
            raise self.fail("a number too long to read", start) from None

    def string(self) -> str:
        quote = self.text[self.pos]
        start = self.pos
        self.pos += 1
        parts: list[str] = []
        text = self.text
        while True:
            if self.pos >= len(text):
                raise self.fail("a string is never closed", start)
            char = text[self.pos]
            if char == quote:
                self.pos += 1
                return "".join(parts)
            if char == "\n":
                raise self.fail("a string is never closed on its line", start)
            if char == "\\":
                parts.append(self.escape())
            else:
                parts.append(char)
                self.pos += 1

    def escape(self) -> str:
        start = self.pos
        self.pos += 1
        char = self.peek()
        if char in _SIMPLE_ESCAPES:
            self.pos += 1
            return _SIMPLE_ESCAPES[char]
        if "0" <= char <= "9":  # ASCII only: another digit is an unknown escape (below)
            digits = re.findall(r"^[0-9]{1,3}", self.text[self.pos : self.pos + 3])[0]
            self.pos += len(digits)
            if int(digits) > 255:
                raise self.fail("a decimal escape above 255", start)
            return chr(int(digits))
        if char == "x":
            digits = self.text[self.pos + 1 : self.pos + 3]
            if not re.fullmatch(r"[0-9a-fA-F]{2}", digits):
                raise self.fail("\\x needs two hexadecimal digits", start)
            self.pos += 3
            return chr(int(digits, 16))
        if char == "u":
            match = re.match(r"u\{([0-9a-fA-F]{1,6})\}", self.text[self.pos : self.pos + 10])
            if match is None or int(match.group(1), 16) > 0x10FFFF:
                raise self.fail("\\u needs a code point in braces", start)
            self.pos += match.end()
            return chr(int(match.group(1), 16))
        if char == "z":
            self.pos += 1
            while self.peek() and self.peek() in " \t\r\n\f\v":
                self.pos += 1
            return ""
        if char == _END:
            raise self.fail("a string is never closed", start)
        raise self.fail(f"unknown escape \\{char}", start)

    def long_string(self) -> str:
        start = self.pos
        opening = re.match(r"\[(=*)\[", self.text[self.pos : self.pos + 64])
        assert opening is not None  # called only where a long bracket opens
        close = "]" + opening.group(1) + "]"
        end = self.text.find(close, self.pos + opening.end())
        if end < 0:
            raise self.fail("a long string is never closed", start)
        body = self.text[self.pos + opening.end() : end]
        self.pos = end + len(close)
        return body.removeprefix("\r\n").removeprefix("\n")
