"""The dark "tavern" look: colours used across every page."""

BACKGROUND = "#0a0a0b"
SURFACE = "#141416"
CARD = "#1a1a1d"
BORDER = "#2a2a2e"
GOLD = "#d4a84b"
TEXT = "#e8e6e3"
MUTED = "#9a968f"

ROLE_COLOURS = {
    "tank": "#60a5fa",
    "healer": "#4ade80",
    "melee": "#f87171",
    "ranged": "#fbbf24",
    "unknown": "#9ca3af",
}

CARD_STYLE = {
    "background": CARD,
    "border": f"1px solid {BORDER}",
    "border_radius": "12px",
    "padding": "1.25rem",
}

SELECT_STYLE = {  # a native select (rx.el.select) on the dark cards
    "background": CARD,
    "color": "inherit",
    "border": f"1px solid {BORDER}",
    "border_radius": "6px",
    "padding": "0.35rem",
    "font_size": "var(--font-size-2)",  # as the text fields beside it
    "max_width": "100%",  # a long option never pushes the card wider on a phone
}

ITEM_STYLE = {
    "background": CARD,
    "border": f"1px solid {BORDER}",
    "border_radius": "10px",
    "padding": "0.75rem",
    "width": "100%",
}
