"""PATT_TEST_NOW really moves the clock the code under test reads."""

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.conftest import travel_destination as moved_to


@pytest.mark.skipif(moved_to() is None, reason="PATT_TEST_NOW is not set")
def test_the_session_runs_at_the_chosen_instant():
    now = datetime.now(UTC)
    assert moved_to() <= now < moved_to() + timedelta(hours=1)
    assert date.today() in {(moved_to() + timedelta(hours=h)).date() for h in (-14, 0, 14)}
