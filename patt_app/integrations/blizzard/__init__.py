"""Battle.net: the API client (`client.py`), its rate limiter (`rate_limit.py`), JSON to plain
data (`parsing.py`) and the roster sync run (`roster_sync.py`)."""
