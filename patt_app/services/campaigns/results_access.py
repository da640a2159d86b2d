"""Who may read a campaign's standings, as refusals with a reason."""

from __future__ import annotations

from patt_app.services.accounts.sessions import Viewer
from patt_app.services.campaigns.scoring import Standing
from patt_app.services.campaigns.voting import CampaignPage
from patt_app.services.errors import Conflict, NotAllowed, NotLoggedIn


def results_for(
    *, page: CampaignPage, viewer: Viewer | None, listing: bool = False
) -> list[Standing]:
    """The standings this viewer may read (final once closed, live once they voted), else a
    refusal saying why. With `listing`, only whether they may see the campaign at all."""
    if not page.may_view:
        if viewer is None:
            raise NotLoggedIn("Log in to see this campaign.")
        raise NotAllowed(f"This campaign is for {page.view_rank_name} rank and above.")
    if listing:
        return []
    if page.status == "draft":
        raise Conflict("Voting has not started yet.")
    if page.standings is None:
        if viewer is None:
            raise NotLoggedIn("Log in and vote to see the live standings.")
        raise NotAllowed("Vote first: the live standings are shown to those who have voted.")
    return page.standings
