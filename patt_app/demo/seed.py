"""Writes the demo guild (see `guild.py`) into an empty database, with dates around today."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from patt_app.demo.campaigns import write_campaigns
from patt_app.demo.guild import (
    DEMO_PASSWORD,
    DEMO_SEED,
    DemoCharacter,
    DemoGuild,
    DemoPlayer,
    plan_demo_guild,
    realm_slug,
)
from patt_app.models import (
    AvailabilityException,
    DiscordUser,
    GuildRank,
    Player,
    PlayerAvailability,
    PlayerCharacter,
    RaidAttendance,
    RaidEvent,
    RaidSeason,
    Specialization,
    User,
    WowCharacter,
    WowClass,
)
from patt_app.services.accounts.passwords import hash_password

RAID_ZONE = ZoneInfo("America/Chicago")
RAID_START = time(20, 0)
RAID_HOURS = 3
RAID_DAYS = (1, 3)  # Tuesday, Thursday
DEMO_RAID_SIZE = 25  # seats of the coming raids, so the fair bench proposes who sits out


class _Lookups:
    """Ids of the reference data, by natural key."""

    def __init__(self, session: Session) -> None:
        self.ranks = {r.level: r.id for r in session.exec(select(GuildRank))}
        self.classes = {c.name: c.id for c in session.exec(select(WowClass))}
        self.specs = {
            (cls, spec.name): spec.id
            for spec, cls in session.exec(
                select(Specialization, col(WowClass.name)).join(
                    WowClass, col(Specialization.class_id) == col(WowClass.id)
                )
            )
        }


def seed_demo_guild(*, session: Session, now: datetime, seed: int = DEMO_SEED) -> bool:
    """Fill an empty guild with the demo guild; returns False (and writes nothing) otherwise.

    The demo is never mixed into a guild that already has players.
    """
    if session.exec(select(col(Player.id)).limit(1)).first() is not None:
        return False
    plan = plan_demo_guild(seed)
    rng = random.Random(seed)
    ids = _Lookups(session)
    players = _write_people(session, plan, ids, now)
    _write_availability(session, plan, players, now.date())
    season = _write_seasons(session, now.date())
    _write_events(session, rng, plan, players, season, now)
    write_campaigns(session, rng, plan, players, now)
    session.flush()
    return True


def _write_character(
    session: Session, char: DemoCharacter, ids: _Lookups, now: datetime
) -> WowCharacter:
    row = WowCharacter(
        character_name=char.name,
        realm_slug=realm_slug(char.realm_name),
        realm_name=char.realm_name,
        class_id=ids.classes[char.class_name],
        active_spec_id=ids.specs[(char.class_name, char.spec_name)],
        level=char.level,
        item_level=char.item_level or None,
        guild_rank_id=ids.ranks[char.rank_level],
        last_login_timestamp=int((now - timedelta(days=char.days_since_login)).timestamp() * 1000),
        guild_note=char.guild_note,
        blizzard_last_sync=now,
        first_seen=now - timedelta(days=120),
    )
    session.add(row)
    return row


def _discord_user(
    discord_id: int,
    username: str,
    display_name: str,
    role: str | None,
    joined: datetime,
    now: datetime,
) -> DiscordUser:
    """A member of the demo Discord server, with their guild role if any."""
    return DiscordUser(
        discord_id=str(discord_id),
        username=username,
        display_name=display_name,
        highest_guild_role=role,
        all_guild_roles=[role] if role else [],
        joined_server_at=joined,
        last_sync=now,
    )


def _write_people(
    session: Session, plan: DemoGuild, ids: _Lookups, now: datetime
) -> dict[str, Player]:
    password_hash = hash_password(DEMO_PASSWORD)
    players: dict[str, Player] = {}
    for demo in plan.players:
        number = 100000000000000000 + len(players)
        players[demo.display_name] = _write_player(session, demo, ids, number, password_hash, now)
    for unlinked in plan.unlinked_characters:
        _write_character(session, unlinked, ids, now)
    for n, (username, display, role) in enumerate(plan.unlinked_discord):
        joined = now - timedelta(days=3 + n)
        session.add(_discord_user(200000000000000000 + n, username, display, role, joined, now))
    session.flush()
    return players


def _write_logins(
    session: Session,
    demo: DemoPlayer,
    discord_id: int,
    password_hash: str,
    joined: datetime,
    now: datetime,
) -> tuple[DiscordUser | None, User | None]:
    """The demo player's Discord member and website account, where they have them."""
    discord = None
    if demo.discord_username:
        discord = _discord_user(
            discord_id, demo.discord_username, demo.display_name, demo.discord_role, joined, now
        )
        session.add(discord)
    user = None
    if demo.has_account and demo.discord_username:
        user = User(discord_username=demo.discord_username.lower(), password_hash=password_hash)
        session.add(user)
    return discord, user


