"""Who may call what: ONE table for every `/api` route and every event handler of every
`rx.State` subclass in patt_app, walked with seven kinds of caller.

HOW TO ADD A LINE (a new route or handler makes `test_every_*_is_in_the_table` fail until you do):

- a route: add `"METHOD /path/as/{declared}": PUBLIC | MEMBER | OFFICER,` to `ROUTES` (in
  tests/integration/permission_tables.py);
- an event handler: add `"StateClass.handler_name": PUBLIC | MEMBER | OFFICER,` to `HANDLERS`
  (same file);
- if it takes an argument whose name is new, add a value for it to `_arguments` (real ids are
  looked up in the demo guild, so a handler that forgot its guard really would change something).

What each level means, checked for every caller below:

- PUBLIC: anyone; the call is not refused (API: no 401/403).
- MEMBER: a logged-in account linked to an ACTIVE player of any rank. Visitors and forged tokens
  get 401 / "Please log in" (or a redirect to /login); a deactivated player (even an officer)
  gets 403 / a refusal. Refused calls change no table.
- ACCOUNT: any logged-in account, a deactivated player's included (ending one's own logins).
- KEY: guarded by the uploader's X-API-Key, not by a session: every caller here gets 401.
- OFFICER: rank level >= 4 (Officer, Guild Leader) on an active player. Everyone else is refused
  (401 or 403) and no table changes; an officer is not refused.

Callers: visitor (no token), forged token, Initiate (1), Member (2), Veteran (3, one below
officer), a deactivated officer (4, player no longer active) and an officer (4).
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
import reflex as rx
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session

import patt_app
import patt_app.patt_app  # imports every page, hence every state
from patt_app import models
from patt_app.api import create_api
from patt_app.demo.guild import DEMO_MEMBER, DEMO_PASSWORD
from patt_app.models import (
    Player,
    RaidEvent,
    RaidSeason,
)
from patt_app.states.session import SessionState
from tests.browser_session import give_session
from tests.integration.permission_guild import Guild, build_guild
from tests.integration.permission_tables import (
    ACCOUNT,
    HANDLERS,
    KEY,
    MEMBER,
    OFFICER,
    OFFICER_ANSWERS,
    PUBLIC,
    ROUTES,
)

FRAMEWORK_HANDLERS = {"setvar"}  # Reflex's own on every state: sets a view var, no I/O
THIS_FILE = "tests/integration/test_permissions.py"
TABLES_FILE = "tests/integration/permission_tables.py"  # ROUTES and HANDLERS

# ---------------------------------------------------------------------------------------------
# Discovery
# ---------------------------------------------------------------------------------------------


def _import_all_states() -> None:
    for info in pkgutil.walk_packages(patt_app.__path__, "patt_app."):
        if info.name.startswith("patt_app.states"):
            importlib.import_module(info.name)


def state_classes() -> list[type[rx.State]]:
    """Every rx.State subclass defined in patt_app (not the mixins: their handlers are copied
    onto each state using them, and walked there)."""
    _import_all_states()
    found, todo = [], list(rx.State.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("patt_app.") and not cls._mixin and cls not in found:
            found.append(cls)
    return found


def discovered_handlers() -> dict[str, tuple[type[rx.State], Callable]]:
    handlers = {}
    for cls in state_classes():
        for name, handler in cls.event_handlers.items():
            if name not in FRAMEWORK_HANDLERS:
                key = f"{cls.__name__}.{name}"
                assert key not in handlers, f"two states are called {cls.__name__}"
                handlers[key] = (cls, handler.fn)
    return handlers


def _flatten(routes):
    for route in routes:
        nested = getattr(route, "original_router", None)  # FastAPI's included routers
        yield from _flatten(nested.routes) if nested is not None else [route]


def discovered_routes():
    """{"METHOD /path": route} for every route of the API app."""
    return {
        f"{method} {route.path}": route
        for route in _flatten(create_api().routes)
        for method in sorted(getattr(route, "methods", None) or ["GET"])
    }


# ---------------------------------------------------------------------------------------------
# The table covers everything
# ---------------------------------------------------------------------------------------------


def _coverage_problems(found: set[str], table: dict[str, str], table_name: str) -> list[str]:
    missing = sorted(found - table.keys())
    stale = sorted(table.keys() - found)
    levels = {k: v for k, v in table.items() if v not in ALLOWED}
    return (
        [
            f"{key!r} is not in {table_name} of {TABLES_FILE}: add the line "
            f'"{key}": PUBLIC | MEMBER | OFFICER,'
            for key in missing
        ]
        + [f"{key!r} is in {table_name} of {TABLES_FILE} but no longer exists" for key in stale]
        + [f"{key!r}: unknown level {level!r}" for key, level in levels.items()]
    )


def test_every_route_is_in_the_table():
    assert _coverage_problems(set(discovered_routes()), ROUTES, "ROUTES") == []


def test_every_event_handler_is_in_the_table():
    found = set(discovered_handlers())
    assert len(found) >= 80, "the walk should find every page's handlers"
    assert _coverage_problems(found, HANDLERS, "HANDLERS") == []


def test_an_unlisted_handler_fails_with_where_to_add_it():
    problems = _coverage_problems({"NewState.new_handler"}, {}, "HANDLERS")
    assert problems == [
        f"'NewState.new_handler' is not in HANDLERS of {TABLES_FILE}: add the line "
        '"NewState.new_handler": PUBLIC | MEMBER | OFFICER,'
    ]


def test_officer_screens_use_the_one_guard():
    """Belt and braces for the walk below: every officer handler is wrapped in officer_only
    (or is a page load that refuses on its own)."""
    unguarded = [
        key
        for key, (_cls, fn) in discovered_handlers().items()
        if HANDLERS.get(key) == OFFICER and not getattr(fn, "__officer_only__", False)
    ]
    assert unguarded == []


# ---------------------------------------------------------------------------------------------
# The callers
# ---------------------------------------------------------------------------------------------

CALLERS = ["visitor", "forged token", "initiate", "member", "veteran", "deactivated officer"]
ALL_CALLERS = [*CALLERS, "officer"]
ALLOWED = {
    PUBLIC: set(ALL_CALLERS),
    ACCOUNT: {"initiate", "member", "veteran", "deactivated officer", "officer"},
    KEY: set(),
    MEMBER: {"initiate", "member", "veteran", "officer"},
    OFFICER: {"officer"},
}


@pytest.fixture
def guild(committed) -> Guild:
    return build_guild(committed)


# ---------------------------------------------------------------------------------------------
# Arguments that would really change things if a guard were missing
# ---------------------------------------------------------------------------------------------


def _form(guild: Guild) -> dict:
    today = datetime.now(UTC).date()
    return {
        "display_name": "Intruder",
        "name": "Intruder",
        "title": "Intruder raid",
        "level": "3",
        "scheduling_weight": "99",
        "colour": "#000000",
        "start_date": (today + timedelta(days=1)).isoformat(),
        "end_date": (today + timedelta(days=2)).isoformat(),
        "event_date": (today + timedelta(days=3)).isoformat(),
        "first_day": (today + timedelta(days=3)).isoformat(),
        "weeks": "2",
        "day0": "on",
        "start": "20:00",
        "end": "23:00",
        "timezone": "Europe/Berlin",
        "zone": "Europe/Berlin",
        "note": "intruder",
        "season_id": str(guild.ids["season"]),
        "duration_minutes": "180",
        "raid_size": "1",
        "player_id": str(guild.ids["player"]),
        "event_id": str(guild.ids["event"]),
        "rank_id": str(guild.ids["rank"]),
        "role_id": str(guild.ids["role"]),
        "issue_id": str(guild.ids["issue"]),
        "appeal_id": str(guild.ids["appeal"]),
        "rule_id": str(guild.ids["rule"]),
        "answer": "keep",
        "reason": "intruder",
        "kind": "warning",
        "no_shows": "3",
        "min_raids": "0",
        "min_percent": "0",
    }


# Where a parameter name alone does not say what a valid value looks like.
SPECIFIC_ARGUMENTS: dict[str, list] = {
    "ScheduleState.set_slot_minutes": ["60"],
    "AvailabilityState.set_hours": [1, "3"],
    "AdminAttendanceReportState.choose_min_rank": ["2"],
    "AdminAttendanceReportState.sort": ["percent"],
}


def _arguments(guild: Guild, key: str, fn: Callable) -> list:
    if key in SPECIFIC_ARGUMENTS:
        return list(SPECIFIC_ARGUMENTS[key])
    ids = guild.ids
    by_name = {
        "form_data": _form(guild),
        "player_id": ids["player"],
        "character_id": ids["character"],
        "event_id": ids["event"],
        "season_id": ids["season"],
        "rank_id": ids["rank"],
        "role_id": ids["role"],
        "away_id": ids["away"],
        "discord_user_id": ids["discord_user"],
        "issue_id": ids["issue"],
        "key_id": ids["uploader_key"],
        "rule_id": ids["rule"],
        "job_name": "purge_expired",
        "day": 1,
        "weeks": 1,
        "index": 0,
        "version": 2,
        "value": "20:00",
        "key": "name",
        "level": "2",
        "role": "tank",
        "zone": "Europe/Berlin",
        "name": "Intruder",
        "spec_id": "1",
        "active": False,
        "cancelled": True,
        "enabled": False,
        "campaign_id": ids["campaign"],
        "entry_id": ids["campaign_entry"],
        "direction": "down",
        "files": [],
        "session_id": 1,
        "field": "title",
    }
    args = []
    for parameter in list(inspect.signature(fn).parameters.values())[1:]:
        assert parameter.name in by_name, (
            f"{fn.__qualname__}: add a value for {parameter.name!r} to _arguments in {THIS_FILE}"
        )
        value = by_name[parameter.name]
        if "str" in str(parameter.annotation) and not isinstance(value, str | dict):
            value = str(value)
        if "bool" in str(parameter.annotation) and isinstance(value, str):
            value = False
        args.append(value)
    return args


# ---------------------------------------------------------------------------------------------
# What changed
# ---------------------------------------------------------------------------------------------

# Resolving a session may refresh its last_seen_at: the sessions table is compared without it.
COLUMNS_IGNORED = {"common.user_sessions": ("last_seen_at",)}


def fingerprint(engine: Engine) -> dict[str, str]:
    """Row count and checksum of every table (one query)."""
    parts = []
    for table in models.metadata.sorted_tables:
        name = f"{table.schema}.{table.name}"
        columns = [c.name for c in table.columns if c.name not in COLUMNS_IGNORED.get(name, ())]
        row = "row(" + ", ".join(f't."{c}"' for c in columns) + ")::text"
        parts.append(
            f"SELECT '{name}' AS name, count(*)::text || ' ' || "
            f"md5(coalesce(string_agg({row}, ',' ORDER BY {row}), '')) AS print FROM {name} t"
        )
    with engine.connect() as conn:
        return dict(conn.execute(text(" UNION ALL ".join(parts))).all())


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return [name for name in before if before[name] != after[name]]


# ---------------------------------------------------------------------------------------------
# Event handlers
# ---------------------------------------------------------------------------------------------

REFUSALS = re.compile(
    r"Officers only|Please log in|not linked to an active guild member|/login\?next="
)


# A state as its page leaves it after loading, so handlers meant to run after `load` get that far.
PAGE_AS_LOADED = {"loaded": True, "week_start": "monday"}
VIEWER_VARS = {"session_token", "viewer_name", "viewer_rank", "viewer_level", "viewer_checked"}


def _new_state(cls, token: str):
    state = cls()
    if issubclass(cls, SessionState):  # states outside SessionState never see the cookie
        give_session(state, token)
    for name, value in PAGE_AS_LOADED.items():
        if name in cls.base_vars:
            today = datetime.now(UTC).date()
            monday = (today - timedelta(days=today.weekday())).isoformat()
            setattr(state, name, monday if value == "monday" else value)
    return state


def _view(state) -> dict[str, str]:
    """What the page would show (apart from who is logged in)."""
    return {n: repr(getattr(state, n)) for n in type(state).base_vars if n not in VIEWER_VARS}


def _sibling_states(token: str):
    """`get_state` as Reflex answers it inside an event (a bare state has no event context):
    the same tab's other states, made once each, seeing the same session."""
    made: dict[type, rx.State] = {}

    async def get_state(_self, state_cls):
        if state_cls not in made:
            made[state_cls] = _new_state(state_cls, token)
        return made[state_cls]

    return get_state


