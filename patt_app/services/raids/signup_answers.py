"""A player's answer to one raid — signed up, tentative, late (about how late), bench (will sit
if needed), can't come (an excuse, with an optional reason) or withdrawn — from the website's
/events or the raid's Discord post, through this one function with the same refusals (the raid
is cancelled or has started, the player is inactive).

Seats (`raid_seats`): with `raid_size`, the sign-ups take the seats in sign-up order, bench
volunteers last; the others wait on the waitlist. When an answer frees a seat, the first
waiting player takes it (`AnswerOutcome.seated` names them, so the caller can tell them).
Every answer marks the raid's roster post as behind (`roster_changed_at`), so the bot edits it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, TypedDict

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.sql.dml import ReturningInsert
from sqlmodel import Session, col, select

from patt_app.models import Player, RaidAttendance, RaidEvent, Role, Specialization
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.raids.attendance import MAX_NOTE
from patt_app.services.raids.raid_seats import SignUp, event_signups, seat_order
from patt_app.services.scheduling.schedule_time import zone
from patt_app.services.statements import row_or_refuse

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
    roles: tuple[str, ...] = ()  # the roles their specs can sign up as (main spec's first)


def _checked(
    session: Session, player_id: int, event_id: int, choice: str, now: datetime
) -> tuple[Player, RaidEvent]:
    if choice not in CHOICES:
        raise InvalidInput("Pick one of: sign up, tentative, late, bench, can't come.")
    player = row_or_refuse(session, Player, player_id, "That player does not exist.")
    if not player.is_active:
        raise InvalidInput("Your player is inactive: ask an officer to reactivate you.")
    event = session.get(RaidEvent, event_id, with_for_update=True)  # one answer at a time
    if event is None:
        raise NotFound("That event does not exist.")
    if event.cancelled_at is not None:
        raise InvalidInput("That raid was cancelled.")
    if event.start_time_utc <= now:
        raise InvalidInput("That raid has already started; ask an officer.")
    return player, event


def player_roles(session: Session, player: Player) -> tuple[str, ...]:
    """The roles a player can sign up as: their main spec's, then their off-spec's (one read)."""
    specs = [spec_id for spec_id in (player.main_spec_id, player.offspec_spec_id) if spec_id]
    if not specs:
        return ()
    role_of_spec = dict(
        session.execute(
            select(col(Specialization.id), col(Role.key))
            .join(Role, col(Role.id) == col(Specialization.default_role_id))
            .where(col(Specialization.id).in_(specs))
        ).all()
    )
    roles: list[str] = []
    for spec_id in specs:
        key = role_of_spec.get(spec_id)
        if key in ROLE_WORDS and key not in roles:
            roles.append(key)
    return tuple(roles)


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


@dataclass(frozen=True)
class _Written:
    """The player's row of the raid as the answer left it."""

    signup: SignUp
    signup_role: str | None
    late_minutes: int | None


def _write(session: Session, event_id: int, player_id: int, values: dict[str, Any]) -> _Written:
    row = session.execute(
        _upsert(tuple(values), values["signed_up"]),
        {"event_id": event_id, "player_id": player_id, "source": "manual", **values},
    ).one()
    signed_up, bench, signed_at, created_at, role, late = row
    signup = SignUp(player_id, signed_up, bench, signed_at, created_at)
    return _Written(signup, role, late)


@lru_cache(maxsize=32)
def _upsert(
    columns: tuple[str, ...], signed_up: bool
) -> ReturningInsert[bool, bool, datetime | None, datetime, str | None, int | None]:
    """The answer's insert-or-update of the player's row, built once per set of columns (its
    values are the execution's parameters): building it costs more than running it."""
    statement = insert(RaidAttendance)
    changes: dict[str, Any] = {k: getattr(statement.excluded, k) for k in columns}
    # Staying signed up (sign up → late → bench) keeps one's place in the sign-up order, and
    # the role chosen (`signup_role` is written only when given, or cleared with the sign-up).
    changes["signed_up_at"] = (
        func.coalesce(col(RaidAttendance.signed_up_at), statement.excluded.signed_up_at)
        if signed_up
        else None
    )
    return statement.on_conflict_do_update(
        index_elements=["event_id", "player_id"],
        set_={**changes, "updated_at": statement.excluded.updated_at},
    ).returning(
        col(RaidAttendance.signed_up),
        col(RaidAttendance.bench_volunteer),
        col(RaidAttendance.signed_up_at),
        col(RaidAttendance.created_at),
        col(RaidAttendance.signup_role),
        col(RaidAttendance.late_minutes),
    )


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
    player, event = _checked(session, player_id, event_id, choice, now)
    values = _values(choice, late_minutes, reason, now)
    roles = player_roles(session, player)
    if role is not None:
        if not values["signed_up"] or role not in roles:
            words = ", ".join(ROLE_WORDS[r] for r in roles) or "your main spec's role"
            raise InvalidInput(f"You can sign up as: {words}.")
        values["signup_role"] = None if role == roles[0] else role
    signups = event_signups(session=session, event_ids=[event_id])[event_id]
    before = seat_order(signups, event.raid_size)
    mine = _write(session, event_id, player_id, values)
    event.roster_changed_at = now
    session.add(event)
    session.flush()
    # the raid's row is locked (`_checked`): no other answer changed its seats meanwhile
    others = [s for s in signups if s.player_id != player_id]
    after = seat_order([*others, mine.signup], event.raid_size)
    opened = [p for p in after.seated if p not in before.seated and p != player_id]
    seat = after.seated.index(player_id) + 1 if player_id in after.seated else None
    place = after.waiting.index(player_id) + 1 if player_id in after.waiting else None
    standing = (seat, place, len(after.seated))
    message = _message(player, event, choice, roles, standing, mine, say_when)
    return AnswerOutcome(
        player_id, event_id, choice, message, seat, event.raid_size, place, opened, roles
    )


def _message(
    player: Player,
    event: RaidEvent,
    choice: str,
    roles: tuple[str, ...],
    standing: tuple[int | None, int | None, int],
    row: _Written,
    say_when: SayWhen,
) -> str:
    """What the player reads back. `standing`: their seat, their place on the waitlist, the
    seats taken; `row`: their row as written. The role named is the one their raid list shows
    (the one chosen, else the first)."""
    seat, place, taken = standing
    when = say_when(event, player.timezone)
    role = row.signup_role or (roles[0] if roles else "")
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
