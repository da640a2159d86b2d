"""The SavedVariables reader: the real file exactly, the client's style round trip, and damaged
input always failing with one ParseError that says where."""

from __future__ import annotations

import contextlib
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patt_app.integrations.addon.saved_variables import ParseError, read_saved_variables
from tests.support.saved_variables_writer import write_saved_variables

FIXTURE = Path("/work/shared/fixtures/pattsync/PATTSync.lua")
if not FIXTURE.exists():  # a copy travels with the tests
    FIXTURE = Path(__file__).parent.parent / "fixtures" / "PATTSync.lua"


@pytest.fixture(scope="module")
def fixture_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def test_the_fixture_reads_exactly(fixture_text):
    db = read_saved_variables(fixture_text)["PATTSyncDB"]
    assert db["lastExportTime"] == 1764080400 and db["totalExports"] == 14
    export = db["lastExport"]
    assert export["exportTimeISO"] == "2025-11-25T14:20:00Z"
    assert export["guildName"] == "Pull All The Things"
    characters = export["characters"]
    assert [c["name"] for c in characters] == [
        "Trogmoon", "Zatañña", "Shodoom", "Bloodvalor", "Skatefarm", "Porax",
    ]  # fmt: skip
    trog, zat, sho, blood, skate, porax = characters
    assert trog["note"] == "GM -- discord: trog"  # `--` inside a string is not a comment
    assert trog["isOnline"] is True and zat["isOnline"] is False
    assert trog["realm"] == "Sen'jin" and trog["rank"] == 0 and trog["level"] == 80
    assert zat["note"] == 'the "healer" you want'
    assert zat["officerNote"] == "alt of Rocket\\main on Sargeras"
    assert sho["officerNote"] == "dc=shodoom\nraid lead backup"
    assert blood["class"] == "Death Knight" and blood["lastOnline"] == "1y 2m 3d"
    assert skate["achievementPoints"] == 4501.5 and isinstance(skate["achievementPoints"], float)
    assert isinstance(trog["achievementPoints"], int)
    assert porax["zone"] == "" and porax["note"] == "main: Porax"


def test_bytes_are_read_as_utf8(fixture_text):
    assert read_saved_variables(fixture_text.encode()) == read_saved_variables(fixture_text)


@pytest.mark.parametrize(
    ("damage", "line", "column", "words"),
    [
        (lambda t: t.replace('["totalExports"] = 14,', '["totalExports"] = 14'), 5, 2, "','"),
        (lambda t: t.replace('"Dornogal"', '"Dornogal'), 20, 16, "never closed"),
        (lambda t: t.replace("= true,", "= tru,", 1), 23, 20, "expected a value"),
        (lambda t: t.replace('"healer\\"', '"healer\\q'), 36, 29, "unknown escape"),
        (lambda t: t.rstrip().removesuffix("}"), 104, 1, "ends inside the table opened at line 2"),
        (lambda t: t.replace("= 80,", "= 80x,", 1), 17, 17, "malformed number"),
        (lambda t: "return " + t, 1, 1, "variable name"),
    ],
)
def test_damaged_copies_fail_naming_line_and_column(fixture_text, damage, line, column, words):
    with pytest.raises(ParseError) as caught:
        read_saved_variables(damage(fixture_text))
    assert (caught.value.line, caught.value.column) == (line, column), str(caught.value)
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"line {line}, column {column}: ")


def test_invalid_utf8_is_a_parse_error():
    with pytest.raises(ParseError, match=r"line 2, column 6: .*UTF-8"):
        read_saved_variables(b'A = 1\nB = "\xff"\n')


def test_lua_forms_the_client_may_write():
    text = """
    -- a comment line
    A = { 1, 2.5, -3, 1e3, 0x10, "x", 'y', [[long
string]], nil, }
    B = { name = "bare key", [10] = "sparse", ["nested"] = { { } } }; C = nil
    D = "\\65\\066\\x43\\u{e9}\\z
         end"
    """
    data = read_saved_variables(text)
    assert data["A"][:8] == [1, 2.5, -3, 1000.0, 16, "x", "y", "long\nstring"]
    assert data["B"] == {"name": "bare key", 10: "sparse", "nested": [{}]}
    assert data["C"] is None
    assert data["D"] == "ABCéend"


def test_nesting_is_bounded():
    with pytest.raises(ParseError, match="nested deeper"):
        read_saved_variables("A = " + "{" * 500 + "}" * 500)


# -- properties ---------------------------------------------------------------------------

names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,12}", fullmatch=True).filter(
    lambda n: n not in {"true", "false", "nil", "and", "or", "not", "end", "do", "if", "in"}
)
scalars = (
    st.text(max_size=20)
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
)
tables = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, min_size=1, max_size=5)
        | st.dictionaries(st.text(max_size=10), children, min_size=1, max_size=5)
    ),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(names, tables, max_size=4))
def test_tables_written_in_the_clients_style_read_back_equal(variables):
    assert read_saved_variables(write_saved_variables(variables)) == variables


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_raise_nothing_but_parse_error(data):
    with contextlib.suppress(ParseError):
        read_saved_variables(data)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=string.printable + "{}[]=\"'\\-ñ", max_size=120))
def test_random_lua_like_text_raises_nothing_but_parse_error(text):
    with contextlib.suppress(ParseError):
        read_saved_variables(text)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_a_truncated_export_always_fails(fixture_text, data):
    opening = fixture_text.index("{") + 1
    cut = data.draw(st.integers(min_value=opening, max_value=len(fixture_text.rstrip()) - 1))
    with pytest.raises(ParseError):
        read_saved_variables(fixture_text[:cut])
