"""The ontology's names, once: namespaces, prefixes, entity types, relations, parts.

Every stage and output that names a class, a property or a prefix takes it
from here, so adding an entity type is a change to this module, the ontology
(``ontology/reportgraph.ttl``) and the shapes (``ontology/shapes.ttl``) — and
a test checks that the three agree. Plain strings only: importing this costs
nothing, so ``--help`` and the query command need not load rdflib.
"""
from __future__ import annotations

#: The ontology's namespace (classes and properties).
RG_NS = "https://w3id.org/reportgraph/ns#"
#: Where instance IRIs (reports, entities, periods ...) live.
INST_NS = "https://w3id.org/reportgraph/id/"
#: The SHACL shapes' own namespace.
SHAPES_NS = "https://w3id.org/reportgraph/shapes#"

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
PROV_NS = "http://www.w3.org/ns/prov#"
DCTERMS_NS = "http://purl.org/dc/terms/"
ORG_NS = "http://www.w3.org/ns/org#"
TIME_NS = "http://www.w3.org/2006/time#"

#: The eight entity types, in the fixed order summaries and legends use.
ENTITY_TYPES: tuple[str, ...] = (
    "Community", "Company", "GovernmentBody", "Project",
    "Program", "Place", "Event", "Honor",
)

#: The parts a report is divided into (``Section.part``), each an ``rg:Part`` individual ``rg:<part>Part``.
PARTS: tuple[str, ...] = ("preamble", "summary", "problems", "plan", "other")

#: Indicator kinds (``Indicator.kind``) and the class each is typed with.
INDICATOR_CLASSES: dict[str, str] = {"achievement": "Achievement", "target": "Target"}

#: Entity-to-entity properties (all ``rdfs:subPropertyOf rg:relatedTo``); the last is the fallback.
RELATIONS: tuple[str, ...] = ("locatedIn", "runIn", "wonHonor", "involves", "partOf", "relatedTo")
FALLBACK_RELATION = "relatedTo"

#: Classes of the ontology that are not kinds of entity.
STRUCTURE_CLASSES: tuple[str, ...] = (
    "Report", "Part", "Section", "WorkArea", "Statement", "Indicator", "Achievement", "Target",
    "Problem", "Period", "NameForm", "MergeRule", "Measure", "MeasureScheme", "Direction", "Series",
    "TargetAssessment", "AssessmentStatus", "RelationalTarget",
)

#: Why a name is an entity's (``rg:mergeRule`` on its ``rg:NameForm``), each an ``rg:MergeRule``
#: individual that the ontology explains. The first six say where a name is known; the rest join names.
MERGE_RULES: tuple[str, ...] = (
    "exactName", "uniqueName", "national", "gazetteer", "localScope", "reportScope",
    "regionScope", "communityForm", "regionPrefix", "governmentShort", "bodyShortForm", "companyShortForm",
    "companyLegalForm", "shorterForm", "withinRegion", "userSame",
)
#: Merge rules that say where a name is known rather than join two names.
SCOPE_RULES: frozenset[str] = frozenset({"exactName", "uniqueName", "national", "gazetteer", "localScope",
                                         "reportScope"})

#: The directions in which a measure is better (``rg:betterDirection``), each an ``rg:Direction``.
DIRECTIONS: dict[str, str] = {"higher": "higherIsBetter", "lower": "lowerIsBetter", "closer": "closerIsBetter"}

#: What came of a target (``rg:status`` of an ``rg:TargetAssessment``): code -> individual.
ASSESSMENT_STATUSES: dict[str, str] = {
    "met": "Met", "not_met": "NotMet", "not_reported": "NotReported", "unclear": "Unclear",
}

#: Levels of government (the values of ``rg:level``), lowest first.
LEVELS: tuple[str, ...] = ("subdistrict", "town", "county", "district", "city", "province")

#: Path segments of instance IRIs below :data:`INST_NS` that hold one kind of node each:
#: ``inst:community/和一社区``. Each is also a prefix (``community:和一社区``).
INSTANCE_KINDS: tuple[str, ...] = ("report", "period", "measure", "series",
                                   *(t.lower() for t in ENTITY_TYPES))

#: The standard vocabularies the graph reuses, by their usual prefixes.
STANDARD_PREFIXES: dict[str, str] = {
    "rdf": RDF_NS,
    "rdfs": RDFS_NS,
    "owl": OWL_NS,
    "xsd": XSD_NS,
    "skos": SKOS_NS,
    "prov": PROV_NS,
    "dcterms": DCTERMS_NS,
    "org": ORG_NS,
    "time": TIME_NS,
}

#: The prefixes the project's own graphs are built with: ``rg:``, ``inst:`` and the standard ones.
GRAPH_PREFIXES: dict[str, str] = {"rg": RG_NS, "inst": INST_NS, **STANDARD_PREFIXES}

#: Prefixes of the instance kinds: ``community:`` for ``inst:community/``.
INSTANCE_PREFIXES: dict[str, str] = {kind: f"{INST_NS}{kind}/" for kind in INSTANCE_KINDS}

#: Every prefix a graph file declares and a query knows: one table for both, so that a name read
#: in ``graph.ttl`` or in a query's table (``community:和一社区``) pastes into a query as it is.
PREFIXES: dict[str, str] = {**GRAPH_PREFIXES, **INSTANCE_PREFIXES}


def rg(local: str) -> str:
    """The full IRI of an ontology term: ``rg("Target")``."""
    return RG_NS + local


def entity_segment(entity_type: str) -> str:
    """The IRI path segment of an entity type's instances: ``GovernmentBody`` -> ``governmentbody``."""
    return entity_type.lower()
