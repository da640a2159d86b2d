"""The raid-time studio's vote and its outcome: "Ask the raiders" opens a ranked campaign (the
campaigns engine) whose entries are the candidate schedules, each described by its comparison;
once it has closed, "Apply" creates the winner's weekly series from a chosen date and cancels
the current season's other raids from that date on. New and cancelled raids are announced on
Discord by the event posts job as every raid is (`guild_discord/event_posts.py`); the change
itself is posted once to the announcement channel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, col, select

from patt_app.models import Campaign, CampaignEntry, RaidEvent, RaidTimeVote
from patt_app.services.campaigns import officer_changes as changes
from patt_app.services.campaigns.tallies import stored_results
from patt_app.services.errors import Conflict, InvalidInput, NotFound
from patt_app.services.guild_discord.posts import Embed, queue_post
from patt_app.services.raids.events import EventDetails, cancel_event, create_series
from patt_app.services.raids.raid_time_candidates import Candidate, parse_candidate
from patt_app.services.raids.raid_time_compare import CandidateResult, Mover
from patt_app.services.raids.raid_time_studio import compare_raid_times
from patt_app.services.reference.seasons import current_season
from patt_app.services.scheduling.schedule_time import local_to_utc

TITLE = "Raid nights: which schedule suits you?"
MAX_LISTED = 8


def _names(movers: list[Mover], word: str) -> str:
    if not movers:
        return ""
    names = ", ".join(m.name for m in movers[:MAX_LISTED])
    more = f" and {len(movers) - MAX_LISTED} more" if len(movers) > MAX_LISTED else ""
    return f"{word} ({len(movers)}): {names}{more}."


def summary(result: CandidateResult) -> str:
    """An entry's description: the comparison in a few lines (up to 1000 characters)."""
    nights = [w.night for w in result.weeks]
    lines = [
        f"Expected turnout over {len(nights)} weeks (weakest night of each week): "
        f"{min(n.expected for n in nights):.0f}–{max(n.expected for n in nights):.0f} "
        f"(range {min(n.low for n in nights)}–{max(n.high for n in nights)})."
        if nights
        else "No raids in the coming weeks."
    ]
    gaps = sorted({need for n in nights for need in n.needs})
    if gaps:
        lines.append("Gaps: " + "; ".join(gaps[:3]) + ".")
    lines += [
        _names(result.gains, "Newly free compared with today's raids"),
        _names(result.losses, "No longer free"),
    ]
    if result.dst:
        lines.append(f"Clock changes: {result.dst[0]}" + (" …" if len(result.dst) > 1 else ""))
    text = "\n".join(line for line in lines if line)
    return text if len(text) <= 1000 else text[:997] + "…"


def open_raid_time_vote(
    *,
    session: Session,
    candidates: list[str],
    min_rank_to_vote: int,
    duration_hours: int,
    now: datetime,
    created_by_player_id: int | None,
) -> Campaign:
    """A live ranked vote among the candidates (each ranked by every voter), open to
    `min_rank_to_vote` and above, each entry described by its comparison."""
    comparison = compare_raid_times(session=session, candidates=candidates, now=now)
    results = comparison.candidates
    details = changes.CampaignDetails(
        title=TITLE,
        description="The officers are considering new raid nights. Rank the schedules: the "
        "expected turnout, who is newly free or no longer free, and the clock changes are "
        "from everyone's availability.",
        picks_per_voter=len(results),
        min_rank_to_vote=min_rank_to_vote,
        min_rank_to_view=min_rank_to_vote,
        start_at=now,
        duration_hours=duration_hours,
        early_close=True,
    )
    entries = [changes.EntryDetails(r.candidate.label, summary(r)) for r in results]
    campaign = changes.create_campaign(
        session=session, details=details, entries=entries, created_by_player_id=created_by_player_id
    )
    session.add(
        RaidTimeVote(campaign_id=campaign.id, specs="\n".join(r.candidate.spec for r in results))
    )
    return changes.activate_now(session=session, campaign_id=campaign.id, now=now)


@dataclass(frozen=True)
class StudioVote:
    campaign_id: int
    title: str
    status: str
    ends_at: datetime
    winner: str  # the winning schedule's label once closed, else ""
    applied_from: date | None