def _call_handler(cls, fn, token: str, args: list, state=None):
    state = state if state is not None else _new_state(cls, token)
    siblings = _sibling_states(getattr(state, "session_token", "") or token)
    with mock.patch.object(rx.State, "get_state", siblings):
        result = fn(state, *args)
        if inspect.isawaitable(result):
            result = asyncio.run(result)
    return result


def _refused(result) -> bool:
    return bool(REFUSALS.search(repr(result)))


def _walk_handlers(guild: Guild, caller: str) -> list[str]:
    """Problems found calling every handler as `caller`. Refused means: an error toast or a
    redirect to the login page, or nothing shown at all (the view unchanged); and for a refused
    call, no table changed. Allowed means: not refused, and no exception either (a refusal of
    the dummy arguments is a toast, not an exception)."""
    problems = []
    for key, (cls, fn) in sorted(discovered_handlers().items()):
        level = HANDLERS[key]
        allowed = caller in ALLOWED[level]
        args = _arguments(guild, key, fn)
        state = _new_state(cls, guild.token(caller))
        view_before = _view(state)
        before = fingerprint(guild.engine)
        try:
            result, error = _call_handler(cls, fn, "", args, state=state), None
        except Exception as raised:
            result, error = None, raised
        if allowed:
            if level != PUBLIC and _refused(result):
                problems.append(f"{key} ({level}) refused a {caller}: {result!r}")
            if error is not None:
                problems.append(f"{key} ({level}) raised for a {caller}: {error!r}")
            continue
        if error is not None:  # a guard must refuse, not crash
            problems.append(f"{key} ({level}) raised for a {caller}: {error!r}")
        elif not _refused(result) and _view(state) != view_before:
            problems.append(f"{key} ({level}) did not refuse a {caller}: {result!r}")
        changed = changed_tables(before, fingerprint(guild.engine))
        if changed:
            problems.append(f"{key} ({level}) changed {changed} for a {caller}")
    return problems


