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
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath
from urllib.parse import quote

from rdflib import DCTERMS, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from reportgraph import vocab
from reportgraph.datafiles import datafile
from reportgraph.gcpause import gc_paused
from reportgraph.link.measures import Measures
from reportgraph.link.periods import parse as parse_period
from reportgraph.link.scope import report_scope
from reportgraph.model import Entity, Indicator, LinkedReport, Report, Sentence

__all__ = [
    "INST", "RG", "bind_prefixes", "entity_iri", "indicator_iris", "iri_safe", "measure_iri", "period_iri",
    "report_iri", "series_iri", "to_graph",
]

#: The ontology's namespace (classes and properties).
RG = Namespace(vocab.RG_NS)
#: Where instance IRIs (reports, entities, periods ...) live.
INST = Namespace(vocab.INST_NS)

#: Section.part code -> the rg:Part individual.
_PARTS: dict[str, URIRef] = {part: RG[f"{part}Part"] for part in vocab.PARTS}

#: Entity types the ontology declares.
_ENTITY_CLASSES: frozenset[str] = frozenset(vocab.ENTITY_TYPES)
#: Labels of nodes the graph makes itself.
_LABELS = datafile("rdf/labels.tsv").pairs

#: Entity-to-entity properties the ontology declares (all under rg:relatedTo).
_RELATIONS: frozenset[str] = frozenset(vocab.RELATIONS)

#: The types a region of the report's region chain may have.
_REGION_TYPES: frozenset[str] = frozenset({"Place"})

_INDICATOR_CLASSES: dict[str, URIRef] = {kind: RG[cls] for kind, cls in vocab.INDICATOR_CLASSES.items()}
_MERGE_RULES: frozenset[str] = frozenset(vocab.MERGE_RULES)
_BETTER: dict[str, str] = vocab.DIRECTIONS
_STATUSES: dict[str, str] = vocab.ASSESSMENT_STATUSES

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
    for prefix, ns in vocab.GRAPH_PREFIXES.items():
        g.bind(prefix, Namespace(ns), override=True, replace=True)


def report_iri(report: Report) -> URIRef:
    """The report's IRI: a hash of its cleaned text, so it does not depend on the file's path."""
    return INST[f"report/{report.digest}"]


def entity_iri(key: str) -> URIRef:
    """An entity's IRI from its key ``Type/name``; independent of the report that names it."""
    etype, _, name = key.partition("/")
    return INST[f"{etype.lower()}/{iri_safe(name)}"]


def period_iri(label: str) -> URIRef:
    """A period's IRI from its name, shared by every report that names the same period."""
    return INST[f"period/{iri_safe(label)}"]


def measure_iri(name: str) -> URIRef:
    """A metric concept's IRI from its preferred name: ``measure:地区生产总值``."""
    return INST[f"measure/{iri_safe(name)}"]


def series_iri(issuer_key: str) -> URIRef:
    """The IRI of the series of one issuer's reports, from the issuer's key."""
    return INST[f"series/{iri_safe(issuer_key.partition('/')[2])}"]


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
    scope: str = ""
    names: list[str] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    mention_count: int = 0
    #: name as written -> (rule, detail, report) for each report that writes it
    forms: dict[str, list[tuple[str, str, URIRef]]] = field(default_factory=dict)
    reports: set[URIRef] = field(default_factory=set)

    def label(self) -> str:
        """The canonical name: the longest the reports give (then the least, so report order does not matter)."""
        return min(self.names, key=lambda n: (-len(n), n))

    def records_merges(self) -> bool:
        """Is there a merge to record: several names, several reports, or a name resolved to another?"""
        return (len(self.forms) > 1 or len(self.reports) > 1
                or any(rule not in vocab.SCOPE_RULES for uses in self.forms.values() for rule, _, _ in uses))


def _merge_entities(reports: Iterable[LinkedReport]) -> dict[str, _MergedEntity]:
    merged: dict[str, _MergedEntity] = {}
    for lr in reports:
        report = report_iri(lr.report)
        for ent in lr.entities:
            m = merged.setdefault(ent.key, _MergedEntity(key=ent.key, type=ent.type, scope=ent.scope))
            if ent.name not in m.names:
                m.names.append(ent.name)
            m.aliases.update(ent.aliases)
            m.mention_count += len(ent.mentions)
            if ent.mentions:
                m.reports.add(report)
            for form in ent.forms:
                m.forms.setdefault(form.name, []).append((form.rule, form.detail, report))
    return merged


