"""Campaigns: guild votes with ranked ballots, their lifecycle and the contest agent."""
