"""The link stage: one node per real-world thing, and the edges between them.

Mentions become entities keyed by type and canonical name, so the same
community named in two reports is one node. Aliases are merged by rules that
hold across reports: a gazetteer's canonical name, a bare community name and
its ``…社区`` form, a name with and without its region prefix
(``宝安区委``/``区委``), an abbreviation of a firm (``军创集团``), a shorter form of
the same project. Relations are read from names and sentences, and each
indicator is tied to the entities its clause names.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from collections.abc import Iterable

from reportgraph.lexicon import Lexicon
from reportgraph.model import Entity, Extraction, Indicator, LinkedReport, Mention, Relation
from reportgraph.numerals import fold

QUOTES = "“”‘’\"'「」『』《》"
REGION = re.compile(r"^(.{0,12}?(?:省|自治区|市|区|县|镇|街道))")
HARD = set("，；。：！？\n")
#: when one name is seen as two types, the tie is broken in this order
TYPE_PRIORITY = ("Project", "Program", "Company", "Community", "GovernmentBody", "Event", "Honor", "Place")
GENERIC_TAILS = ("项目", "工程", "单元", "集团", "公司", "有限公司")


@lru_cache(maxsize=65536)
def norm(name: str) -> str:
    """The form names are compared in: one width, no quotes or spaces."""
    return re.sub(r"\s+", "", fold(name)).translate({ord(c): None for c in QUOTES})


def link(extractions: list[Extraction], lexicon: Lexicon) -> list[LinkedReport]:
    """Merge each report's mentions into entities and relate them."""
    gazetteer = {norm(form): (e.type, e.name) for e in lexicon.gazetteer for form in (e.name, *e.aliases)}
    return [_link_one(x, gazetteer) for x in extractions]


def _link_one(x: Extraction, gazetteer: dict[str, tuple[str, str]]) -> LinkedReport:
    mentions = list(x.mentions)
    _add_issuer(x, mentions)
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
        m.type = etype
        entity.mentions.append(m)
        if m.name != entity.name and m.name not in entity.aliases and norm(m.name) != norm(entity.name):
            entity.aliases.append(m.name)
    for entity in entities.values():
        entity.name = _display_name(entity)
        entity.aliases = sorted({a for a in entity.aliases if norm(a) != norm(entity.name)})
    ordered = sorted(entities.values(), key=lambda e: e.key)
    relations = _relations(ordered)
    _tie_indicators(x.indicators, ordered)
    return LinkedReport(report=x.report, entities=ordered, indicators=x.indicators, relations=relations)


def _add_issuer(x: Extraction, mentions: list[Mention]) -> None:
    """The issuer is a government body even where only the title names it."""
    report = x.report
    if not report.issuer or not report.sections or not report.sections[0].sentences:
        return
    first = report.sections[0].sentences[0]
    at = first.text.find(report.issuer)
    if at < 0:
        return
    if any(norm(m.name) == norm(report.issuer) for m in mentions):
        return
    mentions.append(Mention("GovernmentBody", report.issuer, first.start + at,
                            first.start + at + len(report.issuer), first))


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
        return long in (short + "社区", short + "村")
    prefix = REGION.match(long)
    if prefix and long[prefix.end():] == short:
        return True  # 深圳市人民医院 / 人民医院
    if etype == "GovernmentBody":
        short, long = short.replace("人民政府", "政府"), long.replace("人民政府", "政府")
        if short == long:
            return True  # 省人民政府 / 省政府
    if short[0] in "省市区县镇" and long.endswith(short) and len(long) - len(short) >= 2:
        return True  # 宝安区委 / 区委, 广东省政府 / 省人民政府
    if long.endswith(short) and len(short) >= 2 and etype in ("GovernmentBody", "Place") and \
            re.search(r"(省|市|区|县)$", long[: len(long) - len(short)]):
        return True
    core = short
    for tail in GENERIC_TAILS:
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


