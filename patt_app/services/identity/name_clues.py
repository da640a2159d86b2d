"""Names and notes as clues to who a character is: a name normalised for comparison, the hints
a guild or officer note gives (`discord: name`, `alt of Name` …), and how alike two names are.
Pure; `matching.match_identities` builds its three steps on these.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

SUGGEST_AT = 0.70  # the least similarity worth an officer's look

_DISCORD_HINTS = (
    re.compile(r"\bdiscord\s*:\s*@?([\w.]+)", re.IGNORECASE),
    re.compile(r"\bdc\s*=\s*@?([\w.]+)", re.IGNORECASE),
    re.compile(r"(?<![\w.@])@([\w.]+)"),
)
_LETTERS = r"([^\W\d_]+)"
_CHARACTER_HINTS = (
    re.compile(r"\balt\s+of\s+" + _LETTERS, re.IGNORECASE),
    re.compile(_LETTERS + r"['’]s\s+alt\b", re.IGNORECASE),
    re.compile(r"\bmain\s*:\s*" + _LETTERS, re.IGNORECASE),
)


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Lower case with accents folded (à→a, ñ→n), surrounding spaces and dots dropped."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip(" .")


def note_hints(note: str) -> list[tuple[str, str]]:
    """`("discord", name)` and `("character", name)` hints in a note, in the order written."""
    return list(remembered_hints(note))


@lru_cache(maxsize=8192)
def remembered_hints(note: str) -> tuple[tuple[str, str], ...]:
    """The hints of a note, remembered: a guild's notes repeat, and every run reads every
    unlinked character's."""
    found: list[tuple[int, str, str]] = []
    for kind, patterns in (("discord", _DISCORD_HINTS), ("character", _CHARACTER_HINTS)):
        for pattern in patterns:
            found.extend((m.start(), kind, m.group(1).strip(".")) for m in pattern.finditer(note))
    return tuple((kind, name) for _, kind, name in sorted(found) if name)


def similarity(a: str, b: str) -> float:
    """How alike two names are, 0..1, after normalising both."""
    return SequenceMatcher(None, normalise(a), normalise(b)).ratio()


def name_matchers(*names: str) -> list[SequenceMatcher[str]]:
    """One matcher per name (of one Discord user), its second sequence set once (what
    SequenceMatcher caches), so comparing many characters with it costs only the comparisons."""
    normalised = dict.fromkeys(normalise(name) for name in names)
    return [SequenceMatcher(None, "", name) for name in normalised if name]


def close_score(matchers: list[SequenceMatcher[str]], name: str) -> float:
    """`similarity(name, user's name)`, best of the matchers' names, where it can reach
    SUGGEST_AT; 0 where the quick upper bounds show it cannot (the same answer, sooner)."""
    best = 0.0
    for matcher in matchers:
        matcher.set_seq1(name)
        if matcher.real_quick_ratio() >= SUGGEST_AT and matcher.quick_ratio() >= SUGGEST_AT:
            best = max(best, matcher.ratio())
    return best
