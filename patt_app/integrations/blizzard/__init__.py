"""The Battle.net API client (httpx): OAuth token, rate limit, roster and profile calls."""
