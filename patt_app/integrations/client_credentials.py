"""The OAuth client-credentials grant Battle.net and Warcraft Logs both use for an app token."""

from __future__ import annotations

from collections.abc import Callable

import httpx


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
