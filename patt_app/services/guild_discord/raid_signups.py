"""Raid answers as the website and Discord both take them: `answer_raid` (services/raids/
signup_answers.py) plus what follows on Discord — a DM to each player who just got a seat that
opened. A Discord user is first matched to their linked player; an unlinked one is refused with
the way to link, and nothing is recorded."""

from __future__ import annotations

from datetime import datetime
from typing import Unpack

from sqlmodel import Session, col, select

from patt_app.models import DiscordUser, Player, RaidEvent
from patt_app.services.errors import InvalidInput
from patt_app.services.guild_discord.event_embeds import stamp
from patt_app.services.guild_discord.posts import queue_dm
from patt_app.services.raids.bench_view import set_raid_size
from patt_app.services.raids.raid_seats import event_seating
from patt_app.services.raids.signup_answers import (
    AnswerDetails,
    AnswerOutcome,
    SayWhen,
    answer_raid,
    raid_day,
)
from patt_app.services.statements import known_row


class NotLinked(InvalidInput):
    """The Discord account is not linked to a player of the guild."""


def link_help(site_url: str) -> str:
    return (
        "Your Discord account isn't linked to a player of the guild yet, so nothing was "
        f"recorded. Register at {site_url.rstrip('/')}/register with the invite an officer "
        "gives you (or link it on your profile), then press the button again."
    )


def player_of_discord(*, session: Session, discord_id: str) -> int | None:
    """The player linked to this Discord account, if any."""
    return session.exec(
        select(col(Player.id))
        .join(DiscordUser, col(DiscordUser.id) == col(Player.discord_user_id))
        .where(col(DiscordUser.discord_id) == discord_id)
    ).first()


def _tell_seated(session: Session, event_id: int, seated: list[int], now: datetime) -> None:
    if not seated:
        return
    event = known_row(session, RaidEvent, event_id)
    people = session.exec(
        select(col(Player.id), col(DiscordUser.discord_id))
        .join(DiscordUser, col(DiscordUser.id) == col(Player.discord_user_id))
        .where(col(Player.id).in_(seated))
    ).all()
    text = (
        f"A seat opened for **{event.title}** on {stamp(event.start_time_utc)}: you're in! "
        "Can't make it after all? Press Can't come on the raid's post."
    )
    for player_id, discord_id in people:
        queue_dm(
            session=session,
            dedupe_key=f"raid_event:{event.id}:seat:{player_id}:{now.isoformat()}",
            discord_id=discord_id,
            text=text,
            now=now,
            not_after=event.start_time_utc,
            subject=f"raid_event:{event.id}:seat",
        )


def discord_when(event: RaidEvent, timezone: str) -> str:
    """The raid's start in a Discord reply: a timestamp each reader sees in their own zone and
    clock style."""
    return stamp(event.start_time_utc, "f")


def answer_as_player(
    *,
    session: Session,
    player_id: int,
    event_id: int,
    choice: str,
    now: datetime,
    say_when: SayWhen = raid_day,
    **details: Unpack[AnswerDetails],
) -> AnswerOutcome:
    """The website's path: the answer, and a DM to whoever it gave a seat."""
    outcome = answer_raid(
        session=session,
        player_id=player_id,
        event_id=event_id,
        choice=choice,
        now=now,
        say_when=say_when,
        **details,
    )
    _tell_seated(session, outcome.event_id, outcome.seated, now)
    return outcome


def change_seats(
    *, session: Session, event_id: int, raid_size: int | None, now: datetime
) -> list[int]:
    """An officer sets the raid's seats (`bench_view.set_raid_size`); whoever the change takes
    off the waitlist gets the DM, and the raid's post follows. Returns their ids."""
    before = event_seating(session=session, event_id=event_id)
    set_raid_size(session=session, event_id=event_id, raid_size=raid_size)
    after = event_seating(session=session, event_id=event_id)
    seated = [p for p in after.seated if p not in before.seated]
    event = known_row(session, RaidEvent, event_id)
    event.roster_changed_at = now
    session.add(event)
    _tell_seated(session, event_id, seated, now)
    return seated


def answer_from_discord(
    *,
    session: Session,
    discord_id: str,
    event_id: int,
    choice: str,
    now: datetime,
    site_url: str,
    **details: Unpack[AnswerDetails],
) -> AnswerOutcome:
    """Discord's path: the same answer for the player linked to `discord_id` (NotLinked,
    saying how to link, when there is none)."""
    player_id = player_of_discord(session=session, discord_id=discord_id)
    if player_id is None:
        raise NotLinked(link_help(site_url))
    return answer_as_player(
        session=session,
        player_id=player_id,
        event_id=event_id,
        choice=choice,
        now=now,
        say_when=discord_when,
        **details,
    )
