"""The Discord bot (discord.py), run by the background runner when a token is configured."""
