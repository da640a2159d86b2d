"""Battle.net's authorization code flow, for "Link Battle.net" on /profile.

`authorize_url` is where the member's browser goes to sign in (scope `openid wow.profile`:
`wow.profile` lists the account's characters, `openid` lets /oauth/userinfo give its id and
BattleTag). Battle.net sends the browser back to PUBLIC_BASE_URL/auth/battlenet/callback with
a `code`; `read_account` exchanges it at the token endpoint (HTTP Basic with the client id and
secret, as the roster sync's client-credentials token), then reads /oauth/userinfo and
/profile/user/wow with the member's token. That token is used for these two reads only: never
stored, never logged, dropped when the function returns.

    token endpoint answers 400 invalid_grant   `SignInRejected` (expired, used or unknown code)
    anything else unusable, or unreachable      `BattleNetError` (Battle.net down or refusing)
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

import httpx

from patt_app.integrations.blizzard.client import BattleNetError
from patt_app.integrations.blizzard.parsing import battlenet_account
from patt_app.services.identity.battlenet_link import BattleNetAccount
from patt_app.settings import Settings

log = logging.getLogger(__name__)

SCOPE = "openid wow.profile"
TIMEOUT = httpx.Timeout(10.0, connect=5.0)


class SignInRejected(BattleNetError):
    """The token endpoint refused the code (invalid_grant): expired, used or never issued."""


def authorize_url(settings: Settings, state: str) -> str:
    """Battle.net's sign-in page for this `state`."""
    query = urlencode(
        {
            "client_id": settings.blizzard_client_id or "",
            "redirect_uri": settings.battlenet_redirect_uri,
            "response_type": "code",
            "scope": SCOPE,
            "state": state,
        }
    )
    return f"{settings.blizzard_oauth_authorize_url}?{query}"


async def _user_token(http: httpx.AsyncClient, settings: Settings, code: str) -> str:
    secret = settings.blizzard_client_secret
    response = await http.post(
        settings.blizzard_token_url,
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": settings.battlenet_redirect_uri,
        },
        auth=httpx.BasicAuth(
            settings.blizzard_client_id or "", secret.get_secret_value() if secret else ""
        ),
    )
    if response.status_code == 400 and _error_of(response) == "invalid_grant":
        raise SignInRejected("Battle.net refused the authorization code (invalid_grant)")
    if response.status_code != 200:
        raise BattleNetError(f"Battle.net's token endpoint answered HTTP {response.status_code}")
    token = response.json().get("access_token")
    if not token:
        raise BattleNetError("Battle.net's token endpoint answered without a token")
    return str(token)


def _error_of(response: httpx.Response) -> str:
    try:
        return str(response.json().get("error", ""))
    except ValueError:
        return ""


async def _read(
    http: httpx.AsyncClient, url: str, token: str, params: dict[str, str] | None = None
) -> dict[str, Any] | None:
    """A GET with the member's token: the JSON, or None for a 404."""
    response = await http.get(url, params=params, headers={"Authorization": f"Bearer {token}"})
    if response.status_code == 404:
        return None
    if response.status_code != 200:
        raise BattleNetError(f"Battle.net answered HTTP {response.status_code} for {url}")
    answer: dict[str, Any] = response.json()
    return answer


async def read_account(
    *, settings: Settings, code: str, transport: httpx.AsyncBaseTransport | None = None
) -> BattleNetAccount:
    """The Battle.net account the member signed in with, and its characters."""
    if not settings.blizzard_enabled:
        raise BattleNetError("Battle.net client credentials are not configured")
    if not code:
        raise SignInRejected("Battle.net sent no authorization code")
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT, transport=transport) as http:
            token = await _user_token(http, settings, code)
            userinfo = await _read(http, settings.blizzard_userinfo_url, token)
            profile = await _read(
                http,
                f"{settings.blizzard_api_url.rstrip('/')}/profile/user/wow",
                token,
                {"namespace": f"profile-{settings.blizzard_region}", "locale": "en_US"},
            )
    except (httpx.TimeoutException, httpx.TransportError, ValueError) as error:
        raise BattleNetError(
            f"Battle.net unreachable or unreadable: {type(error).__name__}"
        ) from None
    if not userinfo or not (userinfo.get("id") or (profile or {}).get("id")):
        raise BattleNetError("Battle.net's user info named no account")
    account = battlenet_account(userinfo, profile)
    log.info("Battle.net sign-in read: %s characters", len(account.characters))
    return account
