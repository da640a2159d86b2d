"""The PATTSync uploader's endpoint, kept exactly as installed uploaders expect it:
`POST /api/guild-sync/addon-upload` with header `X-API-Key`, answering
`{"ok": true, "status": "processed", "characters_received": N, …}`; and its status.

Key-protected (the deployment's PATT_API_KEY or an officer-generated key), not session-
protected. 401 for a wrong or missing key, 413 over 5 MB, 422 naming the first problem.
"""

from __future__ import annotations

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
from patt_app.db import run_in_session
from patt_app.live.notify import notify
from patt_app.services.identity.addon_keys import key_accepted
from patt_app.services.identity.addon_roster import UploadedCharacter
from patt_app.services.identity.addon_upload import apply_addon_upload, last_upload
from patt_app.settings import get_settings

router = APIRouter(prefix="/api/guild-sync")
UPLOAD_REFUSALS = refusals(401, 413, 422)


async def _key_refused(key: str | None) -> bool:
    configured = get_settings().patt_api_key
    return not await run_in_session(
        key_accepted,
        given=key or "",
        deployment_key=configured.get_secret_value() if configured else None,
        now=datetime.now(UTC),
    )


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


def _uploaded(payload: AddonUpload) -> list[UploadedCharacter]:
    return [
        UploadedCharacter(
            name=c.name,
            realm=c.realm,
            class_name=c.class_name,
            level=c.level,
            rank=c.rank,
            rank_name=c.rank_name,
            guild_note=c.guild_note or "",
            officer_note=c.officer_note or "",
            is_online=c.is_online,
            last_online=c.last_online,
            zone=c.zone,
        )
        for c in payload.characters
    ]


@router.post("/addon-upload", response_model=AddonUploadResult, responses=UPLOAD_REFUSALS)
async def addon_upload(request: Request, x_api_key: str | None = Header(default=None)):
    """Apply a PATTSync export (body: `{characters: [{name, realm, class, level, rank,
    rank_name, guild_note, officer_note, is_online, last_online, zone}], addon_version,
    uploaded_by}`): characters updated or added, identities matched, integrity checked,
    all in one transaction."""
    if await _key_refused(x_api_key):
        return error("missing or wrong X-API-Key", 401)
    body = await _body(request)
    if body is None:
        return error(f"the upload is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB", 413)
    try:
        payload = AddonUpload.model_validate(json.loads(body))
    except ValidationError as exc:
        return error(_first_problem(exc), 422)
    except json.JSONDecodeError as exc:
        return error(f"the body is not JSON: {exc.msg} at line {exc.lineno}", 422)
    except (ValueError, RecursionError):
        return error("the body is not JSON (UTF-8 text expected)", 422)
    outcome = await run_in_session(
        apply_addon_upload,
        uploaded=_uploaded(payload),
        home_realm_name=get_settings().guild_realm_name,
        now=datetime.now(UTC),
    )
    notify("roster")  # the heatmap hears its tables ("schedule", live/notify.py)
    return AddonUploadResult.model_validate(outcome)


@router.get("/addon-upload/status", response_model=AddonUploadStatus, responses=refusals(401, 422))
async def addon_upload_status(x_api_key: str | None = Header(default=None)):
    """When the last upload was applied."""
    if await _key_refused(x_api_key):
        return error("missing or wrong X-API-Key", 401)
    return AddonUploadStatus(last_upload=await run_in_session(last_upload))
