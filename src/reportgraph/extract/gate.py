"""Cheap gates before a rule's regular expression: the literal strings any match must hold.

A rule whose pattern opens with optional words or a character class
(``(?:国家级)?绿色工厂``) makes the regular expression engine try a match at
every character of every sentence, though few sentences hold the words the
pattern needs. The gate is derived from the pattern itself, so a rule added
to a data file later is gated too: :func:`required_literals` gives strings of
which every match holds at least one (``绿色工厂``, ``灯塔工厂``, ``智能工厂``), and
:class:`Gated` runs the pattern only on a text holding one of them — a
substring test in C, several times cheaper than the failing scan. A pattern
from which no such strings follow (a case-insensitive one, one that may match
nothing but a character class) gets no gate and always runs.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from reportgraph import regexcache

try:  # the stdlib's own parser of patterns and its node names (Python 3.11 moved them into re)
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

#: Repeats and atomic groups as this release names them (3.10 has neither possessive nor atomic ones).
_REPEATS = tuple(getattr(sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(sre, name))
_ATOMIC = getattr(sre, "ATOMIC_GROUP", None)

#: A character class of at most this many characters is a gate of its characters; larger, none.
_MAX_CLASS = 12
#: A gate of more alternatives than this costs more substring tests than the scan it saves.
_MAX_ALTERNATIVES = 24

_Literals = tuple[str, ...] | None


def required_literals(pattern: re.Pattern[str] | str) -> tuple[str, ...]:
    """Strings of which every match of ``pattern`` holds at least one; () when none can be said."""
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    flags = pattern.flags if isinstance(pattern, re.Pattern) else 0
    parsed = sre_parse.parse(source, flags)
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return ()
    found = _of_sequence(list(parsed))
    return found if found and all(found) else ()


def _of_sequence(items: list[tuple[Any, Any]]) -> _Literals:
    """The best gate a sequence of nodes gives: its longest run of literals that every match
    holds in a row, else the gate of one of its nodes (the fewest alternatives, the longest)."""
    options: list[tuple[str, ...]] = []
    run = ""
    for op, arg in items:
        if op is sre.LITERAL:
            run += chr(arg)
            continue
        if run:
            options.append((run,))
            run = ""
        node = _of_node(op, arg)
        if node:
            options.append(node)
    if run:
        options.append((run,))
    if not options:
        return None
    return min(options, key=lambda o: (len(o), -min(map(len, o))))


def _of_node(op: Any, arg: Any) -> _Literals:
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, inner = arg
        if add_flags & re.IGNORECASE:
            return None
        return _of_sequence(list(inner))
    if op in _REPEATS:
        low, _high, inner = arg
        return _of_sequence(list(inner)) if low >= 1 else None
    if _ATOMIC is not None and op is _ATOMIC:
        return _of_sequence(list(arg))
    if op is sre.BRANCH:
        branches = [_of_sequence(list(b)) for b in arg[1]]
        if any(not b for b in branches):
            return None
        merged = tuple(dict.fromkeys(lit for b in branches if b for lit in b))
        return merged if len(merged) <= _MAX_ALTERNATIVES else None
    if op is sre.IN:
        if all(o is sre.LITERAL for o, _ in arg) and len(arg) <= _MAX_CLASS:
            return tuple(chr(a) for _, a in arg)
        return None
    return None  # any character, a category, an assertion, a back-reference: nothing follows


class Gated:
    """A compiled pattern that scans a text only when the text holds one of its required literals
    (found at the first scan, not at import: parsing the pattern is no start-up cost)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._gate: tuple[str, ...] | None = None

    @property
    def gate(self) -> tuple[str, ...]:
        """The required literals; () for a pattern that always runs."""
        if self._gate is None:
            self._gate = required_literals(self.pattern)
        return self._gate

    def may_match(self, text: str) -> bool:
        """Can the pattern match anywhere in ``text``? False only when it certainly cannot."""
        gate = self.gate
        if len(gate) == 1:
            return gate[0] in text  # most gates are one word: no generator for it
        return not gate or any(literal in text for literal in gate)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The pattern's matches in ``text``, as :meth:`re.Pattern.finditer` gives them."""
        return self.pattern.finditer(text) if self.may_match(text) else _NO_MATCHES


#: What a gated pattern finds in a text that cannot hold a match (an empty iterator, shared).
_NO_MATCHES: Iterator[re.Match[str]] = iter(())


@lru_cache(maxsize=128)
def _alternation(words: tuple[str, ...] | frozenset[str]) -> re.Pattern[str] | None:
    return regexcache.compile("|".join(re.escape(w) for w in sorted(words))) if words else None


def holds_any(text: str, words: tuple[str, ...] | frozenset[str]) -> bool:
    """Does ``text`` hold any of ``words`` (a data file's list)? One scan in C over one alternation of
    them, instead of a look for each word: the gate of a rule that then looks for each word it holds."""
    alternation = _alternation(words)
    return alternation is not None and alternation.search(text) is not None
