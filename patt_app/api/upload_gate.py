"""The gate in front of Reflex's `/_upload` (the entry pictures officers upload from the
campaign editor). Reflex reads a whole multipart body before any event handler runs, so
`officer_only` alone comes too late: a visitor could make the server swallow 100 MB.

Before a byte of the body is read, the gate refuses
- a body announced (Content-Length) above `MAX_UPLOAD_BODY`: 413;
- a browser without an officer's session (the session cookie the page's tab holds): 401/403.
While the body streams in, it counts the bytes and stops at `MAX_UPLOAD_BODY` with 413 (a
chunked body announces no length).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from patt_app.db import run_in_session
from patt_app.services.accounts.sessions import resolve_session, token_in_cookies
from patt_app.services.campaigns.entry_images import MAX_IMAGE_BYTES
from patt_app.services.errors import DatabaseUnavailable

UPLOAD_PATH = "/_upload"
# One picture of at most 2 MB plus the multipart framing and the handler's arguments.
MAX_UPLOAD_BODY = MAX_IMAGE_BYTES + 64 * 1024
TOO_LARGE = f"That upload is too large: pictures are limited to {MAX_IMAGE_BYTES // 2**20} MB."


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


async def _officer_refusal(scope: Scope) -> tuple[int, str] | None:
    """(status, message) when the request's browser holds no officer's session, else None."""
    token = token_in_cookies(_header(scope, b"cookie"))
    try:
        viewer = (
            await run_in_session(resolve_session, token=token, now=datetime.now(UTC))
            if token
            else None
        )
    except DatabaseUnavailable as error:
        return 503, str(error)
    if viewer is None:
        return 401, "Please log in as an officer to upload pictures."
    if not viewer.is_officer:
        return 403, "Only officers can upload pictures."
    return None


def _announced_length(scope: Scope) -> int | None:
    raw = _header(scope, b"content-length")
    return int(raw) if raw.isdigit() else None


async def refuse(send: Send, status: int, message: str) -> None:
    """A JSON answer like the API's refusals; the connection is closed after it."""
    body = json.dumps({"ok": False, "error": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class UploadGate:
    """ASGI middleware: passes everything through, but `POST /_upload` only within the limits
    above."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path", "").rstrip("/") != UPLOAD_PATH:
            await self.app(scope, receive, send)
            return
        if scope.get("method") != "POST":
            await self.app(scope, receive, send)  # reading stored files back
            return
        length = _announced_length(scope)
        if length is not None and length > MAX_UPLOAD_BODY:
            await refuse(send, 413, TOO_LARGE)
            return
        if refused := await _officer_refusal(scope):
            await refuse(send, *refused)
            return
        await _CountedUpload(self.app, scope, receive, send).run()


class _CountedUpload:
    """One upload passed on while its body is counted; past the limit the app is told the
    client went away and the client gets 413 (unless the app already answered)."""

    def __init__(self, app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
        self.app, self.scope, self._receive, self._send = app, scope, receive, send
        self.received = 0
        self.cut_off = False
        self.started = False

    async def run(self) -> None:
        try:
            await self.app(self.scope, self.receive, self.send)
        except Exception:  # the app's complaint about the vanished body
            if not self.cut_off:
                raise
        if self.cut_off and not self.started:
            await refuse(self._send, 413, TOO_LARGE)

    async def receive(self) -> Message:
        if self.cut_off:
            return {"type": "http.disconnect"}
        message = await self._receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > MAX_UPLOAD_BODY:
                self.cut_off = True
                return {"type": "http.disconnect"}
        return message

    async def send(self, message: Message) -> None:
        if self.cut_off and not self.started:
            return  # the app's answer to a cut-off body is replaced by the 413
        if message["type"] == "http.response.start":
            self.started = True
        await self._send(message)
