"""Warcraft Logs (v2 GraphQL API): reports of the guild's raids, as attendance evidence."""
