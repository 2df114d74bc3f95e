"""Check a graph against the SHACL shapes the package ships and say what is wrong, readably.

pyshacl does the checking. Two things make it usable on our graphs:

- pyshacl runs a SPARQL constraint's query once per focus node, passing the
  query as text, and rdflib parses the text every time (20 ms each: minutes
  on a large graph). The data graph here is a Graph whose ``query`` parses
  each text once and reuses the prepared query.
- Checks that join nodes (offsets inside the report, parts of one report)
  are written in the shapes as one query per report, not per statement.

Findings are grouped by message, so a problem the extraction repeats a
hundred times is one heading with its nodes under it.
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result
from rdflib.term import Node

from reportgraph import vocab
from reportgraph.datafiles import datafile
from reportgraph.errors import ReportError
from reportgraph.turtle import TurtleWriter

__all__ = ["ONTOLOGY_FILE", "SHAPES_FILE", "Finding", "ValidationReport", "format_report", "load_shapes", "validate"]

#: The shapes and the ontology, shipped inside the package (``reportgraph/ontology/``).
SHAPES_FILE = "shapes.ttl"
ONTOLOGY_FILE = "reportgraph.ttl"
RG = Namespace(vocab.RG_NS)
RGSH = Namespace(vocab.SHAPES_NS)
#: How a node's label is quoted after its short name.
_PHRASES = datafile("outputs/phrases.tsv")
#: Severities in the order they are reported.
SEVERITIES = ("Violation", "Warning", "Info")
#: How many nodes a group lists unless everything is asked for.
DEFAULT_LIMIT = 10
_LABEL_CHARS = 24


@dataclass(frozen=True)
class Finding:
    """One SHACL validation result, with the terms a user needs to find the problem."""

    severity: str  # "Violation" | "Warning" | "Info"
    message: str
    focus: Node
    path: Node | None = None
    value: Node | None = None
    shape: Node | None = None


@dataclass
class ValidationReport:
    """Every finding of one validation; ``conforms`` when there is no violation (warnings allowed)."""

    findings: list[Finding] = field(default_factory=list)
    triples: int = 0

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Warning"]

    @property
    def conforms(self) -> bool:
        return not self.violations


class _PreparedQueryGraph(Graph):
    """A Graph that parses each SPARQL text once: pyshacl sends the same text for every focus node."""

    def __init__(self) -> None:
        super().__init__(bind_namespaces="core")
        self._prepared: dict[str, Any] = {}

    def query(
        self,
        query_object: Any,
        processor: Any = "sparql",
        result: Any = "sparql",
        initNs: Mapping[str, Any] | None = None,  # noqa: N803 (rdflib's name)
        initBindings: Mapping[str, Any] | None = None,  # noqa: N803
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Result:
        if isinstance(query_object, str) and processor == "sparql" and not kwargs.get("base"):
            key = query_object
            prepared = self._prepared.get(key)
            if prepared is None:
                namespaces = dict(self.namespaces())
                namespaces.update(initNs or {})
                prepared = self._prepared[key] = prepareQuery(query_object, initNs=namespaces)
            query_object = prepared
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)


def packaged(name: str) -> bytes:
    """A file of the package's ontology folder (:data:`SHAPES_FILE`, :data:`ONTOLOGY_FILE`), as installed."""
    return resources.files("reportgraph").joinpath("ontology", name).read_bytes()


def load_shapes(path: str | os.PathLike[str] | None = None) -> Graph:
    """The shapes graph: the Turtle file ``path``, or the shapes the package ships."""
    where = str(path) if path is not None else f"reportgraph/ontology/{SHAPES_FILE}"
    try:
        data = packaged(SHAPES_FILE) if path is None else Path(path).read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise ReportError(where, "no such shapes file") from None
    try:
        return Graph().parse(data=data, format="turtle")
    except Exception as err:  # rdflib raises several kinds for bad Turtle
        raise ReportError(where, f"not valid Turtle: {err}") from None


