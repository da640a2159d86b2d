"""Reflex state classes: thin, one per page or feature; they call services and hold view data."""
