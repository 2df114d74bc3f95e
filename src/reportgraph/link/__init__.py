"""The link stage: one node per real-world thing, and the edges between them.

Mentions become entities keyed by type, scope and canonical name (:mod:`.names`,
:mod:`.scope`): a name that depends on where it is said (区委, 妇联, a
community) is known within the report's region, so the same community named in
two reports of one 街道 is one node and 市政府 of two cities are two. Across
reports, :mod:`.identity` joins what the rules say is one thing (a company's
full and short name) and applies the user's identity file. Relations are read
from names and sentences (:mod:`.relations`), each indicator is tied to the
entities its clause names (:mod:`.ties`) and to the measure its metric names
(:mod:`.measures`), reports of one issuer form a series (:mod:`.series`), and
each target is tracked to what the report reviewing its period says came of it
(:mod:`.tracking`).
Link never changes what extract produced: it returns new objects, so an
extraction can be scored before and after linking.
"""
from __future__ import annotations

from collections import ChainMap, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from reportgraph.lexicon import Lexicon
from reportgraph.link.identity import Identities, unify
from reportgraph.link.measures import Measures, with_measures
from reportgraph.link.names import merge, norm
from reportgraph.link.relations import relations
from reportgraph.link.scope import GazetteerForms, Scope
from reportgraph.link.series import order_series, scoped_issuer
from reportgraph.link.ties import tie
from reportgraph.link.tracking import relational_targets, track
from reportgraph.model import Entity, Extraction, LinkedReport, Mention, Report
from reportgraph.text import fold

__all__ = ["Identities", "KnownNames", "LinkContext", "Measures", "join", "link", "link_report", "norm",
           "same_entities"]

#: The lexicon's names and aliases, normalised, each with the (type, name) of its entity.
KnownNames = dict[str, tuple[str, str]]
#: Each short form divisions of several provinces share (昌江: 昌江区 of 江西省, 昌江黎族自治县 of 海南省),
#: normalised, with the (type, name) of the one division it names in each province that has one.
ProvincialForms = dict[str, dict[str, tuple[str, str]]]


def known_names(lexicon: Lexicon) -> KnownNames:
    """What mentions are matched against: made once per build, not once per report."""
    names: KnownNames = {}
    for e in lexicon.gazetteer:
        for form in (e.name, *e.aliases):
            names.setdefault(norm(form), (e.type, e.name))  # the first entry to claim a form keeps it
    return names


def provincial_forms(lexicon: Lexicon) -> ProvincialForms:
    """The short forms divisions of several provinces share, and the division each names in each
    province: :func:`known_names` gives such a form to the first division only, which in a report
    of the other province is the wrong one."""
    out: ProvincialForms = {}
    for form, entries in lexicon.divisions_by_short_form.items():
        by_province: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for e in entries:
            by_province[e.region[0]].append((e.type, e.name))
        if len(by_province) > 1:
            out[norm(form)] = {p: named[0] for p, named in by_province.items() if len(named) == 1}
    return out


@dataclass
class LinkContext:
    """What linking knows besides the reports, made once per build: the gazetteer's names (also as
    the scopes look them up), the user's identity file and the metric concept scheme."""

    gazetteer: KnownNames
    forms: GazetteerForms
    identities: Identities
    measures: Measures
    #: the short forms several provinces' divisions share, and the province of each place (folded)
    provincial: ProvincialForms = field(default_factory=dict)
    province_of: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, lexicon: Lexicon, identities: Identities | None = None,
           measures: Measures | None = None) -> "LinkContext":
        places = [form for e in lexicon.gazetteer if e.type == "Place" for form in (e.name, *e.aliases)]
        gazetteer = known_names(lexicon)
        return cls(gazetteer, GazetteerForms.of(places, gazetteer), identities or Identities(),
                   measures or Measures.load(), provincial_forms(lexicon), lexicon.province_of)

    def scope(self, report: Report) -> Scope:
        return Scope(report, self.forms)

    def gazetteer_for(self, report: Report) -> Mapping[str, tuple[str, str]]:
        """The gazetteer's names as the report's province reads them: a short form divisions of
        several provinces share names the report's province's own (昌江 in a 海南省 report)."""
        province = next((self.province_of[fold(r)] for r in report.region if fold(r) in self.province_of), "")
        own = {form: named[province] for form, named in self.provincial.items() if province in named}
        return ChainMap(own, self.gazetteer) if own else self.gazetteer


def link_report(x: Extraction, ctx: LinkContext) -> LinkedReport:
    """One report linked on its own, scoped to where it is said: its entities, the relations they state, its
    indicators tied to them and to their measures, its relational targets. Made report by report (in the
    workers, and cached), so that a failure is that report's alone; :func:`join` joins them across reports,
    and says again only what a join across reports changed."""
    scope = ctx.scope(x.report)
    entities = merge(x.mentions + _issuer_mention(x), ctx.gazetteer_for(x.report), scope, ctx.identities.apart)
    indicators = with_measures(tie(list(x.indicators), entities), ctx.measures)
    lr = LinkedReport(report=x.report, entities=entities, indicators=indicators, relations=relations(entities),
                      problems=list(x.problems), scoped_issuer=scoped_issuer(x.report, scope))
    lr.relational_targets = relational_targets(lr, ctx.measures)
    return lr


def join(linked: list[LinkedReport], ctx: LinkContext) -> list[LinkedReport]:
    """The reports linked one by one (:func:`link_report`), joined: entities across reports, the series, and
    each target tracked to its result.

    A report whose entities a join across reports changed (a company's
    short name taken into its full one) has its relations and ties made
    again from the joined entities; every other report's are what
    :func:`link_report` made of the same entities. Measures and relational
    targets depend on no entity.
    """
    out = []
    for alone, joined in zip(linked, unify(linked, ctx.identities)):
        lr = replace(joined)  # a new object: ``linked`` stays as it was
        if not same_entities(alone.entities, lr.entities):
            lr.relations = relations(lr.entities)
            lr.indicators = tie(lr.indicators, lr.entities)
        out.append(lr)
    return track(order_series(out, ctx.scope), ctx.measures)


def same_entities(before: list[Entity], after: list[Entity]) -> bool:
    """Are ``after`` the entities ``before`` were, as relations and ties read them (keys, types, names, aliases,
    the very mentions in their order)?"""
    if before is after:
        return True
    return len(before) == len(after) and all(
        a is b or (a.key == b.key and a.type == b.type and a.name == b.name and a.aliases == b.aliases
                   and len(a.mentions) == len(b.mentions) and all(m is n for m, n in zip(a.mentions, b.mentions)))
        for a, b in zip(before, after))


def link(extractions: list[Extraction], lexicon: Lexicon, identities: Identities | None = None,
         measures: Measures | None = None) -> list[LinkedReport]:
    """Merge each report's mentions into entities, join them across reports, and relate them.

    ``identities`` (a user's ``same``/``different`` file) overrides the rules;
    ``measures`` is the metric concept scheme (the packaged one unless given).
    """
    ctx = LinkContext.of(lexicon, identities, measures)
    return join([link_report(x, ctx) for x in extractions], ctx)


def _issuer_mention(x: Extraction) -> list[Mention]:
    """The issuer is a government body even where only the title names it."""
    report = x.report
    if not report.issuer or not report.sections or not report.sections[0].sentences:
        return []
    first = report.sections[0].sentences[0]
    at = first.text.find(report.issuer)
    if at < 0 or any(norm(m.name) == norm(report.issuer) for m in x.mentions):
        return []
    return [Mention("GovernmentBody", report.issuer, first.start + at, first.start + at + len(report.issuer), first)]
