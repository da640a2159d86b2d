from datetime import UTC, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from patt_app.demo.guild import DEMO_MEMBER, DEMO_OFFICER, DEMO_PASSWORD
from patt_app.demo.seed import seed_demo_guild
from patt_app.models import (
    AvailabilityException,
    Campaign,
    CampaignEntry,
    CampaignResult,
    DiscordUser,
    GuildRank,
    Player,
    PlayerAvailability,
    PlayerCharacter,
    RaidAttendance,
    RaidEvent,
    RaidSeason,
    Role,
    Specialization,
    User,
    Vote,
    WowCharacter,
    WowClass,
)
from patt_app.services.accounts.passwords import verify_password
from patt_app.services.reference.reference_data import seed_reference_data
from patt_app.services.reference.seasons import current_season

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
TABLES = (
    GuildRank,
    Role,
    WowClass,
    Specialization,
    Player,
    WowCharacter,
    PlayerCharacter,
    DiscordUser,
    User,
    PlayerAvailability,
    RaidSeason,
    RaidEvent,
    RaidAttendance,
    Campaign,
    CampaignEntry,
    Vote,
)


def _count(db: Session, model) -> int:
    return db.exec(select(func.count()).select_from(model)).one()


def _counts(db: Session) -> dict[str, int]:
    return {m.__name__: _count(db, m) for m in TABLES}


def test_reference_seed_is_complete_and_idempotent(db):
    seed_reference_data(session=db)
    first = _counts(db)
    seed_reference_data(session=db)
    assert _counts(db) == first
    assert (first["GuildRank"], first["Role"], first["WowClass"], first["Specialization"]) == (
        5,
        4,
        13,
        39,
    )
    blood = db.exec(
        select(Specialization, Role).join(Role).where(Specialization.name == "Blood")
    ).one()
    assert blood[1].name == "Tank"


def test_reseeding_keeps_an_officers_rank_changes(db):
    seed_reference_data(session=db)
    veteran = db.exec(select(GuildRank).where(GuildRank.level == 3)).one()
    veteran.scheduling_weight = 2
    veteran.name = "Raider"
    db.flush()
    seed_reference_data(session=db)
    db.refresh(veteran)
    assert (veteran.name, veteran.scheduling_weight) == ("Raider", 2)
    assert _count(db, GuildRank) == 5


def test_demo_guild_is_written_once(seeded):
    assert seed_demo_guild(session=seeded, now=NOW) is True
    first = _counts(seeded)
    assert seed_demo_guild(session=seeded, now=NOW + timedelta(days=1)) is False
    assert _counts(seeded) == first


def test_demo_guild_looks_like_a_real_guild(seeded):
    seed_demo_guild(session=seeded, now=NOW)
    db = seeded
    assert 40 <= _count(db, Player) <= 46
    assert 185 <= _count(db, WowCharacter) <= 205
    ranks = db.exec(
        select(GuildRank.level).join(Player, Player.guild_rank_id == GuildRank.id).distinct()
    ).all()
    assert sorted(ranks) == [1, 2, 3, 4, 5]
    zones = db.exec(select(Player.timezone).distinct()).all()
    assert len(zones) >= 5 and "Asia/Kathmandu" in zones
    unlinked_chars = db.exec(
        select(func.count())
        .select_from(WowCharacter)
        .outerjoin(PlayerCharacter)
        .where(PlayerCharacter.id.is_(None))
    ).one()
    unlinked_discord = db.exec(
        select(func.count())
        .select_from(DiscordUser)
        .outerjoin(Player, Player.discord_user_id == DiscordUser.id)
        .where(Player.id.is_(None))
    ).one()
    assert unlinked_chars >= 10 and unlinked_discord >= 3
    assert _count(db, AvailabilityException) >= 1


def test_demo_seasons_events_and_attendance(seeded):
    seed_demo_guild(session=seeded, now=NOW)
    db = seeded
    assert _count(db, RaidSeason) == 2
    season = current_season(session=db, today=NOW.date())
    assert season is not None and season.name.startswith("Season 2")
    past = db.exec(select(RaidEvent).where(RaidEvent.end_time_utc < NOW)).all()
    upcoming = db.exec(select(RaidEvent).where(RaidEvent.start_time_utc > NOW)).all()
    assert 14 <= len(past) <= 18 and upcoming
    assert {e.event_date.weekday() for e in past} == {1, 3}  # Tuesdays and Thursdays
    attended = db.exec(
        select(func.count()).select_from(RaidAttendance).where(RaidAttendance.attended)
    ).one()
    assert attended > len(past) * 10


def test_demo_has_a_live_campaign_with_votes(seeded):
    seed_demo_guild(session=seeded, now=NOW)
    campaign = seeded.exec(select(Campaign).where(Campaign.status == "live")).one()
    assert campaign.start_at < NOW < campaign.start_at + timedelta(hours=campaign.duration_hours)
    assert _count(seeded, CampaignEntry) >= 4
    ballots = seeded.exec(
        select(func.count(Vote.player_id.distinct())).where(Vote.campaign_id == campaign.id)
    ).one()
    assert ballots >= 3
    votes = seeded.exec(select(func.count()).where(Vote.campaign_id == campaign.id)).one()
    assert votes == ballots * campaign.picks_per_voter
    closed = seeded.exec(select(Campaign).where(Campaign.status == "closed")).one()
    assert closed.closed_at is not None and closed.closed_at < NOW
    results = seeded.exec(select(CampaignResult).where(CampaignResult.campaign_id == closed.id))
    assert sorted(r.final_rank for r in results) == [1, 2, 3, 4]


def test_demo_logins_work_and_carry_their_ranks(seeded):
    seed_demo_guild(session=seeded, now=NOW)
    for username, level in ((DEMO_OFFICER, 4), (DEMO_MEMBER, 2)):
        user, rank = seeded.exec(
            select(User, GuildRank)
            .join(Player, Player.website_user_id == User.id)
            .join(GuildRank, Player.guild_rank_id == GuildRank.id)
            .where(User.discord_username == username)
        ).one()
        assert verify_password(DEMO_PASSWORD, user.password_hash)[0]
        assert rank.level == level
