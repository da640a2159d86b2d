"""A player's answer to one raid — signed up, tentative, late (about how late), bench (will sit
if needed), can't come (an excuse, with an optional reason) or withdrawn — from the website's
/events or the raid's Discord post, through this one function with the same refusals (the raid
is cancelled or has started, the player is inactive).

Seats (`raid_seats`): with `raid_size`, the sign-ups take the seats in sign-up order, bench
volunteers last; the others wait on the waitlist. When an answer frees a seat, the first
waiting player takes it (`AnswerOutcome.seated` names them, so the caller can tell them).
Every answer marks the raid's roster post as behind (`roster_changed_at`), so the bot edits it.

An answer's transaction is four statements, built once (`raid_statements`): the player, the
raid (locked), its sign-ups, the player's row. The seats after the answer come from the seats
before it and the row written, and the raid's row the member's list shows from both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypedDict

from sqlmodel import Session

from patt_app.models import RaidAttendance, RaidEvent
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.raids import raid_statements as statements
from patt_app.services.raids.attendance import MAX_NOTE
from patt_app.services.raids.events import EventRow, event_row
from patt_app.services.raids.raid_seats import event_signups, seat_order
from patt_app.services.scheduling.schedule_time import zone
from patt_app.services.statements import forget_held

CHOICES = ("sign_up", "tentative", "late", "bench", "cant_come", "withdraw")
MAX_LATE_MINUTES = 240
# Names the raid in an answer's reply, for the reader's zone: (event, timezone) -> text.
SayWhen = Callable[[RaidEvent, str], str]

ROLE_WORDS = {"tank": "Tank", "healer": "Healer", "melee": "Melee DPS", "ranged": "Ranged DPS"}

# What each answer writes (the reason and the minutes late are added where they apply).
_FIELDS = {
    "sign_up": dict(signed_up=True, tentative=False, bench_volunteer=False, noted_absence=False),
    "late": dict(signed_up=True, tentative=False, bench_volunteer=False, noted_absence=False),
    "bench": dict(signed_up=True, tentative=False, bench_volunteer=True, noted_absence=False),
    "tentative": dict(signed_up=False, tentative=True, bench_volunteer=False, noted_absence=False),
    "cant_come": dict(signed_up=False, tentative=False, bench_volunteer=False, noted_absence=True),
    "withdraw": dict(signed_up=False, tentative=False, bench_volunteer=False, noted_absence=False),
}


@dataclass(frozen=True)
class AnswerOutcome:
    player_id: int
    event_id: int
    choice: str
    message: str  # what the player reads, in plain words, times in their own zone
    seat: int | None  # their seat number when signed up and seated
    seats: int | None  # the raid's size
    waiting_place: int | None  # their place on the waitlist
    seated: list[int]  # other players who just got a seat that opened
    roles: tuple[str, ...]  # the roles their specs can sign up as (main spec's first)
    raid: EventRow  # the raid as the answer left it (its sign-ups counted after the answer)
    row: RaidAttendance  # the player's row of the raid as written (not in the session)


@dataclass(frozen=True)
class _Player:
    timezone: str
    roles: tuple[str, ...]


def _checked_player(session: Session, player_id: int, choice: str) -> _Player:
    if choice not in CHOICES:
        raise InvalidInput("Pick one of: sign up, tentative, late, bench, can't come.")
    found = session.execute(statements.PLAYER, {"player_id": player_id}).first()
    if found is None:
        raise NotFound("That player does not exist.")
    is_active, timezone, main_role, off_role = found
    if not is_active:
        raise InvalidInput("Your player is inactive: ask an officer to reactivate you.")
    return _Player(timezone, ordered_roles((main_role, off_role)))


def _locked_raid(session: Session, event_id: int, now: datetime) -> tuple[RaidEvent, Any]:
    """The raid (its roster post marked behind, its row locked: one answer at a time), and
    its season's name and sign-up count before this answer; refused, untouched, when it is
    missing, cancelled or started."""
    found = session.execute(statements.LOCK_RAID, {"event_id": event_id, "now": now}).first()
    if found is None:
        event = session.get(RaidEvent, event_id)
        if event is None:
            raise NotFound("That event does not exist.")
        if event.cancelled_at is not None:
            raise InvalidInput("That raid was cancelled.")
        raise InvalidInput("That raid has already started; ask an officer.")
    forget_held(session, RaidEvent, event_id)  # a copy the session holds has changed
    columns = found._asdict()
    extra = (columns.pop("season_name"), columns.pop("signed_up_count"))
    return RaidEvent(**columns), extra


def ordered_roles(role_keys: Iterable[str | None]) -> tuple[str, ...]:
    """The roles of a player's specs (main spec's first), each once, known roles only."""
    return tuple(dict.fromkeys(key for key in role_keys if key in ROLE_WORDS))


def player_roles(session: Session, player_id: int) -> tuple[str, ...]:
    """The roles a player can sign up as: their main spec's, then their off-spec's (one read;
    none for an unknown player)."""
    found = session.execute(statements.PLAYER, {"player_id": player_id}).first()
    return ordered_roles(found[2:]) if found else ()


def _values(choice: str, late_minutes: int | None, reason: str, now: datetime) -> dict[str, Any]:
    values: dict[str, Any] = dict(
        _FIELDS[choice], late_minutes=None, absence_note=None, signed_up_at=None
    )
    if choice == "late":
        if late_minutes is None or not 1 <= late_minutes <= MAX_LATE_MINUTES:
            raise InvalidInput(f"Say how late in minutes, 1 to {MAX_LATE_MINUTES}.")
        values["late_minutes"] = late_minutes
    if choice == "cant_come":
        reason = reason.strip()
        if len(reason) > MAX_NOTE:
            raise InvalidInput(f"Keep the reason to {MAX_NOTE} characters.")
        values["absence_note"] = reason or None
    if values["signed_up"]:
        values["signed_up_at"] = now
    else:
        values["benched"] = False  # only a sign-up sits on the bench
        values["signup_role"] = None
    return values


def _write(
    session: Session, event_id: int, player_id: int, values: dict[str, Any]
) -> RaidAttendance:
    """The player's row of the raid, inserted or updated, as it now stands."""
    written = session.execute(
        statements.upsert(tuple(values), values["signed_up"]),
        {"event_id": event_id, "player_id": player_id, "source": "manual", **values},
    ).one()
    return RaidAttendance(**written._asdict())