def _write_player(
    session: Session,
    demo: DemoPlayer,
    ids: _Lookups,
    discord_id: int,
    password_hash: str,
    now: datetime,
) -> Player:
    """One demo player: their Discord member, account, characters and links."""
    joined = now - timedelta(weeks=demo.weeks_in_guild)
    discord, user = _write_logins(session, demo, discord_id, password_hash, joined, now)
    characters = [_write_character(session, c, ids, now) for c in demo.characters]
    session.flush()
    main = characters[0] if demo.has_main else None
    offspec = characters[demo.offspec_index] if demo.offspec_index is not None else None
    player = Player(
        display_name=demo.display_name,
        discord_user_id=discord.id if discord else None,
        website_user_id=user.id if user else None,
        guild_rank_id=ids.ranks[demo.rank_level],
        guild_rank_source="wow_character",
        main_character_id=main.id if main else None,
        main_spec_id=main.active_spec_id if main else None,
        offspec_character_id=offspec.id if offspec else None,
        offspec_spec_id=offspec.active_spec_id if offspec else None,
        timezone=demo.timezone,
        auto_invite_events=demo.auto_invite_events,
        is_active=demo.is_active,
        created_at=joined,
    )
    session.add(player)
    session.flush()
    for char in characters:
        session.add(PlayerCharacter(player_id=player.id, character_id=char.id, link_source="seed"))
    return player


def _write_availability(
    session: Session, plan: DemoGuild, players: dict[str, Player], today: date
) -> None:
    for demo in plan.players:
        player = players[demo.display_name]
        for day, (start, hours) in demo.availability.items():
            session.add(
                PlayerAvailability(
                    player_id=player.id,
                    day_of_week=day,
                    earliest_start=start,
                    available_hours=Decimal(str(hours)),
                    updated_at=player.created_at,  # their week since they joined (its history)
                )
            )
    session.add(
        AvailabilityException(
            player_id=players[plan.away_player].id,
            start_date=today + timedelta(days=3),
            end_date=today + timedelta(days=12),
            note="Family trip",
            created_at=datetime.combine(today - timedelta(days=5), RAID_START, tzinfo=UTC),
        )
    )


def _write_seasons(session: Session, today: date) -> RaidSeason:
    start = today - timedelta(weeks=9)
    start -= timedelta(days=(start.weekday() - 1) % 7)  # the Tuesday on or before
    session.add(
        RaidSeason(
            name="Season 1 - Nerub-ar Palace",
            start_date=start - timedelta(weeks=24),
            is_active=False,
        )
    )
    current = RaidSeason(name="Season 2 - Liberation of Undermine", start_date=start)
    session.add(current)
    session.flush()
    return current


def _raid_nights(first: date, last: date) -> list[date]:
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [d for d in days if d.weekday() in RAID_DAYS]


def _write_events(
    session: Session,
    rng: random.Random,
    plan: DemoGuild,
    players: dict[str, Player],
    season: RaidSeason,
    now: datetime,
) -> None:
    today = now.date()
    organiser = players[plan.players[0].display_name]
    for night in _raid_nights(today - timedelta(weeks=8), today + timedelta(weeks=2)):
        start = datetime.combine(night, RAID_START, tzinfo=RAID_ZONE).astimezone(UTC)
        event = RaidEvent(
            season_id=season.id,
            title="Liberation of Undermine — Heroic",
            event_date=night,
            start_time_utc=start,
            end_time_utc=start + timedelta(hours=RAID_HOURS),
            created_by_player_id=organiser.id,
            notes="Invites 15 minutes before pull. Flasks and food provided.",
            raid_size=DEMO_RAID_SIZE if start > now else None,  # the bench has work to show
        )
        session.add(event)
        session.flush()
        past = event.end_time_utc < now
        for demo in plan.players:
            player = players[demo.display_name]
            if player.created_at > event.start_time_utc or not player.is_active:
                continue
            signed = demo.auto_invite_events or rng.random() < demo.attendance_rate
            attended = past and signed and rng.random() < 0.93
            excused = not signed and rng.random() < 0.35
            if not (signed or excused):
                continue
            if not past and not demo.auto_invite_events and rng.random() < 0.5:
                continue  # not everyone has signed up for the future nights yet
            session.add(
                RaidAttendance(
                    event_id=event.id,
                    player_id=player.id,
                    signed_up=signed,
                    attended=attended,
                    noted_absence=excused,
                    character_id=player.main_character_id if attended else None,
                    source="auto" if demo.auto_invite_events and signed else "manual",
                )
            )
