"""Identity across reports: what the rules say is one thing, and what the user says.

Within a report, :mod:`.names` and :mod:`.scope` give every entity a key that
already tells things apart by region. Across reports, entities with the same key
are one node (rdf merges them); this module joins what the same key cannot:

- a company's full and short name (``某某科技股份有限公司`` / ``某某科技``), when the
  two differ only by region and legal form (``companyLegalForm``);
- a community or place named by a broader report (a 区 report's 新村) and the one
  community of that name in one of its 街道 (``withinRegion``);
- what a user's identity file says: ``same A B`` joins, ``different A B`` keeps
  apart whatever a rule would join (``userSame``; vetoes leave no trace but the split).

Every join is recorded on the entity as a :class:`~reportgraph.model.NameForm`
with its rule, so the graph and ``build --merges`` can say why.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.errors import ReportError
from reportgraph.link.names import norm
from reportgraph.model import Entity, LinkedReport, NameForm

_COMPANY = datafile("link/company_forms.tsv").pairs
_LEGAL_FORMS = tuple(_COMPANY["legal_forms"].split())
_REGION_OPENING = regexcache.compile(_COMPANY["region_opening"])
_BRACKETED = regexcache.compile(_COMPANY["bracketed"])

#: The two kinds of line of an identity file.
SAME, DIFFERENT = "same", "different"
#: Between a name and the region it is said in: ``上星社区@新桥街道``.
REGION_MARK = "@"
#: Types whose things lie in one place, so a broader report's name is the one of its part.
_LOCAL_TYPES = frozenset({"Community", "Place"})


@dataclass(frozen=True)
class NameRef:
    """A name of an identity line, with the region it is said in if the line gives one."""

    name: str
    region: str = ""

    def __str__(self) -> str:
        return f"{self.name}{REGION_MARK}{self.region}" if self.region else self.name


@dataclass(frozen=True)
class IdentityLine:
    """One ``same`` or ``different`` line, with where it stands (for messages)."""

    kind: str
    a: NameRef
    b: NameRef
    where: str


@dataclass
class Identities:
    """A user's identity file: ``same A B`` and ``different A B`` lines."""

    lines: list[IdentityLine] = field(default_factory=list)
    #: what applying the file found worth telling the user (a name naming several nodes)
    notes: list[ReportError] = field(default_factory=list)

    @classmethod
    def load(cls, path: str | Path) -> "Identities":
        """Read an identity file; a bad line is an error naming the file and the line."""
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise ReportError(str(p), "identity file not found") from None
        except (OSError, UnicodeDecodeError) as err:
            raise ReportError(str(p), f"cannot read identity file: {err}") from None
        return cls.parse(text, str(p))

    @classmethod
    def parse(cls, text: str, where: str = "<identities>") -> "Identities":
        out = cls()
        for n, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            words = line.split()
            if len(words) != 3 or words[0] not in (SAME, DIFFERENT):
                raise ReportError(where, f"line {n}: expected '{SAME} NAME_A NAME_B' or "
                                         f"'{DIFFERENT} NAME_A NAME_B' (a name may end in {REGION_MARK}REGION), "
                                         f"got {line!r}")
            a, b = (_ref(w, where, n) for w in words[1:])
            if norm(a.name) == norm(b.name) and a.region == b.region:
                raise ReportError(where, f"line {n}: the two names are the same: {line!r}")
            out.lines.append(IdentityLine(words[0], a, b, f"{where}:{n}"))
        return out

    def dump(self) -> str:
        """The file's lines again, as ``load`` reads them."""
        return "".join(f"{line.kind} {line.a} {line.b}\n" for line in self.lines)

    def apart(self, a: str, b: str) -> bool:
        """Did a ``different`` line (of any region) say the two names are two things?"""
        return frozenset((norm(a), norm(b))) in self._different

    @property
    def _different(self) -> frozenset[frozenset[str]]:
        return frozenset(frozenset((norm(line.a.name), norm(line.b.name)))
                         for line in self.lines if line.kind == DIFFERENT)


