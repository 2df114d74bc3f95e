"""Edges the names and sentences state between a report's entities.

A project or place whose name holds a community's or a place's lies in it; a
programme so named runs there; a project whose name holds a firm's involves
it; what is named before an honor in its clause won it; a programme named in
a clause with a community runs there.
"""
from __future__ import annotations

from collections import defaultdict

from reportgraph.link.names import COMMUNITY_FORMS, norm
from reportgraph.model import Entity, Mention, Relation
from reportgraph.text import fold, same_clause

#: Kinds of entity whose name may hold the place it lies in, and the edge that says so.
_CONTAINED = {"Project": "locatedIn", "Place": "locatedIn", "Program": "runIn", "Event": "relatedTo"}
#: Kinds of entity that can win an honor.
_WINNERS = frozenset({"Company", "Community", "GovernmentBody", "Project", "Place"})


def relations(entities: list[Entity]) -> list[Relation]:
    """Every edge the report states, in a fixed order."""
    out: dict[tuple[str, str, str], Relation] = {}
    places = _NameIndex([e for e in entities if e.type in ("Community", "Place")])
    companies = _NameIndex([e for e in entities if e.type == "Company"])
    for e in entities:
        for m in e.mentions:
            name = norm(m.name)
            pred = _CONTAINED.get(e.type)
            if pred is not None:
                # a project or place lies in a community; a programme runs there; an event
                # named after one (沙井非遗周) is only related to it
                for p in places.inside(name):
                    if p is not e:
                        out.setdefault((e.key, pred, p.key), Relation(e.key, pred, p.key, m.sentence))
            if e.type == "Project":
                for c in companies.inside(name):
                    out.setdefault((e.key, "involves", c.key), Relation(e.key, "involves", c.key, m.sentence))
    for pairs in by_sentence(entities).values():
        for hm, honor in pairs:
            if honor.type != "Honor":
                continue
            for m, e in pairs:
                if e.type in _WINNERS and m.end <= hm.start and _same_clause(m, hm) and not _nested(m, pairs):
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


def by_sentence(entities: list[Entity]) -> dict[int, list[tuple[Mention, Entity]]]:
    """Each sentence's mentions with their entities, by sentence index."""
    out: dict[int, list[tuple[Mention, Entity]]] = defaultdict(list)
    for e in entities:
        for m in e.mentions:
            out[m.sentence.index].append((m, e))
    return out


class _NameIndex:
    """Finds which entities' names stand inside a longer name, without a scan per pair."""

    def __init__(self, entities: list[Entity]) -> None:
        self.by_first: dict[str, list[tuple[str, Entity]]] = defaultdict(list)
        for e in entities:
            for n in {norm(x) for x in (e.name, *e.aliases)}:
                # a community counts only by its full name: a bare 后亭 inside 潭头-后亭片区
                # names a neighbourhood that spans two communities, not one of them
                full = e.type != "Community" or n.endswith(COMMUNITY_FORMS)
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
    """Do two mentions of one sentence start in the same clause (in folded text: ``,`` breaks too)?"""
    base = a.sentence.start
    return same_clause(fold(a.sentence.text), max(0, a.start - base), max(0, b.start - base))
