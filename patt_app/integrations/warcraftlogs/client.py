"""The Warcraft Logs v2 client: an OAuth client-credentials token and GraphQL queries.

    answer                          what happens
    200 with data                   the data returned
    200 with errors only            `WarcraftLogsError` with Warcraft Logs' message
    401                             the token is dropped and fetched again, then one retry
    429 (points budget spent)       waits (Retry-After when given, else a growing pause), retries
    5xx, timeout, network           retried with growing pauses
    other 4xx, or retries spent     `WarcraftLogsError`

The token is reused until shortly before it expires, travels only in the Authorization header
and is never logged.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from patt_app.integrations.client_credentials import Retries, TokenCache, retry_after

log = logging.getLogger(__name__)

RETRY_PAUSES = (1.0, 2.0, 4.0, 8.0, 16.0, 32.0)
MAX_RETRY_AFTER = 120.0


class WarcraftLogsError(Exception):
    """Warcraft Logs could not answer (after retries) or refused the question."""


class WarcraftLogsClient:
    """Use as `async with WarcraftLogsClient(…) as client: await client.query(…)`."""

    def __init__(
        self,
        *,
        api_url: str,
        token_url: str,
        client_id: str,
        client_secret: str,
        timeout: float = 20.0,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        retry_pauses: tuple[float, ...] = RETRY_PAUSES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)), transport=transport
        )
        self._api_url = api_url
        self.tokens = TokenCache(
            http=self._http,
            token_url=token_url,
            client_id=client_id,
            client_secret=client_secret,
            refused=_refused,
            clock=clock,
        )
        self.retries = Retries(retry_pauses, sleep)
        self.requests = 0
        self.waited_for_budget = 0  # 429s sat out

    def __repr__(self) -> str:  # never the token or the secret
        return f"WarcraftLogsClient(api_url={self._api_url!r})"

    async def __aenter__(self) -> WarcraftLogsClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._http.aclose()

    async def query(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        """The `data` of one GraphQL query, after as many retries as it takes (up to the
        pauses given)."""
        return await self.retries.until_answered(
            lambda: self._attempt(query, variables),
            lambda: WarcraftLogsError(
                "Warcraft Logs kept failing (busy or out of points); try again later."
            ),
        )

    async def _attempt(self, query: str, variables: dict[str, Any]) -> dict[str, Any] | float:
        """One try: the data, or a float = "retry after at least this many seconds"."""
        token = await self._fresh_token()
        self.requests += 1
        try:
            response = await self._http.post(
                self._api_url,
                json={"query": query, "variables": variables},
                headers={"Authorization": f"Bearer {token}"},
            )
        except (httpx.TimeoutException, httpx.TransportError) as error:
            log.info("Warcraft Logs: %s, will retry", type(error).__name__)
            return 0.0
        status = response.status_code
        if status == 200:
            return _data(response)
        if status == 401:
            self.tokens.forget(token)
            return 0.0
        if status == 429:
            self.waited_for_budget += 1
            log.info("Warcraft Logs: 429 (points budget), waiting")
            return retry_after(response, longest=MAX_RETRY_AFTER)
        if status >= 500:
            log.info("Warcraft Logs: HTTP %s, will retry", status)
            return retry_after(response, longest=MAX_RETRY_AFTER)
        raise WarcraftLogsError(f"Warcraft Logs answered HTTP {status}.")

    async def _fresh_token(self) -> str:
        try:
            return await self.tokens.token()
        except (httpx.TimeoutException, httpx.TransportError) as error:
            raise WarcraftLogsError(f"Warcraft Logs could not be reached ({error}).") from None


def _refused(status: int) -> WarcraftLogsError:
    return WarcraftLogsError(
        f"Warcraft Logs refused the client credentials (HTTP {status}); "
        "check WCL_CLIENT_ID and WCL_CLIENT_SECRET."
    )


def _data(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    data = body.get("data")
    errors = body.get("errors") or []
    if errors and not data:
        raise WarcraftLogsError(
            "Warcraft Logs: " + "; ".join(e.get("message", "?") for e in errors)
        )
    return {**(data or {}), "_errors": [e.get("message", "?") for e in errors]}
