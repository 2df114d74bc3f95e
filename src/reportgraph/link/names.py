"""One entity per real-world thing in a report: mentions merged by their names.

Names are compared folded, without quotes or spaces (:func:`norm`). Each name
settles on one type (the one most mentions give), and short forms join the
longer name they abbreviate by rules that say why: a gazetteer's canonical
name, a bare community name and its ``…社区`` form, a name with and without
its region (``宝安区委``/``区委``), an abbreviation of a firm (``军创集团``), a
shorter form of the same project.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from reportgraph.datafiles import datafile
from reportgraph.model import Entity, Mention
from reportgraph.text import fold, strip_quotes

_ALIASES = datafile("link/aliases.tsv").pairs
_REGION_PREFIX = re.compile(_ALIASES["region_prefix"])
_GENERIC_TAILS = tuple(_ALIASES["generic_tails"].split())
_LEVEL_STARTS = frozenset(_ALIASES["level_starts"])
_REGION_END = re.compile(_ALIASES["region_end"])
_GOVERNMENT_FULL, _GOVERNMENT_SHORT = _ALIASES["government_full"], _ALIASES["government_short"]
_OFFICE_TAILS = tuple(_ALIASES["office_tails"].split())
#: Words a community's short name is written with (和一 / 和一社区).
COMMUNITY_FORMS: tuple[str, ...] = tuple(_ALIASES["community_forms"].split())
#: When one name is seen as two types, the tie is broken in this order.
TYPE_PRIORITY = ("Project", "Program", "Company", "Community", "GovernmentBody", "Event", "Honor", "Place")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def norm(name: str) -> str:
    """The form names are compared in: one width, no quotes or spaces."""
    return strip_quotes(_SPACE.sub("", fold(name)))


def merge(mentions: list[Mention], gazetteer: dict[str, tuple[str, str]]) -> list[Entity]:
    """The report's entities, keyed by type and canonical name, each with its mentions (retyped)."""
    types = _settle_types(mentions)
    canonical = _canonical_names(mentions, types, gazetteer)
    entities: dict[str, Entity] = {}
    for m in mentions:
        n = norm(m.name)
        etype = types[n]
        canon = canonical[(etype, n)]
        key = f"{etype}/{canon}"
        entity = entities.get(key)
        if entity is None:
            entity = entities[key] = Entity(key=key, type=etype, name=canon)
        entity.mentions.append(m if m.type == etype else _retyped(m, etype))
        if m.name != entity.name and m.name not in entity.aliases and norm(m.name) != norm(entity.name):
            entity.aliases.append(m.name)
    for entity in entities.values():
        entity.name = _display_name(entity)
        entity.aliases = sorted({a for a in entity.aliases if norm(a) != norm(entity.name)})
    return sorted(entities.values(), key=lambda e: e.key)


def _retyped(m: Mention, etype: str) -> Mention:
    return Mention(type=etype, name=m.name, start=m.start, end=m.end, sentence=m.sentence, full_name=m.full_name)


def _settle_types(mentions: list[Mention]) -> dict[str, str]:
    """One type per name: the one most mentions give, ties by TYPE_PRIORITY."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        votes[norm(m.name)][m.type] += 1
    return {n: max(c, key=lambda t: (c[t], -TYPE_PRIORITY.index(t))) for n, c in votes.items()}


def _canonical_names(mentions: list[Mention], types: dict[str, str],
                     gazetteer: dict[str, tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Map each (type, name) to the canonical name of the entity it belongs to."""
    names: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        n = norm(m.name)
        names[types[n]].add(n)
    parent: dict[tuple[str, str], str] = {}
    for etype, group in names.items():
        by_length = sorted(group, key=lambda s: (-len(s), s))
        for n in group:
            hit = gazetteer.get(n)
            if hit and hit[0] == etype:
                parent[(etype, n)] = norm(hit[1])
                continue
            parent[(etype, n)] = _longer_form(n, etype, by_length) or n
    # follow chains (a -> b -> c) to their end
    out = {}
    for (etype, n), p in parent.items():
        seen = {n}
        while (etype, p) in parent and parent[(etype, p)] != p and p not in seen:
            seen.add(p)
            p = parent[(etype, p)]
        out[(etype, n)] = p
    return out


def _longer_form(n: str, etype: str, by_length: list[str]) -> str | None:
    """The longer name of the same type that ``n`` is a short form of, if exactly one is."""
    # every rule below keeps the short form's first character in the long one (区委 / 宝安区委,
    # 军创集团, 和一 / 和一社区, 省人民政府 / 广东省政府): a cheap test before the full one
    first = n[0]
    hits = [long for long in by_length
            if len(long) >= len(n) and long != n and first in long and _abbreviates(n, long, etype)]
    return hits[0] if len(hits) == 1 or (hits and etype == "Community") else None


def _abbreviates(short: str, long: str, etype: str) -> bool:
    if etype == "Community":
        return long in tuple(short + form for form in COMMUNITY_FORMS)
    prefix = _REGION_PREFIX.match(long)
    if prefix and long[prefix.end():] == short:
        return True  # 深圳市人民医院 / 人民医院
    if etype == "GovernmentBody":
        if any(long.endswith(short + tail) for tail in _OFFICE_TAILS):
            return True  # 新桥街道 / 深圳市宝安区新桥街道办事处: the place's office
        short, long = short.replace(_GOVERNMENT_FULL, _GOVERNMENT_SHORT), long.replace(_GOVERNMENT_FULL, _GOVERNMENT_SHORT)
        if short == long:
            return True  # 省人民政府 / 省政府
    if short[0] in _LEVEL_STARTS and long.endswith(short) and len(long) - len(short) >= 2:
        return True  # 宝安区委 / 区委, 广东省政府 / 省人民政府
    if long.endswith(short) and len(short) >= 2 and etype in ("GovernmentBody", "Place") and \
            _REGION_END.search(long[: len(long) - len(short)]):
        return True
    core = short
    for tail in _GENERIC_TAILS:
        if core.endswith(tail) and len(core) > len(tail) + 1:
            core = core[: -len(tail)]
            break
    if etype == "Company":
        return len(core) >= 2 and _subsequence(core, long) and short[-2:] in long
    if etype in ("Program", "Event", "Honor"):
        return long.startswith(short) and len(short) >= 3 or etype == "Honor" and long.endswith(short) \
            and len(short) >= 4
    if etype == "Project":
        if short in long and len(short) >= 4:
            return True  # 东塘旧村 / 东塘旧村片区城市更新项目
        return (core[:2] == long[:2] and _subsequence(core, long) and len(core) >= 4
                and len(short) >= 0.5 * len(long))
    return False


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _display_name(entity: Entity) -> str:
    """The canonical name as written most often among the mentions of that form."""
    forms = Counter(m.name for m in entity.mentions if norm(m.name) == norm(entity.name))
    return forms.most_common(1)[0][0] if forms else entity.name
