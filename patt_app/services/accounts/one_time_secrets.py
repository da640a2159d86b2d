"""What invite codes and password reset links share: a new one ends the unused ones before it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col

from patt_app.models import InviteCode, PasswordReset


def expire_unused(
    session: Session,
    model: type[InviteCode] | type[PasswordReset],
    owner: Any,
    owner_id: int,
    now: datetime,
) -> None:
    """Every unused, unexpired `model` row whose `owner` column is `owner_id` expires `now`."""
    session.execute(
        update(model)
        .where(owner == owner_id, col(model.used_at).is_(None), col(model.expires_at) > now)
        .values(expires_at=now)
    )
