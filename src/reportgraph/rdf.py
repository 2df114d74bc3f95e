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
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby
from operator import itemgetter
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from reportgraph import vocab
from reportgraph.datafiles import datafile
from reportgraph.gcpause import gc_paused
from reportgraph.link.measures import Measures
from reportgraph.link.periods import parse as parse_period
from reportgraph.link.scope import report_scope
from reportgraph.model import Entity, LinkedReport, Report, Sentence
from reportgraph.terms import XSD_DATE, XSD_DECIMAL, XSD_DOUBLE, XSD_INTEGER, Lit, Term, Triple, to_rdflib

if TYPE_CHECKING:  # rdflib is imported only for the Python API's Graph: the build never makes one
    from rdflib import Graph, Namespace, URIRef

__all__ = [
    "GraphContext", "bind_prefixes", "entity_iri", "iri_safe", "joined_triples", "measure_iri", "period_iri",
    "report_iri", "report_iri_text", "report_triples", "shared_triples", "to_graph", "triples",
]

#: rdflib Namespaces of the ontology (``RG``: classes and properties) and of the instances
#: (``INST``: reports, entities, periods ...), made on first use (see __getattr__).
_NAMESPACES = {"RG": vocab.RG_NS, "INST": vocab.INST_NS}


def __getattr__(name: str) -> "Namespace":
    if name in _NAMESPACES:
        from rdflib import Namespace

        return Namespace(_NAMESPACES[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_RG = vocab.RG_NS
_INST = vocab.INST_NS

#: Section.part code -> the rg:Part individual.
_PARTS: dict[str, str] = {part: f"{_RG}{part}Part" for part in vocab.PARTS}

#: Entity types the ontology declares.
_ENTITY_CLASSES: frozenset[str] = frozenset(vocab.ENTITY_TYPES)
#: Labels of nodes the graph makes itself.
_LABELS = datafile("rdf/labels.tsv").pairs

#: Entity-to-entity properties the ontology declares (all under rg:relatedTo).
_RELATIONS: frozenset[str] = frozenset(vocab.RELATIONS)

#: The types a region of the report's region chain may have.
_REGION_TYPES: frozenset[str] = frozenset({"Place"})

_INDICATOR_CLASSES: dict[str, str] = {kind: f"{_RG}{cls}" for kind, cls in vocab.INDICATOR_CLASSES.items()}
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
    text = unicodedata.normalize("NFC", text)
    if text.isalnum():  # most names: nothing to encode (each character alphanumeric, as tested one by one below)
        return text
    out: list[str] = []
    for ch in text:
        if ch.isalnum() or ch in _IRI_KEEP:
            out.append(ch)
        else:
            out.append(quote(ch, safe=""))
    return "".join(out)


def bind_prefixes(g: Graph) -> None:
    """Bind the prefixes the project's graphs use, so Turtle output is readable."""
    from rdflib import Namespace

    for prefix, ns in vocab.GRAPH_PREFIXES.items():
        g.bind(prefix, Namespace(ns), override=True, replace=True)


def report_iri(report: Report) -> URIRef:
    """The report's IRI: a hash of its cleaned text, so it does not depend on the file's path."""
    from rdflib import URIRef

    return URIRef(report_iri_text(report))


def report_iri_text(report: Report) -> str:
    """:func:`report_iri` as a plain string, as the build's triples have it."""
    return f"{_INST}report/{report.digest}"


def entity_iri(key: str) -> URIRef:
    """An entity's IRI from its key ``Type/name``; independent of the report that names it."""
    from rdflib import URIRef

    return URIRef(_entity_iri(key))


def _entity_iri(key: str) -> str:
    etype, _, name = key.partition("/")
    return f"{_INST}{etype.lower()}/{iri_safe(name)}"


def period_iri(label: str) -> URIRef:
    """A period's IRI from its name, shared by every report that names the same period."""
    from rdflib import URIRef

    return URIRef(_period_iri(label))


def _period_iri(label: str) -> str:
    return f"{_INST}period/{iri_safe(label)}"


def measure_iri(name: str) -> URIRef:
    """A metric concept's IRI from its preferred name: ``measure:地区生产总值``."""
    from rdflib import URIRef

    return URIRef(_measure_iri(name))


def _measure_iri(name: str) -> str:
    return f"{_INST}measure/{iri_safe(name)}"


def _series_iri(issuer_key: str) -> str:
    """The IRI of the series of one issuer's reports, from the issuer's key."""
    return f"{_INST}series/{iri_safe(issuer_key.partition('/')[2])}"


def _zh(text: str) -> Lit:
    return Lit(text, "", "zh")


def _int(n: int) -> Lit:
    return Lit(str(int(n)), XSD_INTEGER)


def _number_text(value: Decimal | float | int | str) -> str:
    """The number as written, in plain notation: xsd:decimal forbids exponents like ``1E+1``."""
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    return format(d, "f")


def _decimal(value: Decimal | float | int | str) -> Lit:
    """xsd:decimal with a decimal point (``20.0``): the form Turtle writes, so graph.ttl reads back term-equal."""
    text = _number_text(value)
    return Lit(text if "." in text else f"{text}.0", XSD_DECIMAL)


def _double(value: float) -> Lit:
    """xsd:double in Python's shortest form (``7.0``, ``1e+16``): the lexical form rdflib gives a float."""
    return Lit(str(float(value)), XSD_DOUBLE)


def _date(text: str) -> Lit:
    """xsd:date when the string is a valid YYYY-MM-DD date, else the string as it is."""
    if _ISO_DATE.fullmatch(text):
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            return Lit(text)
        return Lit(text, XSD_DATE)
    return Lit(text)


@dataclass(slots=True)
class _MergedEntity:
    """All LinkedReports' views of one entity key, merged into one node's facts.

    A build holds one per distinct entity of all its reports at once, so it
    keeps no more than its triples need, in flat form: slotted, its aliases
    made only for an entity that has some, its forms one list, and of the
    reports that mention it only the first and whether there are others.
    """

    key: str
    type: str
    scope: str = ""
    names: list[str] = field(default_factory=list)
    aliases: set[str] | None = None
    mention_count: int = 0
    #: (name as written, rule, detail, report) for each report that writes a name, in the reports' order
    forms: list[tuple[str, str, str, str]] = field(default_factory=list)
    #: the first report that mentions it ("" if none does), and whether another one does too
    first_report: str = ""
    several_reports: bool = False

    def label(self) -> str:
        """The canonical name: the longest the reports give (then the least, so report order does not matter)."""
        return min(self.names, key=lambda n: (-len(n), n))

    def mentioned_in(self, report: str) -> None:
        """``report`` mentions it."""
        if not self.first_report:
            self.first_report = report
        elif report != self.first_report:
            self.several_reports = True

    def records_merges(self) -> bool:
        """Is there a merge to record: several names, several reports, or a name resolved to another?"""
        return (self.several_reports or any(name != self.forms[0][0] for name, _, _, _ in self.forms)
                or any(rule not in vocab.SCOPE_RULES for _, rule, _, _ in self.forms))

    def forms_by_name(self) -> Iterator[tuple[str, list[tuple[str, str, str, str]]]]:
        """Each name as written, in sorted order, with its uses in the reports' order."""
        return ((name, list(uses)) for name, uses in groupby(sorted(self.forms, key=itemgetter(0)), key=itemgetter(0)))


def _merge_entities(reports: Iterable[LinkedReport]) -> dict[str, _MergedEntity]:
    merged: dict[str, _MergedEntity] = {}
    for lr in reports:
        report = report_iri_text(lr.report)
        for ent in lr.entities:
            m = merged.setdefault(ent.key, _MergedEntity(key=ent.key, type=ent.type, scope=ent.scope))
            if ent.name not in m.names:
                m.names.append(ent.name)
            if ent.aliases:
                if m.aliases is None:
                    m.aliases = set()
                m.aliases.update(ent.aliases)
            m.mention_count += len(ent.mentions)
            if ent.mentions:
                m.mentioned_in(report)
            m.forms.extend((form.name, form.rule, form.detail, report) for form in ent.forms)
    return merged


def _entity_class(etype: str) -> str:
    return f"{_RG}{etype}" if etype in _ENTITY_CLASSES else f"{_RG}Entity"


class _Terms:
    """The terms every report repeats, as plain strings made once (see :mod:`reportgraph.terms`)."""

    type = vocab.RDF_NS + "type"
    label = vocab.RDFS_NS + "label"
    pref_label = vocab.SKOS_NS + "prefLabel"
    alt_label = vocab.SKOS_NS + "altLabel"
    in_scheme = vocab.SKOS_NS + "inScheme"
    concept = vocab.SKOS_NS + "Concept"
    concept_scheme = vocab.SKOS_NS + "ConceptScheme"
    derived_from = vocab.PROV_NS + "wasDerivedFrom"
    title = vocab.DCTERMS_NS + "title"
    issued = vocab.DCTERMS_NS + "issued"
    publisher = vocab.DCTERMS_NS + "publisher"
    spatial = vocab.DCTERMS_NS + "spatial"
    report = _RG + "Report"
    section = _RG + "Section"
    work_area_class = _RG + "WorkArea"
    statement_class = _RG + "Statement"
    problem = _RG + "Problem"
    period_class = _RG + "Period"
    indicator = _RG + "Indicator"
    source_file = _RG + "sourceFile"
    char_length = _RG + "charLength"
    level = _RG + "level"
    period = _RG + "period"
    plan_period = _RG + "planPeriod"
    issuer = _RG + "issuer"
    region = _RG + "region"
    has_section = _RG + "hasSection"
    in_report = _RG + "inReport"
    in_section = _RG + "inSection"
    part = _RG + "part"
    other_part = _RG + "otherPart"
    part_type = _RG + "partType"
    section_number = _RG + "sectionNumber"
    start = _RG + "startOffset"
    end = _RG + "endOffset"
    work_area = _RG + "workArea"
    text = _RG + "text"
    statement = _RG + "statement"
    mentioned_in = _RG + "mentionedIn"
    mention_count = _RG + "mentionCount"
    value = _RG + "value"
    upper_value = _RG + "upperValue"
    unit = _RG + "unit"
    metric = _RG + "metric"
    normalized_value = _RG + "normalizedValue"
    base_unit = _RG + "baseUnit"
    qualifier = _RG + "qualifier"
    indicator_period = _RG + "indicatorPeriod"
    about_entity = _RG + "aboutEntity"
    related_to = _RG + "relatedTo"
    comment = vocab.RDFS_NS + "comment"
    scope = _RG + "scope"
    name_form = _RG + "nameForm"
    name_form_class = _RG + "NameForm"
    name = _RG + "name"
    merge_rule = _RG + "mergeRule"
    exact_name = _RG + "exactName"
    scope_report = _RG + "scopeReport"
    measure = _RG + "measure"
    measure_class = _RG + "Measure"
    measure_scheme = _RG + "MeasureScheme"
    better_direction = _RG + "betterDirection"
    series = _RG + "series"
    series_class = _RG + "Series"
    previous_report = _RG + "previousReport"
    start_date = _RG + "startDate"
    end_date = _RG + "endDate"
    relational_target = _RG + "RelationalTarget"
    relative_to = _RG + "relativeTo"
    assessment = _RG + "TargetAssessment"
    assesses_target = _RG + "assessesTarget"
    status = _RG + "status"
    assessed_in = _RG + "assessedIn"
    evidence = _RG + "evidence"
    target_figure = _RG + "targetFigure"
    result_figure = _RG + "resultFigure"


class _Triples:
    """Triples in a list (plain strings and :class:`~reportgraph.terms.Lit`), plus the terms reports share, each made once.

    No rdflib term or store on the way: a Literal costs microseconds to make
    and a store about a kilobyte per triple. Repeats are dropped when the
    triples are grouped or added to a graph. Terms are immutable, so one
    object per value is as good as many.
    """

    def __init__(self, entities: dict[str, str] | None = None) -> None:
        """``entities``: the entity IRIs made so far, by key (a build's reports name the same entities)."""
        self.triples: list[Triple] = []
        self.add: Callable[[Triple], None] = self.triples.append
        self._zh: dict[str, Lit] = {}
        self._int: dict[int, Lit] = {}
        self._plain: dict[str, Lit] = {}
        self._entities: dict[str, str] = {} if entities is None else entities
        self._periods: dict[str, str] = {}

    def zh(self, text: str) -> Lit:
        lit = self._zh.get(text)
        if lit is None:
            lit = self._zh[text] = _zh(text)
        return lit

    def integer(self, n: int) -> Lit:
        n = int(n)
        lit = self._int.get(n)
        if lit is None:
            lit = self._int[n] = _int(n)
        return lit

    def plain(self, text: str) -> Lit:
        lit = self._plain.get(text)
        if lit is None:
            lit = self._plain[text] = Lit(text)
        return lit

    def entity(self, key: str) -> str:
        node = self._entities.get(key)
        if node is None:
            node = self._entities[key] = _entity_iri(key)
        return node

    def period(self, label: str) -> str:
        """The period's node; typed and labelled the first time a report names it."""
        node = self._periods.get(label)
        if node is None:
            node = self._periods[label] = _period_iri(label)
            self.add((node, _Terms.type, _Terms.period_class))
            self.add((node, _Terms.label, self.zh(label)))
            span = parse_period(label)
            if span is not None:  # so periods compare as periods: 2024年下半年 lies in 2024年
                self.add((node, _Terms.start_date, Lit(span.start.isoformat(), XSD_DATE)))
                self.add((node, _Terms.end_date, Lit(span.end.isoformat(), XSD_DATE)))
        return node


def _add_entities(out: _Triples, merged: dict[str, _MergedEntity], unknown_scopes: dict[str, str]) -> None:
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
        for alt in sorted((set(m.names).union(m.aliases or ())) - {label}):  # sorted: the same triples in the same order in every process
            if alt:
                add((node, _Terms.alt_label, out.zh(alt)))
        add((node, _Terms.mention_count, out.integer(m.mention_count)))
        if m.scope in unknown_scopes:
            add((node, _Terms.scope_report, unknown_scopes[m.scope]))
        elif m.scope:
            add((node, _Terms.scope, out.zh(m.scope)))
        if not m.records_merges():
            continue
        for name, uses in m.forms_by_name():
            form = f"{node}/name/{iri_safe(name)}"
            add((node, _Terms.name_form, form))
            add((form, _Terms.type, _Terms.name_form_class))
            add((form, _Terms.name, out.zh(name)))
            for _, rule, detail, report in uses:
                add((form, _Terms.merge_rule, _RG + rule if rule in _MERGE_RULES else _Terms.exact_name))
                if detail:  # the rule's words are English, the names in them as written
                    add((form, _Terms.comment, Lit(detail, "", "en")))
                add((form, _Terms.derived_from, report))


def _add_measures(out: _Triples, used: list[str], measures: Measures) -> None:
    """The metric concepts the indicators name (``used``), as a SKOS scheme with each measure's better direction."""
    if not used:
        return
    add = out.add
    scheme = f"{_INST}measures"
    add((scheme, _Terms.type, _Terms.concept_scheme))
    add((scheme, _Terms.type, _Terms.measure_scheme))
    add((scheme, _Terms.label, out.zh(_LABELS["measure_scheme"])))
    for name in used:
        node = _measure_iri(name)
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
            add((node, _Terms.better_direction, _RG + _BETTER[measure.better]))


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

    def __init__(self, out: _Triples, lr: LinkedReport, known_keys: Collection[str],
                 assessed: dict[int, str]) -> None:
        """``assessed``: the IRIs of the other reports' targets that this report's assessments may name, by ``id()``."""
        self.out = out
        self.targets = _indicator_iris([lr])
        self.assessed = assessed
        self.add: Callable[[Triple], None] = out.add
        self.lr = lr
        self.report = lr.report
        self.iri = report_iri_text(lr.report)
        self.known_keys = known_keys
        self.own_keys = {e.key for e in lr.entities}
        # statements, sections and areas are named by many triples each
        self._statements: dict[int, str] = {}
        self._sections: dict[str, str] = {}
        self._areas: dict[str, str] = {}

    # IRIs ---------------------------------------------------------------

    def section(self, section_id: str) -> str:
        node = self._sections.get(section_id)
        if node is None:
            node = self._sections[section_id] = f"{self.iri}/section/{iri_safe(section_id)}"
        return node

    def area(self, section_id: str) -> str:
        node = self._areas.get(section_id)
        if node is None:
            node = self._areas[section_id] = f"{self.iri}/area/{iri_safe(section_id)}"
        return node

    def statement(self, sentence: Sentence) -> str:
        node = self._statements.get(sentence.index)
        if node is None:
            node = self._statements[sentence.index] = f"{self.iri}/s{sentence.index}"
        return node

    def target(self, indicator: object) -> str:
        """The IRI of an indicator or relational target of this report or of the one it reviews."""
        own = self.targets.get(id(indicator))
        return own if own is not None else self.assessed[id(indicator)]

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
            series = _series_iri(self.lr.series)
            add((node, _Terms.series, series))
            add((series, _Terms.type, _Terms.series_class))
            add((series, _Terms.label, out.zh(self.lr.series.partition("/")[2])))
        if self.lr.previous is not None:
            add((node, _Terms.previous_report, report_iri_text(self.lr.previous)))

    def _write_sections(self) -> None:
        add, out, report = self.add, self.out, self.iri
        zh, integer = out.zh, out.integer
        scheme = f"{report}/areas"
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
            add((node, _Terms.normalized_value, _double(ind.normalized)))
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
                add((node, _Terms.measure, _measure_iri(ind.measure)))

    def _relational_targets(self) -> None:
        """Targets set against another measure: typed rg:RelationalTarget, with no figure of their own."""
        add, out = self.add, self.out
        for rt in self.lr.relational_targets:
            node = self.targets[id(rt)]
            add((node, _Terms.type, _Terms.relational_target))
            add((node, _Terms.label, out.zh(rt.sentence.text[rt.start - rt.sentence.start: rt.end - rt.sentence.start])))
            add((node, _Terms.metric, out.zh(rt.metric)))
            add((node, _Terms.measure, _measure_iri(rt.measure)))
            add((node, _Terms.relative_to, _measure_iri(rt.other_measure)))
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
            target = self.target(a.target)
            node = f"{self.iri}/assessment/{a.target_report.digest}/{target.rsplit('/', 1)[-1]}"
            add((node, _Terms.type, _Terms.assessment))
            add((node, _Terms.assesses_target, target))
            add((node, _Terms.status, _RG + _STATUSES[a.status]))
            add((node, _Terms.assessed_in, self.iri))
            add((node, _Terms.comment, Lit(a.reason, "", "en")))
            if a.evidence is not None:
                add((node, _Terms.evidence, self.target(a.evidence)))
            if a.target_figure:
                add((node, _Terms.target_figure, out.zh(a.target_figure)))
            if a.result_figure:
                add((node, _Terms.result_figure, out.zh(a.result_figure)))

    def _problems(self) -> None:
        add = self.add
        for n, prob in enumerate(self.lr.problems, 1):
            node = f"{self.iri}/problem/{n}"
            add((node, _Terms.type, _Terms.problem))
            add((node, _Terms.label, self.out.zh(prob.label)))
            add((node, _Terms.statement, self.statement(prob.sentence)))
            add((node, _Terms.work_area, self.area(prob.section_id)))
            add((node, _Terms.in_report, self.iri))

    def _relations(self) -> None:
        for rel in self.lr.relations:
            if rel.subject in self.known_keys and rel.object in self.known_keys:
                pred = f"{_RG}{rel.predicate}" if rel.predicate in _RELATIONS else _Terms.related_to
                self.add((self.out.entity(rel.subject), pred, self.out.entity(rel.object)))


def _indicator_iris(reports: Iterable[LinkedReport]) -> dict[int, str]:
    """The IRI of every indicator and relational target of the reports, by ``id()``.

    ``indicator/start-end`` (a second indicator on the very same span gets
    ``-2``, ``-3`` …), ``target/start-end`` for a relational target: made before
    any report is written, so an assessment in one report can name a target of another.
    """
    out: dict[int, str] = {}
    for lr in reports:
        base = report_iri_text(lr.report)
        seen: set[str] = set()
        for ind in lr.indicators:
            local = f"{ind.start}-{ind.end}"
            n = 1
            while local in seen:
                n += 1
                local = f"{ind.start}-{ind.end}-{n}"
            seen.add(local)
            out[id(ind)] = f"{base}/indicator/{local}"
        for rt in lr.relational_targets:
            out[id(rt)] = f"{base}/target/{rt.start}-{rt.end}"
    return out


@dataclass
class GraphContext:
    """What one report's triples need of the other reports of the build: made once, before any is written.

    The entities merged across reports (one node per key), the scope each
    report stands for when its region names no place, the measures the
    indicators name (one concept scheme for the build), and the IRIs of the
    targets that an assessment in another report names.
    """

    merged: dict[str, _MergedEntity]
    unknown_scopes: dict[str, str]
    used_measures: list[str]
    measures: Measures
    targets: dict[int, str]
    #: the entities' IRIs by key, made once for all the reports that name them
    entity_iris: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, reports: Iterable[LinkedReport], measures: Measures | None = None) -> "GraphContext":
        reports = list(reports)
        assessed = {a.target_report.digest for lr in reports for a in lr.assessments}
        return cls(
            merged=_merge_entities(reports),
            unknown_scopes={report_scope(lr.report): report_iri_text(lr.report) for lr in reports},
            used_measures=sorted({ind.measure for lr in reports for ind in lr.indicators if ind.measure}
                                 | {m for lr in reports for rt in lr.relational_targets
                                    for m in (rt.measure, rt.other_measure)}),
            measures=measures or Measures.load(),
            targets=_indicator_iris(lr for lr in reports if lr.report.digest in assessed),
        )


def shared_triples(ctx: GraphContext) -> list[Triple]:
    """The nodes no one report holds: the entities (type, labels, counts, scope, name forms) and the measures."""
    out = _Triples(ctx.entity_iris)
    _add_entities(out, ctx.merged, ctx.unknown_scopes)
    _add_measures(out, ctx.used_measures, ctx.measures)
    return out.triples


def shared_subjects(ctx: GraphContext) -> list[str]:
    """The nodes :func:`shared_triples` makes triples about, but for those under one of them (name forms) and the
    measure scheme: what the kinds of instance of the shared nodes are known from, without making their triples."""
    out = _Triples(ctx.entity_iris)
    return [out.entity(key) for key in ctx.merged] + [_measure_iri(name) for name in ctx.used_measures]


def report_triples(lr: LinkedReport, ctx: GraphContext) -> list[Triple]:
    """One report's triples: its own nodes, its entities' mentions in it, its periods, series and relations.

    A relation is written only between entities the graph has (``ctx.merged``).
    """
    out = _Triples(ctx.entity_iris)
    _ReportWriter(out, lr, ctx.merged, ctx.targets).write()
    return out.triples


def joined_triples(lr: LinkedReport, ctx: GraphContext) -> list[Triple]:
    """The triples of a report that the other reports decide, but for its entities: its report node (its series,
    the report before it) and its assessments of another report's targets.

    Of a report whose entities the join left as they were (:func:`reportgraph.link.same_entities`), these and
    what it was made of before the join give all of :func:`report_triples`: the chunk cache keys it by them.
    """
    out = _Triples(ctx.entity_iris)
    writer = _ReportWriter(out, lr, ctx.merged, ctx.targets)
    writer._report()
    writer._assessments()
    return out.triples


def triples(reports: list[LinkedReport], measures: Measures | None = None) -> list[Triple]:
    """All the triples of the reports, repeats dropped, in first-seen order.

    Entities with the same key in several reports become one node (labels
    merged, mention counts summed), so the graph is a union over reports, and
    the order of ``reports`` does not change it. Keys already tell apart what
    link found to be different (市政府 of two cities have two keys), and every
    merge of two names is recorded on the node (``rg:nameForm``). ``measures``
    is the metric concept scheme the indicators' ``rg:measure`` point into.
    Unknown relation predicates fall back to ``rg:relatedTo`` so every term
    used is in the ontology.
    """
    with gc_paused():
        ctx = GraphContext.of(reports, measures)
        found = shared_triples(ctx)
        for lr in reports:
            found += report_triples(lr, ctx)
        return list(dict.fromkeys(found))


def to_graph(reports: list[LinkedReport], measures: Measures | None = None) -> Graph:
    """The reports' triples (:func:`triples`) as one rdflib Graph, for the Python API and the tests.

    The build itself never makes this graph: it writes the plain triples
    (:mod:`reportgraph.stream`). Here they are converted once, each distinct
    term made one rdflib term, and added in one ``addN``.
    """
    from rdflib import Graph

    # SimpleMemory: a report graph is one graph, so the default store's per-triple
    # context bookkeeping is cost without use (it took two thirds of this stage)
    g = Graph(store="SimpleMemory", bind_namespaces="core")
    bind_prefixes(g)
    with gc_paused():
        made: dict[Term, Any] = {}

        def term(t: Term) -> Any:
            node = made.get(t)
            if node is None:
                node = made[t] = to_rdflib(t)
            return node

        g.store.addN((term(s), term(p), term(o), g) for s, p, o in triples(reports, measures))
    return g
