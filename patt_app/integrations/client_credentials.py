"""What the Battle.net and Warcraft Logs clients share: the OAuth client-credentials grant for
an app token, the cache that keeps that token until shortly before it expires, and retrying a
request with growing pauses (or the Retry-After the server sent)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx

log = logging.getLogger(__name__)

T = TypeVar("T")

TOKEN_MARGIN_SECONDS = 300


async def fetch_app_token(
    http: httpx.AsyncClient,
    url: str,
    credentials: tuple[str, str],
    refused: Callable[[int], Exception],
) -> tuple[str, float]:
    """The app's access token and how many seconds it is valid; `refused(status)` is raised
    when the server turns the client id and secret down."""
    response = await http.post(
        url, data={"grant_type": "client_credentials"}, auth=httpx.BasicAuth(*credentials)
    )
    if response.status_code != 200:
        raise refused(response.status_code)
    body = response.json()
    return body["access_token"], float(body.get("expires_in", 0))


class TokenCache:
    """The client-credentials token, fetched once and refreshed 5 minutes before it expires.
    Fifty callers arriving together wait on one lock and share one fetch."""

    def __init__(
        self,
        *,
        http: httpx.AsyncClient,
        token_url: str,
        client_id: str,
        client_secret: str,
        refused: Callable[[int], Exception],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._http = http
        self._url = token_url
        self._credentials = (client_id, client_secret)
        self._refused = refused
        self._clock = clock
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock = asyncio.Lock()
        self.fetches = 0

    def __repr__(self) -> str:  # never show the token or the secret
        return f"TokenCache(url={self._url!r}, fetches={self.fetches})"

    async def token(self) -> str:
        """A token valid for at least five more minutes."""
        if self._fresh():
            return self._token  # type: ignore[return-value]
        async with self._lock:
            if not self._fresh():
                await self._fetch()
            return self._token  # type: ignore[return-value]

    def forget(self, token: str) -> None:
        """The server refused `token` (401): fetch a new one next time."""
        if self._token == token:
            self._token = None

    def _fresh(self) -> bool:
        return self._token is not None and self._clock() < self._expires_at - TOKEN_MARGIN_SECONDS

    async def _fetch(self) -> None:
        self.fetches += 1
        self._token, valid_for = await fetch_app_token(
            self._http, self._url, self._credentials, self._refused
        )
        self._expires_at = self._clock() + valid_for
        log.info("Token fetched from %s, valid for %.0f s", self._url, valid_for)


def retry_after(response: httpx.Response, *, longest: float) -> float:
    """Seconds the server asked us to wait (Retry-After in seconds), at most `longest`; 0 if
    none."""
    try:
        return min(longest, max(0.0, float(response.headers.get("Retry-After", 0))))
    except ValueError:
        return 0.0


class Retries:
    """Tries a request again after each pause of `pauses` (longer when the server asked for
    longer), then gives up; counts the retries made."""

    def __init__(
        self, pauses: tuple[float, ...], sleep: Callable[[float], Awaitable[None]]
    ) -> None:
        self._pauses, self._sleep = pauses, sleep
        self.made = 0

    async def until_answered(
        self, attempt: Callable[[], Awaitable[T | float]], gave_up: Callable[[], Exception]
    ) -> T:
        """What `attempt` answered, once it answers other than a float ("retry after at least
        this many seconds"); `gave_up()` is raised when the pauses are spent."""
        tries = 0
        while True:
            outcome = await attempt()
            if not isinstance(outcome, float):
                return outcome
            if tries >= len(self._pauses):
                raise gave_up()
            self.made += 1
            await self._sleep(max(outcome, self._pauses[tries]))
            tries += 1
