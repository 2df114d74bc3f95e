"""Linked reports to RDF: the one place in the package that makes triples.

Every node gets an IRI derived from its content (a hash of the report text,
section ids, sentence indexes, offsets, entity keys), never a blank node or a
counter shared across runs, so the same input always gives the same graph and
graphs built separately can be merged. Terms come from the ``rg:`` ontology in
``ontology/reportgraph.ttl``; standard vocabularies (SKOS, PROV-O, DCTERMS) are
used where that ontology says it reuses them.
"""
from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote

from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG, PROV, TIME

from reportgraph.model import ENTITY_TYPES, Entity, Indicator, LinkedReport, Report, Sentence

__all__ = [
    "INST", "RG", "bind_prefixes", "entity_iri", "iri_safe", "period_iri",
    "report_iri", "to_graph",
]

#: The ontology's namespace (classes and properties).
RG = Namespace("https://w3id.org/reportgraph/ns#")
#: Where instance IRIs (reports, entities, periods ...) live.
INST = Namespace("https://w3id.org/reportgraph/id/")

#: Section.part code -> the rg:Part individual.
_PARTS: dict[str, URIRef] = {
    "summary": RG.summaryPart,
    "problems": RG.problemsPart,
    "plan": RG.planPart,
    "preamble": RG.preamblePart,
    "other": RG.otherPart,
}

#: The kinds of place the ontology declares (all rdfs:subClassOf rg:Place).
_PLACE_CLASSES: frozenset[str] = frozenset({
    "Place", "Road", "Park", "School", "Hospital", "IndustrialZone", "ResidentialCompound",
    "CommercialDistrict", "Region",
})
#: Entity types the ontology declares: the eight of model.ENTITY_TYPES plus
#: the kinds of place, so a linker that knows a place is a road can say so.
_ENTITY_CLASSES: frozenset[str] = frozenset(ENTITY_TYPES) | _PLACE_CLASSES

#: Entity-to-entity properties the ontology declares (all under rg:relatedTo).
_RELATIONS: frozenset[str] = frozenset({"locatedIn", "runIn", "wonHonor", "involves", "partOf", "relatedTo"})

_INDICATOR_CLASSES: dict[str, URIRef] = {"achievement": RG.Achievement, "target": RG.Target}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_IRI_KEEP = frozenset("-_.")


def iri_safe(text: str) -> str:
    """Make ``text`` usable as one IRI path segment, readably and without collisions.

    Letters (CJK included) and digits are kept as they are, because IRIs allow
    them and Chinese names should stay legible in the graph; ``-_.`` are kept;
    everything else (spaces, slashes, punctuation, ``%``) is percent-encoded as
    UTF-8 (``%`` too), so two different names never give the same segment.
    The text is NFC-normalised first so canonically equal names share one IRI.
    """
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isalnum() or ch in _IRI_KEEP:
            out.append(ch)
        else:
            out.append(quote(ch, safe=""))
    return "".join(out)


def bind_prefixes(g: Graph) -> None:
    """Bind the prefixes the project's graphs use, so Turtle output is readable."""
    for prefix, ns in (
        ("rg", RG), ("inst", INST), ("rdf", RDF), ("rdfs", RDFS), ("owl", OWL), ("xsd", XSD),
        ("skos", SKOS), ("prov", PROV), ("dcterms", DCTERMS), ("org", ORG), ("time", TIME),
    ):
        g.bind(prefix, ns, override=True, replace=True)


def report_iri(report: Report) -> URIRef:
    """The report's IRI: a hash of its cleaned text, so it does not depend on the file's path."""
    digest = hashlib.sha1(report.text.encode("utf-8")).hexdigest()[:12]
    return INST[f"report/{digest}"]


def entity_iri(key: str) -> URIRef:
    """An entity's IRI from its key ``Type/name``; independent of the report that names it."""
    etype, _, name = key.partition("/")
    return INST[f"{etype.lower()}/{iri_safe(name)}"]


def period_iri(label: str) -> URIRef:
    """A period's IRI from its name, shared by every report that names the same period."""
    return INST[f"period/{iri_safe(label)}"]


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _int(n: int) -> Literal:
    return Literal(int(n), datatype=XSD.integer)


def _number_text(value: Decimal | float | int | str) -> str:
    """The number as written, in plain notation: xsd:decimal forbids exponents like ``1E+1``."""
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    return format(d, "f")


def _decimal(value: Decimal | float | int | str) -> Literal:
    """xsd:decimal with a decimal point (``20.0``): the form Turtle writes, so graph.ttl reads back term-equal."""
    text = _number_text(value)
    return Literal(text if "." in text else f"{text}.0", datatype=XSD.decimal)


def _date(text: str) -> Literal:
    """xsd:date when the string is a valid YYYY-MM-DD date, else the string as it is."""
    if _ISO_DATE.fullmatch(text):
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            return Literal(text)
        return Literal(text, datatype=XSD.date)
    return Literal(text)


