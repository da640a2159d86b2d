"""Property-based fuzzing of the JSON API from its own OpenAPI document (schemathesis): every
`/api/v1` route, called as an officer, a member and a visitor with real session tokens of the
demo guild. Whatever is sent: never a 500, every JSON answer the envelope `{"ok": …}`, every
status one the document lists, every body of the documented shape.

A bounded number of examples per route and caller keeps it part of `make test`; set
PATT_FUZZ_EXAMPLES for a longer run (e.g. 500 before a release)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import Engine
from sqlmodel import Session, select

from patt_app import db as app_db
from patt_app.api import create_api
from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import User
from patt_app.services.accounts import login_throttle
from patt_app.services.accounts.sessions import start_session
from patt_app.services.reference.reference_data import seed_reference_data
from tests.integration.conftest import _truncate_everything

EXAMPLES = int(os.environ.get("PATT_FUZZ_EXAMPLES", "15"))
CALLERS = ("officer", "member", "visitor")

schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_api()).include(
    path_regex="^/api/v1/"
)


@pytest.fixture(scope="module")
def demo_guild(engine: Engine) -> Iterator[dict[str, int]]:
    """The demo guild, committed once for the whole module; the app's engine points at it."""
    previous = app_db._engine
    app_db.set_engine(engine)
    with Session(engine) as session:
        seed_reference_data(session=session)
        seed_demo_guild(session=session, now=datetime.now(UTC))
        users = {
            caller: session.exec(select(User.id).where(User.discord_username == name)).one()
            for caller, name in (("officer", DEMO_OFFICER), ("member", DEMO_MEMBER))
        }
        session.commit()
    try:
        yield users
    finally:
        app_db.set_engine(previous)
        _truncate_everything(engine)


@pytest.fixture(scope="module", autouse=True)
def no_login_waits():
    """Fuzzed logins repeat names: answer at once rather than with the growing per-name wait
    (tests/integration/test_login_throttle.py covers the waits)."""
    original = login_throttle.name_delay
    login_throttle.name_delay = lambda earlier_failures: 0.0
    yield
    login_throttle.name_delay = original


def _headers(engine: Engine, users: dict[str, int], caller: str) -> dict[str, str]:
    """A fresh session for each example (a fuzzed logout may end the one before)."""
    if caller == "visitor":
        return {}
    with Session(engine) as session:
        token = start_session(
            session=session, user_id=users[caller], now=datetime.now(UTC), hours=1
        )
        session.commit()
    return {"Authorization": f"Bearer {token}"}


def envelope(ctx, response, case) -> None:
    """Every JSON answer is `{"ok": true, "data": …}` or `{"ok": false, "error": "…"}`."""
    if not response.headers.get("content-type", [""])[0].startswith("application/json"):
        assert response.status_code == 200, f"a {response.status_code} that is not JSON"
        return
    body = response.json()
    assert isinstance(body, dict) and isinstance(body.get("ok"), bool), body
    if response.status_code >= 400:
        assert body["ok"] is False and isinstance(body.get("error"), str) and body["error"]
    else:
        assert body["ok"] is True and "data" in body


@pytest.mark.parametrize("caller", CALLERS)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_every_fuzzed_request_as_documented(case, caller, demo_guild, engine):
    response = case.call(headers=_headers(engine, demo_guild, caller))
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
        additional_checks=[envelope],
    )
