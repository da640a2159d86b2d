"""The API's envelope: `{"ok": true, "data": …}` or `{"ok": false, "error": "…"}`."""

from __future__ import annotations

from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse


def ok(data: Any, status_code: int = 200) -> JSONResponse:
    """A successful answer."""
    return JSONResponse({"ok": True, "data": jsonable_encoder(data)}, status_code=status_code)


def error(message: str, status_code: int) -> JSONResponse:
    """A refusal or failure, with a message a person can act on."""
    return JSONResponse({"ok": False, "error": message}, status_code=status_code)
