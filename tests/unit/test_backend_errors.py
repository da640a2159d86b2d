"""What a browser shows when a handler fails in a way it did not catch itself: a refusal
(a lost database connection among them) shows its own message; anything else the generic
"An error occurred" (and is logged)."""

from patt_app.services.errors import DATABASE_UNAVAILABLE, DatabaseUnavailable
from patt_app.states.session import backend_error


def test_a_lost_database_says_couldnt_save_try_again():
    shown = repr(backend_error(DatabaseUnavailable(DATABASE_UNAVAILABLE)))
    assert "Couldn't reach the database, so nothing was saved" in shown
    assert "try again in a moment" in shown and "An error occurred" not in shown


def test_a_bug_gets_the_generic_error_toast():
    shown = repr(backend_error(KeyError("secret internals")))
    assert "An error occurred" in shown
