"""One entity per real-world thing in a report: mentions merged by their names.

Names are compared folded, without quotes or spaces (:func:`norm`). Each name
settles on one type (the one most mentions give), and short forms join the
longer name they abbreviate by rules that say why: a gazetteer's canonical
name, a bare community name and its ``…社区`` form, a name with and without
its region (``宝安区委``/``区委``), an abbreviation of a firm (``军创集团``), a
shorter form of the same project.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from sys import intern

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.model import Entity, Mention, NameForm
from reportgraph.text import fold, strip_quotes

_ALIASES = datafile("link/aliases.tsv").pairs
_REGION_PREFIX = regexcache.compile(_ALIASES["region_prefix"])
_GENERIC_TAILS = tuple(_ALIASES["generic_tails"].split())
_LEVEL_STARTS = frozenset(_ALIASES["level_starts"])
_REGION_END = regexcache.compile(_ALIASES["region_end"])
#: A body's short name has at least this many characters (人社局): two are a kind (党委), not a name.
_MIN_BODY_SHORT = 3
_BODY_SHORT_KINDS = frozenset(_ALIASES["body_short_kinds"])
#: The long and the short word for a government (省人民政府 / 省政府).
GOVERNMENT_FULL, GOVERNMENT_SHORT = _ALIASES["government_full"], _ALIASES["government_short"]
_OFFICE_TAILS = tuple(_ALIASES["office_tails"].split())
#: Words a community's short name is written with (和一 / 和一社区).
COMMUNITY_FORMS: tuple[str, ...] = tuple(_ALIASES["community_forms"].split())
#: When one name is seen as two types, the tie is broken in this order.
TYPE_PRIORITY = ("Project", "Program", "Company", "Community", "GovernmentBody", "Event", "Honor", "Place")
_SPACE = regexcache.compile(r"\s+")


@dataclass(frozen=True)
class Scoped:
    """Where a canonical name is known: the entity's name, its scope, its key's name, and why."""

    name: str
    key_name: str
    scope: str = ""
    rule: str = "exactName"
    detail: str = ""


#: Says where a canonical name of a type is known: ``scope(etype, name)``.
Scoper = Callable[[str, str], Scoped]
#: Says whether two names were declared different things: ``apart(name_a, name_b)``.
Apart = Callable[[str, str], bool]


@lru_cache(maxsize=65536)
def norm(name: str) -> str:
    """The form names are compared in: one width, no quotes or spaces."""
    return strip_quotes(_SPACE.sub("", fold(name)))


def merge(mentions: list[Mention], gazetteer: Mapping[str, tuple[str, str]],
          scope: Scoper | None = None, apart: Apart | None = None) -> list[Entity]:
    """The report's entities, keyed by type, scope and canonical name, each with its mentions (retyped).

    ``scope`` says where a canonical name is known (:mod:`.scope`): ``区委`` in a 宝安区
    report becomes 宝安区委 of 深圳市. ``apart`` vetoes joining two names a user said
    are different things. Each entity records every name it goes by with the rule that joined it.
    """
    types = _settle_types(mentions)
    canonical, rules = _canonical_names(mentions, types, gazetteer, apart or _never_apart)
    entities: dict[str, Entity] = {}
    scoped_of: dict[tuple[str, str], Scoped] = {}
    for m in mentions:
        n = norm(m.name)
        etype = types[n]
        canon = canonical[(etype, n)]
        scoped = scoped_of.get((etype, canon))
        if scoped is None:
            scoped = scoped_of[(etype, canon)] = scope(etype, canon) if scope else Scoped(canon, canon)
        # an entity's key, its names and its forms' reasons are said again by every report that names it (the
        # same 区委 in every report of a district): one string each across the reports a build holds
        key = intern(f"{etype}/{scoped.key_name}")
        entity = entities.get(key)
        if entity is None:
            entity = entities[key] = Entity(key=key, type=etype, name=scoped.name, scope=scoped.scope)
        entity.mentions.append(m if m.type == etype else _retyped(m, etype))
        if not any(f.name == m.name for f in entity.forms):
            if n == canon:
                entity.forms.append(NameForm(intern(m.name), scoped.rule, intern(scoped.detail)))
            else:
                rule, detail = rules[(etype, n)]
                entity.forms.append(NameForm(intern(m.name), rule, intern(detail)))
        if m.name != entity.name and m.name not in entity.aliases and norm(m.name) != norm(entity.name):
            entity.aliases.append(m.name)
    for entity in entities.values():
        entity.name = _display_name(entity)
        entity.aliases = sorted({a for a in entity.aliases if norm(a) != norm(entity.name)})
        entity.forms.sort(key=lambda f: (norm(f.name) != norm(entity.name), f.name))
    return sorted(entities.values(), key=lambda e: e.key)


def _retyped(m: Mention, etype: str) -> Mention:
    return Mention(type=etype, name=m.name, start=m.start, end=m.end, sentence=m.sentence, full_name=m.full_name)


def _settle_types(mentions: list[Mention]) -> dict[str, str]:
    """One type per name: the one most mentions give, ties by TYPE_PRIORITY."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        votes[norm(m.name)][m.type] += 1
    return {n: max(c, key=lambda t: (c[t], -TYPE_PRIORITY.index(t))) for n, c in votes.items()}