def _entity_class(etype: str) -> URIRef:
    return RG[etype] if etype in _ENTITY_CLASSES else RG.Entity


class _Terms:
    """The terms every report repeats, looked up once: a namespace attribute is a Python-level call."""

    type = RDF.type
    label = RDFS.label
    pref_label = SKOS.prefLabel
    alt_label = SKOS.altLabel
    in_scheme = SKOS.inScheme
    concept = SKOS.Concept
    concept_scheme = SKOS.ConceptScheme
    derived_from = PROV.wasDerivedFrom
    title = DCTERMS.title
    issued = DCTERMS.issued
    publisher = DCTERMS.publisher
    spatial = DCTERMS.spatial
    report = RG.Report
    section = RG.Section
    work_area_class = RG.WorkArea
    statement_class = RG.Statement
    problem = RG.Problem
    period_class = RG.Period
    indicator = RG.Indicator
    source_file = RG.sourceFile
    char_length = RG.charLength
    level = RG.level
    period = RG.period
    plan_period = RG.planPeriod
    issuer = RG.issuer
    region = RG.region
    has_section = RG.hasSection
    in_report = RG.inReport
    in_section = RG.inSection
    part = RG.part
    other_part = RG.otherPart
    part_type = RG.partType
    section_number = RG.sectionNumber
    start = RG.startOffset
    end = RG.endOffset
    work_area = RG.workArea
    text = RG.text
    statement = RG.statement
    mentioned_in = RG.mentionedIn
    mention_count = RG.mentionCount
    value = RG.value
    upper_value = RG.upperValue
    unit = RG.unit
    metric = RG.metric
    normalized_value = RG.normalizedValue
    base_unit = RG.baseUnit
    qualifier = RG.qualifier
    indicator_period = RG.indicatorPeriod
    about_entity = RG.aboutEntity
    related_to = RG.relatedTo
    double = XSD.double
    comment = RDFS.comment
    scope = RG.scope
    name_form = RG.nameForm
    name_form_class = RG.NameForm
    name = RG.name
    merge_rule = RG.mergeRule
    exact_name = RG.exactName
    scope_report = RG.scopeReport
    measure = RG.measure
    measure_class = RG.Measure
    measure_scheme = RG.MeasureScheme
    better_direction = RG.betterDirection
    series = RG.series
    series_class = RG.Series
    previous_report = RG.previousReport
    start_date = RG.startDate
    end_date = RG.endDate
    relational_target = RG.RelationalTarget
    relative_to = RG.relativeTo
    assessment = RG.TargetAssessment
    assesses_target = RG.assessesTarget
    status = RG.status
    assessed_in = RG.assessedIn
    evidence = RG.evidence
    target_figure = RG.targetFigure
    result_figure = RG.resultFigure


#: A triple as to_graph collects it, before one bulk add to the graph.
_Triple = tuple[Node, Node, Node]


class _Triples:
    """The build's triples in a list, plus the terms reports share, each made once.

    ``Graph.add`` per triple costs a store call and an event; collecting first
    lets to_graph drop repeats and add everything in one ``addN``. Literals and
    IRIs are immutable, so one object per value is as good as many.
    """

    def __init__(self) -> None:
        self.triples: list[_Triple] = []
        self.add: Callable[[_Triple], None] = self.triples.append
        self._zh: dict[str, Literal] = {}
        self._int: dict[int, Literal] = {}
        self._plain: dict[str, Literal] = {}
        self._entities: dict[str, URIRef] = {}
        self._periods: dict[str, URIRef] = {}

    def zh(self, text: str) -> Literal:
        lit = self._zh.get(text)
        if lit is None:
            lit = self._zh[text] = _zh(text)
        return lit

    def integer(self, n: int) -> Literal:
        n = int(n)
        lit = self._int.get(n)
        if lit is None:
            lit = self._int[n] = _int(n)
        return lit

    def plain(self, text: str) -> Literal:
        lit = self._plain.get(text)
        if lit is None:
            lit = self._plain[text] = Literal(text)
        return lit

    def entity(self, key: str) -> URIRef:
        node = self._entities.get(key)
        if node is None:
            node = self._entities[key] = entity_iri(key)
        return node

    def period(self, label: str) -> URIRef:
        """The period's node; typed and labelled the first time a report names it."""
        node = self._periods.get(label)
        if node is None:
            node = self._periods[label] = period_iri(label)
            self.add((node, _Terms.type, _Terms.period_class))
            self.add((node, _Terms.label, self.zh(label)))
            span = parse_period(label)
            if span is not None:  # so periods compare as periods: 2024年下半年 lies in 2024年
                self.add((node, _Terms.start_date, Literal(span.start.isoformat(), datatype=XSD.date)))
                self.add((node, _Terms.end_date, Literal(span.end.isoformat(), datatype=XSD.date)))
        return node


