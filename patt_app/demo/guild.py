"""What the demo guild looks like: a deterministic, plain-data plan (no database, no clock).

`plan_demo_guild()` always returns the same guild for the same seed, so screenshots, tests and
newcomers all see the same people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import time

from patt_app.services.reference.reference_data import SPECIALIZATIONS

DEMO_SEED = 20261125
DEMO_PASSWORD = "pattdemo"
DEMO_OFFICER = "demo_officer"
DEMO_MEMBER = "demo_member"

HOME_REALM = "Sen'jin"
OTHER_REALMS = ("Sen'jin", "Sen'jin", "Area 52", "Mal'Ganis", "Stormrage", "Quel'Thalas", "Illidan")

# (display name, Discord username or None, rank level, timezone)
PLAYERS: tuple[tuple[str, str | None, int, str], ...] = (
    ("Trogdor", "trogdor", 5, "America/Chicago"),
    ("Demo Officer", DEMO_OFFICER, 4, "America/New_York"),
    ("Shodo", "shodo", 4, "America/Chicago"),
    ("Kaldra", "kaldra", 4, "America/Los_Angeles"),
    ("Mito", "mito.wow", 4, "America/Chicago"),
    ("Demo Member", DEMO_MEMBER, 2, "America/Denver"),
    ("Zat", "zatanna", 3, "America/New_York"),
    ("Bronwyn", "bronwyn", 3, "Europe/London"),
    ("Skate", "skateordie", 3, "America/Chicago"),
    ("Hexxy", "hexxy", 3, "America/New_York"),
    ("Moonbeam", "moonbeam", 3, "America/Los_Angeles"),
    ("Dorian", "dorian_", 3, "Australia/Sydney"),
    ("Lyra", "lyra", 3, "America/Chicago"),
    ("Grimm", "grimmjow", 3, "America/St_Johns"),
    ("Pixel", "pixel", 3, "America/New_York"),
    ("Thorne", "thorne", 2, "Europe/Berlin"),
    ("Ember", "ember", 2, "America/Chicago"),
    ("Saffron", "saffron", 2, "America/Phoenix"),
    ("Vex", "vexed", 2, "America/New_York"),
    ("Juniper", "juniper", 2, "America/Los_Angeles"),
    ("Kodiak", "kodiak", 2, "America/Chicago"),
    ("Nyx", "nyx", 2, "Asia/Kathmandu"),
    ("Bramble", "bramble", 2, "America/New_York"),
    ("Quill", None, 2, "America/Denver"),
    ("Rook", "rook", 2, "Europe/London"),
    ("Sable", "sable", 2, "America/Chicago"),
    ("Talon", "talon", 2, "America/New_York"),
    ("Orrin", "orrin", 2, "Pacific/Auckland"),
    ("Wren", "wren", 2, "America/Los_Angeles"),
    ("Fable", None, 2, "America/Chicago"),
    ("Marrow", "marrow", 2, "America/New_York"),
    ("Cinder", "cinder", 2, "Europe/Berlin"),
    ("Dusk", "dusk", 2, "America/Chicago"),
    ("Haze", "haze", 2, "Australia/Sydney"),
    ("Ivo", "ivo", 1, "America/New_York"),
    ("Jinx", "jinx", 1, "America/Los_Angeles"),
    ("Kestrel", "kestrel", 1, "America/Chicago"),
    ("Lumen", None, 1, "Europe/London"),
    ("Mabel", "mabel", 1, "America/Denver"),
    ("Nettle", "nettle", 1, "America/New_York"),
    ("Onyx", "onyx", 1, "Australia/Sydney"),
    ("Pike", None, 1, "America/Chicago"),
    ("Sprocket", "sprocket", 1, "Europe/Berlin"),
)

# Discord members who are on the server but not linked to anyone yet (username, display, role).
UNLINKED_DISCORD = (
    ("gravelord", "Gravelord", "Member"),
    ("feralfrank", "Frank", "Initiate"),
    ("sunnydayz", "Sunny", None),
    ("puglord99", "PugLord", None),
    ("quietstorm", "Quiet Storm", "Member"),
    ("tinkerbell", "Tinker", "Initiate"),
)

_PREFIXES = (
    "Thal",
    "Mor",
    "Kae",
    "Zul",
    "Bri",
    "Syl",
    "Dra",
    "Vel",
    "Gor",
    "Ash",
    "Lun",
    "Fen",
    "Ryn",
    "Tor",
    "Ily",
    "Nym",
    "Kor",
    "Ser",
    "Vor",
    "Ael",
    "Bel",
    "Cal",
    "Eri",
    "Hal",
)
_SUFFIXES = (
    "dris",
    "wyn",
    "gar",
    "ara",
    "ion",
    "eth",
    "ash",
    "oth",
    "ena",
    "ak",
    "ys",
    "ira",
    "os",
    "und",
    "ella",
    "ric",
    "wen",
    "an",
)
_SPECIAL_NAMES = (
    "Mørkblad",
    "Æthelwyn",
    "Healsonwheels",
    "Tankuvery",
    "Moonfury",
    "Stabbyjoe",
    "Pewpewlazr",
    "Dotsndots",
    "Holyheals",
)

# Mains cycle through this so the guild has a raid-shaped mix: ~5 tanks, ~9 healers.
_MAIN_ROLES = (
    "melee",
    "healer",
    "ranged",
    "tank",
    "ranged",
    "melee",
    "healer",
    "ranged",
    "melee",
    "ranged",
)

# New initiates who have not picked a main yet, and one player who stepped back from raiding.
_WITHOUT_MAIN = ("Pike", "Lumen")
_INACTIVE = ("Fable",)

_GUILD_RANK_NAMES = {1: "Initiate", 2: "Member", 3: "Veteran", 4: "Officer", 5: "GM"}


@dataclass
class DemoCharacter:
    name: str
    realm_name: str
    class_name: str
    spec_name: str
    level: int
    item_level: int
    rank_level: int
    days_since_login: int
    guild_note: str | None = None


@dataclass
class DemoPlayer:
    display_name: str
    discord_username: str | None
    rank_level: int
    timezone: str
    characters: list[DemoCharacter]
    offspec_index: int | None
    availability: dict[int, tuple[time, float]]
    weeks_in_guild: int
    attendance_rate: float
    auto_invite_events: bool
    has_account: bool = False
    discord_role: str | None = None
    has_main: bool = True
    is_active: bool = True


@dataclass
class DemoGuild:
    players: list[DemoPlayer]
    unlinked_characters: list[DemoCharacter]
    unlinked_discord: tuple[tuple[str, str, str | None], ...] = UNLINKED_DISCORD
    away_player: str = "Bronwyn"
    accounts: list[str] = field(default_factory=list)


def realm_slug(realm_name: str) -> str:
    """Blizzard's realm slug: lower-case, apostrophes dropped, spaces as dashes (Sen'jin → senjin)."""
    return realm_name.lower().replace("'", "").replace(" ", "-")


def _name_pool(rng: random.Random) -> list[str]:
    pool = [p + s for p in _PREFIXES for s in _SUFFIXES][:250] + list(_SPECIAL_NAMES)
    rng.shuffle(pool)
    return pool


def _character(
    rng: random.Random, name: str, rank: int, *, main: bool, role: str | None = None
) -> DemoCharacter:
    specs = [
        (c, s)
        for c, pairs in sorted(SPECIALIZATIONS.items())
        for s, r in pairs
        if role is None or r == role
    ]
    class_name, spec_name = rng.choice(specs)
    level = 80 if main or rng.random() < 0.7 else rng.randint(60, 79)
    item_level = rng.randint(645, 678) if main else (rng.randint(590, 660) if level == 80 else 0)
    realm = HOME_REALM if main or rng.random() < 0.6 else rng.choice(OTHER_REALMS)
    idle = rng.choice((0, 0, 1, 2, 3, 5, 8)) if main else rng.choice((1, 4, 12, 20, 35, 60, 90))
    return DemoCharacter(name, realm, class_name, spec_name, level, item_level or 0, rank, idle)


# When raiders in each zone can usually start (local time): the guild raids Tue/Thu 20:00 Central.
_US_STARTS = {
    "America/New_York": (20, 20.5, 21, 21),
    "America/Chicago": (19, 19.5, 20, 20),
    "America/Denver": (18, 18.5, 19, 19),
    "America/Phoenix": (18, 18.5, 19),
    "America/Los_Angeles": (17, 17.5, 18, 18.5),
    "America/St_Johns": (21.5, 22, 22.5),
}


def _clock(hours: float) -> time:
    return time(int(hours), round((hours % 1) * 60))


def _availability(rng: random.Random, timezone: str) -> dict[int, tuple[time, float]]:
    """US raiders: evenings, most on Tue/Thu (longer); Oceania: mornings that are US evenings;
    Europe and Asia: their own evenings, and a few night owls."""
    if timezone in _US_STARTS:
        windows = {}
        for day in range(7):
            raid_night = day in (1, 3)
            if rng.random() < (0.85 if raid_night else 0.35):
                hours = rng.choice((3.5, 4.0, 4.0, 5.0) if raid_night else (2.5, 3.0, 4.0))
                windows[day] = (_clock(rng.choice(_US_STARTS[timezone])), hours)
        return windows
    if timezone.startswith(("Australia", "Pacific")):
        starts: tuple[time, ...] = (time(11, 0), time(11, 30), time(12, 0))
        days = [2, 4, 5, 6]
    else:
        starts, days = (time(1, 30), time(2, 0), time(19, 0), time(20, 0)), [0, 1, 2, 3, 6]
    chosen = sorted(set(rng.sample(days, k=min(len(days), rng.randint(2, 4)))))
    return {d: (rng.choice(starts), rng.choice((3.0, 3.5, 4.0))) for d in chosen}


def plan_demo_guild(seed: int = DEMO_SEED) -> DemoGuild:
    """The demo guild: 43 players, about 195 characters, Discord users and availability."""
    rng = random.Random(seed)
    availability_rng = random.Random(seed + 1)  # own stream: tuning it leaves the people alone
    names = iter(_name_pool(rng))
    players: list[DemoPlayer] = []
    for index, (display, discord, rank, tz) in enumerate(PLAYERS):
        main_name = "Zatañña" if display == "Zat" else next(names)
        role = _MAIN_ROLES[index % len(_MAIN_ROLES)]
        characters = [_character(rng, main_name, rank, main=True, role=role)]
        for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 4, 5))):
            characters.append(_character(rng, next(names), min(rank, 2), main=False))
        if len(characters) > 1 and rng.random() < 0.5:
            characters[1].guild_note = f"alt of {main_name}"
        if discord and rng.random() < 0.25:
            characters[0].guild_note = f"discord: {discord}"
        players.append(
            DemoPlayer(
                display_name=display,
                discord_username=discord,
                rank_level=rank,
                timezone=tz,
                characters=characters,
                offspec_index=1 if len(characters) > 2 and rng.random() < 0.4 else None,
                availability={} if index % 11 == 10 else _availability(availability_rng, tz),
                weeks_in_guild=rng.choice((3, 5)) if rank == 1 else rng.randint(12, 80),
                attendance_rate=rng.choice((0.55, 0.7, 0.8, 0.9, 0.95)),
                auto_invite_events=rng.random() < 0.3,
                has_account=discord in (DEMO_OFFICER, DEMO_MEMBER)
                or (rank >= 2 and index % 3 == 0),
                discord_role=_GUILD_RANK_NAMES[rank] if discord else None,
                has_main=display not in _WITHOUT_MAIN,
                is_active=display not in _INACTIVE,
            )
        )
    unlinked = [_character(rng, next(names), rng.choice((1, 2)), main=False) for _ in range(23)]
    return DemoGuild(players=players, unlinked_characters=unlinked)
