"""The JSON API, mounted in front of Reflex through `api_transformer`, and the guard every
request passes first (`guard_everything`)."""

from patt_app.api.app import create_api
from patt_app.api.browser_defences import BrowserDefences
from patt_app.api.upload_gate import UploadGate


def guard_everything(app):
    """Wrap the whole app (pages, API, `/_upload`, files): the browser-side headers on every
    answer, and the upload gate before Reflex reads an upload's body."""
    return BrowserDefences(UploadGate(app))


__all__ = ["create_api", "guard_everything"]
