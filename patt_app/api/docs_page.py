"""`/api/docs`: the interactive API documentation (Swagger UI), its script and stylesheet
served by the app itself from the files the `fastapi-offline` package ships (Swagger UI 5,
which reads OpenAPI 3.1), not from a public CDN: it works offline and under the pages'
Content-Security-Policy (which allows scripts from this site only)."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.staticfiles import StaticFiles

ASSETS = "/api/docs-assets"
FILES = Path(fastapi_offline.__file__).parent / "static"  # swagger-ui-bundle.js, .css, favicon


def add_docs_page(api: FastAPI) -> None:
    """The page and its assets (before the API's catch-all 404 route)."""
    api.mount(ASSETS, StaticFiles(directory=FILES), name="docs-assets")

    @api.get("/api/docs", include_in_schema=False)
    async def docs_page():
        return get_swagger_ui_html(
            openapi_url=api.openapi_url or "/api/openapi.json",
            title=f"{api.title} · docs",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon.png",
        )
