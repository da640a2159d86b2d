"""Raids: events and series, sign-ups and attendance, the season report, calendar feeds, seasons."""
