"""A fake Warcraft Logs on a free local port: the OAuth token endpoint and the v2 GraphQL API.

    POST /oauth/token      grant_type=client_credentials with HTTP Basic client auth → a
                           bearer token valid `token_seconds`
    POST /api/v2/client    {"query", "variables"} with that token: the query is parsed,
                           validated and executed by graphql-core against `SCHEMA`, a faithful
                           subset of Warcraft Logs' own schema (same type, field and argument
                           names), so a query the real API would reject fails here too

Reports live in `reports` (`FakeReport`: guild, fights with their players, actors); the
`reports(...)` field filters them by guild name, server slug, region and time like the real
one. `trouble` is a queue of statuses answered to the next GraphQL posts instead (429 with
`Retry-After`, 500, 503), for the retry paths.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from graphql import GraphQLError, build_schema, graphql_sync

CLIENT_ID, CLIENT_SECRET = "fake-wcl-client", "fake-wcl-secret"
TOKEN_PATH, API_PATH = "/oauth/token", "/api/v2/client"

SCHEMA = build_schema(
    """
    type Query {
      reportData: ReportData
      rateLimitData: RateLimitData
    }
    type RateLimitData { limitPerHour: Int! pointsSpentThisHour: Float! pointsResetIn: Int! }
    type ReportData {
      report(code: String): Report
      reports(endTime: Float, gameZoneID: Int, guildID: Int, guildName: String,
              guildServerRegion: String, guildServerSlug: String, guildTagID: Int, limit: Int,
              page: Int, startTime: Float, userID: Int, zoneID: Int): ReportPagination
    }
    type ReportPagination {
      current_page: Int!
      data: [Report]
      from: Int
      has_more_pages: Boolean!
      last_page: Int!
      per_page: Int!
      to: Int
      total: Int!
    }
    type Report {
      code: String!
      title: String!
      startTime: Float!
      endTime: Float!
      visibility: String!
      guild: Guild
      fights(difficulty: Int, encounterID: Int, fightIDs: [Int], killType: String,
             translate: Boolean): [ReportFight]
      masterData(translate: Boolean): ReportMasterData
    }
    type Guild { id: Int! name: String! server: Server! }
    type Server { id: Int! name: String! normalizedName: String! slug: String! region: Region! }
    type Region { id: Int! compactName: String! name: String! slug: String! }
    type ReportFight {
      id: Int!
      name: String!
      encounterID: Int!
      startTime: Float!
      endTime: Float!
      kill: Boolean
      friendlyPlayers: [Int]
    }
    type ReportMasterData { logVersion: Int! actors(subType: String, type: String): [ReportActor] }
    type ReportActor {
      id: Int
      gameID: Float
      name: String
      petOwner: Int
      server: String
      subType: String
      type: String
    }
    """
)


def ms(moment: datetime) -> float:
    return moment.timestamp() * 1000


@dataclass
class FakeFight:
    id: int
    start: datetime
    end: datetime
    players: list[int]  # actor ids
    name: str = "Trash"
    encounter_id: int = 0


@dataclass
class FakeActor:
    id: int
    name: str
    server: str
    type: str = "Player"
    sub_type: str = "Druid"


@dataclass
class FakeReport:
    code: str
    start: datetime
    end: datetime
    actors: list[FakeActor]
    fights: list[FakeFight]
    guild_name: str | None = "Pull All The Things"
    server_slug: str = "senjin"
    region: str = "us"
    title: str = "Raid night"

    def resolve(self) -> dict:
        """The report as the GraphQL executor's root data (callables take the arguments)."""
        begin = ms(self.start)
        guild = None
        if self.guild_name is not None:
            region = {"id": 1, "compactName": self.region.upper(), "name": self.region.upper()}
            guild = {
                "id": 7,
                "name": self.guild_name,
                "server": {
                    "id": 3,
                    "name": self.server_slug,
                    "normalizedName": self.server_slug,
                    "slug": self.server_slug,
                    "region": {**region, "slug": self.region},
                },
            }
        fights = [
            {
                "id": f.id,
                "name": f.name,
                "encounterID": f.encounter_id,
                "startTime": ms(f.start) - begin,
                "endTime": ms(f.end) - begin,
                "kill": True,
                "friendlyPlayers": f.players,
            }
            for f in self.fights
        ]
        actors = [
            {"id": a.id, "gameID": 0, "name": a.name, "server": a.server, "type": a.type,
             "subType": a.sub_type, "petOwner": None}
            for a in self.actors
        ]  # fmt: skip
        return {
            "code": self.code,
            "title": self.title,
            "startTime": begin,
            "endTime": ms(self.end),
            "visibility": "public",
            "guild": guild,
            "fights": lambda _info, **_args: fights,
            "masterData": lambda _info, **_args: {
                "logVersion": 1,
                "actors": lambda _i, type=None, subType=None: [
                    a for a in actors if type in (None, a["type"])
                ],
            },
        }