def _canonical_names(mentions: list[Mention], types: dict[str, str], gazetteer: Mapping[str, tuple[str, str]],
                     apart: Apart) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], tuple[str, str]]]:
    """Map each (type, name) to the canonical name of the entity it belongs to, and each
    name that is not canonical to the rule (and its case in words) that joined it."""
    names: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        n = norm(m.name)
        names[types[n]].add(n)
    parent: dict[tuple[str, str], str] = {}
    rules: dict[tuple[str, str], tuple[str, str]] = {}
    for etype, group in names.items():
        by_length = sorted(group, key=lambda s: (-len(s), s))
        # the names holding each character, longest first: a short form's longer forms hold its first
        # character, so each name is compared with those only, not with every name of its type
        holding: dict[str, list[str]] = defaultdict(list)
        for long in by_length:
            for ch in dict.fromkeys(long):
                holding[ch].append(long)
        for n in group:
            hit = gazetteer.get(n)
            if hit and hit[0] == etype and not apart(n, norm(hit[1])):
                parent[(etype, n)] = norm(hit[1])
                rules[(etype, n)] = ("gazetteer", f"{n} is a name the gazetteer gives {hit[1]}")
                continue
            found = _longer_form(n, etype, holding[n[0]], apart)
            parent[(etype, n)] = found[0] if found else n
            if found:
                rules[(etype, n)] = (found[1], f"{n} is a short form of {found[0]}")
    # follow chains (a -> b -> c) to their end
    out = {}
    for (etype, n), p in parent.items():
        seen = {n}
        while (etype, p) in parent and parent[(etype, p)] != p and p not in seen:
            seen.add(p)
            p = parent[(etype, p)]
        out[(etype, n)] = p
    return out, rules


def _never_apart(a: str, b: str) -> bool:
    return False


def _longer_form(n: str, etype: str, holding_first: list[str], apart: Apart) -> tuple[str, str] | None:
    """The longer name of the same type that ``n`` is a short form of, if exactly one is, and the rule that says so.

    ``holding_first`` is the names of the type that hold ``n``'s first character, longest first: every
    rule below keeps it in the long form (区委 / 宝安区委, 军创集团, 和一 / 和一社区, 省人民政府 / 广东省政府)."""
    hits = []
    for long in holding_first:
        if len(long) >= len(n) and long != n and not apart(n, long):
            rule = abbreviation_rule(n, long, etype)
            if rule:
                hits.append((long, rule))
    return hits[0] if len(hits) == 1 or (hits and etype == "Community") else None


def abbreviation_rule(short: str, long: str, etype: str) -> str:
    """The rule by which ``short`` is a shorter name of ``long`` (a key of vocab.MERGE_RULES), or ""."""
    if etype == "Community":
        return "communityForm" if long in tuple(short + form for form in COMMUNITY_FORMS) else ""
    prefix = _REGION_PREFIX.match(long)
    if prefix and long[prefix.end():] == short:
        return "regionPrefix"  # 深圳市人民医院 / 人民医院
    if etype == "GovernmentBody":
        if any(long.endswith(short + tail) for tail in _OFFICE_TAILS):
            return "regionPrefix"  # 新桥街道 / 深圳市宝安区新桥街道办事处: the place's office
        short, long = short.replace(GOVERNMENT_FULL, GOVERNMENT_SHORT), long.replace(GOVERNMENT_FULL, GOVERNMENT_SHORT)
        if short == long:
            return "governmentShort"  # 省人民政府 / 省政府
        if _body_short_form(short, long):
            return "bodyShortForm"  # 县人社局 / 临川县人力资源和社会保障局
    if short[0] in _LEVEL_STARTS and long.endswith(short) and len(long) - len(short) >= 2:
        return "regionPrefix"  # 宝安区委 / 区委, 广东省政府 / 省人民政府
    if long.endswith(short) and len(short) >= 2 and etype in ("GovernmentBody", "Place") and \
            _REGION_END.search(long[: len(long) - len(short)]):
        return "regionPrefix"
    core = short
    for tail in _GENERIC_TAILS:
        if core.endswith(tail) and len(core) > len(tail) + 1:
            core = core[: -len(tail)]
            break
    if etype == "Company":
        return "companyShortForm" if len(core) >= 2 and _subsequence(core, long) and short[-2:] in long else ""
    if etype in ("Program", "Event", "Honor"):
        shorter = long.startswith(short) and len(short) >= 3 or etype == "Honor" and long.endswith(short) \
            and len(short) >= 4
        return "shorterForm" if shorter else ""
    if etype == "Project":
        if short in long and len(short) >= 4:
            return "shorterForm"  # 东塘旧村 / 东塘旧村片区城市更新项目
        shorter = (core[:2] == long[:2] and _subsequence(core, long) and len(core) >= 4
                   and len(short) >= 0.5 * len(long))
        return "shorterForm" if shorter else ""
    return ""


def _body_short_form(short: str, long: str) -> bool:
    """Bodies are shortened by keeping a character or two of each word (人社局 for
    人力资源和社会保障局, 发改委 for 发展和改革委员会): the short name's characters stand in order in
    the full one, from its first (after a region the full name may add) to the same last, the kind
    (a bureau's, a commission's: not a school's, 浙江大学 / 浙江农林大学)."""
    at = long.find(short[0])
    if len(short) < _MIN_BODY_SHORT or at < 0 or short[-1] != long[-1] or short[-1] not in _BODY_SHORT_KINDS:
        return False
    if at and not (_REGION_END.search(long[:at]) or short[0] in _LEVEL_STARTS and _REGION_END.search(long[:at + 1])):
        return False  # 县人社局 / 临川县人力资源和社会保障局: the short name's 县 is the full one's
    return len(long) - at - len(short) >= 2 and _subsequence(short, long[at:])


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _display_name(entity: Entity) -> str:
    """The canonical name as written most often among the mentions of that form."""
    forms = Counter(m.name for m in entity.mentions if norm(m.name) == norm(entity.name))
    return forms.most_common(1)[0][0] if forms else entity.name
