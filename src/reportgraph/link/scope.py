"""Where a name is known: names that depend on where they are said, scoped to the speaker's region.

市政府 in a 深圳 report is 深圳市人民政府, and in a 广州 report 广州市人民政府; 妇联
in a 新桥街道 report is 新桥街道妇联; two 新村 of two 镇 are two villages. A
:class:`Scope` resolves a report's canonical names against its region chain
(:mod:`.regions`) into a name and the qualified region it is known in, and says by
which rule. Names that are national (国务院, …部) or unique (a company, a programme,
a region of a unique level, a gazetteer name) are known everywhere and not scoped.
What counts as which lives in ``data/link/`` (``scope_policy.tsv`` says which rule
each entity type follows).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.words import words_of
from reportgraph.link.names import GOVERNMENT_FULL, GOVERNMENT_SHORT, Scoped, norm
from reportgraph.link.regions import (
    LEVEL_RANKS, LONGEST_SUFFIX, Region, anchor, chain_of, lowest_at_most, qualified, region_of,
)
from reportgraph.model import Report

_POLICY = datafile("link/scope_policy.tsv").pairs
_RELATIVE = datafile("link/relative_levels.tsv")
_NOT_RELATIVE = datafile("link/not_relative.txt")
_DEICTIC = datafile("link/deictic.txt")
_NATIONAL = datafile("link/national.tsv")
_OWN_BODIES = datafile("link/own_bodies.txt")
_LINES = datafile("link/line_names.tsv").named_patterns
_ORDINAL = regexcache.compile(datafile("link/ordinal_opening.txt").lines[0])
_SESSION = regexcache.compile(datafile("link/session_events.txt").lines[0])

#: The rank of the lowest level a community is scoped to (its 街道 or 镇).
_COMMUNITY_RANK = LEVEL_RANKS["town"]
#: A region's name opening another name: two to four characters and a region's ending.
_REGION_TOKEN_MAX = 4



def _relative_words() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((w, level) for w, level in _RELATIVE.pairs.items()), key=lambda r: -len(r[0])))


_RELATIVE_WORDS = _relative_words()
_NATIONAL_KINDS = _NATIONAL.grouped
_NATIONAL_PREFIXES = tuple(_NATIONAL_KINDS.get("prefix", ()))
_MINISTRY_ENDS = tuple(_NATIONAL_KINDS.get("ministry", ()))
_DEPARTMENTS = tuple(_NATIONAL_KINDS.get("department", ()))


def report_scope(report: Report) -> str:
    """The scope of a region-dependent name in a report whose region is unknown: that report alone."""
    return f"{report.digest}:"


@dataclasses.dataclass(frozen=True)
class GazetteerForms:
    """The gazetteer's forms as a :class:`Scope` looks them up: made once per build and shared by every
    report's scope (made per report, they were a third of a build's time)."""

    known: frozenset[str]
    places_by_first: dict[str, list[str]]

    @classmethod
    def of(cls, places: Iterable[str], known: Iterable[str]) -> "GazetteerForms":
        """``places``: the gazetteer's place names and aliases; ``known``: every gazetteer form."""
        place_forms = sorted({f for f in map(norm, places) if len(f) >= 2}, key=lambda p: (-len(p), p))
        by_first: dict[str, list[str]] = {}
        for p in place_forms:
            by_first.setdefault(p[0], []).append(p)
        return cls(frozenset(norm(k) for k in known), by_first)


