"""Builds the FastAPI app: routers, the JSON envelope for errors, JSON 404 under /api."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from patt_app import __version__
from patt_app.api import (
    addon_upload,
    admin,
    auth,
    battlenet_link,
    browser_session,
    campaigns,
    discord_status,
    events,
    guild,
    health,
    raid_intel,
    raid_times,
    schedule,
    sync,
)
from patt_app.api.docs_page import add_docs_page
from patt_app.api.refusals import status_for
from patt_app.api.responses import error
from patt_app.services.errors import PattError

log = logging.getLogger(__name__)
UNPARSABLE_BODY = "There was an error parsing the body"  # FastAPI's 400 for undecodable bytes


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for problem in exc.errors():
        where = ".".join(
            str(p) for p in problem.get("loc", ()) if p not in ("query", "body", "path")
        )
        parts.append(f"{where}: {problem.get('msg', 'invalid')}" if where else problem["msg"])
    return "; ".join(parts) or "invalid request"


ROUTERS = (
    health.router,
    guild.router,
    auth.router,
    battlenet_link.router,
    browser_session.router,
    admin.router,
    schedule.router,
    events.router,
    raid_intel.router,
    raid_times.router,
    addon_upload.router,
    sync.router,
    campaigns.router,
    discord_status.router,
)


def _answer_errors_in_the_envelope(api: FastAPI) -> None:
    """Refusals, HTTP errors, invalid requests and crashes all answer `{"ok": false, ...}`."""

    @api.exception_handler(PattError)
    async def refused(request: Request, exc: PattError):
        return error(str(exc), status_for(exc))

    @api.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 400 and exc.detail == UNPARSABLE_BODY:  # e.g. not UTF-8
            return error("body: not valid JSON", 422)  # like any other malformed body
        return error(str(exc.detail), exc.status_code)

    @api.exception_handler(Exception)
    async def failed(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error("Something went wrong on the server; it has been logged.", 500)

    @api.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        return error(_validation_message(exc), 422)


def _answer_unknown_api_paths(api: FastAPI) -> None:
    """A JSON 404 for any other path under /api (added last: after every real route)."""

    @api.api_route(
        "/api/{path:path}",
        methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        include_in_schema=False,
    )
    async def unknown(path: str):
        return error(f"no such API route: /api/{path}", 404)


def create_api() -> FastAPI:
    """The API app. Reflex mounts itself under it, so unmatched non-API paths reach the UI."""
    api = FastAPI(
        title="PATT Platform API",
        version=__version__,
        docs_url=None,  # served by docs_page, its assets from this app (no CDN)
        openapi_url="/api/openapi.json",
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
    )
    add_docs_page(api)
    for router in ROUTERS:
        api.include_router(router)
    _answer_errors_in_the_envelope(api)
    _answer_unknown_api_paths(api)
    return api
