"""A fake Battle.net on a free local port: token, guild roster and character profiles, and
the members' sign-in (authorization code flow, /oauth/userinfo, /profile/user/wow: see
fake_battlenet_oauth.py; configured through `FakeBattleNet.sign_in`).

Like the real one it refuses a client that goes faster than 100 requests in any one second
(429 with Retry-After: 1) and wants a Bearer token from its token endpoint. It can also misbehave
on purpose: a share of answers as 500s, 429s or too-slow answers (`storm`), 404s for chosen
characters, a roster that always fails, a guild known only under `guild_slug` (any other is
404, as after a rename). Used by the integration tests, the e2e app and
`make bench`; `python -m tests.support.fake_battlenet --port N --members M` serves it alone.
"""

from __future__ import annotations

import argparse
import base64
import collections
import json
import random
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

from tests.support.fake_battlenet_oauth import CLIENT_ID, CLIENT_SECRET, FakeSignIn

TOKEN = "fake-battlenet-token"
PER_SECOND = 100
STATS_PATH = "/_fake/stats"
SYLLABLES = ("zat", "añ", "ña", "tro", "gmo", "on", "sho", "doom", "ké", "lä", "rin", "væ", "thor")
REALMS = (("senjin", "Sen'jin"), ("sargeras", "Sargeras"), ("bleeding-hollow", "Bleeding Hollow"))


@dataclass
class Character:
    blizzard_id: int
    name: str
    realm_slug: str
    realm_name: str
    class_id: int = 11
    spec: str = "Balance"
    level: int = 80
    item_level: int = 636
    rank: int = 4
    last_login_ms: int = 1764075600000

    def roster_entry(self) -> dict:
        return {
            "character": {
                "name": self.name,
                "id": self.blizzard_id,
                "realm": {"id": 1, "slug": self.realm_slug},
                "level": self.level,
                "playable_class": {"id": self.class_id},
            },
            "rank": self.rank,
        }

    def profile(self) -> dict:
        return {
            "id": self.blizzard_id,
            "name": self.name,
            "character_class": {"name": "?", "id": self.class_id},
            "active_spec": {"name": self.spec, "id": 1},
            "realm": {"name": self.realm_name, "id": 1, "slug": self.realm_slug},
            "level": self.level,
            "last_login_timestamp": self.last_login_ms,
            "equipped_item_level": self.item_level,
            "average_item_level": self.item_level + 3,
        }


def make_guild(size: int, *, seed: int = 9, first_id: int = 300_000_000) -> list[Character]:
    """`size` distinct characters with accented names on three realms, all Druids (Balance)."""
    rng, guild = random.Random(seed), []
    for blizzard_id in range(first_id, first_id + size):
        digits, number = [], blizzard_id
        for _ in range(4):  # the id spelled in syllables: names never collide across guilds
            number, digit = divmod(number, len(SYLLABLES))
            digits.append(SYLLABLES[digit])
        name = (rng.choice(SYLLABLES) + "".join(digits)).capitalize()
        realm_slug, realm_name = rng.choice(REALMS)
        guild.append(Character(blizzard_id, name, realm_slug, realm_name))
    return guild


@dataclass
class Storm:
    """Share of API answers replaced by trouble (roster and profiles alike)."""

    error_500: float = 0.0
    error_429: float = 0.0
    slow: float = 0.0
    seed: int = 1


