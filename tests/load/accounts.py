"""Who the load clients are: every active demo player gets an account (through the invite and
registration services, as a real member would), and every client its own login session."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from patt_app.db import call_in_session
from patt_app.models import GuildRank, Player
from patt_app.services.accounts.invites import create_invite
from patt_app.services.accounts.registration import register
from patt_app.services.accounts.sessions import start_session
from patt_app.services.reference.reference_data import OFFICER_LEVEL

SESSION_HOURS = 12


@dataclass(frozen=True)
class Account:
    user_id: int
    player_id: int
    name: str
    officer: bool


def _open_accounts(*, session: Session, now: datetime) -> int:
    """Give every active player without an account one; returns how many were made."""
    password = secrets.token_urlsafe(12)
    made = 0
    players = session.exec(
        select(Player).where(Player.is_active, col(Player.website_user_id).is_(None))
    ).all()
    for player in players:
        invite = create_invite(
            session=session, player_id=player.id, created_by_player_id=None, now=now
        )
        register(
            session=session,
            code=invite.code,
            username=f"load_{player.id}",
            password=password,
            now=now,
        )
        made += 1
    return made


def _accounts(*, session: Session) -> list[Account]:
    rows = session.exec(
        select(Player.website_user_id, Player.id, Player.display_name, GuildRank.level)
        .join(GuildRank, col(GuildRank.id) == col(Player.guild_rank_id))
        .where(Player.is_active, col(Player.website_user_id).is_not(None))
        .order_by(Player.id)
    ).all()
    return [Account(uid, pid, name, level >= OFFICER_LEVEL) for uid, pid, name, level in rows]


def guild_accounts() -> tuple[list[Account], list[Account]]:
    """(members, officers) of the demo guild, each with an account."""
    call_in_session(_open_accounts, now=datetime.now(UTC))
    accounts = call_in_session(_accounts)
    return [a for a in accounts if not a.officer], [a for a in accounts if a.officer]


def _sessions(*, session: Session, user_ids: list[int], now: datetime) -> list[str]:
    return [
        start_session(
            session=session, user_id=uid, now=now, hours=SESSION_HOURS, user_agent="make load"
        )
        for uid in user_ids
    ]


def login_tokens(accounts: list[Account], count: int) -> list[tuple[Account, str]]:
    """`count` fresh session tokens, round-robin over `accounts` (a member may have several
    tabs, each its own login, as after logging in on a phone and a PC)."""
    if not accounts or count <= 0:
        return []
    chosen = [accounts[i % len(accounts)] for i in range(count)]
    tokens = call_in_session(_sessions, user_ids=[a.user_id for a in chosen], now=datetime.now(UTC))
    return list(zip(chosen, tokens, strict=True))
