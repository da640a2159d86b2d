"""The PATTSync uploader's endpoint, kept exactly as installed uploaders expect it:
`POST /api/guild-sync/addon-upload` with header `X-API-Key`, answering
`{"ok": true, "status": "processed", "characters_received": N, …}`; and its status.

Key-protected (the deployment's PATT_API_KEY or a player's officer-generated key), not
session-protected. Every key attempt counts against the caller's login limit before the key is
checked (a right key takes it back): 429 past it, 401 for a wrong or missing key, 413 over
5 MB, 422 naming the first problem or over 2,000 characters. Ranks in an upload count only for
the guild's own key or an officer's; otherwise the answer says `"ranks": "ignored"` and why.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

from fastapi import APIRouter, Header, Request
from pydantic import ValidationError

from patt_app.api.refusals import refusals
from patt_app.api.responses import error
from patt_app.api.schemas.addon import (
    MAX_UPLOAD_BYTES,
    AddonUpload,
    AddonUploadResult,
    AddonUploadStatus,
)
from patt_app.db import call_with_engine, run_in_session
from patt_app.live.notify import notify
from patt_app.live.topics import Topic
from patt_app.services.accounts.login_throttle import (
    client_address,
    count_key_attempt,
    key_attempt_succeeded,
)
from patt_app.services.identity.addon_keys import KeyHolder, key_holder
from patt_app.services.identity.addon_roster import UploadedCharacter
from patt_app.services.identity.addon_upload import (
    apply_addon_upload,
    last_upload,
    too_many_characters,
)
from patt_app.settings import get_settings

router = APIRouter(prefix="/api/guild-sync")
UPLOAD_REFUSALS = refusals(401, 413, 422, 429)


async def _holder(request: Request, key: str | None) -> KeyHolder | None:
    """Who holds this key (None: refused), the attempt counted like a login first; raises
    RateLimited (429) when this address failed too often, whatever key it sends now."""
    settings = get_settings()
    peer = request.client.host if request.client else ""
    client = client_address(
        peer, request.headers.get("x-forwarded-for", ""), settings.trusted_proxy_hops
    )
    await asyncio.to_thread(
        call_with_engine, count_key_attempt, client=client, now=datetime.now(UTC)
    )
    configured = settings.patt_api_key
    holder = await run_in_session(
        key_holder,
        given=key or "",
        deployment_key=configured.get_secret_value() if configured else None,
        now=datetime.now(UTC),
    )
    if holder is not None:
        await run_in_session(key_attempt_succeeded, client=client)
    return holder


async def _body(request: Request) -> bytes | None:
    """The body, or None once it exceeds the limit (the rest is not read)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_UPLOAD_BYTES:
            return None
    return bytes(body)


def _first_problem(exc: ValidationError) -> str:
    problem = exc.errors()[0]
    where = ".".join(str(part) for part in problem.get("loc", ()))
    return f"{where}: {problem.get('msg', 'invalid')}" if where else problem.get("msg", "invalid")


def _parsed(body: bytes) -> AddonUpload | str:
    """The upload read from its JSON body, or what is wrong with it (a 422's message)."""
    try:
        raw = json.loads(body)
        characters = raw.get("characters") if isinstance(raw, dict) else None
        too_many = too_many_characters(len(characters)) if isinstance(characters, list) else None
        if too_many:
            return too_many
        return AddonUpload.model_validate(raw)
    except ValidationError as exc:
        return _first_problem(exc)
    except json.JSONDecodeError as exc:
        return f"the body is not JSON: {exc.msg} at line {exc.lineno}"
    except (ValueError, RecursionError):
        return "the body is not JSON (UTF-8 text expected)"


def _uploaded(payload: AddonUpload) -> list[UploadedCharacter]:
    """The upload's characters as the service's records: the same fields by name (a field on
    one side only fails tests/unit/test_api_schemas_match_services.py), notes never null."""
    return [
        UploadedCharacter(
            **c.model_dump()
            | {"guild_note": c.guild_note or "", "officer_note": c.officer_note or ""}
        )
        for c in payload.characters
    ]


@router.post("/addon-upload", response_model=AddonUploadResult, responses=UPLOAD_REFUSALS)
async def addon_upload(request: Request, x_api_key: str | None = Header(default=None)):
    """Apply a PATTSync export (body: `{characters: [{name, realm, class, level, rank,
    rank_name, guild_note, officer_note, is_online, last_online, zone}], addon_version,
    uploaded_by}`): characters updated or added, identities matched, integrity checked,
    all in one transaction. At most 2,000 characters."""
    holder = await _holder(request, x_api_key)
    if holder is None:
        return error("missing or wrong X-API-Key", 401)
    body = await _body(request)
    if body is None:
        return error(f"the upload is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB", 413)
    payload = _parsed(body)
    if isinstance(payload, str):
        return error(payload, 422)
    outcome = await run_in_session(
        apply_addon_upload,
        uploaded=_uploaded(payload),
        home_realm_name=get_settings().guild_realm_name,
        now=datetime.now(UTC),
        holder=holder,
        battlenet_ranks=get_settings().blizzard_enabled,
    )
    notify(Topic.ROSTER)  # the heatmap hears its tables (Topic.SCHEDULE, live/topics.py)
    return AddonUploadResult(
        characters_received=outcome.characters_received,
        updated=outcome.updated,
        added=outcome.added,
        links_made=outcome.links_made,
        issues_open=outcome.issues_open,
        ranks="applied" if outcome.ranks_applied else "ignored",
        ranks_note=outcome.ranks_note,
    )


@router.get(
    "/addon-upload/status", response_model=AddonUploadStatus, responses=refusals(401, 422, 429)
)
async def addon_upload_status(request: Request, x_api_key: str | None = Header(default=None)):
    """When the last upload was applied."""
    if await _holder(request, x_api_key) is None:
        return error("missing or wrong X-API-Key", 401)
    return AddonUploadStatus(last_upload=await run_in_session(last_upload))
