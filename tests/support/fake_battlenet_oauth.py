"""The fake Battle.net's sign-in side (served by the same server as fake_battlenet.py):
Blizzard's authorization code flow and the member's own account.

    GET  /authorize          checks client_id, redirect_uri (registered), response_type=code and
                             a scope with wow.profile; sends the browser back to redirect_uri
                             with a fresh `code` and the same `state` (or error=access_denied
                             when `deny_consent` is set), as the real one does once the person
                             has signed in and pressed Allow
    POST /token              grant_type=authorization_code with HTTP Basic client auth: a user
                             token for a code issued here, unused, under `code_seconds` old and
                             for the same redirect_uri; otherwise 400 invalid_grant
    GET  /oauth/userinfo     (Bearer user token) {"sub", "id", "battletag"}
    GET  /profile/user/wow   (Bearer user token, namespace=profile-<region>) the account's WoW
                             licences and characters, in Blizzard's shape

`signed_in` is the Battle.net account the browser is signed in with. `down` makes /token and
the user endpoints answer 503 (Blizzard having a bad day).
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlencode

if TYPE_CHECKING:
    from tests.support.fake_battlenet import Character

CLIENT_ID, CLIENT_SECRET = "fake-client-id", "fake-client-secret"
PROFILE_HOST = "https://us.api.blizzard.com"


@dataclass
class BattleNetUser:
    """A Battle.net account: its id, BattleTag and WoW characters (any realm, any guild)."""

    account_id: int
    battletag: str
    characters: list[Character] = field(default_factory=list)

    def userinfo(self) -> dict:
        return {"sub": str(self.account_id), "id": self.account_id, "battletag": self.battletag}

    def wow_profile(self) -> dict:
        return {
            "_links": {"self": {"href": f"{PROFILE_HOST}/profile/user/wow?namespace=profile-us"}},
            "id": self.account_id,
            "wow_accounts": [{"id": 1, "characters": [_entry(c) for c in self.characters]}],
            "collections": {"href": f"{PROFILE_HOST}/profile/user/wow/collections"},
        }


def _entry(c: Character) -> dict:
    path = f"{c.realm_slug}/{c.name.lower()}"
    return {
        "character": {"href": f"{PROFILE_HOST}/profile/wow/character/{path}"},
        "protected_character": {"href": f"{PROFILE_HOST}/profile/user/wow/protected-character/1"},
        "name": c.name,
        "id": c.blizzard_id,
        "realm": {"key": {"href": "…"}, "name": c.realm_name, "id": 1, "slug": c.realm_slug},
        "playable_class": {"key": {"href": "…"}, "name": "?", "id": c.class_id},
        "playable_race": {"key": {"href": "…"}, "name": "Orc", "id": 2},
        "gender": {"type": "FEMALE", "name": "Female"},
        "faction": {"type": "HORDE", "name": "Horde"},
        "level": c.level,
    }


@dataclass
class FakeSignIn:
    """The sign-in side's configuration and memory."""

    signed_in: BattleNetUser | None = None
    redirect_uris: set[str] = field(default_factory=set)
    deny_consent: bool = False
    down: bool = False
    code_seconds: float = 300.0
    authorizations: int = 0
    code_exchanges: int = 0
    _codes: dict[str, tuple[BattleNetUser, str, float]] = field(default_factory=dict)
    _tokens: dict[str, BattleNetUser] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def authorize(self, query: str) -> tuple[int, dict, str]:
        """(status, JSON error body, Location) for GET /authorize?query."""
        q = {k: v[0] for k, v in parse_qs(query).items()}
        uri = q.get("redirect_uri", "")
        if q.get("client_id") != CLIENT_ID:
            return 400, {"error": "invalid_client"}, ""
        if uri not in self.redirect_uris:  # the real one shows an error page, no redirect
            return 400, {"error": "invalid_request", "error_description": "redirect_uri"}, ""
        if q.get("response_type") != "code" or "wow.profile" not in q.get("scope", "").split():
            return 400, {"error": "invalid_scope"}, ""
        back = {"state": q["state"]} if "state" in q else {}
        if self.deny_consent or self.signed_in is None:
            back = {"error": "access_denied", "error_description": "denied", **back}
            return 302, {}, f"{uri}?{urlencode(back)}"
        code = secrets.token_urlsafe(16)
        with self._lock:
            self.authorizations += 1
            self._codes[code] = (self.signed_in, uri, time.monotonic())
        return 302, {}, f"{uri}?{urlencode({'code': code, **back})}"

    def exchange(self, form: dict[str, str]) -> tuple[int, dict]:
        """(status, body) for POST /token with grant_type=authorization_code."""
        if self.down:
            return 503, {"error": "temporarily_unavailable"}
        with self._lock:
            self.code_exchanges += 1
            found = self._codes.pop(form.get("code", ""), None)  # single use, even when refused
        if found is None or time.monotonic() - found[2] > self.code_seconds:
            return 400, {"error": "invalid_grant", "error_description": "Invalid code"}
        user, uri, _ = found
        if form.get("redirect_uri") != uri:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri mismatch"}
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._tokens[token] = user
        return 200, {
            "access_token": token,
            "token_type": "bearer",
            "expires_in": 86399,
            "scope": "openid wow.profile",
            "sub": str(user.account_id),
        }

    def user_get(self, path: str, query: str, authorization: str) -> tuple[int, dict] | None:
        """(status, body) for a user endpoint, or None when `path` is not one."""
        if path not in ("/oauth/userinfo", "/profile/user/wow"):
            return None
        if self.down:
            return 503, {"code": 503, "detail": "Service Unavailable"}
        user = self._tokens.get(authorization.removeprefix("Bearer "))
        if user is None:
            return 401, {"code": 401, "detail": "Unauthorized"}
        if path == "/oauth/userinfo":
            return 200, user.userinfo()
        namespace = parse_qs(query).get("namespace", [""])[0]
        if not namespace.startswith("profile-"):
            return 404, {"code": 404, "detail": "Not Found"}
        return 200, user.wow_profile()
