"""The one way a moment is shown to a person: in their zone, in their browser's own style.

The server sends the moment as an ISO 8601 instant; the browser formats it with
`Intl.DateTimeFormat` in the viewer's zone (their profile's, passed in), with the locale the
browser uses — 24-hour where that is the custom, "Wed 9 Dec, 21:00 EST" or "Wed, Dec 9, 9:00 PM
EST". An empty value shows as `empty`."""

from __future__ import annotations

import json

import reflex as rx
from reflex.vars.base import Var, VarData

# What each style shows (all in the viewer's zone, labelled with its short name unless "time").
STYLES: dict[str, dict] = {
    "datetime": {
        "weekday": "short",
        "day": "numeric",
        "month": "short",
        "hour": "2-digit",
        "minute": "2-digit",
        "timeZoneName": "short",
    },
    "seconds": {
        "weekday": "short",
        "day": "numeric",
        "month": "short",
        "hour": "2-digit",
        "minute": "2-digit",
        "second": "2-digit",
        "timeZoneName": "short",
    },
    "date": {"weekday": "short", "day": "numeric", "month": "short", "year": "numeric"},
    "time": {"hour": "2-digit", "minute": "2-digit"},
}


def local_time_text(iso, zone, style: str = "datetime", empty: str = "—") -> Var:
    """A text var: instant `iso` (a state var or str) formatted in the browser for `zone`."""
    iso_var, zone_var = Var.create(iso), Var.create(zone)
    options = json.dumps(STYLES[style])
    expr = (
        f"((iso, tz) => {{ if (!iso) return {json.dumps(empty)}; "
        f"try {{ return new Intl.DateTimeFormat(undefined, {{...{options}, timeZone: tz || "
        f'"UTC"}}).format(new Date(iso)); }} catch (e) {{ return new Intl.DateTimeFormat('
        f'undefined, {{...{options}, timeZone: "UTC"}}).format(new Date(iso)); }} }})'
        f"({iso_var!s}, {zone_var!s})"
    )
    return Var(
        _js_expr=expr,
        _var_type=str,
        _var_data=VarData.merge(iso_var._get_all_var_data(), zone_var._get_all_var_data()),
    )


def local_time(iso, zone, style: str = "datetime", empty: str = "—", **props) -> rx.Component:
    """`<time datetime=…>` showing `local_time_text` (the ISO instant stays machine-readable)."""
    return rx.el.time(local_time_text(iso, zone, style, empty), date_time=iso, **props)


def time_span(start_iso, end_iso, zone, **props) -> rx.Component:
    """A raid's "Tue 8 Dec, 21:00 EST – 00:00" in `zone`: the start in full, the end's time."""
    return rx.text(local_time(start_iso, zone), " – ", local_time(end_iso, zone, "time"), **props)


def calendar_date(day, **props) -> rx.Component:
    """A calendar day ("2026-09-29", a state var or str) in the viewer's date style, "Tue 29
    Sep 2026". A day, not an instant: noon UTC shown in UTC keeps its date in every zone."""
    day_var = Var.create(day)
    return local_time(day_var + "T12:00:00Z", "UTC", style="date", **props)
