"""Keeping the guild's characters true to outside sources (the Battle.net roster sync)."""
