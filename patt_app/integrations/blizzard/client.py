"""The Battle.net API client: OAuth token, the guild roster and character profiles.

One `httpx.AsyncClient` (timeouts, connection reuse) per client object. Every API call goes
through `BattleNetLimiter` (the hourly bucket before it starts; the per-second window at the
very moment its bytes are written, through httpcore's `trace` hook, so what is counted is what
leaves), then `_get`, which retries what is worth retrying:

    answer                       what happens
    200                          JSON returned
    404                          `None` returned (hidden, moved or deleted: an answer, not a crash)
    401                          the token is dropped and fetched again, then one retry
    429, 5xx, timeout, network   retried with growing pauses (Retry-After when given)
    other 4xx, or retries spent  `BattleNetError`

The token travels only in the `Authorization: Bearer` header and is never logged.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

import httpx

from patt_app.integrations.blizzard.rate_limit import BattleNetLimiter, SendWindow
from patt_app.integrations.client_credentials import Retries, TokenCache, retry_after

log = logging.getLogger(__name__)

RETRY_PAUSES = (0.25, 0.5, 1.0, 2.0, 4.0)
MAX_RETRY_AFTER = 30.0


class BattleNetError(Exception):
    """Battle.net could not answer (after retries) or refused in a way retrying won't fix."""


def character_path(realm_slug: str, name: str) -> str:
    """The profile path of a character: realm and name lower-cased and URL-encoded, the only
    place this is done (`Zataññá` → `zata%C3%B1%C3%B1%C3%A1`)."""
    realm = quote(realm_slug.strip().lower(), safe="")
    return f"/profile/wow/character/{realm}/{quote(name.strip().lower(), safe='')}"


def _refused(status: int) -> BattleNetError:
    return BattleNetError(
        f"Battle.net refused the client credentials (HTTP {status}); "
        "check BLIZZARD_CLIENT_ID and BLIZZARD_CLIENT_SECRET."
    )


class WritePermit:
    """One request's place in the per-second window: asked for when httpcore is about to write
    the request's headers, given back when the write is done (or failed, or never happened)."""

    def __init__(self, window: SendWindow) -> None:
        self._window = window
        self._holding = False

    async def trace(self, event: str, _info: dict[str, Any]) -> None:
        """httpcore's `trace` extension: called at each step of the request."""
        if event.endswith("send_request_headers.started"):
            self.release()  # (a second write of the same request counts afresh)
            await self._window.admit()
            self._holding = True
        elif event.endswith(("send_request_headers.complete", "send_request_headers.failed")):
            self.release()

    def release(self) -> None:
        if self._holding:
            self._holding = False
            self._window.sent()


class BattleNetClient:
    """Calls Battle.net's profile API for one region. Use as `async with BattleNetClient(…)`."""

    def __init__(
        self,
        *,
        api_url: str,
        token_url: str,
        client_id: str,
        client_secret: str,
        region: str = "us",
        timeout: float = 10.0,
        limiter: BattleNetLimiter | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        retry_pauses: tuple[float, ...] = RETRY_PAUSES,
    ) -> None:
        self.limiter = limiter or BattleNetLimiter()
        self._http = httpx.AsyncClient(
            base_url=api_url.rstrip("/"),
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            limits=httpx.Limits(max_connections=32, max_keepalive_connections=32),
            transport=transport,
        )
        self.tokens = TokenCache(
            http=self._http,
            token_url=token_url,
            client_id=client_id,
            client_secret=client_secret,
            refused=_refused,
        )
        self._params = {"namespace": f"profile-{region}", "locale": "en_US"}
        self.retries = Retries(retry_pauses, sleep)
        self.requests = 0

    async def __aenter__(self) -> BattleNetClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def guild_roster(self, realm_slug: str, guild_slug: str) -> dict[str, Any]:
        """The guild roster; `BattleNetError` when it cannot be had (404 included: a roster
        that cannot be read must never look like an empty guild)."""
        path = f"/data/wow/guild/{quote(realm_slug.lower(), safe='')}/"
        body = await self._get(path + f"{quote(guild_slug.lower(), safe='')}/roster")
        if body is None:
            raise BattleNetError(f"Battle.net does not know the guild {guild_slug} on {realm_slug}")
        return body

    async def character_profile(self, realm_slug: str, name: str) -> dict[str, Any] | None:
        """A character's profile summary, or `None` when Battle.net answers 404."""
        return await self._get(character_path(realm_slug, name))

    async def _get(self, path: str) -> dict[str, Any] | None:
        return await self.retries.until_answered(
            lambda: self._attempt(path),
            lambda: BattleNetError(f"Battle.net kept failing for {path}"),
        )

    async def _attempt(self, path: str) -> dict[str, Any] | float | None:
        """One try: the JSON, `None` for a 404, or a float = "retry after at least this"."""
        async with self.limiter.in_flight:
            await self.limiter.acquire()
            token = await self.tokens.token()
            self.requests += 1
            permit = WritePermit(self.limiter.window)
            try:
                response = await self._http.get(
                    path,
                    params=self._params,
                    headers={"Authorization": f"Bearer {token}"},
                    extensions={"trace": permit.trace},
                )
            except (httpx.TimeoutException, httpx.TransportError) as error:
                log.info("Battle.net %s: %s, will retry", path, type(error).__name__)
                return 0.0
            finally:
                permit.release()
        status = response.status_code
        if status == 200:
            answer: dict[str, Any] = response.json()
            return answer
        if status == 404:
            return None
        if status == 401:
            self.tokens.forget(token)
            return 0.0
        if status == 429 or status >= 500:
            log.info("Battle.net %s: HTTP %s, will retry", path, status)
            return retry_after(response, longest=MAX_RETRY_AFTER)
        raise BattleNetError(f"Battle.net answered HTTP {status} for {path}")
