"""What each page of the site shows, as plain data: the HTML templates and the ``.json`` pages both render it.

Every page is a few SPARQL queries (``serve/queries/*.rq``) on the loaded
graph, run in this process: they are ours, bounded (``LIMIT``) and look
resources up by IRI, so they take milliseconds even on a graph of a million
triples. Users' own queries go through :mod:`reportgraph.serve.endpoint`.

Values are JSON-ready: IRIs and literals as strings, counts as numbers, and
every fact carries the IRI of the sentence it was read from, so a page can
link it to its source in context. Facts a graph may lack (merge reasons
(rg:nameForm), measure concepts (rg:measure), the 成绩单 of assessed targets
(rg:TargetAssessment): a graph of one report has no assessments) are said to
be absent, not hidden.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

import pyoxigraph as ox

from reportgraph import vocab
from reportgraph.sparql import QueryError, QueryGraph, bind_values

__all__ = ["Pages", "kind_of_types", "number_text"]

Row = dict[str, Any]

_RG = vocab.RG_NS
_XSD = vocab.XSD_NS
#: rg: classes that are not kinds of entity.
_NOT_ENTITIES = frozenset((*vocab.STRUCTURE_CLASSES, "Entity", "TargetAssessment"))
#: Which page shows a resource of a class, most telling first.
_PAGE_OF_CLASS: tuple[tuple[str, str], ...] = (
    ("Report", "report"), ("WorkArea", "area"), ("Statement", "statement"), ("Section", "section"),
    ("Achievement", "indicator"), ("Target", "indicator"), ("Problem", "problem"), ("Period", "period"),
    ("TargetAssessment", "assessment"),
)
#: At most this many sentences of an entity, rows of a resource ... per page (the queries ask for one more).
PAGE_ROWS = 1000
#: Sentences shown before and after a sentence, as its context.
CONTEXT_SENTENCES = 5
_VALUES_SLOT = re.compile(r"VALUES\s+\?(\w+)\s*\{\s*UNDEF\s*\}")


@cache
def _query_text(name: str) -> str:
    return resources.files("reportgraph.serve").joinpath("queries", f"{name}.rq").read_text(encoding="utf-8")


def _bind_iris(sparql: str, iris: Mapping[str, str | Sequence[str]]) -> str:
    """Fill ``VALUES ?x { UNDEF }`` with IRIs, written as IRI tokens the engine can plan with.

    Each IRI is checked by the engine's own IRI parser first, so nothing
    that reaches the text can end the token or become query syntax.
    """

    def fill(m: re.Match[str]) -> str:
        value = iris.get(m.group(1))
        if value is None:
            return m.group(0)
        values = [value] if isinstance(value, str) else list(value)
        return f"VALUES ?{m.group(1)} {{ {' '.join(str(ox.NamedNode(v)) for v in values)} }}"

    return _VALUES_SLOT.sub(fill, sparql)


def valid_iri(iri: str) -> bool:
    """Whether ``iri`` is an absolute IRI the engine accepts."""
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


def number_text(term: ox.Literal) -> str:
    """A number as a report writes it: ``7.0`` -> ``7``, ``5.12E8`` -> ``512000000``."""
    text, datatype = term.value, term.datatype.value
    try:
        if datatype == _XSD + "decimal":
            return text[:-2] if text.endswith(".0") else text
        if datatype in (_XSD + "double", _XSD + "float"):
            number = float(text)
            return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    except ValueError:
        pass
    return text


def _plain(term: Any) -> Any:
    """An engine term as a JSON value: IRIs and texts as strings, integers as ints."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype == _XSD + "integer":
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if datatype in (_XSD + "decimal", _XSD + "double", _XSD + "float"):
            return number_text(term)
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def _local(iri: str | None) -> str:
    """``…/ns#Community`` -> ``Community``; ``rg:summaryPart`` -> ``summaryPart``."""
    if not iri:
        return ""
    return re.split(r"[#/]", iri)[-1]


