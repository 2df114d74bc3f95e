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

from reportgraph.lexicon import Lexicon
from reportgraph.link.identity import Identities, unify
from reportgraph.link.measures import Measures, with_measures
from reportgraph.link.names import merge, norm
from reportgraph.link.relations import relations
from reportgraph.link.scope import Scope
from reportgraph.link.series import order_series
from reportgraph.link.ties import tie
from reportgraph.link.tracking import track
from reportgraph.model import Extraction, LinkedReport, Mention

__all__ = ["Identities", "Measures", "link", "norm"]


def link(extractions: list[Extraction], lexicon: Lexicon, identities: Identities | None = None,
         measures: Measures | None = None) -> list[LinkedReport]:
    """Merge each report's mentions into entities, join them across reports, and relate them.

    ``identities`` (a user's ``same``/``different`` file) overrides the rules;
    ``measures`` is the metric concept scheme (the packaged one unless given).
    """
    gazetteer = {norm(form): (e.type, e.name) for e in lexicon.gazetteer for form in (e.name, *e.aliases)}
    places = [form for e in lexicon.gazetteer if e.type == "Place" for form in (e.name, *e.aliases)]
    ids = identities or Identities()
    scheme = measures or Measures.load()
    out, scopes = [], []
    for x in extractions:
        scope = Scope(x.report, places, gazetteer)
        scopes.append(scope)
        entities = merge(x.mentions + _issuer_mention(x), gazetteer, scope, ids.apart)
        out.append(LinkedReport(report=x.report, entities=entities, indicators=list(x.indicators), relations=[],
                                problems=list(x.problems)))
    out = unify(out, ids)
    for lr in out:
        lr.relations = relations(lr.entities)
        lr.indicators = with_measures(tie(lr.indicators, lr.entities), scheme)
    return track(order_series(out, scopes), scheme)


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
