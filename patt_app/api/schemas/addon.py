"""The PATTSync uploader's request and the answers it has always read. These two answers are
deliberately *not* the `{"ok", "data"}` envelope: uploaders already installed read
`characters_received` at the top level, and compatibility wins."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from patt_app.api.schemas.envelope import FromService, IsoDateTime

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class AddonCharacter(BaseModel):
    """One guild member as the addon saw it; unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    name: str = Field(min_length=1, max_length=24)
    realm: str | None = Field(default=None, max_length=50)
    class_name: str | None = Field(default=None, alias="class", max_length=30)
    level: int | None = Field(default=None, ge=1, le=100)
    rank: int | None = Field(default=None, ge=0, le=9)
    rank_name: str | None = Field(default=None, max_length=50)
    guild_note: str | None = Field(default=None, max_length=500)
    officer_note: str | None = Field(default=None, max_length=500)
    is_online: bool = False
    last_online: str | None = Field(default=None, max_length=40)
    zone: str | None = Field(default=None, max_length=100)

    @field_validator("name", "realm")
    @classmethod
    def _trimmed(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class AddonUpload(BaseModel):
    """`POST /api/guild-sync/addon-upload`: what the companion uploader sends."""

    model_config = ConfigDict(extra="ignore")

    characters: list[AddonCharacter]
    addon_version: str | None = Field(default=None, max_length=40)
    uploaded_by: str | None = Field(default=None, max_length=100)


class AddonUploadResult(FromService):
    """What an accepted upload did."""

    ok: Literal[True] = True
    status: Literal["processed"] = "processed"
    characters_received: int
    updated: int
    added: int
    links_made: int
    issues_open: int
    # "ignored" when the key's owner is not an officer: levels, notes and last-online still
    # applied, ranks not (ranks_note says why).
    ranks: Literal["applied", "ignored"] = "applied"
    ranks_note: str | None = None


class AddonUploadStatus(BaseModel):
    """When the last upload was applied (null: never)."""

    ok: Literal[True] = True
    last_upload: IsoDateTime | None
