"""Role asks with the database: a raid's role gaps and whom to ask (`role_gaps`, fed from the
forecast, the players' off-specs and other characters, and how often each was asked), the
asks recorded when an officer sends them, and a player's yes or no — a yes moves their
sign-up to that role (`raid_attendance.signup_role`), signing them up if they were free."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy import select as select_wide  # sqlmodel's select is typed up to 4 columns
from sqlmodel import Session, col, select

from patt_app.models import (
    Player,
    PlayerCharacter,
    RaidAttendance,
    RaidEvent,
    Role,
    RoleAsk,
    Specialization,
    WowCharacter,
)
from patt_app.services.errors import InvalidInput, NotFound
from patt_app.services.raids.forecast_view import SeasonData, load_season_data, outlooks_for
from patt_app.services.raids.role_gaps import (
    GROUP_OF,
    Candidate,
    GapFill,
    Option,
    propose_gap_fills,
)
from patt_app.services.raids.signup_answers import ROLE_WORDS, answer_raid
from patt_app.services.raids.turnout_forecast import (
    Composition,
    Forecast,
    GuildRates,
    Outlook,
    forecast_turnout,
    shrunk_rate,
)
from patt_app.services.statements import known_row, row_or_refuse


def _options(session: Session, player_ids: list[int]) -> dict[int, list[Option]]:
    """Each player's other roles: their off-spec first, then their characters' specs."""
    found: dict[int, list[Option]] = {pid: [] for pid in player_ids}
    offspecs = session.execute(
        select_wide(
            col(Player.id),
            col(Specialization.name),
            col(Role.key),
            col(WowCharacter.character_name),
            Player,
        )
        .join(Specialization, col(Specialization.id) == col(Player.offspec_spec_id))
        .join(Role, col(Role.id) == col(Specialization.default_role_id))
        .outerjoin(WowCharacter, col(WowCharacter.id) == col(Player.offspec_character_id))
        .where(col(Player.id).in_(player_ids))
    ).all()
    for pid, spec, role, character, player in offspecs:
        other = player.offspec_character_id not in (None, player.main_character_id)
        found[pid].append(Option(role, spec, character if other and character else ""))
    characters = session.exec(
        select(PlayerCharacter.player_id, Specialization.name, Role.key, WowCharacter)
        .join(WowCharacter, col(WowCharacter.id) == col(PlayerCharacter.character_id))
        .join(Specialization, col(Specialization.id) == col(WowCharacter.active_spec_id))
        .join(Role, col(Role.id) == col(Specialization.default_role_id))
        .where(col(PlayerCharacter.player_id).in_(player_ids))
        .order_by(col(WowCharacter.character_name))
    ).all()
    mains = dict(
        session.exec(
            select(Player.id, Player.main_character_id).where(col(Player.id).in_(player_ids))
        ).all()
    )
    for pid, spec, role, character in characters:
        name = "" if character.id == mains.get(pid) else character.character_name
        found[pid].append(Option(role, spec, name))
    return {pid: [o for o in options if o.role in ROLE_WORDS] for pid, options in found.items()}


@dataclass(frozen=True)
class SentAsk:
    name: str
    spec: str  # "Holy", "Holy on Annpriest"
    answer: str  # "waiting", "yes", "no"


@dataclass(frozen=True)
class EventGaps:
    forecast: Forecast
    fills: list[GapFill]
    asks: list[SentAsk]  # the asks already sent for this raid, in the order sent


def _candidates(
    session: Session, pool: list[Outlook], forecast: Forecast, guild: GuildRates
) -> list[Candidate]:
    """The players of `pool` with another role to offer, with their chance of coming (a
    signed-up player's as forecast, a free one's weekday rate) and how often they were asked."""
    options = _options(session, [o.player_id for o in pool])
    times_asked = dict(
        session.exec(select(RoleAsk.player_id, func.count()).group_by(col(RoleAsk.player_id))).all()
    )
    return [
        Candidate(
            player_id=o.player_id,
            name=o.name,
            role=o.role,
            chance=forecast.chances[o.player_id]
            if o.answer == "signed up"
            else shrunk_rate(o.weekday, guild.weekday),
            counted=forecast.chances[o.player_id],
            signed_up=o.answer == "signed up",
            options=tuple(options.get(o.player_id, ())),
            asked=times_asked.get(o.player_id, 0),
        )
        for o in pool
        if options.get(o.player_id)
    ]


def event_gaps(
    *, session: Session, data: SeasonData, event: RaidEvent, now: datetime, need: Composition
) -> EventGaps:
    """The raid's forecast, its role gaps and the proposal for each (empty when none)."""
    outlooks, guild = outlooks_for(data, event, now=now)
    hours = (event.start_time_utc - now).total_seconds() / 3600
    forecast: Forecast = forecast_turnout(outlooks, guild, hours_to_start=hours, need=need)
    asks = list(
        session.exec(select(RoleAsk).where(RoleAsk.event_id == event.id).order_by(col(RoleAsk.id)))
    )
    names = {o.player_id: o.name for o in outlooks}
    sent = [SentAsk(names.get(a.player_id, "?"), a.spec, a.answer or "waiting") for a in asks]
    if not forecast.needs:
        return EventGaps(forecast, [], sent)
    asked_here = {a.player_id for a in asks}
    pool = [
        o
        for o in outlooks
        if o.player_id not in asked_here
        and (o.answer == "signed up" or (o.answer == "no answer" and o.covered))
    ]
    candidates = _candidates(session, pool, forecast, guild)
    waiting = Counter(GROUP_OF.get(a.role, "") for a in asks if a.answer is None)
    fills = propose_gap_fills(
        by_role=forecast.by_role, need=need, candidates=candidates, waiting=dict(waiting)
    )
    return EventGaps(forecast, fills, sent)


