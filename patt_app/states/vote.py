"""/vote/<id>: one campaign for whoever is looking — pick and submit a ranked ballot, see my
ballot and the live standings, or the final results; redrawn live as ballots arrive."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import reflex as rx

from patt_app.db import run_in_session
from patt_app.live.hub import subscribe
from patt_app.live.notify import notify
from patt_app.live.topics import Topic, campaign_topic
from patt_app.services.campaigns.scoring import Standing
from patt_app.services.campaigns.voting import CampaignPage, campaign_page, cast_ballot
from patt_app.services.errors import InvalidInput, NotFound, PattError
from patt_app.states.changed_fields import assign_changed
from patt_app.states.form_values import record_id
from patt_app.states.session import SessionState, refusal, shows_refusals
from patt_app.states.toasts import toast

MAX_KEPT = 20  # campaigns (and picks per campaign) kept in the browser at most
ORDINALS = ("1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th")


@dataclass
class VoteEntry:
    id: int
    name: str
    description: str
    image_url: str
    player_name: str
    pick: str = ""  # "1st", "2nd", … while picked on the ballot being filled in


@dataclass
class StandingRow:
    entry_id: int
    position: int
    name: str
    points: int
    first_place_votes: int
    bar: str  # width of the points bar, e.g. "64%"
    mine: str = ""  # where I ranked it: "1st", … or ""


def kept_picks(stored: str, campaign_id: int) -> list[int]:
    """The picks kept in the browser for one campaign ([] when none or unreadable)."""
    try:
        saved = json.loads(stored) if stored else {}
        picks = saved.get(str(campaign_id), []) if isinstance(saved, dict) else []
        return [int(p) for p in picks][:MAX_KEPT]
    except (ValueError, TypeError, AttributeError):
        return []


def with_picks(stored: str, campaign_id: int, picks: list[int]) -> str:
    """The kept picks with this campaign's replaced (dropped when empty)."""
    try:
        saved = json.loads(stored) if stored else {}
    except ValueError:
        saved = {}
    saved = (
        {k: v for k, v in saved.items() if k != str(campaign_id)} if isinstance(saved, dict) else {}
    )
    if picks:
        saved[str(campaign_id)] = list(picks)
    return json.dumps(dict(list(saved.items())[-MAX_KEPT:]))


def campaign_id_from_path(path: str) -> int:
    tail = path.rstrip("/").rsplit("/", 1)[-1]
    if not tail.isdigit():
        raise NotFound("That campaign does not exist.")
    return int(tail)


def standing_rows(table: list[Standing], ballot: list[int] | None) -> list[StandingRow]:
    top = max((s.points for s in table), default=0) or 1
    mine = {entry_id: ORDINALS[i] for i, entry_id in enumerate(ballot or [])}
    return [
        StandingRow(
            s.entry_id,
            s.position,
            s.name,
            s.points,
            s.first_place_votes,
            f"{round(s.points * 100 / top)}%",
            mine.get(s.entry_id, ""),
        )
        for s in table
    ]


def _marked(entries: list[VoteEntry], picks: list[int]) -> list[VoteEntry]:
    """The entries with each picked one's place ("1st", …) on it."""
    order = {entry_id: ORDINALS[i] for i, entry_id in enumerate(picks)}
    return [
        VoteEntry(e.id, e.name, e.description, e.image_url, e.player_name, order.get(e.id, ""))
        for e in entries
    ]


