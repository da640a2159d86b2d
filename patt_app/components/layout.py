"""The shared page shell (top bar, navigation, footer), the `template` page decorator and
its officer-screen form `officer_page`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import reflex as rx
from reflex.event import EventType

from patt_app.components.kit import heading_with, note, officer_screen, soft_button
from patt_app.components.theme import BACKGROUND, BORDER, GOLD, SURFACE, TEXT
from patt_app.states.officer import OfficerState
from patt_app.states.session import SessionState

GUILD_NAME = "Pull All The Things"


@dataclass(frozen=True)
class NavLink:
    label: str
    href: str
    audience: str = "public"  # "public" | "member" | "member-not-officer" | "officer"


# Only pages that exist are listed; later features add their links here.
NAV_LINKS: tuple[NavLink, ...] = (
    NavLink("Home", "/"),
    NavLink("Roster", "/roster"),
    NavLink("Votes", "/campaigns"),
    NavLink("Raids", "/events", "member"),
    NavLink("Availability", "/availability", "member"),
    NavLink("Schedule", "/schedule", "member-not-officer"),
    NavLink("Profile", "/profile", "member"),
    NavLink("Scheduling", "/admin/schedule", "officer"),
    NavLink("Raid-time studio", "/admin/raid-times", "officer"),
    NavLink("Events", "/admin/events", "officer"),
    NavLink("Attendance", "/admin/attendance", "officer"),
    NavLink("Campaigns", "/admin/campaigns", "officer"),
    NavLink("Players", "/admin/players", "officer"),
    NavLink("Reference tables", "/admin/reference-tables", "officer"),
    NavLink("Background jobs", "/admin/jobs", "officer"),
    NavLink("Audit", "/admin/audit", "officer"),
    NavLink("Battle.net sync", "/admin/sync", "officer"),
    NavLink("Discord", "/admin/discord", "officer"),
    NavLink("Onboarding", "/admin/onboarding", "officer"),
)


def _visible(link: NavLink, component: rx.Component) -> rx.Component:
    """Show a link only to its audience (the pages check permissions themselves too)."""
    if link.audience == "member":
        return rx.cond(SessionState.logged_in, component)
    if link.audience == "officer":
        return rx.cond(SessionState.is_officer, component)
    if link.audience == "member-not-officer":  # officers use the richer admin view
        return rx.cond(SessionState.logged_in & ~SessionState.is_officer, component)
    return component


def _nav_item(link: NavLink) -> rx.Component:
    active = rx.State.router.url.path == link.href
    return _visible(
        link,
        rx.link(
            link.label,
            href=link.href,
            color=rx.cond(active, GOLD, TEXT),
            font_weight=rx.cond(active, "600", "400"),
            underline="none",
            _hover={"color": GOLD},
            padding_x="0.5rem",
            white_space="nowrap",
        ),
    )


def _brand() -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.box(
                "PATT",
                background=GOLD,
                color=BACKGROUND,
                font_weight="800",
                padding_x="0.5rem",
                border_radius="6px",
                letter_spacing="0.05em",
            ),
            rx.text(
                GUILD_NAME,
                color=TEXT,
                font_weight="600",
                white_space="nowrap",
                display=["none", "block", "none", "block"],
            ),
            align="center",
            spacing="2",
        ),
        href="/",
        underline="none",
    )


def _mobile_menu(links: tuple[NavLink, ...]) -> rx.Component:
    return rx.menu.root(
        rx.menu.trigger(
            rx.icon_button(rx.icon("menu"), variant="ghost", color=TEXT, aria_label="Menu")
        ),
        rx.menu.content(
            *[_visible(link, rx.menu.item(rx.link(link.label, href=link.href))) for link in links],
            rx.menu.separator(),
            rx.cond(
                SessionState.logged_in,
                rx.menu.item("Log out", on_click=SessionState.logout),
                rx.menu.item(rx.link("Log in", href="/login")),
            ),
        ),
    )


def _officer_menu() -> rx.Component:
    """The officer screens, grouped so the bar stays readable."""
    return rx.cond(
        SessionState.is_officer,
        rx.menu.root(
            rx.menu.trigger(
                rx.button(
                    "Officer",
                    rx.icon("chevron_down", size=14),
                    size="2",
                    variant="ghost",
                    color=GOLD,
                    id="officer-menu",
                )
            ),
            rx.menu.content(
                *[
                    rx.menu.item(
                        rx.link(
                            link.label, href=link.href, color=TEXT, underline="none", width="100%"
                        )
                    )
                    for link in NAV_LINKS
                    if link.audience == "officer"
                ]
            ),
        ),
    )


def _account() -> rx.Component:
    return rx.cond(
        SessionState.logged_in,
        rx.hstack(
            note(SessionState.viewer_name, id="viewer-name"),
            soft_button(
                "Log out",
                color_scheme="gray",
                on_click=SessionState.logout,
                id="logout",
            ),
            align="center",
        ),
        rx.link(soft_button("Log in"), href="/login", id="login-link"),
    )


def top_bar() -> rx.Component:
    """The bar across the top of every page."""
    return rx.box(
        rx.hstack(
            _brand(),
            rx.spacer(),
            rx.hstack(
                *[_nav_item(link) for link in NAV_LINKS if link.audience != "officer"],
                _officer_menu(),
                _account(),
                align="center",
                display=["none", "none", "flex"],
            ),
            rx.box(_mobile_menu(NAV_LINKS), display=["block", "block", "none"]),
            align="center",
            width="100%",
            max_width="1200px",
            margin_x="auto",
            padding_x="1rem",
            padding_y="0.75rem",
        ),
        background=SURFACE,
        border_bottom=f"1px solid {BORDER}",
        position="sticky",
        top="0",
        z_index="10",
        width="100%",
        id="top-bar",
    )


def shell(*children: rx.Component) -> rx.Component:
    """A page's content inside the shared layout."""
    return rx.box(
        top_bar(),
        rx.box(
            *children,
            width="100%",
            max_width="1200px",
            margin_x="auto",
            padding_x=["0.75rem", "1rem"],
            padding_y="1.5rem",
        ),
        rx.box(
            note(f"{GUILD_NAME} · Sen'jin (US) · real life first", size="1", text_align="center"),
            padding_y="2rem",
        ),
        background=BACKGROUND,
        min_height="100vh",
        color=TEXT,
    )


