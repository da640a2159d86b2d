"""Live updates: a shared counter every scheduling view is linked to. Saving availability bumps
it; Reflex pushes the new value to every linked browser, which then redraws its own view."""

from __future__ import annotations

import reflex as rx

PULSE_TOKEN = "guild-availability"


class AvailabilityPulse(rx.SharedState):
    """Bumped after every availability change."""

    version: int = 0


async def link_pulse(state: rx.State) -> AvailabilityPulse:
    """This client's view of the guild-wide pulse."""
    pulse = await state.get_state(AvailabilityPulse)
    return await pulse._link_to(PULSE_TOKEN)


async def bump_pulse(state: rx.State) -> None:
    """Tell every open scheduling view that availability changed."""
    pulse = await link_pulse(state)
    pulse.version += 1
