"""Every officer screen is declared the same way (`components.layout.officer_page`, or
`template` for the two screens drawn around a raid or a campaign): its page load looks at the
viewer first (members see "Officers only", visitors go to the login), and its tab title is the
heading officers read on the screen."""

from __future__ import annotations

import patt_app.pages  # noqa: F401  (registers every page)
from patt_app.components.layout import PAGES, PageSpec


def _officer_pages() -> list[PageSpec]:
    return [spec for spec in PAGES if spec.route.startswith("/admin")]


def _loads(spec: PageSpec) -> list[str]:
    return [event.fn.__name__ for event in spec.on_load]


def test_every_officer_screen_checks_the_viewer_before_it_loads() -> None:
    pages = _officer_pages()
    assert len(pages) >= 14
    unchecked = [
        spec.route for spec in pages if _loads(spec)[:2] != ["refresh_viewer", "open_officer_page"]
    ]
    assert unchecked == []


def test_an_officer_page_keeps_its_function_name_and_its_loads_in_order() -> None:
    by_route = {spec.route: spec for spec in PAGES}
    jobs = by_route["/admin/jobs"]
    assert jobs.title == "Background jobs · PATT"
    assert jobs.component.__name__ == "jobs_page"
    assert _loads(jobs) == ["refresh_viewer", "open_officer_page", "load"]
    schedule = by_route["/admin/schedule"]
    assert [event.fn.__qualname__ for event in schedule.on_load][1:] == [
        "OfficerState.open_officer_page",
        "ScheduleState.load",
        "AdminScheduleState.load",
        "AdminDstGuardState.load",
    ]