def _add_entities(out: _Triples, merged: dict[str, _MergedEntity], unknown_scopes: dict[str, URIRef]) -> None:
    """One node per key: type, one canonical label, aliases, summed mention count, scope, and its merges.

    Each name a merged node goes by is an ``rg:NameForm`` (``rg:nameForm`` from the
    entity) with the name as written (``rg:name``), the rule that made it this
    entity's (``rg:mergeRule``), the case in words (``rdfs:comment``) and the
    reports that write it (``prov:wasDerivedFrom``). A node named once in one
    report, by a name it was not resolved from, has no merge to record and no forms.
    """
    add = out.add
    for key, m in merged.items():
        node = out.entity(key)
        add((node, _Terms.type, _entity_class(m.type)))
        label = m.label()
        add((node, _Terms.label, out.zh(label)))
        for alt in (set(m.names) | m.aliases) - {label}:
            if alt:
                add((node, _Terms.alt_label, out.zh(alt)))
        add((node, _Terms.mention_count, out.integer(m.mention_count)))
        if m.scope in unknown_scopes:
            add((node, _Terms.scope_report, unknown_scopes[m.scope]))
        elif m.scope:
            add((node, _Terms.scope, out.zh(m.scope)))
        if not m.records_merges():
            continue
        for name, uses in sorted(m.forms.items()):
            form = URIRef(f"{node}/name/{iri_safe(name)}")
            add((node, _Terms.name_form, form))
            add((form, _Terms.type, _Terms.name_form_class))
            add((form, _Terms.name, out.zh(name)))
            for rule, detail, report in uses:
                add((form, _Terms.merge_rule, RG[rule] if rule in _MERGE_RULES else _Terms.exact_name))
                if detail:  # the rule's words are English, the names in them as written
                    add((form, _Terms.comment, Literal(detail, lang="en")))
                add((form, _Terms.derived_from, report))


