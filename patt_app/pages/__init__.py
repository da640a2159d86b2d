"""One module per route. Importing this package registers every page."""

from patt_app.pages import index, login, profile, roster
from patt_app.pages.admin import players, reference_tables

__all__ = ["index", "login", "players", "profile", "reference_tables", "roster"]
