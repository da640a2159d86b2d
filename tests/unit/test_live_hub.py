"""The live-update hub: only subscribed tabs redraw, at once and then at most once per window,
and tabs that closed or moved to another page are dropped. Reflex's app is replaced by a small
stand-in."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace

from patt_app.live.hub import (
    REDRAWS_AT_ONCE,
    LiveHub,
    Subscriber,
    batched_per_redraw,
    once_per_redraw,
    tab_origin,
)
from patt_app.states.admin.jobs import AdminJobsState
from patt_app.states.events import EventsState
from patt_app.states.schedule import ScheduleState
from tests.support.waiting import until


@dataclass
class FakeTab:
    path: str
    redraws: list[list[str]] = field(default_factory=list)

    @property
    def rx_router_url(self):
        """The router's own URL field, which the hub reads (`tab_path`)."""
        return SimpleNamespace(path=self.path)

    async def _on_live(self, topics: list[str]) -> None:
        self.redraws.append(topics)


@dataclass
class SocketRecord:
    instance_id: str


class FakeApp:
    """What the hub uses of Reflex's App: which tabs this worker holds, and modify_state."""

    def __init__(self) -> None:
        self.tabs: dict[tuple[str, type], FakeTab] = {}
        manager = type("Manager", (), {})()
        manager.instance_id = "here"
        manager.token_to_socket = {}
        self.event_namespace = type("Namespace", (), {})()
        self.event_namespace._token_manager = manager

    def open(self, token: str, cls: type, path: str, where: str = "here") -> FakeTab:
        self.event_namespace._token_manager.token_to_socket[token] = SocketRecord(where)
        return self.tabs.setdefault((token, cls), FakeTab(path))

    @asynccontextmanager
    async def modify_state(self, token):
        app = self

        class Root:
            async def get_state(self, cls):
                return app.tabs[(token.ident, cls)]

        yield Root()


async def _settled(hub: LiveHub) -> None:
    """Until the hub has drawn everything it heard (nothing pending, no redraw running): what
    has not been redrawn by then is not going to be."""
    await until(lambda: not hub._pending and (hub._flush is None or hub._flush.done()))


def _hub(app: FakeApp) -> LiveHub:
    hub = LiveHub(window=0.05)
    hub.app = app
    return hub


def test_a_burst_of_saves_redraws_each_subscribed_tab_once():
    async def scenario():
        app = FakeApp()
        hub = _hub(app)
        officer = app.open("officer-tab", ScheduleState, "/admin/schedule")
        member = app.open("member-tab", ScheduleState, "/schedule")
        jobs = app.open("jobs-tab", AdminJobsState, "/admin/jobs")
        hub.subscribe(Subscriber("officer-tab", ScheduleState, "/admin/schedule"), ("schedule",))
        hub.subscribe(Subscriber("member-tab", ScheduleState, "/schedule"), ("schedule",))
        hub.subscribe(Subscriber("jobs-tab", AdminJobsState, "/admin/jobs"), ("jobs",))
        for _ in range(20):
            hub.received("schedule")
        await _settled(hub)
        assert officer.redraws == [["schedule"]]
        assert member.redraws == [["schedule"]]
        assert jobs.redraws == []
        hub.received("jobs")
        hub.received("nobody-listens")
        await _settled(hub)
        assert jobs.redraws == [["jobs"]]
        assert officer.redraws == [["schedule"]]
        assert hub.redraws == 3

    asyncio.run(scenario())


def test_a_lone_change_shows_at_once_and_the_next_ones_wait_for_the_window():
    window = 1.5  # long enough that a busy machine still sends the next saves inside it

    async def scenario():
        app = FakeApp()
        hub = LiveHub(window=window)
        hub.app = app
        tab = app.open("t", ScheduleState, "/admin/schedule")
        hub.subscribe(Subscriber("t", ScheduleState, "/admin/schedule"), ("schedule",))
        loop = asyncio.get_running_loop()
        times: list[float] = []

        async def redraw(topics):
            times.append(loop.time())

        tab._on_live = redraw
        start = loop.time()
        hub.received("schedule")
        await until(lambda: times)
        assert len(times) == 1 and times[0] - start < window  # no waiting for a quiet change
        for _ in range(5):  # more saves within the window: drawn together when it ends
            hub.received("schedule")
            await asyncio.sleep(0)
        assert len(times) == 1
        await until(lambda: len(times) >= 2)
        # The window opens when the first redraw begins (before our redraw records its time),
        # so it is measured from the first save; 10 ms covers the event loop's clock rounding.
        assert len(times) == 2 and times[1] - start >= window - 0.01

    asyncio.run(scenario())


