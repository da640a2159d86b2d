"""Every officer event handler and API route refuses visitors and members, and changes nothing.

New admin states and routes are picked up automatically."""

import asyncio
import importlib
import inspect
import pkgutil
import re
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session, select

import patt_app.states.admin as admin_states
from patt_app import models
from patt_app.api import create_api, dependencies
from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import Player, User
from patt_app.services.accounts.sessions import start_session
from patt_app.states.officer import OfficerState

FRAMEWORK_HANDLERS = {"setvar"}
# Officer routes whose officer answer is not 200 in an empty test guild: starting a Battle.net
# sync without credentials is refused (400, naming what to set); run 1 does not exist (404).
OFFICER_ANSWERS = {
    ("POST", "/api/v1/admin/sync/blizzard"): 400,
    ("GET", "/api/v1/admin/sync/runs/{run_id}"): 404,
}  # Reflex's own; sets view vars only, never the database


def _officer_states() -> list[type[OfficerState]]:
    for module in pkgutil.iter_modules(admin_states.__path__):
        importlib.import_module(f"{admin_states.__name__}.{module.name}")
    found, todo = [], list(OfficerState.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def _admin_handlers():
    return [
        (cls, name, handler)
        for cls in _officer_states()
        for name, handler in cls.event_handlers.items()
        if name not in FRAMEWORK_HANDLERS
    ]


def _dummy(parameter: inspect.Parameter):
    """Arguments that would really change things if a handler forgot its guard."""
    annotation = str(parameter.annotation)
    if "dict" in annotation:
        return {
            "display_name": "Intruder",
            "name": "Intruder",
            "level": "3",
            "scheduling_weight": "99",
            "colour": "#000000",
            "start_date": "2026-01-01",
        }
    if "bool" in annotation:
        return False
    if "str" in annotation:
        return "1"
    return 1


def _fingerprint(session: Session) -> dict[str, str]:
    prints = {}
    for table in models.metadata.sorted_tables:
        name = f"{table.schema}.{table.name}"
        if name == "common.user_sessions":
            continue  # resolving a session may refresh its last_seen_at
        prints[name] = session.execute(
            text(
                f"SELECT count(*)::text || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text),"
                f" '')) FROM {name} t"
            )
        ).scalar_one()
    return prints


def _token(session: Session, username: str) -> str:
    user = session.exec(select(User).where(User.discord_username == username)).one()
    return start_session(session=session, user_id=user.id, now=datetime.now(UTC), hours=1)


@pytest.fixture
def guild(committed):
    with Session(committed) as session:
        seed_demo_guild(session=session, now=datetime.now(UTC))
        tokens = {"member": _token(session, DEMO_MEMBER), "officer": _token(session, DEMO_OFFICER)}
        session.commit()
    return tokens


def _call(cls, handler, token: str):
    state = cls()
    state.session_token = token
    params = list(inspect.signature(handler.fn).parameters.values())[1:]
    return asyncio.run(handler.fn(state, *[_dummy(p) for p in params]))


def test_every_admin_handler_is_wrapped_in_the_officer_guard():
    handlers = _admin_handlers()
    assert len(handlers) >= 20, "the walk should find the admin screens' handlers"
    unguarded = [
        f"{cls.__name__}.{name}"
        for cls, name, h in handlers
        if not getattr(h.fn, "__officer_only__", False)
    ]
    assert unguarded == []


@pytest.mark.parametrize("who", ["visitor", "forged token", "member"])
def test_every_admin_handler_refuses_non_officers_and_changes_nothing(committed, guild, who):
    token = {"visitor": "", "forged token": "not-a-session", "member": guild["member"]}[who]
    with Session(committed) as session:
        before = _fingerprint(session)
    for cls, name, handler in _admin_handlers():
        result = _call(cls, handler, token)
        assert "Officers only" in repr(result) or "log in" in repr(result), (
            f"{cls.__name__}.{name} did not refuse a {who}: {result!r}"
        )
    with Session(committed) as session:
        assert _fingerprint(session) == before


def test_the_same_handler_works_for_an_officer(committed, guild):
    """The walk would notice: an officer's call really writes."""
    from patt_app.states.admin.players import PlayerManagerState

    handler = PlayerManagerState.event_handlers["create_player"]
    _call(PlayerManagerState, handler, guild["officer"])
    with Session(committed) as session:
        assert session.exec(select(Player).where(Player.display_name == "Intruder")).first()


def _all_routes(routes):
    for route in routes:
        nested = getattr(route, "original_router", None)  # FastAPI's included routers
        yield from _all_routes(nested.routes) if nested is not None else [route]


def _officer_routes(api):
    def needs_officer(dependant) -> bool:
        return any(
            d.call is dependencies.officer or needs_officer(d) for d in dependant.dependencies
        )

    return [
        r for r in _all_routes(api.routes) if hasattr(r, "dependant") and needs_officer(r.dependant)
    ]


def test_every_officer_api_route_refuses_visitors_and_members(committed, guild):
    api = create_api()
    routes = _officer_routes(api)
    assert routes, "there are officer routes to walk"
    with TestClient(api) as client:
        for route in routes:
            params = {
                q.name: "2026-11-23"
                for q in route.dependant.query_params
                if q.field_info.is_required()
            }
            for method in route.methods:
                path = re.sub(r"\{[^}]+\}", "1", route.path)
                if params:
                    path += "?" + "&".join(f"{k}={v}" for k, v in params.items())
                anonymous = client.request(method, path)
                assert anonymous.status_code == 401, route.path
                assert anonymous.json()["ok"] is False
                member = client.request(
                    method, path, headers={"Authorization": f"Bearer {guild['member']}"}
                )
                assert member.status_code == 403, route.path
                officer = client.request(
                    method, path, headers={"Authorization": f"Bearer {guild['officer']}"}
                )
                expected = OFFICER_ANSWERS.get((method, route.path), 200)
                assert officer.status_code == expected, (route.path, officer.text)