def _add_measures(out: _Triples, reports: list[LinkedReport], measures: Measures) -> None:
    """The metric concepts the indicators name, as a SKOS scheme with each measure's better direction."""
    used = sorted({ind.measure for lr in reports for ind in lr.indicators if ind.measure}
                  | {m for lr in reports for rt in lr.relational_targets for m in (rt.measure, rt.other_measure)})
    if not used:
        return
    add = out.add
    scheme = INST["measures"]
    add((scheme, _Terms.type, _Terms.concept_scheme))
    add((scheme, _Terms.type, _Terms.measure_scheme))
    add((scheme, _Terms.label, out.zh(_LABELS["measure_scheme"])))
    for name in used:
        node = measure_iri(name)
        add((node, _Terms.type, _Terms.concept))
        add((node, _Terms.type, _Terms.measure_class))
        add((node, _Terms.in_scheme, scheme))
        add((node, _Terms.pref_label, out.zh(name)))
        add((node, _Terms.label, out.zh(name)))
        measure = measures.measures.get(name)
        if measure is not None:
            for synonym in measure.synonyms:
                if synonym != name:
                    add((node, _Terms.alt_label, out.zh(synonym)))
            add((node, _Terms.better_direction, RG[_BETTER[measure.better]]))


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
    """Collects one LinkedReport's triples; holds the report-scoped IRIs."""

    def __init__(self, out: _Triples, lr: LinkedReport, known_keys: set[str],
                 targets: dict[int, URIRef] | None = None) -> None:
        """``targets``: the IRI of every report's indicators and relational targets, by ``id()``."""
        self.out = out
        self.targets = targets if targets is not None else indicator_iris([lr])
        self.add: Callable[[_Triple], None] = out.add
        self.lr = lr
        self.report = lr.report
        self.iri = report_iri(lr.report)
        self.known_keys = known_keys
        self.own_keys = {e.key for e in lr.entities}
        # statements, sections and areas are named by many triples each
        self._statements: dict[int, URIRef] = {}
        self._sections: dict[str, URIRef] = {}
        self._areas: dict[str, URIRef] = {}

    # IRIs ---------------------------------------------------------------

    def section(self, section_id: str) -> URIRef:
        node = self._sections.get(section_id)
        if node is None:
            node = self._sections[section_id] = URIRef(f"{self.iri}/section/{iri_safe(section_id)}")
        return node

    def area(self, section_id: str) -> URIRef:
        node = self._areas.get(section_id)
        if node is None:
            node = self._areas[section_id] = URIRef(f"{self.iri}/area/{iri_safe(section_id)}")
        return node

    def statement(self, sentence: Sentence) -> URIRef:
        node = self._statements.get(sentence.index)
        if node is None:
            node = self._statements[sentence.index] = URIRef(f"{self.iri}/s{sentence.index}")
        return node

    # triples ------------------------------------------------------------

    def write(self) -> None:
        self._report()
        self._write_sections()
        self._entities()
        self._indicators()
        self._relational_targets()
        self._assessments()
        self._problems()
        self._relations()

    def _report(self) -> None:
        add, out, r, node = self.add, self.out, self.report, self.iri
        add((node, _Terms.type, _Terms.report))
        if r.title:
            add((node, _Terms.title, out.zh(r.title)))
            add((node, _Terms.label, out.zh(r.title)))
        if r.date:
            add((node, _Terms.issued, _date(r.date)))
        add((node, _Terms.source_file, out.plain(r.display_path or PurePath(r.path).name)))
        add((node, _Terms.char_length, out.integer(len(r.text))))
        if r.level:
            add((node, _Terms.level, out.plain(r.level)))
        if r.period:
            add((node, _Terms.period, out.period(r.period)))
        if r.plan_period:
            add((node, _Terms.plan_period, out.period(r.plan_period)))
        if r.issuer:
            body = _find_entity(self.lr.entities, r.issuer, frozenset({"GovernmentBody"}))
            if body is not None:
                add((node, _Terms.issuer, out.entity(body.key)))
            else:
                add((node, _Terms.publisher, out.zh(r.issuer)))
        for name in r.region:
            place = _find_entity(self.lr.entities, name, _REGION_TYPES)
            if place is not None:
                add((node, _Terms.region, out.entity(place.key)))
            else:
                add((node, _Terms.spatial, out.zh(name)))
        if self.lr.series:
            series = series_iri(self.lr.series)
            add((node, _Terms.series, series))
            add((series, _Terms.type, _Terms.series_class))
            add((series, _Terms.label, out.zh(self.lr.series.partition("/")[2])))
        if self.lr.previous is not None:
            add((node, _Terms.previous_report, report_iri(self.lr.previous)))

    def _write_sections(self) -> None:
        add, out, report = self.add, self.out, self.iri
        zh, integer = out.zh, out.integer
        scheme = URIRef(f"{report}/areas")
        add((scheme, _Terms.type, _Terms.concept_scheme))
        add((scheme, _Terms.derived_from, report))
        if self.report.title:
            add((scheme, _Terms.label, zh(self.report.title + _LABELS["area_scheme"])))
        for sec in self.report.sections:
            node, area = self.section(sec.id), self.area(sec.id)
            add((report, _Terms.has_section, node))
            add((node, _Terms.type, _Terms.section))
            add((node, _Terms.in_report, report))
            add((node, _Terms.part, _PARTS.get(sec.part, _Terms.other_part)))
            if sec.number is not None:
                add((node, _Terms.section_number, integer(sec.number)))
            if sec.heading:
                add((node, _Terms.label, zh(sec.heading)))
            add((node, _Terms.start, integer(sec.start)))
            add((node, _Terms.end, integer(sec.end)))
            add((node, _Terms.work_area, area))

            label = sec.label or sec.heading
            add((area, _Terms.type, _Terms.work_area_class))
            add((area, _Terms.type, _Terms.concept))
            if label:
                add((area, _Terms.label, zh(label)))
                add((area, _Terms.pref_label, zh(label)))
            if sec.heading and sec.heading != label:
                add((area, _Terms.alt_label, zh(sec.heading)))
            add((area, _Terms.in_scheme, scheme))
            add((area, _Terms.in_report, report))
            add((area, _Terms.part_type, out.plain(sec.part)))

            for sent in sec.sentences:
                s = self.statement(sent)
                add((s, _Terms.type, _Terms.statement_class))
                add((s, _Terms.text, zh(sent.text)))
                add((s, _Terms.start, integer(sent.start)))
                add((s, _Terms.end, integer(sent.end)))
                add((s, _Terms.in_section, node))
                add((s, _Terms.in_report, report))

    def _entities(self) -> None:
        """Per-report facts of the (already typed and labelled) entity nodes: where they are mentioned."""
        add = self.add
        for ent in self.lr.entities:
            node = self.out.entity(ent.key)
            if ent.mentions:
                add((node, _Terms.mentioned_in, self.iri))
            for m in ent.mentions:
                add((node, _Terms.statement, self.statement(m.sentence)))
                add((node, _Terms.work_area, self.area(m.sentence.section_id)))

    def _indicators(self) -> None:
        add, out, r = self.add, self.out, self.report
        periods = {"achievement": r.period, "target": r.plan_period}
        for ind in self.lr.indicators:
            node = self.targets[id(ind)]
            add((node, _Terms.type, _INDICATOR_CLASSES.get(ind.kind, _Terms.indicator)))
            add((node, _Terms.value, _decimal(ind.value)))
            if ind.upper is not None:
                add((node, _Terms.upper_value, _decimal(ind.upper)))
            if ind.unit:
                add((node, _Terms.unit, out.plain(ind.unit)))
            if ind.metric:
                add((node, _Terms.metric, out.zh(ind.metric)))
            add((node, _Terms.normalized_value, Literal(float(ind.normalized), datatype=_Terms.double)))
            if ind.base_unit:
                add((node, _Terms.base_unit, out.plain(ind.base_unit)))
            if ind.qualifier:
                add((node, _Terms.qualifier, out.plain(ind.qualifier)))
            add((node, _Terms.work_area, self.area(ind.section_id)))
            add((node, _Terms.statement, self.statement(ind.sentence)))
            add((node, _Terms.in_report, self.iri))
            add((node, _Terms.start, out.integer(ind.start)))
            add((node, _Terms.end, out.integer(ind.end)))
            period = periods.get(ind.kind, "")
            if period:
                add((node, _Terms.indicator_period, out.period(period)))
            add((node, _Terms.label, out.zh(f"{ind.metric} {_number_text(ind.value)}{ind.unit}")))
            for key in ind.entity_keys:
                if key in self.own_keys:
                    add((node, _Terms.about_entity, out.entity(key)))
            if ind.measure:
                add((node, _Terms.measure, measure_iri(ind.measure)))

    def _relational_targets(self) -> None:
        """Targets set against another measure: typed rg:RelationalTarget, with no figure of their own."""
        add, out = self.add, self.out
        for rt in self.lr.relational_targets:
            node = self.targets[id(rt)]
            add((node, _Terms.type, _Terms.relational_target))
            add((node, _Terms.label, out.zh(rt.sentence.text[rt.start - rt.sentence.start: rt.end - rt.sentence.start])))
            add((node, _Terms.metric, out.zh(rt.metric)))
            add((node, _Terms.measure, measure_iri(rt.measure)))
            add((node, _Terms.relative_to, measure_iri(rt.other_measure)))
            add((node, _Terms.work_area, self.area(rt.section_id)))
            add((node, _Terms.statement, self.statement(rt.sentence)))
            add((node, _Terms.in_report, self.iri))
            add((node, _Terms.start, out.integer(rt.start)))
            add((node, _Terms.end, out.integer(rt.end)))
            if self.report.plan_period:
                add((node, _Terms.indicator_period, out.period(self.report.plan_period)))

    def _assessments(self) -> None:
        """What came of the targets whose period this report reviews (rg:TargetAssessment)."""
        add, out = self.add, self.out
        for a in self.lr.assessments:
            target = self.targets[id(a.target)]
            node = URIRef(f"{self.iri}/assessment/{a.target_report.digest}/{target.rsplit('/', 1)[-1]}")
            add((node, _Terms.type, _Terms.assessment))
            add((node, _Terms.assesses_target, target))
            add((node, _Terms.status, RG[_STATUSES[a.status]]))
            add((node, _Terms.assessed_in, self.iri))
            add((node, _Terms.comment, Literal(a.reason, lang="en")))
            if a.evidence is not None:
                add((node, _Terms.evidence, self.targets[id(a.evidence)]))
            if a.target_figure:
                add((node, _Terms.target_figure, out.zh(a.target_figure)))
            if a.result_figure:
                add((node, _Terms.result_figure, out.zh(a.result_figure)))

    def _problems(self) -> None:
        add = self.add
        for n, prob in enumerate(self.lr.problems, 1):
            node = URIRef(f"{self.iri}/problem/{n}")
            add((node, _Terms.type, _Terms.problem))
            add((node, _Terms.label, self.out.zh(prob.label)))
            add((node, _Terms.statement, self.statement(prob.sentence)))
            add((node, _Terms.work_area, self.area(prob.section_id)))
            add((node, _Terms.in_report, self.iri))

    def _relations(self) -> None:
        for rel in self.lr.relations:
            if rel.subject in self.known_keys and rel.object in self.known_keys:
                pred = RG[rel.predicate] if rel.predicate in _RELATIONS else _Terms.related_to
                self.add((self.out.entity(rel.subject), pred, self.out.entity(rel.object)))