@dataclass(frozen=True)
class PageSpec:
    """A page to add to the app: its route, title, load events and component function."""

    route: str
    title: str
    on_load: list
    component: Callable[[], rx.Component]


# Every page, in the order its module was imported; patt_app.py adds each to the app once.
PAGES: list[PageSpec] = []


def template(
    *, route: str, title: str, on_load: EventType | None = None
) -> Callable[[Callable[[], rx.Component]], Callable[[], rx.Component]]:
    """Declare a page at `route` with its title, load event and the shared layout.

    Pages are added with `app.add_page` (see `add_pages`) rather than `@rx.page`, whose
    registrations Reflex replays on every compile and then warns about as redefinitions."""

    loads = on_load if isinstance(on_load, list) else [on_load] if on_load else []

    def decorator(content: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
        def page() -> rx.Component:
            return shell(content())

        page.__name__ = content.__name__
        PAGES.append(
            PageSpec(
                route=route,
                title=f"{title} · PATT",
                on_load=[SessionState.refresh_viewer, *loads],
                component=page,
            )
        )
        return page

    return decorator


def officer_page(
    *,
    route: str,
    title: str,
    state: type[OfficerState],
    intro: str | None = None,
    loads: Sequence[EventType] | None = None,
    beside: Callable[[], Sequence[rx.Component]] | None = None,
    **screen_props,
) -> Callable[[Callable[[], Sequence[rx.Component]]], Callable[[], rx.Component]]:
    """Declare an officer screen once: its route, its title (the tab's and the heading's, with
    what `beside()` returns next to it), its `intro`. The decorated function returns the
    screen's sections, drawn by `officer_screen`. The page load checks the viewer
    (`state.open_officer_page`), then runs `loads` (by default `state.load`)."""

    def decorator(sections: Callable[[], Sequence[rx.Component]]) -> Callable[[], rx.Component]:
        def screen() -> rx.Component:
            heading = heading_with(title, *beside()) if beside is not None else title
            return officer_screen(heading, intro, *sections(), **screen_props)

        screen.__name__ = sections.__name__
        on_load = [state.open_officer_page, *(loads if loads is not None else [state.load])]
        return template(route=route, title=title, on_load=on_load)(screen)

    return decorator


def add_pages(app: rx.App) -> None:
    """Add every declared page to `app`."""
    for spec in PAGES:
        app.add_page(spec.component, route=spec.route, title=spec.title, on_load=spec.on_load)
