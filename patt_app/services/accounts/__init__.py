"""Accounts: registration, invites, passwords, sessions, login limits, permissions, profile."""
