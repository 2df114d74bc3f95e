"""The gates before rules' patterns: every match a pattern can make holds one of its gate's literals."""
from __future__ import annotations

import random
import re

import pytest

from reportgraph.datafiles import DECLARED
from reportgraph.extract.gate import Gated, required_literals

try:
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]


def _sample(items: list, rng: random.Random, out: list[str]) -> None:
    """Append to ``out`` one string the parsed ``items`` can consume (assertions are skipped: the
    caller keeps only strings the pattern really matches)."""
    for op, arg in items:
        if op is sre.LITERAL:
            out.append(chr(arg))
        elif op is sre.IN:
            chars: list[str] = []
            for o, a in arg:
                if o is sre.LITERAL:
                    chars.append(chr(a))
                elif o is sre.RANGE:
                    chars.append(chr(rng.randint(a[0], min(a[1], a[0] + 50))))
                elif o is sre.CATEGORY:
                    chars.append(rng.choice("一二三7a"))
            if chars and not any(o is sre.NEGATE for o, _ in arg):
                out.append(rng.choice(chars))
            else:
                out.append(rng.choice("某x"))
        elif op is sre.ANY:
            out.append(rng.choice("某，x"))
        elif op is sre.SUBPATTERN:
            _sample(list(arg[3]), rng, out)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) or op is getattr(sre, "POSSESSIVE_REPEAT", None):
            low, high, inner = arg
            for _ in range(rng.randint(low, min(high, low + 3))):
                _sample(list(inner), rng, out)
        elif op is sre.BRANCH:
            _sample(list(rng.choice(arg[1])), rng, out)
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            _sample(list(arg), rng, out)


#: What makes a table's cell a regular expression rather than a word or a word list.
_PATTERN_SIGNS = re.compile(r"[\[\]()?*+|\\]")
#: Tables this large are dictionaries (the word tags), not rules.
_MAX_RULE_TABLE = 100_000


def _packaged_patterns() -> list[tuple[str, str]]:
    """Every regular expression of the packaged two-column tables of rules, by file and name."""
    out = []
    for path, data in sorted(DECLARED.items()):
        if not path.endswith(".tsv") or len(data.text) > _MAX_RULE_TABLE:
            continue
        for name, source in data.pairs.items():
            if not _PATTERN_SIGNS.search(source):
                continue
            try:
                re.compile(source)
            except re.error:
                continue  # a list of marks, not a pattern
            out.append((f"{path}:{name}", source))
    return out


def test_gate_of_literals_classes_and_branches() -> None:
    assert required_literals("(?:国家级)?绿色工厂") == ("绿色工厂",)
    assert required_literals(re.compile("(?:党的|中共)[一二三]+")) == ("党的", "中共")
    assert required_literals("(?:党的|中共)[一二三]+大") == ("大",)  # one literal: fewer tests
    assert required_literals("[省市]委") == ("委",)
    assert required_literals("[省市]") == ("省", "市")


def test_no_gate_where_none_follows() -> None:
    assert required_literals("(?i)ab") == ()
    assert required_literals("[^ab]+") == ()
    assert required_literals("(?:ab)?[0-9]") == ()
    assert required_literals("a|[0-9]") == ()


def test_gated_pattern_finds_what_the_pattern_finds() -> None:
    shape = Gated(re.compile("(?:省级)?单项冠军(?:企业)?"))
    text = "新增省级单项冠军企业5家，单项冠军产品3个"
    assert [m.group() for m in shape.finditer(text)] == [m.group() for m in shape.pattern.finditer(text)]
    assert list(shape.finditer("新增高新技术企业5家")) == []


@pytest.mark.parametrize(("where", "source"), _packaged_patterns())
def test_every_match_of_a_packaged_pattern_passes_its_gate(where: str, source: str) -> None:
    """Strings built from the pattern itself, kept where the pattern matches them: each holds a
    gate literal, so a gate never hides a match (a rule added to the data later is checked too)."""
    pattern = re.compile(source)
    gated = Gated(pattern)
    rng = random.Random(where)
    parsed = list(sre_parse.parse(source))
    matched = 0
    for _ in range(200):
        pieces: list[str] = []
        _sample(parsed, rng, pieces)
        text = "".join(pieces)
        if pattern.search(text):
            matched += 1
            assert gated.may_match(text), f"{where}: {text!r} matches, but holds none of {gated.gate}"
