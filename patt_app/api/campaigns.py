"""Campaigns: the list, one campaign with my ballot, voting, results; officers create, open
and close them. Pictures uploaded for entries are served from here too."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse

from patt_app.api.dependencies import DbSession, member, officer, viewer
from patt_app.api.refusals import MEMBERS, OFFICERS, refusals
from patt_app.api.responses import ok
from patt_app.api.schemas.campaigns import (
    BallotBody,
    BallotCast,
    CampaignDetail,
    CampaignListItem,
    CreatedId,
    NewCampaign,
    StandingItem,
    StatusChange,
)
from patt_app.api.schemas.envelope import Envelope, RecordId
from patt_app.db import run_in_session
from patt_app.live.notify import notify
from patt_app.live.topics import Topic, campaign_topic
from patt_app.services.accounts.sessions import Viewer
from patt_app.services.campaigns import officer_changes as changes
from patt_app.services.campaigns.entry_images import images_directory, stored_image
from patt_app.services.campaigns.listing import visible_campaigns
from patt_app.services.campaigns.results_access import results_for
from patt_app.services.campaigns.voting import campaign_page, cast_ballot
from patt_app.services.statements import record_from
from patt_app.settings import get_settings

router = APIRouter(prefix="/api/v1")

SEEN = refusals(401, 403, 404, 422)


@router.get("/campaigns", response_model=Envelope[list[CampaignListItem]], responses=refusals(422))
def campaigns(session: DbSession, who: Viewer | None = Depends(viewer)):
    """Live and closed campaigns the caller may see (drafts too for officers), with status."""
    statuses = ("live", "draft", "closed") if who and who.is_officer else ("live", "closed")
    rows = visible_campaigns(session=session, viewer=who, statuses=statuses)
    return ok([CampaignListItem.model_validate(r) for r in rows])


@router.get("/campaigns/{campaign_id}", response_model=Envelope[CampaignDetail], responses=SEEN)
def campaign(campaign_id: RecordId, session: DbSession, who: Viewer | None = Depends(viewer)):
    """One campaign: entries, my ballot (entry ids in order, or null), whether I can vote, and
    the standings when I may see them (live: once I have voted; closed: per its view rank)."""
    page = campaign_page(
        session=session, campaign_id=campaign_id, viewer=who, now=datetime.now(UTC)
    )
    results_for(page=page, viewer=who, listing=True)  # refuses callers who may not see it
    return ok(CampaignDetail.model_validate(page))


@router.post(
    "/campaigns/{campaign_id}/ballot",
    response_model=Envelope[BallotCast],
    status_code=201,
    responses={**MEMBERS, **refusals(403, 404, 409)},
)
async def ballot(campaign_id: RecordId, body: BallotBody, who: Viewer = Depends(member)):
    """Vote once: `{"entry_ids": [first, second, third]}` (exactly picks_per_voter, distinct,
    from this campaign). 404 for an unknown campaign, one the caller may not see (a draft, a
    higher view rank) and entries not in it alike; 403 vote rank too low; 409 already voted or
    not live; 422 wrong number of picks."""
    cast = await run_in_session(
        cast_ballot,
        campaign_id=campaign_id,
        viewer=who,
        entry_ids=body.entry_ids,
        now=datetime.now(UTC),
    )
    notify(campaign_topic(campaign_id))
    return ok(BallotCast(campaign_id=campaign_id, entry_ids=cast))


@router.get(
    "/campaigns/{campaign_id}/results",
    response_model=Envelope[list[StandingItem]],
    responses={**SEEN, **refusals(409)},
)
def results(campaign_id: RecordId, session: DbSession, who: Viewer | None = Depends(viewer)):
    """Best first: `[{entry_id, name, points, first_place_votes, position}]` — final results
    once closed (per the campaign's view rank), live standings to those who voted."""
    page = campaign_page(
        session=session, campaign_id=campaign_id, viewer=who, now=datetime.now(UTC)
    )
    rows = results_for(page=page, viewer=who)
    return ok([StandingItem.model_validate(s) for s in rows])


@router.post(
    "/admin/campaigns",
    response_model=Envelope[CreatedId],
    status_code=201,
    responses=OFFICERS,
)
async def create(body: NewCampaign, who: Viewer = Depends(officer)):
    """A new draft campaign with its entries, in order."""
    details = record_from(changes.CampaignDetails, body, start_at=body.start_at.astimezone(UTC))
    entries = [changes.EntryDetails(e.name, e.description, e.image_url) for e in body.entries]
    created = await run_in_session(
        changes.create_campaign,
        details=details,
        entries=entries,
        created_by_player_id=who.player_id,
    )
    notify(Topic.CAMPAIGNS)
    return ok(CreatedId(id=created.id))


async def _status_change(fn, campaign_id: int) -> Envelope[StatusChange]:
    campaign = await run_in_session(fn, campaign_id=campaign_id, now=datetime.now(UTC))
    notify(Topic.CAMPAIGNS, campaign_topic(campaign_id))
    return ok(StatusChange(id=campaign.id, status=campaign.status))


@router.post(
    "/admin/campaigns/{campaign_id}/activate",
    response_model=Envelope[StatusChange],
    responses={**OFFICERS, **refusals(404, 409)},
)
async def activate(campaign_id: RecordId, _: Viewer = Depends(officer)):
    """Open a draft's vote now (its duration counts from now)."""
    return await _status_change(changes.activate_now, campaign_id)


@router.post(
    "/admin/campaigns/{campaign_id}/close",
    response_model=Envelope[StatusChange],
    responses={**OFFICERS, **refusals(404, 409)},
)
async def close(campaign_id: RecordId, _: Viewer = Depends(officer)):
    """Close a live vote now; its final standings are stored."""
    return await _status_change(changes.close_now, campaign_id)


@router.get(
    "/campaign-images/{name}",
    response_class=FileResponse,
    responses={
        200: {"description": "The picture", "content": {"image/*": {}}},
        **refusals(404, 422),
    },
)
def campaign_image(name: str):
    """A picture uploaded for a campaign entry."""
    path, media_type = stored_image(name=name, directory=images_directory(get_settings().data_dir))
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "max-age=86400"})
