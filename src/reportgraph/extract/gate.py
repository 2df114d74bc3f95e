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


#: The class escapes of the categories a pattern's first character may be of.
_CATEGORY_ESCAPES = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}
#: Zero-width nodes: the first character is the next node's.
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)

_Opening = tuple[list[str], bool] | None


def with_opening_lookahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a look-ahead for the characters a match can open with, where the engine has none.

    The engine skips to where a match can start only when a pattern opens with
    a literal, a class, or alternatives that each open with a literal. One that
    opens with an optional word, a look-behind or alternatives of other kinds
    is tried whole at every character of the text; the look-ahead, one class,
    turns most of them away at once. The matches are the same. ``pattern``
    itself where nothing can be said (a match may be empty, or open with any
    character) or the engine needs no help.
    """
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    parsed = list(tree)
    # a case-insensitive pattern's characters have other cases; a verbose one's source cannot be wrapped as it is
    if tree.state.flags & (re.IGNORECASE | re.VERBOSE) or not parsed or _has_own_prefix(parsed):
        return pattern
    found = _opening_of_sequence(parsed)
    if found is None or found[1]:
        return pattern
    try:
        return regexcache.compile(f"(?=[{''.join(dict.fromkeys(found[0]))}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # flags set inside the pattern (?s) must open it: it stays as it is
        return pattern


def _has_own_prefix(parsed: list[tuple[Any, Any]]) -> bool:
    """Does the engine find where a match may start by itself (the pattern opens with a literal or a class, or
    with alternatives each opening with a literal)?"""
    op, arg = parsed[0]
    if op is sre.BRANCH:
        return all(branch and list(branch)[0][0] is sre.LITERAL for branch in arg[1])
    return op is sre.LITERAL or op is sre.IN


def _opening_of_sequence(items: list[tuple[Any, Any]]) -> _Opening:
    """The class items a match of the sequence may open with, and whether it may match nothing; None if any."""
    chars: list[str] = []
    for op, arg in items:
        found = _opening_of_node(op, arg)
        if found is None:
            return None
        chars += found[0]
        if not found[1]:
            return chars, False
    return chars, True


def _opening_of_node(op: Any, arg: Any) -> _Opening:
    if op is sre.LITERAL:
        return [re.escape(chr(arg))], False
    if op is sre.IN:
        items = [_class_item(o, a) for o, a in arg]
        return (None if any(item is None for item in items) else (items, False))  # type: ignore[return-value]
    if op in _ZERO_WIDTH:
        return [], True
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, inner = arg
        return None if add_flags & re.IGNORECASE else _opening_of_sequence(list(inner))
    if op in _REPEATS:
        low, _high, inner = arg
        found = _opening_of_sequence(list(inner))
        return None if found is None else (found[0], found[1] or low == 0)
    if _ATOMIC is not None and op is _ATOMIC:
        return _opening_of_sequence(list(arg))
    if op is sre.BRANCH:
        chars, empty = [], False
        for branch in arg[1]:
            found = _opening_of_sequence(list(branch))
            if found is None:
                return None
            chars += found[0]
            empty = empty or found[1]
        return chars, empty
    return None  # any character, a negated one, a back-reference: nothing can be said


def _class_item(op: Any, arg: Any) -> str | None:
    """A class's item as the source of an item of another class; None for a negation."""
    if op is sre.LITERAL:
        return re.escape(chr(arg))
    if op is sre.RANGE:
        return f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}"
    if op is sre.CATEGORY:
        return _CATEGORY_ESCAPES.get(arg)
    return None
