"""The interpreter's tuning, applied once when a backend worker starts (a lifespan task): the
garbage collector and how often threads take turns.

Every open tab keeps a state object tree in the worker (Reflex keeps it for an hour), so the
collector's full passes grow with the number of tabs and pause every tab at once. Measured with
`make load` (100 members on /schedule, then 100 visitors sorting /roster, 15 s each, one
worker): Python's defaults ran 1,776 collections taking 4.9 s in all, 12 of them full passes
(3.1 s, the longest over a second on a busy machine); after `gc.freeze()` of everything loaded
at start-up and these thresholds, 22 collections taking 0.44 s and no full pass.

Database calls run in worker threads beside the event loop, and they share the interpreter lock.
At Python's default 5 ms switch interval a thread coming back from the database waits up to
5 ms for the lock, at each of a transaction's round trips, whenever the loop is busy (redrawing
twenty officers' heatmaps, say). Measured with `make load`, raid night at 120 tabs: a member's
save or sign-up round trip went from p95 110 / p99 140 ms to 70 / 102 ms at 0.5 ms (two
runs with the same timing probe attached).
"""

from __future__ import annotations

import gc
import sys

# (young, middle, old): collect the youngest generation every 10,000 net allocations instead
# of 700, and the older ones 20 times less often than that each.
THRESHOLDS = (10_000, 20, 20)

SWITCH_INTERVAL_SECONDS = 0.0005


async def tune_runtime() -> None:
    """Move what start-up loaded (modules, the compiled app) out of the collector's sight, set
    its thresholds and the switch interval; then there is nothing more to do."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