@pytest.mark.parametrize("caller", ALL_CALLERS)
def test_every_event_handler_lets_in_exactly_its_callers(guild, caller):
    problems = _walk_handlers(guild, caller)
    assert not problems, "\n".join(problems)


def test_the_walk_would_notice_a_handler_that_writes(guild):
    """An officer's call through the same walk really changes tables."""
    cls, fn = discovered_handlers()["AdminPlayersState.create_player"]
    before = fingerprint(guild.engine)
    key = "AdminPlayersState.create_player"
    _call_handler(cls, fn, guild.token("officer"), _arguments(guild, key, fn))
    assert "guild_identity.players" in changed_tables(before, fingerprint(guild.engine))


# ---------------------------------------------------------------------------------------------
# API routes
# ---------------------------------------------------------------------------------------------


def _request(guild: Guild, route, method: str) -> dict:
    ids = guild.ids
    values = {
        "event_id": ids["event"],
        "season_id": ids["season"],
        "token": "no-such-calendar",
        "path": "v1/no-such-route",
        "run_id": 999_999,
        "campaign_id": ids["campaign"],
        "name": "0" * 64 + ".png",  # no such picture: 404, which is not a refusal
    }
    path = re.sub(
        r"\{(\w+)(:\w+)?\}", lambda m: str(values[m.group(1)]), route.path
    )  # a KeyError here: add a value for the new path parameter above
    today = datetime.now(UTC).date()
    params = (
        {
            q.alias or q.name: (today - timedelta(days=today.weekday())).isoformat()
            for q in getattr(route, "dependant", None).query_params
            if q.field_info.is_required()
        }
        if hasattr(route, "dependant")
        else {}
    )
    if route.path.endswith("/raid-times/compare"):
        params = {"candidate": ["tue@20:00/UTC/180", "wed@20:00/UTC/180"]}
    body = None
    if method == "POST" and route.path.endswith("/auth/login"):
        body = {"discord_username": DEMO_MEMBER, "password": DEMO_PASSWORD}
    return {"method": method, "url": path, "params": params, "json": body}