class VoteState(SessionState):
    """State of /vote/<id>."""

    campaign_id: int = 0
    loaded: bool = False
    missing: str = ""
    title: str = ""
    description: str = ""
    status: str = ""
    page_state: str = ""
    may_view: bool = False
    picks_per_voter: int = 3
    start_iso: str = ""
    end_iso: str = ""
    entries: list[VoteEntry] = []
    picks: list[int] = []
    # Picks not sent yet, per campaign, kept in this browser: a reload or Back keeps them.
    saved_picks: str = rx.LocalStorage("", name="patt_vote_picks")
    my_ballot: list[str] = []
    standings: list[StandingRow] = []
    has_standings: bool = False
    voted: int = 0
    eligible: int = 0
    percent: int = 0
    vote_rank_name: str = ""
    view_rank_name: str = ""
    submitting: bool = False

    @rx.var
    def picks_complete(self) -> bool:
        return len(self.picks) == self.picks_per_voter

    @rx.var
    def picks_left(self) -> int:
        return max(0, self.picks_per_voter - len(self.picks))

    @rx.var
    def picked_names(self) -> list[str]:
        names = {e.id: e.name for e in self.entries}
        return [f"{ORDINALS[i]} {names.get(p, '?')}" for i, p in enumerate(self.picks)]

    @rx.var
    def winner(self) -> str:
        return self.standings[0].name if self.standings and self.standings[0].points else ""

    @rx.var
    def podium(self) -> list[StandingRow]:
        return [s for s in self.standings[:3] if s.points > 0]

    def _show_page(self, page: CampaignPage) -> None:
        """The campaign as read; a live redraw sends only what changed (a ballot: the
        standings and the turnout, not the entries)."""
        names = {e.id: e.name for e in page.entries}
        picks = [p for p in self.picks if p in names] if page.page_state == "can_vote" else []
        entries = [
            VoteEntry(e.id, e.name, e.description, e.image_url, e.player_name) for e in page.entries
        ]
        assign_changed(
            self,
            title=page.title,
            description=page.description,
            status=page.status,
            page_state=page.page_state,
            may_view=page.may_view,
            picks_per_voter=page.picks_per_voter,
            start_iso=page.start_at.isoformat(),
            end_iso=(page.closed_at or page.end_at).isoformat(),
            my_ballot=[
                f"{ORDINALS[i]} · {names.get(entry_id, '?')}"
                for i, entry_id in enumerate(page.my_ballot or [])
            ],
            has_standings=page.standings is not None,
            standings=standing_rows(page.standings or [], page.my_ballot),
            voted=page.stats.voted,
            eligible=page.stats.eligible,
            percent=page.stats.percent,
            vote_rank_name=page.vote_rank_name,
            view_rank_name=page.view_rank_name,
            picks=picks,
            entries=_marked(entries, picks),
            loaded=True,
        )

    def _mark_picks(self) -> None:
        self.entries = _marked(self.entries, self.picks)

    async def _reload(self) -> None:
        viewer = await self._viewer()
        self._show(viewer)
        page = await run_in_session(
            campaign_page, campaign_id=self.campaign_id, viewer=viewer, now=datetime.now(UTC)
        )
        self._show_page(page)

    @rx.event
    async def load(self):
        """Page load: the campaign as this viewer may see it; live from now on."""
        self.picks, self.missing, self.loaded = [], "", False
        try:
            self.campaign_id = campaign_id_from_path(self.router.url.path)
            await self._reload()
        except PattError as error:
            self.missing = str(error)
            self.loaded = True
            return None
        if self.page_state == "can_vote":
            valid = {e.id for e in self.entries}
            kept = kept_picks(self.saved_picks, self.campaign_id)
            self.picks = [p for p in kept if p in valid][: self.picks_per_voter]
            self._mark_picks()
        await subscribe(self, campaign_topic(self.campaign_id))
        return None

    def _keep_picks(self) -> None:
        self.saved_picks = with_picks(self.saved_picks, self.campaign_id, self.picks)

    async def _on_live(self, topics: list[str]) -> None:
        """A ballot arrived, or the campaign opened or closed: re-read it (my picks stay)."""
        try:
            await self._reload()
        except PattError:
            self.missing = "This campaign is no longer available."

    @rx.event
    def pick(self, entry_id: int):
        """Tap an entry: it takes the next free place; tap again to take it off."""
        entry_id = record_id(entry_id)
        if self.page_state != "can_vote" or entry_id not in {e.id for e in self.entries}:
            return
        if entry_id in self.picks:
            self.picks = [p for p in self.picks if p != entry_id]
        elif len(self.picks) < self.picks_per_voter:
            self.picks = [*self.picks, entry_id]
        self._mark_picks()
        self._keep_picks()

    @rx.event
    def clear_picks(self):
        self.picks = []
        self._mark_picks()
        self._keep_picks()

    @rx.event
    @shows_refusals
    async def submit_ballot(self):
        """Send the ballot (once; it cannot be changed afterwards)."""
        viewer = await self._member()
        if len(self.picks) != self.picks_per_voter:
            raise InvalidInput(f"Pick {self.picks_per_voter} entries first, your favourite first.")
        try:
            await run_in_session(
                cast_ballot,
                campaign_id=self.campaign_id,
                viewer=viewer,
                entry_ids=list(self.picks),
                now=datetime.now(UTC),
            )
        except PattError as error:
            await self._reload()
            return refusal(error)
        notify(campaign_topic(self.campaign_id), Topic.CAMPAIGNS)
        self.picks = []
        self._keep_picks()
        await self._reload()
        return toast("Your ballot is in. Thanks for voting!")
