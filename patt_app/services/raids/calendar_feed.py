"""Each member's private iCal feed (RFC 5545) of raid events, behind a secret link. Only the
secret's SHA-256 is stored (like session tokens): the link is shown once, when made."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from icalendar import Calendar, Event
from sqlmodel import Session, col, select

from patt_app.models import Player, RaidAttendance, RaidEvent
from patt_app.services.statements import row_or_refuse

FEED_HISTORY = timedelta(days=60)


def _player(session: Session, player_id: int) -> Player:
    player = row_or_refuse(session, Player, player_id, "That player does not exist.")
    return player


def hash_token(token: str) -> str:
    """What is stored for a feed secret: its SHA-256, as for session tokens."""
    return hashlib.sha256(token.encode()).hexdigest()


def has_calendar_link(*, session: Session, player_id: int) -> bool:
    """Whether the player has made a calendar link that still works."""
    return _player(session, player_id).calendar_token_hash is not None


def reset_calendar_token(*, session: Session, player_id: int) -> str:
    """A new secret for the player's link, returned once (only its hash is kept); an earlier
    link stops working at once."""
    player = _player(session, player_id)
    token = secrets.token_urlsafe(24)
    player.calendar_token_hash = hash_token(token)
    session.add(player)
    session.flush()
    return token


def feed_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/api/v1/calendar/{token}.ics"


def build_feed(*, session: Session, token: str, now: datetime, base_url: str) -> bytes | None:
    """The feed for a token, or None when no active player has it (a deactivated player's
    calendar stops with their membership)."""
    if not token:
        return None
    player = session.exec(
        select(Player).where(
            col(Player.calendar_token_hash) == hash_token(token), col(Player.is_active)
        )
    ).first()
    if player is None:
        return None
    status = {
        r.event_id: r
        for r in session.exec(
            select(RaidAttendance).where(col(RaidAttendance.player_id) == player.id)
        )
    }
    events = session.exec(
        select(RaidEvent)
        .where(col(RaidEvent.end_time_utc) >= now - FEED_HISTORY)
        .order_by(col(RaidEvent.start_time_utc))
    ).all()
    calendar = Calendar()
    calendar.add("prodid", "-//Pull All The Things//PATT Platform//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "PATT raids")
    for event in events:
        row = status.get(event.id)
        mine = (
            "You are signed up."
            if row and row.signed_up
            else "You sent an excuse."
            if row and row.noted_absence
            else "You have not signed up."
        )
        item = Event()
        item.add("uid", f"raid-{event.id}@patt-platform")
        item.add("dtstamp", now)
        item.add("dtstart", event.start_time_utc)
        item.add("dtend", event.end_time_utc)
        item.add("summary", event.title)
        item.add("description", "\n".join(x for x in (event.notes or "", mine) if x))
        item.add("url", f"{base_url.rstrip('/')}/events")
        if event.cancelled_at is not None:
            item.add("status", "CANCELLED")
        calendar.add_component(item)
    feed: bytes = calendar.to_ical()  # icalendar leaves it unannotated
    return feed
