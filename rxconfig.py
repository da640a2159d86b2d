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
    redis_url=get_settings().redis_url,
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