def test_one_redraw_for_several_topics_of_one_tab():
    async def scenario():
        app = FakeApp()
        hub = _hub(app)
        tab = app.open("t", ScheduleState, "/admin/schedule")
        hub.subscribe(Subscriber("t", ScheduleState, "/admin/schedule"), ("schedule", "roster"))
        hub.received("roster")
        hub.received("schedule")
        await _settled(hub)
        assert tab.redraws == [["roster", "schedule"]]

    asyncio.run(scenario())


def test_closed_tabs_tabs_elsewhere_and_tabs_that_moved_on_are_not_redrawn():
    async def scenario():
        app = FakeApp()
        hub = _hub(app)
        moved = app.open("moved", ScheduleState, "/profile")  # navigated away since loading
        other_worker = app.open("far", ScheduleState, "/schedule", where="another-worker")
        hub.subscribe(Subscriber("moved", ScheduleState, "/schedule"), ("schedule",))
        hub.subscribe(Subscriber("far", ScheduleState, "/schedule"), ("schedule",))
        hub.subscribe(Subscriber("gone", ScheduleState, "/schedule"), ("schedule",))
        hub.received("schedule")
        await _settled(hub)
        assert moved.redraws == [] and other_worker.redraws == []
        assert hub.subscribers("schedule") == []  # all three dropped
        assert hub.redraws == 0

    asyncio.run(scenario())


def test_a_failing_redraw_does_not_stop_the_others():
    async def scenario():
        app = FakeApp()
        hub = _hub(app)
        broken = app.open("broken", ScheduleState, "/schedule")
        fine = app.open("fine", AdminJobsState, "/admin/jobs")

        async def explode(topics):
            raise RuntimeError("boom")

        broken._on_live = explode
        hub.subscribe(Subscriber("broken", ScheduleState, "/schedule"), ("schedule",))
        hub.subscribe(Subscriber("fine", AdminJobsState, "/admin/jobs"), ("schedule",))
        hub.received("schedule")
        await _settled(hub)
        assert fine.redraws == [["schedule"]]

    asyncio.run(scenario())


def test_a_change_heard_while_tabs_redraw_gets_a_redraw_of_its_own():
    """A save announced in the middle of a redraw is not lost: its tabs redraw again."""

    async def scenario():
        app = FakeApp()
        hub = _hub(app)
        tab = app.open("t", ScheduleState, "/schedule")
        hub.subscribe(Subscriber("t", ScheduleState, "/schedule"), ("schedule",))
        heard_during = asyncio.Event()

        async def slow_redraw(topics):
            tab.redraws.append(topics)
            if len(tab.redraws) == 1:
                hub.received("schedule")  # another save, while this redraw is running
                heard_during.set()
                await asyncio.sleep(0.02)

        tab._on_live = slow_redraw
        hub.received("schedule")
        await asyncio.wait_for(heard_during.wait(), 1)
        await _settled(hub)
        assert tab.redraws == [["schedule"], ["schedule"]]

    asyncio.run(scenario())


