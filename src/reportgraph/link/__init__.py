"""The link stage: one node per real-world thing, and the edges between them.

Mentions become entities keyed by type and canonical name (:mod:`.names`),
so the same community named in two reports is one node. Relations are read
from names and sentences (:mod:`.relations`), and each indicator is tied to
the entities its clause names (:mod:`.ties`). Link never changes what
extract produced: it returns new objects, so an extraction can be scored
before and after linking.
"""
from __future__ import annotations

from reportgraph.lexicon import Lexicon
from reportgraph.link.names import merge, norm
from reportgraph.link.relations import relations
from reportgraph.link.ties import tie
from reportgraph.model import Extraction, LinkedReport, Mention

__all__ = ["KnownNames", "known_names", "link", "link_report", "norm"]

#: The lexicon's names and aliases, normalised, each with the (type, name) of its entity.
KnownNames = dict[str, tuple[str, str]]


def known_names(lexicon: Lexicon) -> KnownNames:
    """What mentions are matched against: made once per build, not once per report."""
    names: KnownNames = {}
    for e in lexicon.gazetteer:
        for form in (e.name, *e.aliases):
            names.setdefault(norm(form), (e.type, e.name))  # the first entry to claim a form keeps it
    return names


def link(extractions: list[Extraction], lexicon: Lexicon) -> list[LinkedReport]:
    """Merge each report's mentions into entities and relate them."""
    names = known_names(lexicon)
    return [link_report(x, names) for x in extractions]


def link_report(x: Extraction, names: KnownNames) -> LinkedReport:
    """One report linked: reports are linked one by one, so a failure is that report's alone."""
    entities = merge(x.mentions + _issuer_mention(x), names)
    return LinkedReport(report=x.report, entities=entities, indicators=tie(x.indicators, entities),
                        relations=relations(entities), problems=list(x.problems))


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