def kind_of_types(types: Iterable[str]) -> str:
    """Which page shows a resource with these classes: report, area, entity ... or resource."""
    locals_ = {t[len(_RG):] for t in types if t.startswith(_RG)}
    for cls, page in _PAGE_OF_CLASS:
        if cls in locals_:
            return page
    if locals_ - _NOT_ENTITIES:
        return "entity"
    return "resource"


def entity_type(types: Iterable[str]) -> str:
    """The most telling entity class: a kind of place (Road) over Place, else the first known type."""
    names = [t[len(_RG):] for t in types if t.startswith(_RG) and t[len(_RG):] not in _NOT_ENTITIES]
    specific = [n for n in names if n not in vocab.ENTITY_TYPES]
    if specific:
        return sorted(specific)[0]
    known = [n for n in vocab.ENTITY_TYPES if n in names]
    return known[0] if known else (names[0] if names else "")


def _first(rows: Sequence[Row], key: str) -> Any:
    for row in rows:
        if row.get(key) is not None:
            return row[key]
    return None


def _distinct(rows: Iterable[Row], key: str) -> list[Any]:
    return list(dict.fromkeys(row[key] for row in rows if row.get(key) is not None))


class Pages:
    """The site's pages over one loaded graph."""

    def __init__(self, graph: QueryGraph) -> None:
        self.graph = graph
        self._all_reports: list[Row] | None = None

    # -- running the page queries ---------------------------------------

    def rows(self, name: str, iris: Mapping[str, str | Sequence[str]] | None = None,
             strings: Mapping[str, str] | None = None) -> list[Row]:
        """The rows of page query ``name`` with IRIs and strings bound, as JSON-ready dicts."""
        sparql = _bind_iris(_query_text(name), iris or {})
        sparql, rest = bind_values(sparql, strings or {})
        if rest:
            raise QueryError(f"page query {name} has no slot for {', '.join(rest)}")
        result = self.graph.run(sparql)
        if result.kind == "ask":
            return [{}] if result.boolean else []
        return [{v: _plain(t) for v, t in zip(result.variables, row)} for row in result.rows]

    def labels(self, iris: Iterable[str]) -> dict[str, str]:
        """A label for each IRI that has one (rdfs:label, skos:prefLabel or a title)."""
        wanted = sorted({i for i in iris if isinstance(i, str) and valid_iri(i)})
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            for row in self.rows("labels", {"this": wanted[start:start + 500]}):
                found.setdefault(row["this"], row["label"])
        return found

    def kind(self, iri: str) -> str | None:
        """Which page shows ``iri``, or None when the graph knows nothing about it."""
        if not valid_iri(iri):
            return None
        types = [r["type"] for r in self.rows("types", {"this": iri})]
        if types:
            kind = kind_of_types(types)
            if kind == "resource" and self.rows("measure_names", {"this": iri}):
                return "measure"
            return kind
        if self.rows("resource_out", {"this": iri})[:1] or self.rows("resource_in", {"this": iri})[:1]:
            return "measure" if self.rows("measure_names", {"this": iri}) else "resource"
        return None

    # -- reports ------------------------------------------------------------

    def _report_rows(self, report: str | None = None) -> list[Row]:
        """Reports with metadata, parts and counts: all of them (computed once: the graph does not change), or one."""
        if report is None and self._all_reports is not None:
            return self._all_reports
        key = {"report": report} if report else {}
        rows = self.rows("reports", key)
        by_report: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            by_report[row["report"]].append(row)
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        if by_report:
            for row in self.rows("report_counts", key):
                counts[row["report"]][row["what"]] = int(row["n"])
        parts: dict[str, dict[str, int]] = defaultdict(dict)
        for row in self.rows("report_parts", key) if by_report else ():
            parts[row["report"]][_local(row["part"]).removesuffix("Part")] = int(row["n"])
        out = []
        for iri, group in by_report.items():
            title = _first(group, "title") or _first(group, "label") or _local(iri)
            issuer_name = _first(group, "issuerName") or _first(group, "publisher")
            out.append({
                "iri": iri,
                "title": title,
                "issuer": _first(group, "issuer"),
                "issuer_name": issuer_name,
                "period": _first(group, "period"),
                "plan_period": _first(group, "plan"),
                "level": _first(group, "level"),
                "issued": _first(group, "issued"),
                "source_file": _first(group, "file"),
                "parts": [{"part": p, "sections": n} for p, n in sorted(parts[iri].items(), key=_part_order)],
                "counts": {k: counts[iri].get(k, 0) for k in
                           ("areas", "sentences", "entities", "achievements", "targets", "problems")},
            })
        out.sort(key=lambda r: (r["issuer_name"] or "", r["period"] or "", r["title"], r["iri"]))
        if report is None:
            self._all_reports = out
        return out

    def reports(self) -> dict[str, Any]:
        """The home page: every report with its metadata, parts and counts."""
        reports = self._report_rows()
        return {"page": "reports", "reports": reports, "triples": len(self.graph)}

    def report(self, iri: str) -> dict[str, Any] | None:
        """A report: its metadata, and per work area its entities, achievements, targets, problems; its 成绩单."""
        found = self._report_rows(iri)
        if not found:
            return None
        areas = self._areas({"report": iri})
        return {"page": "report", **found[0], "areas": areas, "scorecard": self._scorecard(iri)}

    def _areas(self, key: Mapping[str, str]) -> list[dict[str, Any]]:
        areas: dict[str, dict[str, Any]] = {}
        for row in self.rows("areas", key):
            area = areas.setdefault(row["area"], {
                "iri": row["area"], "report": row["report"], "label": row["label"] or _local(row["area"]),
                "heading": row["heading"], "part": row["partType"], "number": row["number"],
                "entities": [], "achievements": [], "targets": [], "problems": [],
            })
            if area["heading"] is None and row["heading"] is not None:
                area["heading"] = row["heading"]
        entity_types: dict[tuple[str, str], list[str]] = defaultdict(list)
        entity_rows: dict[tuple[str, str], Row] = {}
        for row in self.rows("area_entities", key):
            entity_types[(row["area"], row["entity"])].append(row["type"])
            entity_rows.setdefault((row["area"], row["entity"]), row)
        for (area_iri, entity), row in entity_rows.items():
            if area_iri in areas:
                areas[area_iri]["entities"].append({
                    "iri": entity, "label": row["label"] or _local(entity),
                    "type": entity_type(entity_types[(area_iri, entity)]), "mentions": row["count"] or 0,
                })
        for area in areas.values():
            area["entities"].sort(key=lambda e: (-e["mentions"], e["label"]))
        seen: set[str] = set()
        for row in self.rows("area_indicators", key):
            if row["indicator"] in seen or row["area"] not in areas:
                continue
            seen.add(row["indicator"])
            kind = "achievements" if row["kind"] == _RG + "Achievement" else "targets"
            areas[row["area"]][kind].append(_indicator(row))
        seen.clear()
        for row in self.rows("area_problems", key):
            if row["problem"] in seen or row["area"] not in areas:
                continue
            seen.add(row["problem"])
            areas[row["area"]]["problems"].append(
                {"iri": row["problem"], "label": row["label"] or _local(row["problem"]), "statement": row["statement"]})
        return list(areas.values())

    def _scorecard(self, report: str) -> dict[str, Any]:
        rows = self.rows("scorecard", {"report": report})
        roles: dict[str, dict[str, Row]] = {"targets": {}, "review": {}}
        for row in rows:
            entry = roles[row["role"]].setdefault(row["assessment"], {
                "iri": row["assessment"], "status": _local(row["status"]), "comment": row["comment"],
                "target": {"iri": row["target"], "label": row["targetLabel"], "statement": row["targetStatement"],
                           "report": row["targetReport"]},
                "evidence": [], "assessed_in": row["assessedIn"],
            })
            if row["evidence"] and all(e["iri"] != row["evidence"] for e in entry["evidence"]):
                entry["evidence"].append(
                    {"iri": row["evidence"], "label": row["evidenceLabel"], "statement": row["evidenceStatement"]})
        counts = Counter(e["status"] for e in roles["targets"].values())
        return {
            "targets": list(roles["targets"].values()),
            "review": list(roles["review"].values()),
            "status_counts": dict(sorted(counts.items())),
        }

    # -- work areas and sentences -------------------------------------------

    def area(self, iri: str) -> dict[str, Any] | None:
        """A work area: its sentences in order, its entities, indicators and problems."""
        found = self._areas({"area": iri})
        if not found:
            return None
        area = found[0]
        sentences = [
            {"iri": r["statement"], "text": r["text"]}
            for r in self.rows("area_sentences", {"area": iri})
        ]
        return {"page": "area", **area, "sentences": sentences, "report_title": self.labels([area["report"]]).get(area["report"])}

    def statement(self, iri: str) -> dict[str, Any] | None:
        """A sentence in its context, with the facts read from it (indicators marked in the text)."""
        rows = self.rows("statement", {"statement": iri})
        if not rows:
            return None
        head = rows[0]
        context = [{"iri": r["context"], "text": r["contextText"]} for r in rows if r["context"]]
        context = list({c["iri"]: c for c in context}.values())
        at = next((i for i, c in enumerate(context) if c["iri"] == iri), None)
        if at is not None:
            before = context[max(0, at - CONTEXT_SENTENCES):at]
            after = context[at + 1:at + 1 + CONTEXT_SENTENCES]
        else:
            before, after = [], []
        facts = self._facts(iri)
        marks = [(f["start"], f["end"]) for f in facts["indicators"] if f["start"] is not None and f["end"] is not None]
        return {
            "page": "statement", "iri": iri, "text": head["text"],
            "pieces": _marked(head["text"], head["start"], marks),
            "report": head["report"], "report_title": self.labels([head["report"] or ""]).get(head["report"] or ""),
            "area": head["area"], "area_label": head["areaLabel"],
            "before": before, "after": after, **facts,
        }

    def _facts(self, statement: str) -> dict[str, list[dict[str, Any]]]:
        types: dict[str, list[str]] = defaultdict(list)
        first: dict[str, Row] = {}
        for row in self.rows("statement_facts", {"statement": statement}):
            types[row["fact"]].append(row["type"])
            first.setdefault(row["fact"], row)
        out: dict[str, list[dict[str, Any]]] = {"entities": [], "indicators": [], "problems": []}
        for fact, row in first.items():
            if row["role"] == "entity":
                out["entities"].append({"iri": fact, "label": row["label"] or _local(fact), "type": entity_type(types[fact])})
            elif row["role"] == "indicator":
                kinds = {_local(t) for t in types[fact]}
                out["indicators"].append({**_indicator({**row, "indicator": fact, "statement": statement}),
                                          "kind": "achievement" if "Achievement" in kinds else "target",
                                          "start": row["start"], "end": row["end"]})
            elif row["role"] == "problem":
                out["problems"].append({"iri": fact, "label": row["label"] or _local(fact)})
        return out

    # -- entities -----------------------------------------------------------

    def entity(self, iri: str) -> dict[str, Any] | None:
        """An entity: names, aliases and merge reasons, every sentence naming it, relations, indicators."""
        rows = self.rows("entity", {"this": iri})
        if not rows:
            return None
        mentions = self.rows("entity_mentions", {"this": iri})
        relations = self.rows("entity_relations", {"this": iri})
        indicators = self.rows("entity_indicators", {"this": iri})
        reports = self.labels(
            [r["report"] for r in mentions if r["report"]] + [r["report"] for r in indicators if r["report"]])
        by_report: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
        for row in mentions[:PAGE_ROWS]:
            by_report[row["report"]].append(
                {"iri": row["statement"], "text": row["text"], "area": row["area"], "area_label": row["areaLabel"]})
        merges = self.rows("entity_merges", {"this": iri})
        return {
            "page": "entity", "iri": iri,
            "label": _first(rows, "label") or _local(iri),
            "type": entity_type(_distinct(rows, "type")),
            "types": _distinct(rows, "type"),
            "aliases": sorted(_distinct(rows, "alias")),
            "merges": [{"name": m["name"], "rule": m["rule"], "why": m["why"], "source": m["source"]}
                       for m in merges[:PAGE_ROWS]],
            "mention_count": _first(rows, "count"),
            "reports": [
                {"iri": report, "title": reports.get(report or "", _local(report)), "sentences": sentences}
                for report, sentences in by_report.items()
            ],
            "sentences_shown": min(len(mentions), PAGE_ROWS), "sentences_more": len(mentions) > PAGE_ROWS,
            "relations": [
                {"direction": r["direction"], "relation": _local(r["relation"]), "relation_iri": r["relation"],
                 "iri": r["other"], "label": r["otherLabel"] or _local(r["other"])}
                for r in relations[:PAGE_ROWS]
            ],
            "indicators": [
                {**_indicator(r), "kind": "achievement" if r["kind"] == _RG + "Achievement" else "target",
                 "report": r["report"], "report_title": reports.get(r["report"] or "")}
                for r in indicators[:PAGE_ROWS]
            ],
            "areas": self.rows("entity_areas", {"this": iri})[:PAGE_ROWS],
        }

    # -- measures -----------------------------------------------------------

    def measure(self, name: str) -> dict[str, Any]:
        """A measure's values across reports and periods, found by metric words or a measure concept."""
        rows = self.rows("measure", strings={"name": name}) if name else []
        reports = self.labels(r["report"] for r in rows if r["report"])
        values = [
            {**_indicator(r), "kind": "achievement" if r["kind"] == _RG + "Achievement" else "target",
             "normalized": r["normalized"], "base_unit": r["baseUnit"], "period": r["period"],
             "period_label": r["periodLabel"], "report": r["report"], "report_title": reports.get(r["report"] or ""),
             "text": r["text"], "measure": r["measure"]}
            for r in rows[:PAGE_ROWS * 2]
        ]
        concepts = self.rows("measure_concepts", strings={"name": name}) if name else []
        return {
            "page": "measure", "name": name, "values": values,
            "concepts": [{"iri": iri, "label": _first([c for c in concepts if c["measure"] == iri], "label"),
                          "aliases": sorted(_distinct([c for c in concepts if c["measure"] == iri], "alias"))}
                         for iri in _distinct(concepts, "measure")],
            "graph_has_measures": bool(self.rows("has_measures")),
        }

    def measure_name(self, iri: str) -> str | None:
        """The name a measure concept's page is found by."""
        rows = self.rows("measure_names", {"this": iri})
        return rows[0]["label"] if rows else None

    # -- search and other resources -------------------------------------------

    def search(self, q: str) -> dict[str, Any]:
        """Entities by name or alias, metric words and reports that contain the words."""
        q = " ".join(q.split())
        if not q:
            return {"page": "search", "q": "", "entities": [], "metrics": [], "reports": []}
        entities: dict[str, dict[str, Any]] = {}
        types: dict[str, list[str]] = defaultdict(list)
        for row in self.rows("search_entities", strings={"q": q}):
            types[row["entity"]].append(row["type"])
            hit = entities.setdefault(row["entity"], {"iri": row["entity"], "label": row["label"] or _local(row["entity"]),
                                                      "matched": [], "mentions": row["count"] or 0})
            if row["matched"] not in hit["matched"]:
                hit["matched"].append(row["matched"])
        for iri, hit in entities.items():
            hit["type"] = entity_type(types[iri])
            hit["alias"] = [m for m in hit["matched"] if m != hit["label"]]
        return {
            "page": "search", "q": q, "entities": list(entities.values()),
            "metrics": [{"name": r["metric"], "count": int(r["n"])} for r in self.rows("search_metrics", strings={"q": q})],
            "reports": [{"iri": r["report"], "title": r["title"] or _local(r["report"])}
                        for r in self.rows("search_reports", strings={"q": q})],
        }

    def resource(self, iri: str, kind: str = "resource") -> dict[str, Any]:
        """Any resource: every triple it is the subject or the object of (up to the page size)."""
        out = self.rows("resource_out", {"this": iri})
        into = self.rows("resource_in", {"this": iri})
        labels = self.labels([iri, *(r["object"] for r in out if r["isIri"] == "true"), *(r["subject"] for r in into),
                              *(r["predicate"] for r in out + into)])
        return {
            "page": "resource", "kind": kind, "iri": iri, "label": labels.get(iri),
            "out": [{"predicate": r["predicate"], "object": r["object"], "is_iri": r["isIri"] == "true",
                     "object_label": labels.get(r["object"])}
                    for r in out[:PAGE_ROWS]],
            "in": [{"subject": r["subject"], "predicate": r["predicate"], "subject_label": labels.get(r["subject"])}
                   for r in into[:PAGE_ROWS]],
            "more": len(out) > PAGE_ROWS or len(into) > PAGE_ROWS,
        }

    # -- the overview picture ----------------------------------------------------

    def overview(self, opened: Sequence[str]) -> dict[str, Any]:
        """Reports with counts, and the work areas (with counts) of the ``opened`` ones."""
        reports = self._report_rows()
        areas: dict[str, list[dict[str, Any]]] = {}
        for report in reports:
            if report["iri"] in opened:
                areas[report["iri"]] = [
                    {"iri": a["iri"], "label": a["label"], "heading": a["heading"], "part": a["part"],
                     "counts": {k: len(a[k]) for k in ("entities", "achievements", "targets", "problems")}}
                    for a in self._areas({"report": report["iri"]})
                ]
        return {"page": "overview", "reports": reports, "areas": areas}

    def picture_graph(self, name: str, key: Mapping[str, str]) -> bytes:
        """The triples a picture draws (``picture_area`` or ``picture_report``), as N-Triples."""
        result = self.graph.run(_bind_iris(_query_text(name), key))
        return ox.serialize(result.triples, format=ox.RdfFormat.N_TRIPLES) or b""


