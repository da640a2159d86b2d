"""One step of a load run: open N tabs, let each act on a timer (or as fast as answers come),
collect round trips, redraw latencies, errors and the server's CPU and memory."""

from __future__ import annotations

import asyncio
import gc
import os
import random
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field

import aiohttp

from tests.load.protocol import Message, Predicate, Tab
from tests.load.servers import Server

ANSWER_SECONDS = 10.0
REDRAW_SECONDS = 5.0
OPENING_AT_ONCE = 10


@dataclass
class Action:
    """What a tab does once: an event name, its payload, and how its answer is recognised."""

    name: str
    payload: dict
    answer: Predicate
    saves: bool = False  # a change officers' heatmaps must show


@dataclass
class Client:
    """One simulated person: a tab, and what they do next (a function of the tab)."""

    tab: Tab
    ready: Predicate
    next_action: Callable[[Tab, int], Action]
    watches_redraws: Predicate | None = None  # officers: which messages are heatmap redraws
    redraws: list[float] = field(default_factory=list)
    redraw_bytes: list[int] = field(default_factory=list)  # each redraw message's size


@dataclass
class Result:
    scenario: str
    app: str
    clients: int
    seconds: float
    sent: int = 0
    answered: int = 0
    dropped: int = 0
    errors: int = 0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    events_per_s: float = 0.0
    answer_kb: float = 0.0
    redraw_p50_ms: float | None = None
    redraw_p95_ms: float | None = None
    redraws_missed: int = 0
    redraw_kb_p50: float | None = None  # a heatmap redraw message's size (median)
    worker_cpu: str = ""  # CPU % of each server process that used any (e.g. "61/58/57/60")
    saves: int = 0
    opened_p95_ms: float = 0.0
    cpu_percent: float = 0.0
    cpu_ms_per_event: float = 0.0
    rss_mb: float = 0.0
    load_avg: float = 0.0
    client_lag_p95_ms: float = 0.0  # how late this harness's own loop ran (its share of a p95)
    client_gc_max_ms: float = 0.0  # this harness's longest garbage-collector pause in the step
    notes: str = ""

    def row(self) -> dict:
        return asdict(self)


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))]


@dataclass
class _Tally:
    round_trips: list[float] = field(default_factory=list)
    answer_bytes: int = 0
    sent: int = 0
    dropped: int = 0
    errors: int = 0
    saves: list[tuple[float, float]] = field(default_factory=list)  # (sent at, answered at)


async def _open(http: aiohttp.ClientSession, client: Client, tally: _Tally, gate) -> float:
    async with gate:
        started = time.perf_counter()
        try:
            page = await http.get(f"{client.tab.base_url}{client.tab.path}")
            await page.read()
            ready = client.tab.expect(client.ready)
            await client.tab.open(http)
            await asyncio.wait_for(ready, ANSWER_SECONDS * 3)
        except (TimeoutError, OSError, aiohttp.ClientError, ConnectionError):
            tally.errors += 1
        return time.perf_counter() - started


async def _act(client: Client, n: int, tally: _Tally) -> None:
    action = client.next_action(client.tab, n)
    tally.sent += 1
    try:
        started = time.perf_counter()
        seconds, message = await client.tab.call(
            action.name, action.payload, until=action.answer, timeout=ANSWER_SECONDS
        )
    except TimeoutError:
        tally.dropped += 1
        return
    except ConnectionError:
        tally.errors += 1
        return
    tally.round_trips.append(seconds)
    tally.answer_bytes += message.size
    if action.saves:
        tally.saves.append((started, message.at))


async def _paced(client: Client, tally: _Tally, until: float, interval: float) -> None:
    await asyncio.sleep(random.uniform(0, interval))
    n = 0
    while time.perf_counter() < until and not client.tab.closed:
        due = time.perf_counter() + interval
        await _act(client, n, tally)
        n += 1
        await asyncio.sleep(max(0.0, due - time.perf_counter()))


async def _flat_out(client: Client, tally: _Tally, until: float) -> None:
    n = 0
    while time.perf_counter() < until and not client.tab.closed:
        await _act(client, n, tally)
        n += 1


async def _loop_lag(lags: list[float], stop: asyncio.Event) -> None:
    """How late the harness's event loop wakes from a 10 ms sleep: when it is busy, every
    round trip it measures is late by as much, whatever the server did."""
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(0.01)
        lags.append(time.perf_counter() - started - 0.01)