@dataclass
class _MergedEntity:
    """All LinkedReports' views of one entity key, merged into one node's facts."""

    key: str
    type: str
    names: list[str] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    mention_count: int = 0

    def label(self) -> str:
        """The canonical name: the one the key is made of (else the least, so report order does not matter)."""
        key_name = self.key.partition("/")[2]
        return key_name if key_name in self.names else min(self.names)


def _merge_entities(reports: Iterable[LinkedReport]) -> dict[str, _MergedEntity]:
    merged: dict[str, _MergedEntity] = {}
    for lr in reports:
        for ent in lr.entities:
            m = merged.setdefault(ent.key, _MergedEntity(key=ent.key, type=ent.type))
            if ent.name not in m.names:
                m.names.append(ent.name)
            m.aliases.update(ent.aliases)
            m.mention_count += len(ent.mentions)
    return merged


def _entity_class(etype: str) -> URIRef:
    return RG[etype] if etype in _ENTITY_CLASSES else RG.Entity


def _add_entities(g: Graph, merged: dict[str, _MergedEntity]) -> None:
    """One node per key: type, one canonical label, aliases, summed mention count."""
    for key, m in merged.items():
        node = entity_iri(key)
        g.add((node, RDF.type, _entity_class(m.type)))
        label = m.label()
        g.add((node, RDFS.label, _zh(label)))
        for alt in (set(m.names) | m.aliases) - {label}:
            if alt:
                g.add((node, SKOS.altLabel, _zh(alt)))
        g.add((node, RG.mentionCount, _int(m.mention_count)))


def _find_entity(entities: list[Entity], name: str, types: frozenset[str]) -> Entity | None:
    """The entity of one of ``types`` called ``name``: by canonical name first, then by alias."""
    candidates = sorted((e for e in entities if e.type in types), key=lambda e: e.key)
    for e in candidates:
        if e.name == name:
            return e
    for e in candidates:
        if name in e.aliases:
            return e
    return None


