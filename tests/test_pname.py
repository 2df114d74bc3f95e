"""pname: the prefixed-name grammar, its character classes spelled in the form the stdlib compiles fastest."""
from __future__ import annotations

import re

from reportgraph import pname

#: Every code point, lone surrogates included: what a class is checked against.
EVERY_CHARACTER = "".join(map(chr, range(0x110000)))


def _members(ranges: pname.Ranges) -> list[str]:
    return [c for c in EVERY_CHARACTER if any(lo <= ord(c) <= hi for lo, hi in ranges)]


def test_a_class_matches_exactly_its_ranges() -> None:
    for ranges in (pname._PN_CHARS, pname._PN_CHARS_BASE + pname._chars(":"), ((0x4E00, 0x9FFF),), ((0, 0x10FFFF),)):
        spelled = pname.char_class(ranges)
        assert re.compile(spelled).findall(EVERY_CHARACTER) == _members(ranges), spelled[:40]


def test_a_class_is_spelled_by_whichever_side_names_fewer_characters() -> None:
    assert pname.char_class(pname._PN_CHARS).startswith("[^")  # most of the plane: its complement is shorter
    assert pname.char_class(((0x4E00, 0x9FFF),)) == "[\\U00004e00-\\U00009fff]"
    assert pname.char_class(pname._chars("ab") + pname._chars("c")) == "[\\U00000061-\\U00000063]"


def test_local_parts_and_prefixes() -> None:
    assert pname.PN_LOCAL.fullmatch("沙头社区") and pname.PN_LOCAL.fullmatch("a.b:c%41")
    assert not pname.PN_LOCAL.fullmatch("a.") and not pname.PN_LOCAL.fullmatch("-a")
    assert pname.PN_PREFIX.fullmatch("community") and pname.PN_PREFIX.fullmatch("")
    assert not pname.PN_PREFIX.fullmatch("_x") and not pname.PN_PREFIX.fullmatch("9x")
    assert pname.escaped_local("dc78e3b12d40/s21") == "dc78e3b12d40\\/s21"
    assert pname.escaped_local("a b") is None
