"""PATT Platform: the web home of the Pull All The Things raiding guild."""

__version__ = "0.1.0"
