"""Adapters to the outside world: Battle.net (`blizzard/`), Discord (`discord/`) and the PATTSync
addon (`addon/`). Only these packages import `httpx` or `discord`; each turns what it receives
into plain data for `services/` and sends what services decide should be sent."""