@dataclass
class FakeBattleNet:
    """The fake server's guild, behaviour and what it saw."""

    characters: list[Character] = field(default_factory=list)
    not_found: set[int] = field(default_factory=set)  # Blizzard ids whose profile is 404
    roster_fails: bool = False
    guild_slug: str | None = None  # when set, the roster of any other guild is 404 (renamed)
    storm: Storm = field(default_factory=Storm)
    slow_seconds: float = 3.0
    sign_in: FakeSignIn = field(default_factory=FakeSignIn)
    token_requests: int = 0
    api_requests: int = 0
    profile_requests: int = 0
    throttled: int = 0  # 429s for going too fast (not the storm's)
    busiest_second: int = 0  # the most requests it saw in one second
    _arrivals: collections.deque = field(default_factory=collections.deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None, "start() first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self, port: int = 0) -> FakeBattleNet:
        self._rng = random.Random(self.storm.seed)
        self._server = _QuietServer(("127.0.0.1", port), _handler_for(self))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def start_storm(self) -> None:
        """Begin the configured storm afresh (seeded, so a run is repeatable)."""
        self._rng = random.Random(self.storm.seed)

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def settings_env(self) -> dict[str, str]:
        """Environment variables pointing the app at this fake."""
        return {
            "BLIZZARD_CLIENT_ID": CLIENT_ID,
            "BLIZZARD_CLIENT_SECRET": CLIENT_SECRET,
            "BLIZZARD_API_URL": self.url,
            "BLIZZARD_TOKEN_URL": f"{self.url}/token",
            "BLIZZARD_OAUTH_AUTHORIZE_URL": f"{self.url}/authorize",
            "BLIZZARD_USERINFO_URL": f"{self.url}/oauth/userinfo",
        }

    def too_fast(self) -> bool:
        """Count this request; True when it is over 100 in the last second."""
        now = time.monotonic()
        with self._lock:
            self.api_requests += 1
            while self._arrivals and self._arrivals[0] <= now - 1.0:
                self._arrivals.popleft()
            if len(self._arrivals) >= PER_SECOND:
                self.throttled += 1
                return True
            self._arrivals.append(now)
            self.busiest_second = max(self.busiest_second, len(self._arrivals))
            return False

    def stats(self) -> dict[str, int]:
        """What it saw (served at `STATS_PATH`, not counted)."""
        with self._lock:
            return {
                "api_requests": self.api_requests,
                "profile_requests": self.profile_requests,
                "throttled": self.throttled,
                "busiest_second": self.busiest_second,
                "token_requests": self.token_requests,
            }

    def trouble(self) -> str | None:
        with self._lock:
            roll, s = self._rng.random(), self.storm
        if roll < s.error_500:
            return "500"
        if roll < s.error_500 + s.error_429:
            return "429"
        if roll < s.error_500 + s.error_429 + s.slow:
            return "slow"
        return None

    def find(self, realm_slug: str, name: str) -> Character | None:
        wanted = unicodedata.normalize("NFC", name)
        return next(
            (
                c
                for c in self.characters
                if c.realm_slug == realm_slug
                and c.name.lower() == wanted
                and c.blizzard_id not in self.not_found
            ),
            None,
        )


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A client that gave up on a slow answer closed the socket: expected, not news."""


def _handler_for(fake: FakeBattleNet) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the client reuses connections

        def log_message(self, *args) -> None:  # quiet
            pass

        def _answer(self, status: int, body: dict, headers: dict | None = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            form = dict(parse_qsl(self.rfile.read(length).decode()))
            basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
            if self.headers.get("Authorization") != f"Basic {basic}":
                return self._answer(401, {"error": "invalid_client"})
            if form.get("grant_type") == "authorization_code":
                return self._answer(*fake.sign_in.exchange(form))
            if form.get("grant_type") != "client_credentials":
                return self._answer(400, {"error": "unsupported_grant_type"})
            with fake._lock:
                fake.token_requests += 1
            self._answer(200, {"access_token": TOKEN, "token_type": "bearer", "expires_in": 86399})

        def do_GET(self) -> None:
            path, query = urlsplit(self.path).path, urlsplit(self.path).query
            if path == STATS_PATH:  # for tests running this fake as a process of its own
                return self._answer(200, fake.stats())
            if path == "/authorize":
                status, body, location = fake.sign_in.authorize(query)
                return self._answer(status, body, {"Location": location} if location else None)
            auth = self.headers.get("Authorization", "")
            if (answer := fake.sign_in.user_get(path, query, auth)) is not None:
                return self._answer(*answer)
            if auth != f"Bearer {TOKEN}":
                return self._answer(401, {"code": 401, "detail": "Unauthorized"})
            if fake.too_fast():
                return self._answer(
                    429, {"code": 429, "detail": "Too Many Requests"}, {"Retry-After": "1"}
                )
            trouble = fake.trouble()
            if trouble == "slow":
                time.sleep(fake.slow_seconds)
            elif trouble:
                return self._answer(int(trouble), {"code": int(trouble)}, {"Retry-After": "0"})
            parts = [unquote(p) for p in path.strip("/").split("/")]
            if path.endswith("/roster") and fake.guild_slug not in (None, parts[-2]):
                return self._answer(404, {"code": 404, "detail": "Not Found"})
            if path.endswith("/roster") and not fake.roster_fails:
                members = [c.roster_entry() for c in fake.characters]
                return self._answer(200, {"guild": {"name": "Fake"}, "members": members})
            if parts[:3] == ["profile", "wow", "character"] and len(parts) == 5:
                with fake._lock:
                    fake.profile_requests += 1
                character = fake.find(parts[3], parts[4])
                if character:
                    return self._answer(200, character.profile())
            if path.endswith("/roster"):
                return self._answer(503, {"code": 503})
            self._answer(404, {"code": 404, "type": "BLZWEBAPI00000404", "detail": "Not Found"})

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--members", type=int, default=50)
    args = parser.parse_args()
    fake = FakeBattleNet(characters=make_guild(args.members)).start(args.port)
    print(f"fake Battle.net on {fake.url}", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()


def demo_guild_roster(first_id: int = 400_000_000) -> list[Character]:
    """The demo guild's characters as Battle.net would list them (so a sync of the demo app
    keeps them), for the e2e app."""
    from patt_app.demo.guild import plan_demo_guild, realm_slug
    from patt_app.services.reference.reference_data import CLASSES

    class_ids = {name: blizzard_id for name, blizzard_id, _colour in CLASSES}
    plan = plan_demo_guild()
    demo = [c for p in plan.players for c in p.characters] + plan.unlinked_characters
    now_ms = int(time.time() * 1000)
    return [
        Character(
            blizzard_id=first_id + index,
            name=c.name,
            realm_slug=realm_slug(c.realm_name),
            realm_name=c.realm_name,
            class_id=class_ids[c.class_name],
            spec=c.spec_name,
            level=c.level,
            item_level=c.item_level,
            rank=5 - c.rank_level,
            last_login_ms=now_ms - c.days_since_login * 86_400_000,
        )
        for index, c in enumerate(demo)
    ]
