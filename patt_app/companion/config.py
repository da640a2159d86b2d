"""The uploader's own settings (it runs on a member's PC, not in the server): the environment
or a `.env` file in the folder it is started from."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

FILE_NAME = "PATTSync.lua"


class UploaderSettings(BaseSettings):
    """PATT_API_URL (ending in /api), PATT_API_KEY, WOW_SAVED_VARIABLES_PATH (the
    `WTF/Account/<ACCOUNT>/SavedVariables` folder), POLL_INTERVAL in seconds."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    patt_api_url: str
    patt_api_key: SecretStr
    wow_saved_variables_path: Path
    poll_interval: float = Field(default=30.0, gt=0)
    pattsync_state_file: Path = Path.home() / ".pattsync-uploader.json"
    upload_attempts: int = Field(default=5, ge=1, description="tries per upload with --once")
    retry_seconds: float = Field(default=2.0, gt=0, description="first pause; doubles, max 5 min")
    uploaded_by: str = ""

    @property
    def export_file(self) -> Path:
        """The SavedVariables file the addon writes."""
        path = self.wow_saved_variables_path
        return path if path.suffix == ".lua" else path / FILE_NAME

    @property
    def upload_url(self) -> str:
        return self.patt_api_url.rstrip("/") + "/guild-sync/addon-upload"