def _ref(word: str, where: str, n: int) -> NameRef:
    name, mark, region = word.partition(REGION_MARK)
    if not name or mark and not region:
        raise ReportError(where, f"line {n}: {word!r} is no name (write NAME or NAME{REGION_MARK}REGION)")
    return NameRef(name, region)


# --------------------------------------------------------------------------- joining


@dataclass
class _Node:
    """One key across the reports: its entities and the region chains they are said in."""

    key: str
    type: str
    scope: str
    entities: list[Entity] = field(default_factory=list)
    regions: set[str] = field(default_factory=set)

    @property
    def local_name(self) -> str:
        return self.key.partition("/")[2][len(self.scope):]

    @property
    def names(self) -> set[str]:
        return {norm(n) for e in self.entities for n in (e.name, *e.aliases)}


class _Joins:
    """Union-find over keys, directed: the winner's key names the joined node."""

    def __init__(self, nodes: dict[str, _Node], identities: Identities) -> None:
        self.nodes = nodes
        self.parent: dict[str, str] = {}
        self.members: dict[str, set[str]] = {k: {k} for k in nodes}
        self.why: dict[str, tuple[str, str]] = {}
        self.identities = identities

    def find(self, key: str) -> str:
        while key in self.parent:
            key = self.parent[key]
        return key

    def join(self, loser: str, winner: str, rule: str, detail: str) -> bool:
        a, b = self.find(loser), self.find(winner)
        if a == b or self._vetoed(a, b):
            return False
        self.parent[a] = b
        self.members[b] |= self.members.pop(a)
        self.why[a] = (rule, detail)
        return True

    def _vetoed(self, a: str, b: str) -> bool:
        names_a = {n for k in self.members[a] for n in self.nodes[k].names}
        names_b = {n for k in self.members[b] for n in self.nodes[k].names}
        return any(self.identities.apart(x, y) for x in names_a for y in names_b)

    def rule_of(self, key: str) -> tuple[str, str] | None:
        """The rule of the first join that took ``key`` into another node."""
        return self.why.get(key)


def unify(reports: list[LinkedReport], identities: Identities) -> list[LinkedReport]:
    """The reports with their entities' keys joined across reports by the rules and the identity file."""
    nodes: dict[str, _Node] = {}
    for lr in reports:
        where = "/".join(lr.report.region)
        for e in lr.entities:
            node = nodes.setdefault(e.key, _Node(e.key, e.type, e.scope))
            node.entities.append(e)
            node.regions.update(lr.report.region)
            if where:
                node.regions.add(where)
    joins = _Joins(nodes, identities)
    _join_companies(nodes, joins)
    _join_within_regions(nodes, joins)
    _join_user_same(nodes, joins, identities)
    final = {k: joins.find(k) for k in nodes}
    if all(k == v for k, v in final.items()):
        return reports
    return [_remapped(lr, final, nodes, joins) for lr in reports]


def company_core(name: str) -> str:
    """A company's name without its region and legal form: 深圳市某某科技股份有限公司 -> 某某科技."""
    n = _BRACKETED.sub("", norm(name))
    opening = _REGION_OPENING.match(n)
    if opening and len(n) - opening.end() >= 2:
        n = n[opening.end():]
    for form in _LEGAL_FORMS:
        if n.endswith(form) and len(n) - len(form) >= 2:
            return n[: -len(form)]
    return n


def _join_companies(nodes: dict[str, _Node], joins: _Joins) -> None:
    by_core: dict[str, list[_Node]] = defaultdict(list)
    for node in nodes.values():
        if node.type == "Company" and not node.scope:
            core = company_core(node.local_name)
            if len(core) >= 2:
                by_core[core].append(node)
    for core, group in sorted(by_core.items()):
        if len(group) < 2:
            continue
        winner = max(group, key=lambda n: (len(n.local_name), n.local_name))
        for node in sorted(group, key=lambda n: n.key):
            if node is not winner:
                joins.join(node.key, winner.key, "companyLegalForm",
                           f"{node.local_name} and {winner.local_name} differ only by region and legal form "
                           f"(both are {core})")