def studio_votes(*, session: Session) -> list[StudioVote]:
    """The studio's votes, newest first."""
    rows = session.exec(
        select(RaidTimeVote, Campaign)
        .join(Campaign, col(Campaign.id) == col(RaidTimeVote.campaign_id))
        .order_by(col(Campaign.id).desc())
    ).all()
    out = []
    for vote, campaign in rows:
        won = winner(session, vote, campaign) if campaign.status == "closed" else None
        out.append(
            StudioVote(
                campaign_id=campaign.id,
                title=campaign.title,
                status=campaign.status,
                ends_at=campaign.start_at + timedelta(hours=campaign.duration_hours),
                winner=won.label if won else "",
                applied_from=vote.applied_from,
            )
        )
    return out


def winner(session: Session, vote: RaidTimeVote, campaign: Campaign) -> Candidate | None:
    """The closed vote's first-placed schedule (None when nobody voted)."""
    standings = stored_results(session, campaign.id)
    if not standings or standings[0].points == 0:
        return None
    entries = session.exec(
        select(CampaignEntry.id)
        .where(CampaignEntry.campaign_id == campaign.id)
        .order_by(col(CampaignEntry.sort_order), col(CampaignEntry.id))
    ).all()
    return parse_candidate(vote.specs.splitlines()[list(entries).index(standings[0].entry_id)])


@dataclass(frozen=True)
class Applied:
    schedule: str
    created: int
    cancelled: int


def _winner_to_apply(
    session: Session, campaign_id: int, from_day: date, now: datetime
) -> tuple[RaidTimeVote, Candidate]:
    """The vote and its winning schedule, or the refusal: unknown, still open, applied
    already, a start date not after today, nobody voted."""
    vote = session.get(RaidTimeVote, campaign_id)
    campaign = session.get(Campaign, campaign_id)
    if vote is None or campaign is None:
        raise NotFound("That raid-time vote does not exist.")
    if campaign.status != "closed":
        raise Conflict("The vote is still open: apply it once it has closed.")
    if vote.applied_at is not None:
        raise Conflict(f"This vote was applied already, from {vote.applied_from:%d %b %Y}.")
    if from_day <= now.date():
        raise InvalidInput("Pick a start date after today.")
    chosen = winner(session, vote, campaign)
    if chosen is None:
        raise Conflict("Nobody voted: there is no winning schedule to apply.")
    return vote, chosen


def _cancel_season_raids_from(
    session: Session, chosen: Candidate, from_day: date, now: datetime
) -> int:
    """Cancel the current season's raids from the start of `from_day` (in the winner's zone)
    on; returns how many."""
    cut = local_to_utc(chosen.zone, from_day, time(0))
    season = current_season(session=session, today=now.date())
    if season is None:
        return 0
    old = session.exec(
        select(RaidEvent).where(
            RaidEvent.season_id == season.id,
            col(RaidEvent.cancelled_at).is_(None),
            RaidEvent.start_time_utc >= cut,
        )
    ).all()
    for event in old:
        cancel_event(session=session, event_id=event.id, now=now)
    return len(old)


def apply_raid_time_vote(
    *,
    session: Session,
    campaign_id: int,
    from_day: date,
    weeks: int,
    title: str,
    now: datetime,
    applied_by_player_id: int | None,
) -> Applied:
    """The closed vote's winner as a weekly series from `from_day` for `weeks` weeks; the
    current season's other raids from that day on are cancelled. Once per vote."""
    vote, chosen = _winner_to_apply(session, campaign_id, from_day, now)
    end = (datetime.combine(from_day, chosen.start) + timedelta(minutes=chosen.minutes)).time()
    details = EventDetails(title, from_day, chosen.start, end, chosen.zone)
    cancelled = _cancel_season_raids_from(session, chosen, from_day, now)
    created = create_series(
        session=session,
        details=details,
        weekdays=list(chosen.weekdays),
        weeks=weeks,
        created_by_player_id=applied_by_player_id,
        today=now.date(),
    )
    vote.applied_at, vote.applied_from, vote.applied_by_player_id = (
        now,
        from_day,
        applied_by_player_id,
    )
    session.add(vote)
    _announce(session, chosen, created, cancelled, now)
    session.flush()
    return Applied(chosen.label, len(created), cancelled)


def _announce(
    session: Session, chosen: Candidate, created: list[RaidEvent], cancelled: int, now: datetime
) -> None:
    first = created[0].start_time_utc if created else now
    queue_post(
        session=session,
        dedupe_key=f"raid-times:{created[0].id if created else int(now.timestamp())}",
        embed=Embed(
            title="New raid nights",
            description=(
                f"The raiders chose **{chosen.label}**. The first raid is <t:{int(first.timestamp())}:F> "
                f"({len(created)} raids created; {cancelled} raids of the old schedule cancelled)."
            ),
            timestamp=now.astimezone(UTC),
        ),
        now=now,
    )
