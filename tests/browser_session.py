"""States driven directly in tests see a session the way a browser tab shows it: the
HttpOnly session cookie on the tab's websocket handshake (states/session.py reads it there)."""

from __future__ import annotations

from reflex.istate.data import HeaderData

from patt_app.services.accounts.sessions import SESSION_COOKIE


def give_session(state, token: str) -> None:
    """`state` now belongs to a tab whose browser holds `token` in its session cookie."""
    cookie = f"{SESSION_COOKIE}={token}" if token else ""
    state.rx_router_headers = HeaderData.from_router_data({"headers": {"cookie": cookie}})