class Scope:
    """Resolves the canonical names of one report against its region chain."""

    def __init__(self, report: Report, forms: GazetteerForms) -> None:
        self.report = report
        self.chain = chain_of(report)
        self.unknown = report_scope(report)
        self.where = "/".join(r.name for r in self.chain)
        self.known = forms.known
        self.places_by_first = forms.places_by_first

    def __call__(self, etype: str, name: str) -> Scoped:
        policy = _POLICY.get(etype, "unique")
        if name in self.known:
            return Scoped(name, name, rule="gazetteer", detail=f"{name} is in the gazetteer: one node wherever it is said")
        if _national(name) or policy == "body" and self._ministry(name):
            return Scoped(name, name, rule="national", detail=f"{name} is national: one node wherever it is said")
        relative = self._relative(name)
        if policy == "body":
            return self._body(name, relative)
        if policy == "community":
            return self._community(name)
        if policy == "region":
            deictic = self._deictic(name)
            if deictic is not None:
                return deictic
            region = region_of(name)
            if region is not None:
                return self._region(name, region)
            return self._local(name, relative)
        if policy == "local":
            return self._local(name, relative)
        relative = relative or self._relative(_ORDINAL.sub("", name, count=1))
        if relative is not None:
            return self._relative_scope(name, relative)
        if etype == "Event" and _SESSION.search(name):
            return self._known_in(name, len(self.chain) - 1, f"{name} is a session of a body of the report's region")
        return Scoped(name, name, rule="uniqueName", detail=f"{name} is a unique name: one node wherever it is said")

    # --- the rules ---------------------------------------------------------------------

    def _body(self, name: str, relative: tuple[str, str] | None) -> Scoped:
        if relative is not None:
            word, level = relative
            at = self._level_index(level)
            if at is None:
                return self._relative_scope(name, relative)
            resolved = self.chain[at].name + name[len(word):]
            scoped = self._located(_government(resolved), [at])
            return Scoped(scoped.name, scoped.key_name, scoped.scope, "regionScope",
                          f"{name} said in a report of {self.where} is {scoped.name}")
        lead = self._leading_regions(name)
        if lead:
            return self._self_located(_government(name), lead)
        if name in _OWN_BODIES.word_set and self.chain:
            resolved = self.chain[-1].name + name
            scoped = self._located(_government(resolved), [len(self.chain) - 1])
            return Scoped(scoped.name, scoped.key_name, scoped.scope, "regionScope",
                          f"{name} said in a report of {self.where} is {scoped.name}")
        return self._known_in(name, len(self.chain) - 1, f"{name} names a body of the report's own region")

    def _community(self, name: str) -> Scoped:
        lead = self._leading_regions(name)
        if lead:
            return self._self_located(name, lead)
        return self._known_in(name, lowest_at_most(self.chain, _COMMUNITY_RANK), f"{name} is a local name")

    def _region(self, name: str, region: Region) -> Scoped:
        for i, r in enumerate(self.chain):
            if r.name == name:
                return self._located(name, [i])
        lead = self._leading_regions(name)
        if len(lead) > 1 or lead and lead[0][1] != name:
            return self._self_located(name, lead)
        above = [i for i, r in enumerate(self.chain) if r.rank > region.rank]
        # a region the gazetteer does not know may be a designation (农业强县) as much as a
        # county: known within the report's region
        return self._known_in(name, above[-1] if above else anchor(self.chain), f"{name} is a local region")

    def _local(self, name: str, relative: tuple[str, str] | None) -> Scoped:
        if relative is not None:
            return self._relative_scope(name, relative)
        lead = self._leading_regions(name)
        if lead and lead[0][0].unique:
            return self._self_located(name, lead)
        if any(p.search(name) for p in _LINES.values()):
            return Scoped(name, name, rule="uniqueName", detail=f"{name} is a line named after its two ends")
        return self._known_in(name, anchor(self.chain), f"{name} is a local name")

    def _relative_scope(self, name: str, relative: tuple[str, str]) -> Scoped:
        """A name said relative to a level (市级…, 区十佳…), kept as said, known in that region."""
        at = self._level_index(relative[1])
        if at is None:
            return self._known_in(name, len(self.chain) - 1, f"{name} is said relative to the report's region")
        scope = qualified(self.chain, at)
        return Scoped(name, scope + name, scope, "regionScope",
                      f"{name} said in a report of {self.where} is known in {scope}")

    def _deictic(self, name: str) -> Scoped | None:
        """本街道, 我区, 全市: the report's own region of that level."""
        for opener in _DEICTIC.words:
            if name.startswith(opener):
                rest = name[len(opener):]
                level = dict(_RELATIVE_WORDS).get(rest)
                at = self._level_index(level) if level else None
                if at is not None:
                    scoped = self._located(self.chain[at].name, [at])
                    return Scoped(scoped.name, scoped.key_name, scoped.scope, "regionScope",
                                  f"{name} said in a report of {self.where} is {scoped.name}")
        return None

    # --- helpers -----------------------------------------------------------------------

    def _known_in(self, name: str, index: int, why: str) -> Scoped:
        """``name`` as it is, known within ``chain[index]`` (or within the report when it has no region)."""
        if not self.chain or index < 0:
            return Scoped(name, self.unknown + name, self.unknown, "reportScope",
                          f"{why}; the report names no region, so it is known in this report only")
        scope = qualified(self.chain, index)
        return Scoped(name, scope + name, scope, "localScope", f"{why}, known in {scope}")

    def _located(self, name: str, indexes: list[int]) -> Scoped:
        """A name that opens with the chain's region ``chain[indexes[0]]``: known in the region above it."""
        at = indexes[0]
        region = self.chain[at]
        if region.unique:
            start = qualified(self.chain, at)
            trimmed = name[name.index(region.name):] if region.name in name else name
            return Scoped(trimmed, trimmed, rule="uniqueName",
                          detail=f"{trimmed} names its region {start}: one node wherever it is said")
        scope = qualified(self.chain, at - 1) if at > 0 else ""
        if not scope:
            return Scoped(name, name, rule="localScope", detail=f"{name} names its region {region.name}")
        return Scoped(name, scope + name, scope, "localScope", f"{name} names its region, known in {scope}")

    def _self_located(self, name: str, lead: list[tuple[Region, str]]) -> Scoped:
        """A name that opens with its own regions (宝安区委, 广东省深圳市人民政府, 福田区委)."""
        # from the last region of a unique level on: 广东省深圳市人民政府 is 深圳市人民政府
        uniques = [i for i, (r, _) in enumerate(lead) if r.unique]
        if uniques:
            start = name.index(lead[uniques[-1]][1])
            trimmed = name[start:]
            return Scoped(trimmed, trimmed, rule="uniqueName",
                          detail=f"{trimmed} names its region {lead[uniques[-1]][1]}: one node wherever it is said")
        first = lead[0][0]
        for i, r in enumerate(self.chain):
            if r.name == first.name:
                return self._located(name, [i])
        above = [i for i, r in enumerate(self.chain) if r.rank > first.rank]
        return self._known_in(name, above[-1] if above else anchor(self.chain),
                              f"{name} names a local region, {first.name}")

    def _leading_regions(self, name: str) -> list[tuple[Region, str]]:
        """The regions a name opens with, in order (宝安区新桥街道办事处: 宝安区, 新桥街道); each after
        the first where a word of the name starts (贺兰山东麓…: no 山东 inside 贺兰山)."""
        out: list[tuple[Region, str]] = []
        at = 0
        starts: set[int] | None = None
        while at < len(name):
            found = self._region_at(name, at)
            if found is not None and at:
                starts = {a for _, a, _ in words_of(name)} if starts is None else starts
                found = found if at in starts else None
            if found is None:
                break
            out.append(found)
            at += len(found[1])
        return out

    def _region_at(self, name: str, at: int) -> tuple[Region, str] | None:
        rest = name[at:]
        for r in sorted(self.chain, key=lambda r: -len(r.name)):
            if rest.startswith(r.name) and len(rest) > len(r.name):
                return r, r.name
        for p in self.places_by_first.get(rest[:1], ()):
            if rest.startswith(p) and len(rest) > len(p):
                region = region_of(p) or Region(p, "city", True)  # a gazetteer place: 深圳 of 深圳湾
                return region, p
        # any other region's name: the shortest piece of two to four characters and an ending; such a
        # piece may be no region (接受省人大), so it only ever scopes a name, never makes it unique
        for end in range(3, min(len(rest) - 1, _REGION_TOKEN_MAX + LONGEST_SUFFIX) + 1):
            region = region_of(rest[:end])
            if region is not None and 2 <= end - len(region.suffix) <= _REGION_TOKEN_MAX:
                return dataclasses.replace(region, unique=False), rest[:end]
        return None

    def _relative(self, name: str) -> tuple[str, str] | None:
        """The level word a name opens with, when it is said relative to the speaker's region."""
        for word, level in _RELATIVE_WORDS:
            if not name.startswith(word) or len(name) == len(word):
                continue
            rest = name[len(word):]
            if any(rest.startswith(b) for b in _OWN_BODIES.words):
                return word, level
            if any(name.startswith(w) for w in _NOT_RELATIVE.words):
                return None
            return word, level
        return None

    def _ministry(self, name: str) -> bool:
        return (name.endswith(_MINISTRY_ENDS) and not name.endswith(_DEPARTMENTS)
                and self._relative(name) is None and not self._leading_regions(name))

    def _level_index(self, level: str) -> int | None:
        for i in range(len(self.chain) - 1, -1, -1):
            if self.chain[i].level == level:
                return i
        return None


def _national(name: str) -> bool:
    return name.startswith(_NATIONAL_PREFIXES)


def _government(name: str) -> str:
    """The full name of a government: 广东省政府 is 广东省人民政府."""
    if name.endswith(GOVERNMENT_SHORT) and not name.endswith(GOVERNMENT_FULL):
        return name[: -len(GOVERNMENT_SHORT)] + GOVERNMENT_FULL
    return name
