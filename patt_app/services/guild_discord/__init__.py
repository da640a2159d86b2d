"""The guild's Discord rules, without Discord: the outbox of posts and DMs, member and role sync,
event announcements and reminders, audit reports, invite DMs, the bot's status and settings.
The bot (integrations/discord/) only turns Discord into plain data and sends what these decide."""
