"""Making a guild's first real officer on a fresh database (the CLI's `create-officer`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from patt_app.models import GuildRank, Player, User
from patt_app.services.accounts.invites import create_invite
from patt_app.services.accounts.passwords import hash_password
from patt_app.services.accounts.registration import validate_new_credentials
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.players.player_admin import create_player, set_rank_override


@dataclass(frozen=True)
class NewOfficer:
    player_id: int
    display_name: str
    rank_name: str
    username: str | None  # set when an account was created
    invite_code: str | None  # set when a registration code was made instead


def _player_without_account(session: Session, name: str) -> Player:
    """The player called `name`, created when there is none; refused when they have a login."""
    player = session.exec(select(Player).where(col(Player.display_name) == name)).first()
    if player is None:
        player = create_player(session=session, display_name=name)
    if player.website_user_id is not None:
        raise InvalidInput(f"{player.display_name} already has an account.")
    return player


def create_officer(
    *,
    session: Session,
    display_name: str,
    username: str,
    password: str | None,
    rank_level: int,
    now: datetime,
) -> NewOfficer:
    """Find or create the player called `display_name`, pin an officer rank (level ≥ 4), and
    either create the login `username` with `password`, or (no password) make a one-time
    registration code for them. Refuses a username or player that already has an account."""
    if rank_level < 4:
        raise InvalidInput("An officer's rank is level 4 (Officer) or 5 (Guild Leader).")
    rank = session.exec(select(GuildRank).where(col(GuildRank.level) == rank_level)).first()
    if rank is None:
        raise NotFound(f"There is no rank of level {rank_level}; seed the reference data first.")
    player = _player_without_account(session, display_name.strip())
    set_rank_override(
        session=session, player_id=player.id, rank_id=rank.id, actor_player_id=None, now=now
    )
    if password is None:
        invite = create_invite(
            session=session, player_id=player.id, created_by_player_id=None, now=now
        )
        return NewOfficer(player.id, player.display_name, rank.name, None, invite.code)
    login = validate_new_credentials(username, password)
    if session.exec(select(col(User.id)).where(col(User.discord_username) == login)).first():
        raise InvalidInput(f"The username {login} already has an account.")
    user = User(discord_username=login, password_hash=hash_password(password), created_at=now)
    session.add(user)
    session.flush()
    player.website_user_id = user.id
    session.add(player)
    session.flush()
    return NewOfficer(player.id, player.display_name, rank.name, login, None)