def test_the_tabs_of_one_redraw_share_reads_and_batch_their_viewer_checks():
    async def scenario():
        app = FakeApp()
        hub = _hub(app)
        reads, batches = [], []

        async def read_schedules():
            reads.append(1)
            return ["the guild's schedules"]

        async def read_viewers(tokens):
            batches.append(sorted(tokens))
            return {t: f"viewer of {t}" for t in tokens}

        tabs = {}
        for n in range(5):
            token = f"tab-{n}"
            tabs[token] = app.open(token, ScheduleState, "/admin/schedule")
            hub.subscribe(Subscriber(token, ScheduleState, "/admin/schedule"), ("schedule",))

            async def redraw(topics, token=token):
                viewer = await batched_per_redraw("viewers", token, read_viewers)
                schedules = await once_per_redraw("schedules", read_schedules)
                tabs[token].redraws.append([viewer, *schedules])

            tabs[token]._on_live = redraw
        hub.received("schedule")
        await _settled(hub)
        assert [t.redraws for t in tabs.values()] == [
            [[f"viewer of tab-{n}", "the guild's schedules"]] for n in range(5)
        ]
        assert reads == [1]
        # four tabs redraw side by side (REDRAWS_AT_ONCE), so their viewers come in two reads
        assert batches == [[f"tab-{n}" for n in range(4)], ["tab-4"]]
        # outside a redraw (a tab's own event) each read happens afresh
        assert await once_per_redraw("schedules", read_schedules) == ["the guild's schedules"]
        assert await batched_per_redraw("viewers", "x", read_viewers) == "viewer of x"
        assert reads == [1, 1] and batches[-1] == ["x"]

    asyncio.run(scenario())


def test_forgetting_a_tab_leaves_the_other_tabs_and_its_other_views():
    hub = LiveHub()
    hub.subscribe(Subscriber("a", ScheduleState, "/schedule"), ("schedule", "roster"))
    hub.subscribe(Subscriber("a", AdminJobsState, "/admin/jobs"), ("jobs",))
    hub.subscribe(Subscriber("b", ScheduleState, "/schedule"), ("schedule",))
    hub.drop("a", ScheduleState)
    assert [s.token for s in hub.subscribers("schedule")] == ["b"]
    assert hub.subscribers("roster") == []
    assert [s.token for s in hub.subscribers("jobs")] == ["a"]
    hub.drop("a")
    assert hub.subscribers("jobs") == []


def test_a_redraw_takes_a_few_tabs_at_a_time_so_other_clicks_get_their_turn():
    async def scenario():
        app = FakeApp()
        hub = _hub(app)
        running, most = [0], [0]
        for n in range(20):
            token = f"officer-{n}"
            tab = app.open(token, ScheduleState, "/admin/schedule")
            hub.subscribe(Subscriber(token, ScheduleState, "/admin/schedule"), ("schedule",))

            async def redraw(topics, tab=tab):
                running[0] += 1
                most[0] = max(most[0], running[0])
                await asyncio.sleep(0.005)
                tab.redraws.append(topics)
                running[0] -= 1

            tab._on_live = redraw
        hub.received("schedule")
        await _settled(hub)
        assert hub.redraws == 20
        assert most[0] == REDRAWS_AT_ONCE

    asyncio.run(scenario())


def test_the_tab_that_made_a_change_is_not_redrawn_for_it_unless_others_changed_too():
    """A member's sign-up shows in the tab that made it from the rows read with it: only their
    other tab redraws. A change from elsewhere in the same window redraws both."""

    async def scenario():
        app = FakeApp()
        hub = _hub(app)
        acting = app.open("acting", EventsState, "/events")
        other = app.open("other", EventsState, "/events")
        for token in ("acting", "other"):
            hub.subscribe(Subscriber(token, EventsState, "/events"), ("signups:5",))
        hub.received("signups:5", tab_origin("acting", EventsState))
        await until(lambda: other.redraws)
        assert acting.redraws == [] and other.redraws == [["signups:5"]]
        hub.received("signups:5", tab_origin("acting", EventsState))
        hub.received("signups:5", tab_origin("other", EventsState))  # same window
        await until(lambda: acting.redraws and len(other.redraws) == 2)
        assert acting.redraws == [["signups:5"]]
        hub.received("signups:5", tab_origin("acting", EventsState))
        hub.received("signups:5")  # announced by the database or a job: no origin
        await until(lambda: len(acting.redraws) == 2 and len(other.redraws) == 3)

    asyncio.run(scenario())