def raid_day(event: RaidEvent, timezone: str) -> str:
    """The raid as the website's confirmation names it, "Heroic raid on Tue 8 Dec" in the
    reader's zone: no clock time, which the raid's card beside it shows in the browser's style."""
    local = event.start_time_utc.astimezone(zone(timezone))
    return f"{event.title} on {local:%a} {local.day} {local:%b}"


class AnswerDetails(TypedDict, total=False):
    """An answer's optional parts, as `answer_raid` takes them: minutes late, the reason given,
    the role to sign up as."""

    late_minutes: int | None
    reason: str
    role: str | None


def answer_raid(
    *,
    session: Session,
    player_id: int,
    event_id: int,
    choice: str,
    now: datetime,
    late_minutes: int | None = None,
    reason: str = "",
    role: str | None = None,
    say_when: SayWhen = raid_day,
) -> AnswerOutcome:
    """Record the player's answer (see the module's explanation); what they read back. `role`:
    sign up as one of the player's other specs' roles (None: as before, else the main spec's).
    `say_when` names the raid in the reply (Discord's replies use a Discord timestamp)."""
    player = _checked_player(session, player_id, choice)
    values = _values(choice, late_minutes, reason, now)
    if role is not None:
        values["signup_role"] = _chosen_role(role, player.roles, values["signed_up"])
    session.flush()  # what the session holds is written before the statements below run
    event, (season_name, signed_up_before) = _locked_raid(session, event_id, now)
    signups = event_signups(session=session, event_ids=[event_id])[event_id]
    mine = _write(session, event_id, player_id, values)
    # the raid's row is locked (`_locked_raid`): no other answer changed its seats meanwhile
    others = [s for s in signups if s.player_id != player_id]
    before, after = (
        seat_order(signups, event.raid_size),
        seat_order([*others, mine], event.raid_size),
    )
    opened = [p for p in after.seated if p not in before.seated and p != player_id]
    seat = after.seated.index(player_id) + 1 if player_id in after.seated else None
    place = after.waiting.index(player_id) + 1 if player_id in after.waiting else None
    message = _message(player, event, choice, (seat, place, len(after.seated)), mine, say_when)
    # the player is active, so they were among `signups` exactly when signed up before
    signed_up = signed_up_before - (len(others) < len(signups)) + mine.signed_up
    raid = event_row(event, season_name, signed_up)
    return AnswerOutcome(
        player_id, event_id, choice, message, seat, event.raid_size, place, opened, player.roles,
        raid, mine,
    )  # fmt: skip


def _chosen_role(role: str, roles: tuple[str, ...], signs_up: bool) -> str | None:
    """The role to write for a sign-up as `role` (None: the main spec's, the default)."""
    if not signs_up or role not in roles:
        words = ", ".join(ROLE_WORDS[r] for r in roles) or "your main spec's role"
        raise InvalidInput(f"You can sign up as: {words}.")
    return None if role == roles[0] else role


def _message(
    player: _Player,
    event: RaidEvent,
    choice: str,
    standing: tuple[int | None, int | None, int],
    row: RaidAttendance,
    say_when: SayWhen,
) -> str:
    """What the player reads back. `standing`: their seat, their place on the waitlist, the
    seats taken; `row`: their row as written. The role named is the one their raid list shows
    (the one chosen, else the first)."""
    seat, place, taken = standing
    when = say_when(event, player.timezone)
    role = row.signup_role or (player.roles[0] if player.roles else "")
    as_role = f" as {ROLE_WORDS[role]}" if role in ROLE_WORDS else ""
    if choice in ("sign_up", "late", "bench"):
        extra = {
            "late": f", about {row.late_minutes} min late",
            "bench": ", happy to sit if needed",
        }.get(choice, "")
        if place is not None:
            return (
                f"The {event.raid_size} seats for {when} are taken: you're number {place} on "
                f"the waitlist{as_role}{extra}. You'll get a DM if a seat opens."
            )
        seats = f" — seat {seat} of {event.raid_size}" if event.raid_size else f" — {taken} in"
        return f"You're in for {when}{as_role}{extra}{seats}."
    return {
        "tentative": f"Marked tentative for {when}. Sign up when you know.",
        "cant_come": f"Got it: you can't come on {when}. Thanks for letting us know.",
        "withdraw": f"Withdrawn from {when}.",
    }[choice]