class _ReportWriter:
    """Adds one LinkedReport's triples; holds the report-scoped IRIs."""

    def __init__(self, g: Graph, lr: LinkedReport, known_keys: set[str]) -> None:
        self.g = g
        self.lr = lr
        self.report = lr.report
        self.iri = report_iri(lr.report)
        self.known_keys = known_keys
        self.own_keys = {e.key for e in lr.entities}

    # IRIs ---------------------------------------------------------------

    def section(self, section_id: str) -> URIRef:
        return URIRef(f"{self.iri}/section/{iri_safe(section_id)}")

    def area(self, section_id: str) -> URIRef:
        return URIRef(f"{self.iri}/area/{iri_safe(section_id)}")

    def statement(self, sentence: Sentence) -> URIRef:
        return URIRef(f"{self.iri}/s{sentence.index}")

    def period(self, label: str) -> URIRef:
        node = period_iri(label)
        self.g.add((node, RDF.type, RG.Period))
        self.g.add((node, RDFS.label, _zh(label)))
        return node

    # triples ------------------------------------------------------------

    def write(self) -> None:
        self._report()
        self._sections()
        self._entities()
        self._indicators()
        self._problems()
        self._relations()

    def _report(self) -> None:
        g, r, node = self.g, self.report, self.iri
        g.add((node, RDF.type, RG.Report))
        if r.title:
            g.add((node, DCTERMS.title, _zh(r.title)))
            g.add((node, RDFS.label, _zh(r.title)))
        if r.date:
            g.add((node, DCTERMS.issued, _date(r.date)))
        g.add((node, RG.sourceFile, Literal(r.path)))
        g.add((node, RG.charLength, _int(len(r.text))))
        if r.level:
            g.add((node, RG.level, Literal(r.level)))
        if r.period:
            g.add((node, RG.period, self.period(r.period)))
        if r.plan_period:
            g.add((node, RG.planPeriod, self.period(r.plan_period)))
        if r.issuer:
            body = _find_entity(self.lr.entities, r.issuer, frozenset({"GovernmentBody"}))
            if body is not None:
                g.add((node, RG.issuer, entity_iri(body.key)))
            else:
                g.add((node, DCTERMS.publisher, _zh(r.issuer)))
        for name in r.region:
            place = _find_entity(self.lr.entities, name, _PLACE_CLASSES)
            if place is not None:
                g.add((node, RG.region, entity_iri(place.key)))
            else:
                g.add((node, DCTERMS.spatial, _zh(name)))

    def _sections(self) -> None:
        g, report = self.g, self.iri
        scheme = URIRef(f"{report}/areas")
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        g.add((scheme, PROV.wasDerivedFrom, report))
        if self.report.title:
            g.add((scheme, RDFS.label, _zh(f"{self.report.title}：工作领域")))
        for sec in self.report.sections:
            node, area = self.section(sec.id), self.area(sec.id)
            g.add((report, RG.hasSection, node))
            g.add((node, RDF.type, RG.Section))
            g.add((node, RG.inReport, report))
            g.add((node, RG.part, _PARTS.get(sec.part, RG.otherPart)))
            if sec.number is not None:
                g.add((node, RG.sectionNumber, _int(sec.number)))
            if sec.heading:
                g.add((node, RDFS.label, _zh(sec.heading)))
            g.add((node, RG.startOffset, _int(sec.start)))
            g.add((node, RG.endOffset, _int(sec.end)))
            g.add((node, RG.workArea, area))

            label = sec.label or sec.heading
            g.add((area, RDF.type, RG.WorkArea))
            g.add((area, RDF.type, SKOS.Concept))
            if label:
                g.add((area, RDFS.label, _zh(label)))
                g.add((area, SKOS.prefLabel, _zh(label)))
            if sec.heading and sec.heading != label:
                g.add((area, SKOS.altLabel, _zh(sec.heading)))
            g.add((area, SKOS.inScheme, scheme))
            g.add((area, RG.inReport, report))
            g.add((area, RG.partType, Literal(sec.part)))

            for sent in sec.sentences:
                s = self.statement(sent)
                g.add((s, RDF.type, RG.Statement))
                g.add((s, RG.text, _zh(sent.text)))
                g.add((s, RG.startOffset, _int(sent.start)))
                g.add((s, RG.endOffset, _int(sent.end)))
                g.add((s, RG.inSection, node))
                g.add((s, RG.inReport, report))

    def _entities(self) -> None:
        """Per-report facts of the (already typed and labelled) entity nodes: where they are mentioned."""
        g = self.g
        for ent in self.lr.entities:
            node = entity_iri(ent.key)
            if ent.mentions:
                g.add((node, RG.mentionedIn, self.iri))
            for m in ent.mentions:
                g.add((node, RG.statement, self.statement(m.sentence)))
                g.add((node, RG.workArea, self.area(m.sentence.section_id)))

    def _indicators(self) -> None:
        g, r = self.g, self.report
        seen: set[str] = set()
        for ind in self.lr.indicators:
            node = self._indicator_iri(ind, seen)
            g.add((node, RDF.type, _INDICATOR_CLASSES.get(ind.kind, RG.Indicator)))
            g.add((node, RG.value, _decimal(ind.value)))
            if ind.unit:
                g.add((node, RG.unit, Literal(ind.unit)))
            if ind.metric:
                g.add((node, RG.metric, _zh(ind.metric)))
            g.add((node, RG.normalizedValue, Literal(float(ind.normalized), datatype=XSD.double)))
            if ind.base_unit:
                g.add((node, RG.baseUnit, Literal(ind.base_unit)))
            if ind.qualifier:
                g.add((node, RG.qualifier, Literal(ind.qualifier)))
            g.add((node, RG.workArea, self.area(ind.section_id)))
            g.add((node, RG.statement, self.statement(ind.sentence)))
            g.add((node, RG.inReport, self.iri))
            g.add((node, RG.startOffset, _int(ind.start)))
            g.add((node, RG.endOffset, _int(ind.end)))
            period = {"achievement": r.period, "target": r.plan_period}.get(ind.kind, "")
            if period:
                g.add((node, RG.indicatorPeriod, self.period(period)))
            g.add((node, RDFS.label, _zh(f"{ind.metric} {_number_text(ind.value)}{ind.unit}")))
            for key in ind.entity_keys:
                if key in self.own_keys:
                    g.add((node, RG.aboutEntity, entity_iri(key)))

    def _indicator_iri(self, ind: Indicator, seen: set[str]) -> URIRef:
        """``indicator/start-end``; a second indicator on the very same span gets ``-2``, ``-3`` ..."""
        local = f"{ind.start}-{ind.end}"
        n = 1
        while local in seen:
            n += 1
            local = f"{ind.start}-{ind.end}-{n}"
        seen.add(local)
        return URIRef(f"{self.iri}/indicator/{local}")

    def _problems(self) -> None:
        g = self.g
        for n, prob in enumerate(self.report.problems, 1):
            node = URIRef(f"{self.iri}/problem/{n}")
            g.add((node, RDF.type, RG.Problem))
            g.add((node, RDFS.label, _zh(prob.label)))
            g.add((node, RG.statement, self.statement(prob.sentence)))
            g.add((node, RG.workArea, self.area(prob.section_id)))
            g.add((node, RG.inReport, self.iri))

    def _relations(self) -> None:
        for rel in self.lr.relations:
            if rel.subject in self.known_keys and rel.object in self.known_keys:
                pred = RG[rel.predicate] if rel.predicate in _RELATIONS else RG.relatedTo
                self.g.add((entity_iri(rel.subject), pred, entity_iri(rel.object)))


def to_graph(reports: list[LinkedReport]) -> Graph:
    """Turn linked reports into one RDF graph.

    Entities with the same key in several reports become one node (labels
    merged, mention counts summed), so the graph is a union over reports, and
    the order of ``reports`` does not change it. Unknown relation predicates
    fall back to ``rg:relatedTo`` so every term used is in the ontology.
    """
    g = Graph(bind_namespaces="core")
    bind_prefixes(g)
    merged = _merge_entities(reports)
    _add_entities(g, merged)
    for lr in reports:
        _ReportWriter(g, lr, set(merged)).write()
    return g
