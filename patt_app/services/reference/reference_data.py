"""The reference data every guild starts with: ranks, roles, classes and specializations."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, select

from patt_app.models import GuildRank, Role, Specialization, WowClass
from patt_app.services.reference.promotion_rule_table import seed_example_rules

OFFICER_LEVEL = 4
GUILD_LEADER_LEVEL = 5


@dataclass(frozen=True)
class RankSeed:
    level: int
    name: str
    scheduling_weight: int
    wow_rank_index: int
    description: str


RANKS = (
    RankSeed(1, "Initiate", 0, 4, "New member, proving reliability and social fit"),
    RankSeed(2, "Member", 1, 3, "Regular attendee who engages with the guild"),
    RankSeed(3, "Veteran", 3, 2, "Key performer, helps others, brings the guild together"),
    RankSeed(4, "Officer", 5, 1, "Guild leadership team"),
    RankSeed(5, "Guild Leader", 5, 0, "Guild master"),
)

# (name, key, colour)
ROLES = (
    ("Tank", "tank", "#60a5fa"),
    ("Healer", "healer", "#4ade80"),
    ("Melee DPS", "melee", "#f87171"),
    ("Ranged DPS", "ranged", "#fbbf24"),
)

# (name, Blizzard class id, colour)
CLASSES = (
    ("Warrior", 1, "#C69B6D"),
    ("Paladin", 2, "#F48CBA"),
    ("Hunter", 3, "#AAD372"),
    ("Rogue", 4, "#FFF468"),
    ("Priest", 5, "#FFFFFF"),
    ("Death Knight", 6, "#C41E3A"),
    ("Shaman", 7, "#0070DD"),
    ("Mage", 8, "#3FC7EB"),
    ("Warlock", 9, "#8788EE"),
    ("Monk", 10, "#00FF98"),
    ("Druid", 11, "#FF7C0A"),
    ("Demon Hunter", 12, "#A330C9"),
    ("Evoker", 13, "#33937F"),
)

# class -> ((spec, default role key), ...)
SPECIALIZATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "Death Knight": (("Blood", "tank"), ("Frost", "melee"), ("Unholy", "melee")),
    "Demon Hunter": (("Havoc", "melee"), ("Vengeance", "tank")),
    "Druid": (
        ("Balance", "ranged"),
        ("Feral", "melee"),
        ("Guardian", "tank"),
        ("Restoration", "healer"),
    ),
    "Evoker": (("Devastation", "ranged"), ("Preservation", "healer"), ("Augmentation", "ranged")),
    "Hunter": (("Beast Mastery", "ranged"), ("Marksmanship", "ranged"), ("Survival", "melee")),
    "Mage": (("Arcane", "ranged"), ("Fire", "ranged"), ("Frost", "ranged")),
    "Monk": (("Brewmaster", "tank"), ("Mistweaver", "healer"), ("Windwalker", "melee")),
    "Paladin": (("Holy", "healer"), ("Protection", "tank"), ("Retribution", "melee")),
    "Priest": (("Discipline", "healer"), ("Holy", "healer"), ("Shadow", "ranged")),
    "Rogue": (("Assassination", "melee"), ("Outlaw", "melee"), ("Subtlety", "melee")),
    "Shaman": (("Elemental", "ranged"), ("Enhancement", "melee"), ("Restoration", "healer")),
    "Warlock": (("Affliction", "ranged"), ("Demonology", "ranged"), ("Destruction", "ranged")),
    "Warrior": (("Arms", "melee"), ("Fury", "melee"), ("Protection", "tank")),
}


def wowhead_slug(class_name: str, spec_name: str) -> str:
    """Wowhead's path for a spec, e.g. `death-knight/blood`."""
    return f"{class_name.lower().replace(' ', '-')}/{spec_name.lower().replace(' ', '-')}"


def seed_reference_data(*, session: Session) -> None:
    """Insert the reference data, idempotently.

    Ranks are only inserted when their level is missing, so officers' edits survive a restart;
    roles, classes and specializations are game data and are brought up to date.
    """
    for rank in RANKS:
        session.execute(
            insert(GuildRank)
            .values(
                level=rank.level,
                name=rank.name,
                scheduling_weight=rank.scheduling_weight,
                wow_rank_index=rank.wow_rank_index,
                description=rank.description,
            )
            .on_conflict_do_nothing()
        )
    for name, key, colour in ROLES:
        stmt = insert(Role).values(name=name, key=key, colour=colour)
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=["key"], set_={"name": name, "colour": colour}
            )
        )
    for name, class_id, colour in CLASSES:
        stmt = insert(WowClass).values(name=name, blizzard_class_id=class_id, colour=colour)
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=["blizzard_class_id"], set_={"name": name, "colour": colour}
            )
        )
    session.flush()
    role_ids = {r.key: r.id for r in session.exec(select(Role))}
    class_ids = {c.name: c.id for c in session.exec(select(WowClass))}
    for class_name, specs in SPECIALIZATIONS.items():
        for spec_name, role_key in specs:
            values = {
                "class_id": class_ids[class_name],
                "name": spec_name,
                "default_role_id": role_ids[role_key],
                "wowhead_slug": wowhead_slug(class_name, spec_name),
            }
            session.execute(
                insert(Specialization)
                .values(**values)
                .on_conflict_do_update(
                    index_elements=["class_id", "name"],
                    set_={
                        "default_role_id": values["default_role_id"],
                        "wowhead_slug": values["wowhead_slug"],
                    },
                )
            )
    seed_example_rules(session=session)  # flushes first
