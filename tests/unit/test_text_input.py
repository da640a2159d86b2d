"""One line of a name or title: whitespace folded, empty and over-long refused."""

import pytest

from patt_app.services.errors import InvalidInput
from patt_app.services.text_input import one_line


def test_whitespace_runs_become_one_space_and_the_ends_are_trimmed():
    assert one_line("  Raid \t night\n two ", longest=20, refusal="no") == "Raid night two"


def test_exactly_the_longest_is_kept():
    assert one_line("abcde", longest=5, refusal="no") == "abcde"


@pytest.mark.parametrize("text", ["", "   \n\t", "abcdef"])
def test_nothing_or_too_long_is_refused_with_the_callers_words(text):
    with pytest.raises(InvalidInput, match="Name it, up to 5"):
        one_line(text, longest=5, refusal="Name it, up to 5")
