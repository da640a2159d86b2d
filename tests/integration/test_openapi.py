"""The API documents itself: every JSON route declares the shape of its answer and of its
refusals, so /api/docs shows what a client gets back."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from patt_app.api import create_api
from patt_app.api.refusals import STATUS_BY_ERROR, status_for
from patt_app.services import errors

# The PATTSync uploader's routes keep the answers installed uploaders read (no envelope), and are
# protected by a key rather than a session.
UPLOADER_COMPAT = {
    "/api/guild-sync/addon-upload": "AddonUploadResult",
    "/api/guild-sync/addon-upload/status": "AddonUploadStatus",
}
FILES = {
    "/api/v1/calendar/{token}.ics": "text/calendar",
    "/api/v1/attendance/season/{season_id}.csv": "text/csv",
    "/api/v1/campaign-images/{name}": "image/*",
}


@pytest.fixture(scope="module")
def spec() -> dict:
    with TestClient(create_api()) as client:
        response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(spec: dict):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def _resolve(spec: dict, schema: dict) -> dict:
    name = schema["$ref"].rsplit("/", 1)[-1]
    return spec["components"]["schemas"][name]


def test_every_route_is_documented(spec):
    paths = set(spec["paths"])
    assert "/api/health" in paths
    assert {p for p in paths if not p.startswith("/api/v1/")} == {"/api/health", *UPLOADER_COMPAT}
    assert len(paths) >= 15


def test_every_json_answer_is_an_envelope_with_a_typed_data(spec):
    for path, method, operation in _operations(spec):
        # 201: a ballot or campaign made; 202: a sync started
        success = next(s for s in ("200", "201", "202") if s in operation["responses"])
        content = operation["responses"][success]["content"]
        if path in FILES:
            assert list(content) == [FILES[path]], path
            continue
        if path in UPLOADER_COMPAT:
            schema = _resolve(spec, content["application/json"]["schema"])
            assert content["application/json"]["schema"]["$ref"].endswith(UPLOADER_COMPAT[path])
            assert schema["properties"]["ok"]["const"] is True
            continue
        envelope = _resolve(spec, content["application/json"]["schema"])
        assert envelope["required"] == ["data"], (method, path)
        assert envelope["properties"]["ok"]["const"] is True, (method, path)
        data = envelope["properties"]["data"]
        assert "$ref" in data or (data.get("type") == "array" and "$ref" in data["items"]), path


def test_refusals_are_documented_as_the_error_envelope(spec):
    """Every refusal is the error envelope, or the envelope with more said (the 409 of
    "Sync now" names the run under way)."""
    for path, _, operation in _operations(spec):
        for status, response in operation["responses"].items():
            if status.startswith(("4", "5")):
                ref = response["content"]["application/json"]["schema"]["$ref"]
                schema = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]
                assert "error" in schema["required"], (path, status)
                assert schema["properties"]["ok"]["const"] is False, (path, status)
    guarded = spec["paths"]["/api/v1/admin/players"]["get"]["responses"]
    assert {"401", "403"} <= set(guarded)
    assert {"401", "429"} <= set(spec["paths"]["/api/v1/auth/login"]["post"]["responses"])
    assert "503" in spec["paths"]["/api/health"]["get"]["responses"]


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (errors.InvalidInput("x"), 422),
        (errors.InviteInvalid("x"), 422),
        (errors.NotLoggedIn("x"), 401),
        (errors.NotAllowed("x"), 403),
        (errors.NotFound("x"), 404),
        (errors.RateLimited("x"), 429),
        (errors.PattError("x"), 400),
    ],
)
def test_each_refusal_has_its_status(error, status):
    assert status_for(error) == status


def test_services_errors_carry_no_http_status():
    assert not any(hasattr(cls, "status_code") for cls in STATUS_BY_ERROR)
