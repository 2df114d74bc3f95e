"""Prefixed names (``rg:Target``, ``community:沙头社区``): the grammar Turtle 1.1 and SPARQL 1.1 share.

The Turtle writer uses it to decide when an IRI can be written short; the
query table uses it to print every IRI in a form that pastes back into a
query. Plain ``re`` only, so ``reportgraph query`` need not load rdflib.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from reportgraph import regexcache

__all__ = ["PN_LOCAL", "PN_PREFIX", "Shortener", "escaped_local"]

#: PN_CHARS_BASE beyond ASCII, as code point ranges (numbers, not characters: most of them are CJK).
_PN_CHARS_BASE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00C0, 0x00D6), (0x00D8, 0x00F6), (0x00F8, 0x02FF), (0x0370, 0x037D), (0x037F, 0x1FFF), (0x200C, 0x200D),
    (0x2070, 0x218F), (0x2C00, 0x2FEF), (0x3001, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFFD), (0x10000, 0xEFFFF),
)
_MAX_CODE_POINT = 0x10FFFF
#: Beyond this code point the stdlib compiles a class's ranges at no cost (see :func:`char_class`).
_BMP_END = 0xFFFF

Ranges = tuple[tuple[int, int], ...]


def _chars(text: str) -> Ranges:
    """The code points of ``text``, each a range of one."""
    return tuple((ord(c), ord(c)) for c in text)


_ASCII_LETTERS: Ranges = ((ord("A"), ord("Z")), (ord("a"), ord("z")))
_DIGITS: Ranges = ((ord("0"), ord("9")),)
_PN_CHARS_BASE: Ranges = _ASCII_LETTERS + _PN_CHARS_BASE_RANGES
_PN_CHARS_U: Ranges = _PN_CHARS_BASE + _chars("_")
_PN_CHARS: Ranges = _PN_CHARS_U + _chars("-\u00b7") + _DIGITS + ((0x0300, 0x036F), (0x203F, 0x2040))


def _merged(ranges: Ranges) -> list[tuple[int, int]]:
    """``ranges`` sorted, with overlapping and touching ones joined."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def _bmp_size(ranges: list[tuple[int, int]]) -> int:
    return sum(max(0, min(hi, _BMP_END) - lo + 1) for lo, hi in ranges)


def char_class(ranges: Ranges) -> str:
    """A regex character class matching exactly the code points of ``ranges``, in the form cheaper to compile.

    The stdlib's compiler (``re._compiler._optimize_charset``) walks every code
    point of the Basic Multilingual Plane a class names, one by one in Python:
    about 40,000 for PN_CHARS, over a millisecond each time it appears. Its
    complement names about 12,000, so ``[^complement]``, which matches the same
    characters, compiles about four times faster; whichever form walks fewer is
    spelled.
    """
    inside = _merged(ranges)
    outside, start = [], 0
    for lo, hi in inside:
        if lo > start:
            outside.append((start, lo - 1))
        start = hi + 1
    if start <= _MAX_CODE_POINT:
        outside.append((start, _MAX_CODE_POINT))
    negate = bool(outside) and _bmp_size(outside) < _bmp_size(inside)
    spelled = "".join(f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}"
                      for lo, hi in (outside if negate else inside))
    return f"[^{spelled}]" if negate else f"[{spelled}]"


_PLX = "%[0-9A-Fa-f]{2}"
_LOCAL_FIRST = char_class(_PN_CHARS_U + _chars(":") + _DIGITS)
_LOCAL_INNER = char_class(_PN_CHARS + _chars(".:"))
_LOCAL_LAST = char_class(_PN_CHARS + _chars(":"))
#: A prefixed name's local part, without backslash escapes (those are legal but
#: not every tool reads them; the Turtle writer writes such an IRI in full).
PN_LOCAL = regexcache.compile(f"(?:{_LOCAL_FIRST}|{_PLX})(?:(?:{_LOCAL_INNER}|{_PLX})*(?:{_LOCAL_LAST}|{_PLX}))?")
PN_PREFIX = regexcache.compile(
    f"(?:{char_class(_PN_CHARS_BASE)}(?:{char_class(_PN_CHARS + _chars('.'))}*{char_class(_PN_CHARS)})?)?"
)

#: Characters a local part may hold only escaped with a backslash (PN_LOCAL_ESC), ``-`` and ``.`` aside.
_ESCAPABLE = frozenset("_~.-!$&'()*+,;=/?#@%")
_ESC = r"\\[_~.\-!$&'()*+,;=/?#@%]"


@cache
def _pn_local_escaped() -> re.Pattern[str]:
    """A local part with backslash escapes: compiled when first needed (the Turtle writer never is)."""
    return regexcache.compile(
        f"(?:{_LOCAL_FIRST}|{_PLX}|{_ESC})(?:(?:{_LOCAL_INNER}|{_PLX}|{_ESC})*(?:{_LOCAL_LAST}|{_PLX}|{_ESC}))?"
    )


_PERCENT = regexcache.compile(_PLX)


def escaped_local(local: str) -> str | None:
    """``local`` as a prefixed name's local part, backslash-escaped where it must be; None if it cannot be one.

    ``dc78e3b12d40/s21`` -> ``dc78e3b12d40\\/s21``: SPARQL and Turtle read the
    escape back as ``/``.
    """
    if not local or PN_LOCAL.fullmatch(local):
        return local
    out: list[str] = []
    for i, ch in enumerate(local):
        keep = (
            ch not in _ESCAPABLE or ch == "_"
            or (ch == "%" and _PERCENT.match(local, i) is not None)
            or (ch == "-" and i > 0)
            or (ch == "." and 0 < i < len(local) - 1)
        )
        out.append(ch if keep else "\\" + ch)
    text = "".join(out)
    return text if _pn_local_escaped().fullmatch(text) else None


class Shortener:
    """IRIs as a person can paste them into a query: ``community:沙头社区``, else ``<iri>``.

    ``namespaces`` maps prefixes to namespaces; the longest namespace that
    gives a valid local part wins. Each IRI is worked out once.
    """

    def __init__(self, namespaces: Mapping[str, str]) -> None:
        self._namespaces = sorted(((ns, p) for p, ns in namespaces.items()), key=lambda item: (-len(item[0]), item[1]))
        self._seen: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        text = self._seen.get(iri)
        if text is None:
            text = self._seen[iri] = self._shorten(iri)
        return text

    def _shorten(self, iri: str) -> str:
        for ns, prefix in self._namespaces:
            if iri.startswith(ns) and len(iri) > len(ns):
                local = escaped_local(iri[len(ns):])
                if local is not None:
                    return f"{prefix}:{local}"
        return f"<{iri}>"