@dataclass
class FakeWarcraftLogs:
    reports: list[FakeReport] = field(default_factory=list)
    trouble: list[int] = field(default_factory=list)  # statuses for the next GraphQL posts
    retry_after: str = "1"
    token_seconds: int = 3600
    token_requests: int = 0
    api_requests: int = 0
    answered_trouble: int = 0
    queries: list[str] = field(default_factory=list)
    _tokens: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None, "start() first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FakeWarcraftLogs:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def settings_env(self) -> dict[str, str]:
        return {
            "WCL_CLIENT_ID": CLIENT_ID,
            "WCL_CLIENT_SECRET": CLIENT_SECRET,
            "WCL_TOKEN_URL": f"{self.url}{TOKEN_PATH}",
            "WCL_API_URL": f"{self.url}{API_PATH}",
        }

    def issue_token(self) -> dict:
        token = secrets.token_urlsafe(24)
        with self._lock:
            self.token_requests += 1
            self._tokens[token] = time.monotonic() + self.token_seconds
        return {"token_type": "Bearer", "expires_in": self.token_seconds, "access_token": token}

    def token_valid(self, authorization: str) -> bool:
        expires = self._tokens.get(authorization.removeprefix("Bearer "))
        return expires is not None and time.monotonic() < expires

    def next_trouble(self) -> int | None:
        with self._lock:
            self.api_requests += 1
            if self.trouble:
                self.answered_trouble += 1
                return self.trouble.pop(0)
        return None

    def root(self) -> dict:
        return {"reportData": {"report": self._report, "reports": self._reports}}

    def _report(self, _info, code=None):
        for report in self.reports:
            if report.code == code:
                return report.resolve()
        raise GraphQLError("This report does not exist or is private.")

    def _reports(self, _info, **args):
        limit, page = min(args.get("limit") or 100, 100), args.get("page") or 1
        found = [
            r
            for r in sorted(self.reports, key=lambda r: r.start, reverse=True)
            if r.guild_name is not None
            and (args.get("guildName") in (None, r.guild_name))
            and (args.get("guildServerSlug") in (None, r.server_slug))
            and (args.get("guildServerRegion") in (None, r.region))
            and (args.get("startTime") is None or ms(r.start) >= args["startTime"])
            and (args.get("endTime") is None or ms(r.start) <= args["endTime"])
        ]
        chunk = found[(page - 1) * limit : page * limit]
        last = max(1, -(-len(found) // limit))
        return {
            "current_page": page,
            "data": [r.resolve() for r in chunk],
            "from": (page - 1) * limit + 1 if chunk else None,
            "to": (page - 1) * limit + len(chunk) if chunk else None,
            "has_more_pages": page < last,
            "last_page": last,
            "per_page": limit,
            "total": len(found),
        }


def _handler_for(fake: FakeWarcraftLogs) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
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
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            path = urlsplit(self.path).path
            if path == TOKEN_PATH:
                return self._token(dict(parse_qsl(raw.decode())))
            if path != API_PATH:
                return self._answer(404, {"error": "Not found"})
            if not fake.token_valid(self.headers.get("Authorization", "")):
                return self._answer(401, {"error": "Unauthenticated."})
            trouble = fake.next_trouble()
            if trouble == 429:
                return self._answer(
                    429, {"error": "Too Many Requests"}, {"Retry-After": fake.retry_after}
                )
            if trouble:
                return self._answer(trouble, {"error": "Server Error"})
            body = json.loads(raw or b"{}")
            fake.queries.append(body.get("query", ""))
            result = graphql_sync(
                SCHEMA, body.get("query", ""), root_value=fake.root(),
                variable_values=body.get("variables"),
            )  # fmt: skip
            answer: dict = {"data": result.data}
            if result.errors:
                answer["errors"] = [{"message": e.message} for e in result.errors]
            self._answer(200, answer)

        def _token(self, form: dict[str, str]) -> None:
            basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
            if self.headers.get("Authorization") != f"Basic {basic}":
                return self._answer(401, {"error": "invalid_client"})
            if form.get("grant_type") != "client_credentials":
                return self._answer(400, {"error": "unsupported_grant_type"})
            self._answer(200, fake.issue_token())

    return Handler