def _relations(entities: list[Entity]) -> list[Relation]:
    """Edges the names and sentences state."""
    out: dict[tuple[str, str, str], Relation] = {}
    places = _NameIndex([e for e in entities if e.type in ("Community", "Place")])
    companies = _NameIndex([e for e in entities if e.type == "Company"])
    for e in entities:
        for m in e.mentions:
            name = norm(m.name)
            if e.type in ("Project", "Program", "Place", "Event"):
                # a project or place lies in a community; a programme runs there; an event
                # named after one (沙井非遗周) is only related to it
                pred = {"Project": "locatedIn", "Place": "locatedIn", "Program": "runIn"}.get(e.type, "relatedTo")
                for p in places.inside(name):
                    if p is not e:
                        out.setdefault((e.key, pred, p.key), Relation(e.key, pred, p.key, m.sentence))
            if e.type == "Project":
                for c in companies.inside(name):
                    out.setdefault((e.key, "involves", c.key), Relation(e.key, "involves", c.key, m.sentence))
    by_sentence: dict[int, list[tuple[Mention, Entity]]] = defaultdict(list)
    for e in entities:
        for m in e.mentions:
            by_sentence[m.sentence.index].append((m, e))
    for pairs in by_sentence.values():
        for hm, honor in pairs:
            if honor.type != "Honor":
                continue
            for m, e in pairs:
                if e.type in ("Company", "Community", "GovernmentBody", "Project", "Place") and m.end <= hm.start \
                        and _same_clause(m, hm) and not _nested(m, pairs):
                    out.setdefault((e.key, "wonHonor", honor.key), Relation(e.key, "wonHonor", honor.key, m.sentence))
        for pm, program in pairs:
            if program.type != "Program":
                continue
            if _nested(pm, pairs):
                continue  # 荣获全国“四季村晚”冬季示范展示点: a programme named inside an honor runs nowhere
            for m, e in pairs:
                if e.type == "Community" and _same_clause(m, pm) and not _overlaps(m, pm):
                    out.setdefault((program.key, "runIn", e.key), Relation(program.key, "runIn", e.key, m.sentence))
    return [out[k] for k in sorted(out)]


class _NameIndex:
    """Finds which entities' names stand inside a longer name, without a scan per pair."""

    def __init__(self, entities: list[Entity]) -> None:
        self.by_first: dict[str, list[tuple[str, Entity]]] = defaultdict(list)
        for e in entities:
            for n in {norm(x) for x in (e.name, *e.aliases)}:
                # a community counts only by its full name: a bare 后亭 inside 潭头-后亭片区
                # names a neighbourhood that spans two communities, not one of them
                full = e.type != "Community" or n.endswith(("社区", "村"))
                if len(n) >= 2 and full:
                    self.by_first[n[0]].append((n, e))

    def inside(self, text: str) -> list[Entity]:
        found: dict[str, Entity] = {}
        for i, ch in enumerate(text):
            for n, e in self.by_first.get(ch, ()):
                if n != text and text.startswith(n, i):
                    found[e.key] = e
        return list(found.values())


def _nested(m: Mention, pairs: list[tuple[Mention, Entity]]) -> bool:
    """Is ``m`` inside a longer mention (深圳市 in 深圳市白鹭信息技术有限公司)?"""
    return any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
               for o, _ in pairs)


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _same_clause(a: Mention, b: Mention) -> bool:
    lo, hi = sorted((a.start, b.start))
    text = a.sentence.text
    base = a.sentence.start
    return not any(ch in HARD for ch in text[max(0, lo - base):max(0, hi - base)])


def _tie_indicators(indicators: Iterable[Indicator], entities: list[Entity]) -> None:
    """Each indicator names the entities of its clause, or else those before it in its sentence."""
    by_sentence: dict[int, list[tuple[Mention, Entity]]] = defaultdict(list)
    for e in entities:
        for m in e.mentions:
            by_sentence[m.sentence.index].append((m, e))
    for ind in indicators:
        pairs = by_sentence.get(ind.sentence.index, [])
        text, base = ind.sentence.text, ind.sentence.start
        lo = ind.start - base
        while lo > 0 and text[lo - 1] not in HARD:
            lo -= 1
        hi = ind.end - base
        while hi < len(text) and text[hi] not in HARD:
            hi += 1
        keys = [e.key for m, e in pairs if lo <= m.start - base and m.end - base <= hi]
        if not keys:
            earlier = [(m, e) for m, e in pairs if m.end - base <= lo]
            if earlier:
                last_clause_start = max(m.start for m, _ in earlier)
                keys = [e.key for m, e in earlier if _same_clause_pos(text, m.start - base, last_clause_start - base)]
        ind.entity_keys = sorted(dict.fromkeys(keys))


def _same_clause_pos(text: str, a: int, b: int) -> bool:
    lo, hi = sorted((a, b))
    return not any(ch in HARD for ch in text[lo:hi])
