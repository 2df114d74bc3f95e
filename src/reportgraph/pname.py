"""Prefixed names (``rg:Target``, ``community:沙头社区``): the grammar Turtle 1.1 and SPARQL 1.1 share.

The Turtle writer uses it to decide when an IRI can be written short; the
query table uses it to print every IRI in a form that pastes back into a
query. Plain ``re`` only, so ``reportgraph query`` need not load rdflib.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["PN_LOCAL", "PN_PREFIX", "Shortener", "escaped_local"]

#: PN_CHARS_BASE beyond ASCII, as code point ranges (numbers, not characters: most of them are CJK).
_PN_CHARS_BASE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00C0, 0x00D6), (0x00D8, 0x00F6), (0x00F8, 0x02FF), (0x0370, 0x037D), (0x037F, 0x1FFF), (0x200C, 0x200D),
    (0x2070, 0x218F), (0x2C00, 0x2FEF), (0x3001, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFFD), (0x10000, 0xEFFFF),
)
_PN_CHARS_BASE = "A-Za-z" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _PN_CHARS_BASE_RANGES)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = "%[0-9A-Fa-f]{2}"
#: A prefixed name's local part, without backslash escapes (those are legal but
#: not every tool reads them; the Turtle writer writes such an IRI in full).
PN_LOCAL = re.compile(
    f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
)
PN_PREFIX = re.compile(f"(?:[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)?")

#: Characters a local part may hold only escaped with a backslash (PN_LOCAL_ESC), ``-`` and ``.`` aside.
_ESCAPABLE = frozenset("_~.-!$&'()*+,;=/?#@%")
_ESC = r"\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_LOCAL_ESCAPED = re.compile(
    f"(?:[{_PN_CHARS_U}:0-9]|{_PLX}|{_ESC})(?:(?:[{_PN_CHARS}.:]|{_PLX}|{_ESC})*(?:[{_PN_CHARS}:]|{_PLX}|{_ESC}))?"
)
_PERCENT = re.compile(_PLX)


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
    return text if _PN_LOCAL_ESCAPED.fullmatch(text) else None


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
