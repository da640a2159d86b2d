"""The API's envelope: `{"ok": true, "data": …}` or `{"ok": false, "error": "…"}`.

Successful answers are `Envelope` models, checked and written by FastAPI against each route's
`response_model`; refusals are written here directly (exception handlers, 503, 404).
"""

from __future__ import annotations

from typing import TypeVar

from fastapi.responses import JSONResponse

from patt_app.api.schemas.envelope import Envelope, ErrorEnvelope

T = TypeVar("T")


def ok(data: T) -> Envelope[T]:
    """A successful answer."""
    return Envelope(data=data)


def error(message: str, status_code: int) -> JSONResponse:
    """A refusal or failure, with a message a person can act on."""
    return JSONResponse(ErrorEnvelope(error=message).model_dump(), status_code=status_code)
