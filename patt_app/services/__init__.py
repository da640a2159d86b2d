"""The guild's rules, in plain Python: no Reflex, Discord, FastAPI or httpx here."""