def record_asks(
    *, session: Session, event_id: int, now: datetime, need: Composition
) -> list[RoleAsk]:
    """Record the asks of the raid's current proposal (those already asked are never asked
    again for this raid); returns the new asks. The raid's row is locked first, as a member's
    answer locks it (`signup_answers`): of two officers asking at once, the second waits and
    computes the gaps with the first's asks (before, both asked the same players and the
    second broke the unique ask per player and raid)."""
    event = row_or_refuse(
        session,
        RaidEvent,
        event_id,
        "That event does not exist.",
        with_for_update={"key_share": True},  # FOR NO KEY UPDATE, as the answer's UPDATE
        populate_existing=True,
    )
    if event.cancelled_at is not None or event.start_time_utc <= now:
        raise InvalidInput("Only a coming raid's gaps can be filled.")
    gaps = event_gaps(
        session=session, data=load_season_data(session=session), event=event, now=now, need=need
    )
    new = []
    for fill in gaps.fills:
        for ask in fill.asks:
            spec = f"{ask.spec} on {ask.character}" if ask.character else ask.spec
            row = RoleAsk(
                event_id=event_id, player_id=ask.player_id, role=ask.role, spec=spec, asked_at=now
            )
            session.add(row)
            new.append(row)
    if not new:
        raise InvalidInput(
            "There is nobody (more) to ask: the gaps have their asks or no one fits."
        )
    session.flush()
    return new


def answer_role_ask(
    *, session: Session, ask_id: int, player_id: int, yes: bool, now: datetime
) -> str:
    """The player's answer to their ask; what they read back. A yes signs them up (if they
    were not) as the asked role."""
    ask = session.get(RoleAsk, ask_id, with_for_update=True)
    if ask is None or ask.player_id != player_id:
        raise NotFound("That question was not for you.")
    event = known_row(session, RaidEvent, ask.event_id)
    if ask.answer is not None:
        return f"You already answered: {ask.answer}."
    if event.cancelled_at is not None or event.start_time_utc <= now:
        raise InvalidInput("That raid was cancelled or has started; ask an officer.")
    ask.answer, ask.answered_at = ("yes" if yes else "no"), now
    session.add(ask)
    session.flush()
    if not yes:
        return "No worries — thanks for answering. Your sign-up stays as it was."
    row = session.exec(
        select(RaidAttendance).where(
            RaidAttendance.event_id == ask.event_id, RaidAttendance.player_id == player_id
        )
    ).first()
    if row is None or not row.signed_up:
        answer_raid(
            session=session, player_id=player_id, event_id=ask.event_id, choice="sign_up", now=now
        )
        session.expire_all()
        row = session.exec(
            select(RaidAttendance).where(
                RaidAttendance.event_id == ask.event_id, RaidAttendance.player_id == player_id
            )
        ).one()
    row.signup_role = ask.role
    event.roster_changed_at = now
    session.add_all([row, event])
    session.flush()
    return f"Thanks! You're signed up as {ROLE_WORDS[ask.role]} ({ask.spec}) for {event.title}."