def indicator_iris(reports: Iterable[LinkedReport]) -> dict[int, URIRef]:
    """The IRI of every indicator and relational target of the reports, by ``id()``.

    ``indicator/start-end`` (a second indicator on the very same span gets
    ``-2``, ``-3`` …), ``target/start-end`` for a relational target: made before
    any report is written, so an assessment in one report can name a target of another.
    """
    out: dict[int, URIRef] = {}
    for lr in reports:
        base = report_iri(lr.report)
        seen: set[str] = set()
        for ind in lr.indicators:
            local = f"{ind.start}-{ind.end}"
            n = 1
            while local in seen:
                n += 1
                local = f"{ind.start}-{ind.end}-{n}"
            seen.add(local)
            out[id(ind)] = URIRef(f"{base}/indicator/{local}")
        for rt in lr.relational_targets:
            out[id(rt)] = URIRef(f"{base}/target/{rt.start}-{rt.end}")
    return out


def to_graph(reports: list[LinkedReport], measures: Measures | None = None) -> Graph:
    """Turn linked reports into one RDF graph.

    Entities with the same key in several reports become one node (labels
    merged, mention counts summed), so the graph is a union over reports, and
    the order of ``reports`` does not change it. Keys already tell apart what
    link found to be different (市政府 of two cities have two keys), and every
    merge of two names is recorded on the node (``rg:nameForm``). ``measures``
    is the metric concept scheme the indicators' ``rg:measure`` point into. Unknown relation predicates
    fall back to ``rg:relatedTo`` so every term used is in the ontology.

    Triples are collected first, repeats dropped in first-seen order (what the
    store would keep), and handed to the store in one ``addN``: per-triple
    ``Graph.add`` was most of the time spent here. Every term is made by this
    module as a URIRef or Literal, so the checks ``Graph.addN`` would repeat
    per triple are skipped.
    """
    # SimpleMemory: a report graph is one graph, so the default store's per-triple
    # context bookkeeping is cost without use (it took two thirds of this stage)
    g = Graph(store="SimpleMemory", bind_namespaces="core")
    bind_prefixes(g)
    with gc_paused():
        out = _Triples()
        merged = _merge_entities(reports)
        unknown_scopes = {report_scope(lr.report): report_iri(lr.report) for lr in reports}
        _add_entities(out, merged, unknown_scopes)
        _add_measures(out, reports, measures or Measures.load())
        known_keys = set(merged)
        targets = indicator_iris(reports)
        for lr in reports:
            _ReportWriter(out, lr, known_keys, targets).write()
        g.store.addN((s, p, o, g) for s, p, o in dict.fromkeys(out.triples))
    return g