_PARTS = {p: i for i, p in enumerate(("preamble", "summary", "problems", "plan", "other"))}


def _part_order(item: tuple[str, int]) -> tuple[int, str]:
    return (_PARTS.get(item[0], len(_PARTS)), item[0])


def _indicator(row: Row) -> dict[str, Any]:
    return {
        "iri": row["indicator"], "metric": row.get("metric"), "value": row.get("value"),
        "unit": row.get("unit"), "qualifier": row.get("qualifier"), "statement": row.get("statement"),
        "label": row.get("label"),
    }


def _marked(text: str, start: int | None, spans: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
    """The sentence cut into pieces, ``mark`` set on the pieces an indicator was read from."""
    if start is None or not spans:
        return [{"text": text, "mark": False}]
    cuts: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        s, e = max(0, int(s) - int(start)), min(len(text), int(e) - int(start))
        if s < e and (not cuts or s >= cuts[-1][1]):
            cuts.append((s, e))
    pieces: list[dict[str, Any]] = []
    at = 0
    for s, e in cuts:
        if s > at:
            pieces.append({"text": text[at:s], "mark": False})
        pieces.append({"text": text[s:e], "mark": True})
        at = e
    if at < len(text):
        pieces.append({"text": text[at:], "mark": False})
    return pieces
