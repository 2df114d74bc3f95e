"""Look-aheads for patterns the regular expression engine would try at every character of a text.

The engine skips to where a match can start only when a pattern opens with a
literal, a class, or alternatives that each open with a literal. A pattern
that opens with an optional word, a look-behind or alternatives of other
kinds is tried whole at every character: a data file's toolbar words over
every line of a report, a list's closer over every sentence.
:func:`with_opening_lookahead` puts such a pattern behind one class, derived
from the pattern itself, of the characters a match can open with: the same
matches, most positions turned away at once.
"""
from __future__ import annotations

import re
from typing import Any

from reportgraph import regexcache

try:  # the stdlib's own parser of patterns and its node names (Python 3.11 moved them into re)
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

__all__ = ["with_opening_lookahead"]

#: Repeats and atomic groups as this release names them (3.10 has neither possessive nor atomic ones).
_REPEATS = tuple(getattr(sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(sre, name))
_ATOMIC = getattr(sre, "ATOMIC_GROUP", None)


#: The class escapes of the categories a pattern's first character may be of.
_CATEGORY_ESCAPES = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}
#: Zero-width nodes: the first character is the next node's.
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)

_Opening = tuple[list[str], bool] | None


def with_opening_lookahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a look-ahead for the characters a match can open with, where the engine has none of its
    own; ``pattern`` itself where nothing can be said (a match may be empty, or open with any character)."""
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
