"""Security review (issue 24), uploads through the pages: the gate in front of `/_upload`
answers before the app reads a byte of the body — 413 for a body announced or streamed past
the picture limit, 401/403 for a browser without an officer's session — and adds the
browser-side headers to whatever it lets through."""

from __future__ import annotations

from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from patt_app.api import guard_everything
from patt_app.api.upload_gate import MAX_UPLOAD_BODY
from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.services.accounts.sessions import SESSION_COOKIE

TAB = {"reflex-client-token": "made-up", "reflex-event-handler": "state.upload_image"}


def _client(read: list[int]) -> TestClient:
    """Stands in for Reflex's upload route: it reads the whole body, as Reflex does."""

    async def upload(request: Request):
        body = await request.body()
        read.append(len(body))
        return JSONResponse({"ok": True, "bytes": len(body)})

    app = Starlette(routes=[Route("/_upload", upload, methods=["POST"])])
    return TestClient(guard_everything(app))


def _cookie(tokens: dict[str, str], username: str) -> dict[str, str]:
    return {"Cookie": f"{SESSION_COOKIE}={tokens[username]}"}


def test_visitors_and_members_are_refused_before_the_body_is_read(tokens):
    read: list[int] = []
    client = _client(read)
    visitor = client.post("/_upload", headers=TAB, content=b"x" * 1000)
    assert visitor.status_code == 401 and "officer" in visitor.json()["error"]
    member = client.post("/_upload", headers={**TAB, **_cookie(tokens, DEMO_MEMBER)}, content=b"x")
    assert member.status_code == 403 and "Only officers" in member.json()["error"]
    assert read == []
    officer = client.post(
        "/_upload", headers={**TAB, **_cookie(tokens, DEMO_OFFICER)}, content=b"x"
    )
    assert officer.status_code == 200 and read == [1]
    assert officer.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in officer.headers["content-security-policy"]


def test_an_announced_body_over_the_limit_gets_413_unread(tokens):
    read: list[int] = []
    client = _client(read)
    too_big = client.post(
        "/_upload",
        headers={**TAB, **_cookie(tokens, DEMO_OFFICER)},
        content=b"x" * (MAX_UPLOAD_BODY + 1),
    )
    assert too_big.status_code == 413 and "2 MB" in too_big.json()["error"]
    assert read == []


def test_a_streamed_body_is_cut_off_at_the_limit(tokens):
    read: list[int] = []
    client = _client(read)

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(10):
            yield b"y" * (1024 * 1024)

    streamed = client.post(
        "/_upload", headers={**TAB, **_cookie(tokens, DEMO_OFFICER)}, content=chunks()
    )
    assert streamed.status_code == 413
    assert read == []  # the app never got the whole body
