"""The rules for a new password (registration, change and reset alike): 8 to 256 characters,
each end of the range allowed, a clear message past it."""

import pytest

from patt_app.services.accounts.registration import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    validate_new_password,
)
from patt_app.services.errors import InvalidInput


def test_the_shortest_and_the_longest_allowed_passwords_are_accepted():
    validate_new_password("x" * MIN_PASSWORD_LENGTH)
    validate_new_password("x" * MAX_PASSWORD_LENGTH)


def test_one_character_too_short_or_too_long_is_refused_in_words():
    with pytest.raises(InvalidInput) as short:
        validate_new_password("x" * (MIN_PASSWORD_LENGTH - 1))
    assert str(short.value) == "Choose a password of at least 8 characters."
    with pytest.raises(InvalidInput) as long:
        validate_new_password("x" * (MAX_PASSWORD_LENGTH + 1))
    assert str(long.value) == "Passwords are limited to 256 characters."
