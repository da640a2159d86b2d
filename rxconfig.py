"""Reflex configuration. Everything environment-specific lives in patt_app/settings.py."""

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

config = rx.Config(
    app_name="patt_app",
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