class _CollectorPauses:
    """This harness's own garbage-collector pauses while a step runs. What was allocated before
    the step (the opened tabs, earlier steps) is frozen first, so a full collection does not
    walk it again and again: unfrozen, 100 tabs' pages made full collections of 150–270 ms that
    stopped every round trip in flight and showed up as the server's p99."""

    def __init__(self) -> None:
        gc.collect()
        gc.freeze()
        self.longest = 0.0
        self._started = 0.0
        gc.callbacks.append(self._timed)

    def _timed(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.longest = max(self.longest, time.perf_counter() - self._started)

    def stop(self) -> None:
        gc.callbacks.remove(self._timed)
        gc.unfreeze()


def _redraw_latencies(saves: list[tuple[float, float]], officers: list[Client]):
    """For each save and each officer view: from sending the save to the first heatmap redraw
    that officer received after the save was answered (missing after REDRAW_SECONDS: missed)."""
    latencies, missed = [], 0
    for sent, answered in saves:
        for officer in officers:
            arrival = next((t for t in officer.redraws if t >= answered), None)
            if arrival is None or arrival - answered > REDRAW_SECONDS:
                missed += 1
            else:
                latencies.append(arrival - sent)
    return latencies, missed


async def run_step(
    *,
    scenario: str,
    server: Server,
    clients: list[Client],
    seconds: float,
    interval: float | None,
    before: Callable[[], Awaitable[None]] | None = None,
    app: str | None = None,
) -> Result:
    """Open every client's tab, run them for `seconds` (every `interval` s, or flat out when
    None), wait for late redraws, close everything; returns the step's numbers, under `app`
    (the server's name unless given)."""
    tally = _Tally()
    gate = asyncio.Semaphore(OPENING_AT_ONCE)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:
        opened = await asyncio.gather(*(_open(http, c, tally, gate) for c in clients))
        for client in clients:
            if client.watches_redraws is not None:
                client.tab.on_message = _recorder(client)
        if before is not None:
            await before()
        server.start_measuring()
        lags: list[float] = []
        stop_lag = asyncio.Event()
        lag_probe = asyncio.ensure_future(_loop_lag(lags, stop_lag))
        collector = _CollectorPauses()
        started = time.perf_counter()
        until = started + seconds
        actors = [c for c in clients if c.watches_redraws is None and not c.tab.closed]
        loops = [
            _paced(c, tally, until, interval) if interval else _flat_out(c, tally, until)
            for c in actors
        ]
        await asyncio.gather(*loops)
        stop_lag.set()
        await lag_probe
        collector.stop()
        elapsed = time.perf_counter() - started
        cpu, rss, per_process = server.cpu_percent(), server.rss(), server.cpu_by_process()
        cpu_seconds = cpu / 100 * elapsed
        officers = [c for c in clients if c.watches_redraws is not None]
        if officers and tally.saves:
            await asyncio.sleep(min(REDRAW_SECONDS, 1.0 + 0.1 * len(tally.saves)))
        tally.errors += sum(1 for c in clients if c.tab.closed)
        await asyncio.gather(*(c.tab.close() for c in clients))
    latencies, missed = _redraw_latencies(tally.saves, officers)
    redraw_sizes = [n for officer in officers for n in officer.redraw_bytes]
    rts = [s * 1000 for s in tally.round_trips]
    answered = len(rts)
    return Result(
        scenario=scenario,
        app=app or server.name,
        clients=len(clients),
        seconds=round(elapsed, 1),
        sent=tally.sent,
        answered=answered,
        dropped=tally.dropped,
        errors=tally.errors,
        p50_ms=round(statistics.median(rts), 1) if rts else 0.0,
        p95_ms=round(percentile(rts, 95), 1),
        p99_ms=round(percentile(rts, 99), 1),
        max_ms=round(max(rts, default=0.0), 1),
        events_per_s=round(answered / elapsed, 1) if elapsed else 0.0,
        answer_kb=round(tally.answer_bytes / answered / 1024, 2) if answered else 0.0,
        redraw_p50_ms=round(percentile([x * 1000 for x in latencies], 50), 1)
        if latencies
        else None,
        redraw_p95_ms=round(percentile([x * 1000 for x in latencies], 95), 1)
        if latencies
        else None,
        redraws_missed=missed,
        redraw_kb_p50=round(statistics.median(redraw_sizes) / 1024, 2) if redraw_sizes else None,
        worker_cpu="/".join(f"{p:.0f}" for p in per_process if p >= 1),
        saves=len(tally.saves),
        opened_p95_ms=round(percentile([x * 1000 for x in opened], 95), 1),
        cpu_percent=round(cpu, 1),
        cpu_ms_per_event=round(1000 * cpu_seconds / answered, 2) if answered else 0.0,
        rss_mb=round(max(rss, server.peak_rss) / 2**20, 1),
        load_avg=round(os.getloadavg()[0], 2),
        client_lag_p95_ms=round(percentile([x * 1000 for x in lags], 95), 1),
        client_gc_max_ms=round(collector.longest * 1000, 1),
    )


def _recorder(client: Client) -> Callable[[Message], None]:
    def record(message: Message) -> None:
        if client.watches_redraws is not None and client.watches_redraws(message):
            client.redraws.append(message.at)
            client.redraw_bytes.append(message.size)

    return record
