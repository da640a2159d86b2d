"""Garbage-collector tuning, applied once when a backend worker starts (a lifespan task).

Every open tab keeps a state object tree in the worker (Reflex keeps it for an hour), so the
collector's full passes grow with the number of tabs and pause every tab at once. Measured with
`make load` (100 members on /schedule, then 100 visitors sorting /roster, 15 s each, one
worker): Python's defaults ran 1,776 collections taking 4.9 s in all, 12 of them full passes
(3.1 s, the longest over a second on a busy machine); after `gc.freeze()` of everything loaded
at start-up and these thresholds, 22 collections taking 0.44 s and no full pass.
"""

from __future__ import annotations

import gc

# (young, middle, old): collect the youngest generation every 10,000 net allocations instead
# of 700, and the older ones 20 times less often than that each.
THRESHOLDS = (10_000, 20, 20)


async def tune_garbage_collector() -> None:
    """Move what start-up loaded (modules, the compiled app) out of the collector's sight and
    set the thresholds; then there is nothing more to do."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
