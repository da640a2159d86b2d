"""The headers every answer leaves with (pages, the JSON API, uploads): no framing by other
sites (clickjacking), no MIME sniffing, no full addresses in the Referer, and a Content
Security Policy.

The policy's `script-src` is `'self'` plus the SHA-256 of each inline script of *that* page:
Reflex's built pages carry a few small inline scripts (the colour-mode switch, React Router's
context and its module loader), fixed at build time, so each page's answer names exactly
its own and no injected `<script>` or inline handler can run; scripts from other sites are
refused. It must also allow `'unsafe-eval'`: Reflex 0.10's frontend runs what the server
sends for a toast, `rx.call_script` or `rx.call_function` through `eval` of a string
(`applyEvent` in its `state.js`), and every saved form answers with a toast. The strings it
evaluates come from our own server over the websocket, not from what a page shows. Styles
need `'unsafe-inline'` (Radix and Emotion write style tags at run time).
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import re
import zlib
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

COMMON = [
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]
# Everything that is not a page (JSON, pictures, files) may do nothing at all in a browser.
NOT_A_PAGE = b"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
PAGE_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' https: data: blob:; font-src 'self' data:; connect-src 'self'{sockets}; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")
MAX_PAGE_BYTES = 4 * 1024 * 1024  # a page larger than this is passed on unhashed


def inline_script_hashes(html: str) -> list[str]:
    """The CSP source expression of every inline script in `html`, in order, once each."""
    found: list[str] = []
    for attributes, body in INLINE_SCRIPT.findall(html):
        if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        if (source := f"'sha256-{digest}'") not in found:
            found.append(source)
    return found


def page_policy(html: str, host: str) -> bytes:
    """The Content-Security-Policy of one page answered to a browser that asked for `host`."""
    hashes = "".join(f" {h}" for h in inline_script_hashes(html))
    sockets = f" ws://{host} wss://{host}" if HOST.fullmatch(host) else ""
    return PAGE_POLICY.format(hashes=hashes, sockets=sockets).encode()


def _decoded(body: bytes, encoding: str) -> str | None:
    try:
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        elif encoding not in ("", "identity"):
            return None
        return body.decode("utf-8", errors="replace")
    except (OSError, zlib.error, EOFError):
        return None


def _headers(message: Message) -> dict[bytes, bytes]:
    return {k.lower(): v for k, v in message.get("headers", [])}


class BrowserDefences:
    """ASGI middleware adding the headers above to every HTTP answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = _headers(scope).get(b"host", b"").decode("latin-1")
        await self.app(scope, receive, _Answer(send, host).send)


class _Answer:
    """One answer on its way out: headers added; a page held back until its body is complete
    (pages are small) so its inline scripts can be hashed into its policy."""

    def __init__(self, send: Send, host: str) -> None:
        self._send, self.host = send, host
        self.start: Message | None = None
        self.parts: list[bytes] = []

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = _headers(message)
            if message.get("status") == 304:  # the browser's stored copy keeps its own policy
                await self._send(_with(message, None))
                return
            if headers.get(b"content-type", b"").startswith(b"text/html"):
                self.start = message  # wait for the body
                return
            await self._send(_with(message, NOT_A_PAGE))
            return
        if self.start is not None and message["type"] == "http.response.pathsend":
            # the server's shortcut for a file (Granian): a page is small, read it here
            self.parts.append(await asyncio.to_thread(Path(message["path"]).read_bytes))
            await self._release(more_body=False)
            return
        if self.start is None or message["type"] != "http.response.body":
            await self._send(message)
            return
        self.parts.append(message.get("body", b""))
        if message.get("more_body", False) and sum(map(len, self.parts)) <= MAX_PAGE_BYTES:
            return
        await self._release(more_body=message.get("more_body", False))

    async def _release(self, *, more_body: bool) -> None:
        body, start = b"".join(self.parts), self.start
        assert start is not None  # held back only after the answer's start arrived
        encoding = _headers(start).get(b"content-encoding", b"").decode("latin-1")
        html = "" if more_body else _decoded(body, encoding.strip().lower())
        policy = page_policy(html or "", self.host)
        await self._send(_with(start, policy))
        await self._send({"type": "http.response.body", "body": body, "more_body": more_body})
        self.start, self.parts = None, []


def _with(start: Message, policy: bytes | None) -> Message:
    """The response start with our headers (replacing any the app set itself); no policy on
    a 304, whose headers the browser would copy onto the page it has stored."""
    ours = {name for name, _ in COMMON} | {b"content-security-policy"}
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in ours]
    headers += COMMON if policy is None else [*COMMON, (b"content-security-policy", policy)]
    return {**start, "headers": headers}
