"""One module per route. Importing this package registers every page."""

from patt_app.pages import index, roster

__all__ = ["index", "roster"]