def validate(graph: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Run the SHACL shapes over ``graph`` (not changed) and collect the findings, sorted."""
    import pyshacl

    data = _PreparedQueryGraph()
    for prefix, ns in graph.namespaces():
        data.bind(prefix, ns, override=False)
    data.addN((s, p, o, data) for s, p, o in graph)
    shapes = shapes if shapes is not None else load_shapes()
    _, results, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True, abort_on_first=False,
    )
    if not isinstance(results, Graph):  # pyshacl returns a ValidationFailure for shapes it cannot run
        raise ReportError("shapes", str(text or results))
    findings = [_finding(results, r) for r in results.subjects(RDF.type, SH.ValidationResult)]
    findings.sort(key=_finding_key)
    return ValidationReport(findings=findings, triples=len(graph))


def _finding(results: Graph, result: Node) -> Finding:
    severity = results.value(result, SH.resultSeverity)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    component = results.value(result, SH.sourceConstraintComponent)
    message = messages[0] if messages else (str(component).rsplit("#", 1)[-1] if component else "constraint not met")
    focus = results.value(result, SH.focusNode)
    return Finding(
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        message=message,
        focus=focus if focus is not None else RGSH.graph,
        path=results.value(result, SH.resultPath),
        value=results.value(result, SH.value),
        shape=results.value(result, SH.sourceShape),
    )


def _rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def _finding_key(f: Finding) -> tuple[int, str, str, str, str]:
    return _rank(f.severity), f.message, str(f.focus), str(f.path or ""), str(f.value or "")


# --------------------------------------------------------------------------- printing


class _Namer:
    """Short names for the terminal: ``community:和一社区``, ``inst:report/…/s25``, labels in 「」."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        from reportgraph.export import readable_namespaces

        namespaces = [(p, str(ns)) for p, ns in graph.namespaces() if p]
        namespaces += [*readable_namespaces(graph).items(), ("rgsh", str(RGSH))]
        self._namespaces = sorted(((ns, p) for p, ns in namespaces), key=lambda x: (-len(x[0]), x[0]))
        self._literals = TurtleWriter(namespaces)

    def term(self, node: Node) -> str:
        if isinstance(node, URIRef):
            iri = str(node)
            for ns, prefix in self._namespaces:
                if iri.startswith(ns) and len(iri) > len(ns):
                    return f"{prefix}:{iri[len(ns):]}"
            return f"<{iri}>"
        if isinstance(node, Literal):
            return self._literals.term(node)
        return f"_:{node}"

    def node(self, node: Node) -> str:
        """The node's short name and, when it has one, its label or text."""
        if node == RGSH.graph:
            return "(the whole graph)"
        name = self.term(node)
        if not isinstance(node, URIRef):
            return name
        label = self.graph.value(node, RDFS.label) or self.graph.value(node, RG.text)
        if label is not None:
            text = str(label)
            text = text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"
            name += " " + _PHRASES.pairs["label"].format(text)
        return name


    def message(self, text: str) -> str:
        """The message with the full IRIs pyshacl put into it shortened the same way."""
        return _IRI_IN_TEXT.sub(lambda m: self.term(URIRef(m.group(0))), text)


_IRI_IN_TEXT = re.compile(r"https?://[^\s,<>\"{}|^`]+")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def format_report(report: ValidationReport, graph: Graph, source: str = "the graph",
                  limit: int | None = DEFAULT_LIMIT) -> str:
    """Findings grouped by severity and message, each group listing its nodes (``limit`` per group)."""
    namer = _Namer(graph)
    counts = ", ".join(
        _plural(sum(1 for f in report.findings if f.severity == sev), sev.lower()) for sev in SEVERITIES[:2]
    )
    if not report.findings:
        return f"{source}: conforms to the shapes ({_plural(report.triples, 'triple')}, no violations)"
    lines = [f"{source}: {counts} ({_plural(report.triples, 'triple')})"]
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in report.findings:
        groups.setdefault((f.severity, namer.message(f.message)), []).append(f)
    for (severity, message), found in groups.items():
        lines.append("")
        lines.append(f"{severity.lower()}: {message}" + (f"  [{len(found)}]" if len(found) > 1 else ""))
        shown = found if limit is None else found[:limit]
        for f in shown:
            line = f"  - {namer.node(f.focus)}"
            if f.path is not None and isinstance(f.path, URIRef):
                line += f"  {namer.term(f.path)}"
            if f.value is not None and f.value != f.focus and (f.focus == RGSH.graph or str(f.value) not in f.message):
                line += f"  = {namer.node(f.value) if isinstance(f.value, URIRef) else namer.term(f.value)}"
            lines.append(line)
        if len(found) > len(shown):
            lines.append(f"  … and {len(found) - len(shown)} more (--all lists every one)")
    return "\n".join(lines)
