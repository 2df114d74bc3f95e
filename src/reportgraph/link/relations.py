"""Edges the names and sentences state between a report's entities.

A project or place whose name holds a community's or a place's lies in it; a
programme so named runs there; a project whose name holds a firm's involves
it; what is named before an honor in its clause won it; a programme named in
a clause with a community runs there.
"""
from __future__ import annotations

import bisect
from collections import defaultdict

from reportgraph.link.names import COMMUNITY_FORMS, norm
from reportgraph.model import Entity, Mention, Relation, Sentence
from reportgraph.text import CLAUSE_BREAKS, fold

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
        clauses = _Clauses(pairs[0][0].sentence)
        nested = _nested_mentions(pairs)
        # winners by where they start, so each honor looks only at those of its own clause before it
        winners = sorted(((m, e) for m, e in pairs if e.type in _WINNERS), key=lambda p: (p[0].start, p[0].end))
        winner_starts = [m.start for m, _ in winners]
        for hm, honor in pairs:
            if honor.type != "Honor":
                continue
            lo = bisect.bisect_left(winner_starts, clauses.start_of(hm.start))
            hi = bisect.bisect_left(winner_starts, hm.start)
            for m, e in winners[lo:hi]:
                if m.end <= hm.start and clauses.same(m.start, hm.start) and id(m) not in nested:
                    out.setdefault((e.key, "wonHonor", honor.key), Relation(e.key, "wonHonor", honor.key, m.sentence))
        communities = [(m, e) for m, e in pairs if e.type == "Community"]
        for pm, program in pairs:
            if program.type != "Program":
                continue
            if id(pm) in nested:
                continue  # 荣获全国“四季村晚”冬季示范展示点: a programme named inside an honor runs nowhere
            for m, e in communities:
                if clauses.same(m.start, pm.start) and not _overlaps(m, pm):
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


def _nested_mentions(pairs: list[tuple[Mention, Entity]]) -> set[int]:
    """The ids of the mentions inside a longer one (深圳市 in 深圳市白鹭信息技术有限公司).

    By where they start, longest first: a mention is nested when one seen before it (starting
    no later) ends no earlier and is longer; the longest end so far tells.
    """
    ordered = sorted((m for m, _ in pairs), key=lambda m: (m.start, -(m.end - m.start)))
    out: set[int] = set()
    reach: Mention | None = None  # of the mentions seen, the one that ends furthest (longest on a tie)
    for m in ordered:
        if reach is not None and reach.end >= m.end and (reach.end - reach.start) > (m.end - m.start):
            out.add(id(m))
        if reach is None or m.end > reach.end:
            reach = m
    return out


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


class _Clauses:
    """The clauses of one sentence (in folded text: ``,`` breaks too), counted once for all its mentions."""

    def __init__(self, sentence: Sentence) -> None:
        self.base = sentence.start
        text = fold(sentence.text)
        self.breaks = [i for i, ch in enumerate(text) if ch in CLAUSE_BREAKS]

    def _index(self, offset: int) -> int:
        return bisect.bisect_right(self.breaks, max(0, offset - self.base) - 1)

    def same(self, a: int, b: int) -> bool:
        """Do report offsets ``a`` and ``b`` start in the same clause (no break between them)?"""
        return self._index(a) == self._index(b)

    def start_of(self, offset: int) -> int:
        """The report offset where the clause of ``offset`` starts."""
        k = self._index(offset)
        return self.base + (self.breaks[k - 1] + 1 if k else 0)
