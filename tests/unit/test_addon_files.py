"""The in-game addon: its TOC declares what the game needs, and its Lua parses and exports
exactly the fields the spec lists (checked on the syntax tree, not by running it)."""

from __future__ import annotations

from pathlib import Path

from luaparser import ast, astnodes

ADDON = Path(__file__).resolve().parent.parent.parent / "addon" / "PATTSync"
EXPORT_FIELDS = {
    "exportTime",
    "exportTimeISO",
    "addonVersion",
    "guildName",
    "memberCount",
    "characters",
}
CHARACTER_FIELDS = {
    "name", "realm", "class", "classFile", "level", "rank", "rankName", "zone", "note",
    "officerNote", "isOnline", "lastOnline", "achievementPoints",
}  # fmt: skip


def _tree():
    return ast.parse((ADDON / "PATTSync.lua").read_text(encoding="utf-8"))


def _table_keys(tree) -> list[set[str]]:
    return [
        {f.key.id for f in node.fields if isinstance(f.key, astnodes.Name)}
        for node in ast.walk(tree)
        if isinstance(node, astnodes.Table)
    ]


def test_the_toc_declares_interface_saved_variables_and_files():
    lines = (ADDON / "PATTSync.toc").read_text().splitlines()
    tags = dict(line[3:].split(": ", 1) for line in lines if line.startswith("## "))
    assert tags["Interface"] == "110100"
    assert tags["SavedVariables"] == "PATTSyncDB"
    files = [line for line in lines if line and not line.startswith("#")]
    assert files == ["PATTSync.lua"] and all((ADDON / f).exists() for f in files)


def test_the_lua_exports_exactly_the_spec_fields():
    tables = _table_keys(_tree())
    assert EXPORT_FIELDS in tables
    assert CHARACTER_FIELDS in tables


def test_slash_commands_subcommands_and_cooldown():
    source = (ADDON / "PATTSync.lua").read_text(encoding="utf-8")
    strings = {
        n.s if isinstance(n.s, str) else n.s.decode()
        for n in ast.walk(_tree())
        if isinstance(n, astnodes.String)
    }
    assert {"/pattsync", "/patt", "force", "status", "help"} <= strings
    assert "COOLDOWN_SECONDS = 6 * 60 * 60" in source
    assert "PATTSyncDB.lastExport = {" in source
