"""Plain dataclasses that flow between the pipeline stages.

load -> segment -> extract -> link -> rdf. Every stage takes and returns these
objects; only :mod:`reportgraph.rdf` turns them into triples. Offsets are
character offsets into :attr:`Report.text`, the cleaned text of one report.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(slots=True)
class SourceText:
    """A report as read from disk, before any structure is found."""

    path: str
    text: str
    #: what the reader found out already (a web page's title, a sidecar file)
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Sentence:
    """One sentence of the report: the unit of provenance."""

    index: int
    start: int
    end: int
    text: str
    section_id: str


@dataclass(slots=True)
class Section:
    """A numbered section (or a part's unnumbered opening); its heading names a work area."""

    id: str
    part: str
    number: int | None
    heading: str
    label: str
    start: int
    end: int
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)
class Problem:
    """A problem the report admits, named by its heading phrase."""

    label: str
    sentence: Sentence
    section_id: str


@dataclass(slots=True)
class Report:
    """A segmented report: metadata, parts, sections and sentences."""

    path: str
    text: str
    #: the file as the graph names it (``rg:sourceFile``): relative to the input that named it,
    #: never an absolute path, so the same inputs in another folder give the same graph
    display_path: str = ""
    title: str = ""
    issuer: str = ""
    date: str = ""
    #: period the summary part covers, e.g. "2024年上半年"
    period: str = ""
    #: period the plan part covers, e.g. "2024年下半年"
    plan_period: str = ""
    level: str = ""
    region: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    #: the text :attr:`digest` was last computed for, and its digest: the graph asks for it thousands of times
    _digest_of: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    def sentences(self) -> list[Sentence]:
        return [s for sec in self.sections for s in sec.sentences]

    @property
    def digest(self) -> str:
        """A short hash of the cleaned text: what names the report, whatever file it came from.

        Hashed once per text (a 5,000-character report took 30 us a time, 4,000 times in a
        300-report rebuild); a text replaced since is hashed again."""
        kept = self._digest_of
        if kept is not None and kept[0] is self.text:
            return kept[1]
        digest = hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:12]
        self._digest_of = (self.text, digest)
        return digest

    def section(self, section_id: str) -> Section:
        for sec in self.sections:
            if sec.id == section_id:
                return sec
        raise KeyError(section_id)


@dataclass(slots=True)
class Mention:
    """One place in a sentence where an entity is named."""

    type: str
    name: str
    start: int
    end: int
    sentence: Sentence
    #: the longer form this mention abbreviates, when the text says so
    full_name: str = ""


@dataclass(slots=True)
class Indicator:
    """A stated quantity: an achievement or a target."""

    kind: str  # a key of vocab.INDICATOR_CLASSES: "achievement" | "target"
    metric: str
    value: Decimal
    unit: str
    #: value in base units (万/亿/千 expanded), and that base unit
    normalized: float
    base_unit: str
    qualifier: str  # 以上, 余, 近, 约, 左右, 超, 不少于 ... or ""
    start: int
    end: int
    sentence: Sentence
    section_id: str
    #: keys of the entities the indicator's clause names (link fills them in its own copy)
    entity_keys: list[str] = field(default_factory=list)
    #: the upper end of a range (增长4.5%—5%: value 4.5, upper 5), in the unit of ``value``
    upper: Decimal | None = None
    #: the metric concept (a measure's preferred name, e.g. 地区生产总值) the metric names, if one does
    measure: str = ""

    @property
    def quote(self) -> str:
        return self.sentence.text


@dataclass(slots=True)
class NameForm:
    """One name an entity goes by in a report, and the rule that made it this entity's name."""

    name: str  # as written
    rule: str  # a key of vocab.MERGE_RULES
    #: the case in words, e.g. "区委 said in a report of 深圳市/宝安区 is 宝安区委"
    detail: str = ""


@dataclass(slots=True)
class Entity:
    """One node per real-world thing: mentions merged, aliases kept."""

    key: str  # stable, content-derived: "Community/深圳市宝安区沙井街道和一社区"
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    #: the region the name is known in, qualified (深圳市宝安区沙井街道), for a name that depends on
    #: where it is said; "" for a national or unique name. The key is type, scope and name.
    scope: str = ""
    #: every name the entity goes by with the rule that joined it (its own name's rule first)
    forms: list[NameForm] = field(default_factory=list)

    @property
    def section_ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(m.sentence.section_id, None)
        return list(seen)


@dataclass(slots=True)
class Relation:
    """An edge the sentence states between two entities."""

    subject: str  # entity key
    predicate: str  # ontology property local name, e.g. "locatedIn"
    object: str  # entity key
    sentence: Sentence


@dataclass(slots=True)
class Extraction:
    """What extract finds in one report, before linking."""

    report: Report
    mentions: list[Mention]
    indicators: list[Indicator]
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class RelationalTarget:
    """A target set against another measure, with no figure of its own (收入增长与经济增长同步)."""

    metric: str
    #: the measure of the target, and the one it is to keep pace with ("" when no concept applies)
    measure: str
    other_metric: str
    other_measure: str
    start: int
    end: int
    sentence: Sentence
    section_id: str

    @property
    def quote(self) -> str:
        return self.sentence.text


@dataclass(slots=True)
class TargetAssessment:
    """What came of one target of an earlier report, as a later report of the same issuer tells it."""

    target: Indicator | RelationalTarget
    #: the report that set the target (the one that reviews its period holds the assessment)
    target_report: Report
    status: str  # a key of vocab.ASSESSMENT_STATUSES: "met" | "not_met" | "not_reported" | "unclear"
    #: the rule that decided, in words
    reason: str
    #: the achievement that reports on the target (None when nothing does)
    evidence: Indicator | None = None
    #: the target's and the result's figures as the reports state them (增长5%, 5.5%左右, 超143万人)
    target_figure: str = ""
    result_figure: str = ""


@dataclass(slots=True)
class LinkedReport:
    """The final, linked result for one report: what rdf turns into triples."""

    report: Report
    entities: list[Entity]
    indicators: list[Indicator]
    relations: list[Relation]
    problems: list[Problem] = field(default_factory=list)
    #: the series the report belongs to (its issuer's key), and the report before it in that series
    series: str = ""
    previous: Report | None = None
    #: targets set against another measure, which have no figure of their own
    relational_targets: list[RelationalTarget] = field(default_factory=list)
    #: the targets of earlier reports whose period this report reviews, and what came of each
    assessments: list[TargetAssessment] = field(default_factory=list)
    #: the key its issuer's name resolves to in its own scope (:func:`reportgraph.link.series.scoped_issuer`), made
    #: when it was linked alone and cached with it; None where it was not (the join makes it then)
    scoped_issuer: str | None = None