def _walk_routes(guild: Guild, caller: str) -> list[str]:
    problems = []
    with TestClient(create_api()) as client:
        for key, route in sorted(discovered_routes().items()):
            level = ROUTES[key]
            method = key.split(" ", 1)[0]
            token = guild.token(caller)
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            before = fingerprint(guild.engine)
            response = client.request(headers=headers, **_request(guild, route, method))
            status = response.status_code
            if caller in ALLOWED[level]:
                if status in (401, 403):
                    problems.append(f"{key} ({level}) refused a {caller}: {status}")
                if level != PUBLIC and status != OFFICER_ANSWERS.get(key, 200):
                    problems.append(f"{key} ({level}) failed for a {caller}: {response.text}")
                continue
            expected = 401 if caller in ("visitor", "forged token") or level == KEY else 403
            if status != expected:
                problems.append(f"{key} ({level}) gave a {caller} {status}, not {expected}")
            elif method != "HEAD" and response.json().get("ok") is not False:
                problems.append(f"{key}: a refusal without the error envelope")
            changed = changed_tables(before, fingerprint(guild.engine))
            if level == KEY:  # a wrong key counts against the address's limit, like a login
                changed = [name for name in changed if name != "common.login_failures"]
            if changed:
                problems.append(f"{key} ({level}) changed {changed} for a {caller}")
    return problems


@pytest.mark.parametrize("caller", ALL_CALLERS)
def test_every_api_route_lets_in_exactly_its_callers(guild, caller):
    problems = _walk_routes(guild, caller)
    assert not problems, "\n".join(problems)


def test_the_ids_in_the_walk_are_real(guild):
    """Dummy ids point at rows that exist (not a hard-coded 1 that may be anything)."""
    with Session(guild.engine) as session:
        assert session.get(RaidEvent, guild.ids["event"]) is not None
        assert session.get(Player, guild.ids["player"]) is not None
        assert session.get(RaidSeason, guild.ids["season"]) is not None
        assert guild.ids["character"] is not None
