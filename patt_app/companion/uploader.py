"""Uploads an export when it is newer than the last one sent (remembered in a small JSON state
file), retrying with growing pauses while the server is down or busy."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from patt_app.companion.config import UploaderSettings
from patt_app.companion.export import Export, NoExport, ParseError, read_export

log = logging.getLogger(__name__)
MAX_PAUSE = 300.0


class UploadFailed(Exception):
    """The server refused the upload, or stayed unreachable."""


@dataclass(frozen=True)
class Result:
    sent: bool
    message: str


def _last_sent(state_file: Path) -> int:
    try:
        return int(json.loads(state_file.read_text())["last_export_time"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0


def _remember(state_file: Path, export_time: int) -> None:
    state_file.parent.mkdir(parents=True, exist_ok=True)
    temporary = state_file.with_suffix(".tmp")
    temporary.write_text(json.dumps({"last_export_time": export_time}))
    temporary.replace(state_file)


class Uploader:
    """One uploader: its settings, an HTTP client with timeouts, and `sleep` (tests pass a fake)."""

    def __init__(
        self,
        settings: UploaderSettings,
        *,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.client = client or httpx.Client(timeout=httpx.Timeout(30.0, connect=5.0))
        self.sleep = sleep

    def _post(self, export: Export) -> dict:
        response = self.client.post(
            self.settings.upload_url,
            json=export.payload,
            headers={"X-API-Key": self.settings.patt_api_key.get_secret_value()},
        )
        if response.status_code == 429 or response.status_code >= 500:
            raise httpx.HTTPStatusError("server busy", request=response.request, response=response)
        if response.status_code != 200:
            try:
                reason = response.json().get("error", response.text)
            except ValueError:
                reason = response.text
            raise UploadFailed(f"the server refused the upload ({response.status_code}): {reason}")
        return response.json()

    def send(self, export: Export, *, attempts: int | None) -> dict:
        """POST the export; retry transport errors, 429 and 5xx (`attempts=None`: forever)."""
        pause, tried = self.settings.retry_seconds, 0
        while True:
            tried += 1
            try:
                return self._post(export)
            except (httpx.TransportError, httpx.HTTPStatusError) as exc:
                if attempts is not None and tried >= attempts:
                    raise UploadFailed(
                        f"the server did not answer after {tried} tries: {exc}"
                    ) from exc
                log.warning("upload failed (%s); trying again in %.0f s", exc, pause)
                self.sleep(pause)
                pause = min(pause * 2, MAX_PAUSE)

    def upload_if_new(self, *, attempts: int | None) -> Result:
        """Upload the current export if it is newer than the last one sent."""
        path = self.settings.export_file
        if not path.exists():
            return Result(False, f"no export file yet at {path}")
        try:
            export = read_export(path, uploaded_by=self.settings.uploaded_by)
        except (ParseError, NoExport) as exc:
            return Result(False, f"nothing to upload: {exc}")
        if export.export_time <= _last_sent(self.settings.pattsync_state_file):
            return Result(False, "nothing new to upload")
        answer = self.send(export, attempts=attempts)
        _remember(self.settings.pattsync_state_file, export.export_time)
        return Result(
            True,
            f"uploaded export of {export.export_time}: the server received "
            f"{answer.get('characters_received')} characters",
        )