def _join_within_regions(nodes: dict[str, _Node], joins: _Joins) -> None:
    by_name: dict[tuple[str, str], list[_Node]] = defaultdict(list)
    for node in nodes.values():
        if node.type in _LOCAL_TYPES and node.scope and not node.scope.endswith(":"):
            by_name[(node.type, node.local_name)].append(node)
    for _, group in sorted(by_name.items()):
        for broad in sorted(group, key=lambda n: n.key):
            narrower = [n for n in group if n is not broad and n.scope.startswith(broad.scope)]
            if len(narrower) == 1:
                joins.join(broad.key, narrower[0].key, "withinRegion",
                           f"{broad.local_name} named in a report of {broad.scope} is the one "
                           f"{narrower[0].local_name} of {narrower[0].scope}")


def _join_user_same(nodes: dict[str, _Node], joins: _Joins, identities: Identities) -> None:
    for line in identities.lines:
        if line.kind != SAME:
            continue
        found = [_matching(nodes, ref) for ref in (line.a, line.b)]
        if not found[0] or not found[1]:
            continue  # the file serves many builds: a name this build does not have is no error
        ambiguous = [(ref, hits) for ref, hits in zip((line.a, line.b), found) if len(hits) > 1]
        if ambiguous:
            ref, hits = ambiguous[0]
            scopes = ", ".join(sorted(h.scope or "everywhere" for h in hits))
            identities.notes.append(ReportError(
                line.where, f"{ref} names {len(hits)} things ({scopes}): write {ref.name}{REGION_MARK}REGION; "
                            "line skipped"))
            continue
        a, b = found[0][0], found[1][0]
        if joins.find(a.key) == joins.find(b.key):
            continue
        if not joins.join(b.key, a.key, "userSame", f"{line.where}: {line.kind} {line.a} {line.b}"):
            identities.notes.append(ReportError(line.where, f"{line.a} and {line.b} are also said to be "
                                                            "different; line skipped"))


def _matching(nodes: dict[str, _Node], ref: NameRef) -> list[_Node]:
    name = norm(ref.name)
    hits = [n for n in nodes.values() if name in n.names or name == norm(n.local_name)]
    if ref.region:
        region = norm(ref.region)
        hits = [n for n in hits if region in n.regions or region in n.scope]
    return sorted(hits, key=lambda n: n.key)


def _remapped(lr: LinkedReport, final: dict[str, str], nodes: dict[str, _Node], joins: _Joins) -> LinkedReport:
    """One report's entities under their joined keys; two entities of one node become one."""
    out: dict[str, Entity] = {}
    for e in lr.entities:
        key = final[e.key]
        winner = nodes[key]
        if key == e.key:
            merged = dataclasses.replace(e, aliases=list(e.aliases), mentions=list(e.mentions), forms=list(e.forms))
        else:
            rule, detail = _first_rule(e.key, joins)
            merged = Entity(key=key, type=winner.type, name=winner.entities[0].name, scope=winner.scope,
                            mentions=[dataclasses.replace(m, type=winner.type) for m in e.mentions],
                            aliases=sorted({e.name, *e.aliases}),
                            forms=[NameForm(f.name, rule, detail) for f in e.forms])
        if key in out:
            have = out[key]
            have.mentions.extend(merged.mentions)
            have.aliases = sorted(set(have.aliases) | set(merged.aliases) | {merged.name})
            have.forms.extend(f for f in merged.forms if all(f.name != g.name for g in have.forms))
        else:
            out[key] = merged
    for e in out.values():
        e.aliases = sorted({a for a in e.aliases if norm(a) != norm(e.name)})
        e.mentions.sort(key=lambda m: (m.start, m.end))
    return dataclasses.replace(lr, entities=sorted(out.values(), key=lambda e: e.key))


def _first_rule(key: str, joins: _Joins) -> tuple[str, str]:
    why = joins.rule_of(key)
    while why is None:  # a key whose class was joined through another: the rule of its own join
        key = joins.parent.get(key, key)
        why = joins.rule_of(key)
        if key not in joins.parent:
            break
    return why or ("exactName", "")
