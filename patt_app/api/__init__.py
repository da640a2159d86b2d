"""The JSON API, mounted in front of Reflex through `api_transformer`."""

from patt_app.api.app import create_api

__all__ = ["create_api"]
