"""Time zone names (services/reference/time_zones.py): system names that are not a place's
zone are refused, real zones accepted."""

import pytest

from patt_app.services.errors import InvalidInput
from patt_app.services.reference.time_zones import validate_timezone


@pytest.mark.parametrize("name", ["localtime", "Factory", "posix/Europe/Paris", "right/UTC", ""])
def test_system_zone_names_are_refused(name: str):
    with pytest.raises(InvalidInput, match="is not a time zone"):
        validate_timezone(name)


@pytest.mark.parametrize("name", ["UTC", "Asia/Kathmandu", " America/St_Johns "])
def test_real_zones_are_accepted(name: str):
    assert validate_timezone(name) == name.strip()
