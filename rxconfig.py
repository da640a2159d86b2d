"""Reflex configuration. Everything environment-specific lives in patt_app/settings.py."""

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from patt_app.settings import get_settings

config = rx.Config(
    app_name="patt_app",
    # Browsers may call the backend (websocket and JSON API) only from PUBLIC_BASE_URL's site
    # once it is set, not from any site (Reflex's default is "*").
    cors_allowed_origins=get_settings().allowed_origins,
    # Behind a proxy, the login limits count the real client (X-Forwarded-For), not the proxy.
    trusted_proxy_hops=get_settings().trusted_proxy_hops,
    # With REDIS_URL, page state lives in Redis so several workers serve the same tabs.
    # Without it, in the one worker's memory: Reflex's default keeps it on disk as well, and
    # its writer thread (every 2 s: write the changed tabs, stat every stored one) fights the
    # event loop for the interpreter — `make load` measured it. A restarted worker loses the
    # tabs' state, and each tab reconnects and loads its page afresh.
    redis_url=get_settings().redis_url,
    state_manager_mode="redis" if get_settings().redis_url else "memory",
    show_built_with_reflex=False,
    telemetry_enabled=False,
    default_color_mode="dark",
    disable_plugins=[SitemapPlugin],
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(
                appearance="dark",
                accent_color="amber",
                gray_color="sand",
                radius="medium",
                has_background=True,
            )
        ),
    ],
)
