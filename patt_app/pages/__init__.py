"""One module per route. Importing this package registers every page."""

from patt_app.pages import availability, index, login, profile, roster, schedule
from patt_app.pages.admin import players, reference_tables
from patt_app.pages.admin import schedule as admin_schedule

__all__ = [
    "admin_schedule",
    "availability",
    "index",
    "login",
    "players",
    "profile",
    "reference_tables",
    "roster",
    "schedule",
]
