"""Score the extraction against gold annotations: precision, recall and F1 per entity type, indicators, areas.

A gold file (the format of the shared evaluation's ``GUIDELINES.md``) says
what a correct extraction of one report holds: its entities with every
acceptable name, its indicators with metric, value, unit and work area, the
labels of its work areas and its problems. :func:`score_graph` compares a
built graph with one; :func:`score_set` builds every report of a set folder
(``gold/NAME.json`` beside ``corpus/NAME.txt``) alone and sums the counts.

The matching rules are those of the shared scorer (``score.py`` and
``score_set.py``), so the figures are the same:

- an entity matches a gold entity of its type (or one of its ``alt_types``)
  when one of its names equals one of the gold names, after removing
  whitespace and quotation marks; a second pass accepts a name that contains,
  or is contained in, a gold name at least half its length. Matching is
  greedy and one-to-one, exact names first, predictions in a fixed order;
- an indicator matches a gold indicator of its kind with the same quantity
  once the unit's number prefixes are expanded (51200万元 = 5.12亿元), and the
  metric sharing at least half its characters; the best-sharing gold wins;
- a matched indicator's work area is right when the gold area is contained in
  one of the area's labels or contains one; the gold area 总体 matches an area
  that no numbered section names (a part's opening);
- ``optional`` gold items are neither rewarded when found nor punished when missed.

A report's entity macro-F1 averages the four headline types that occur in
its gold or its output; a set's averages all four over the summed counts.
"""
from __future__ import annotations

import glob
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import RDF, RDFS, SKOS, Graph, Namespace, URIRef
from rdflib.term import Node

from reportgraph import vocab
from reportgraph.datafiles import datafile
from reportgraph.errors import ReportError

if TYPE_CHECKING:
    from reportgraph.lexicon import Lexicon

__all__ = [
    "HEADLINE_TYPES", "Counts", "GoldError", "IndicatorCounts", "Score", "SetScore", "load_gold", "names_match",
    "norm_name", "norm_quantity", "overlap", "score_graph", "score_set", "set_members",
]

#: The entity types macro-F1 averages: the ones the graph is mostly used for.
HEADLINE_TYPES: tuple[str, ...] = ("Community", "Company", "Project", "Program")
INDICATOR_KINDS: tuple[str, ...] = tuple(vocab.INDICATOR_CLASSES)

RG = Namespace(vocab.RG_NS)

_QUOTES = datafile("evaluate/name_quotes.txt")
_BRACKETS = datafile("evaluate/name_brackets.tsv")
_UNIT_DROPPED = datafile("evaluate/unit_dropped.txt")
_UNIT_REWRITES = datafile("evaluate/unit_rewrites.tsv")
_MULTIPLIERS = datafile("evaluate/unit_multipliers.tsv")
_WHOLE_UNITS = datafile("evaluate/unit_whole.txt")
_EXPANSIONS = datafile("evaluate/unit_expansions.tsv")
_OVERALL = datafile("evaluate/overall_area.txt")

_SPACE = re.compile(r"\s+")
#: Two figures are the same quantity when they differ by less than this share of the larger.
_TOLERANCE = 1e-6


class GoldError(ReportError):
    """A gold file that cannot be read or does not follow the format."""


# --------------------------------------------------------------------------- the matching rules


def _overall() -> str:
    return _OVERALL.lines[0]


def norm_name(text: str) -> str:
    """A name as it is compared: no whitespace, no quotation marks, half-width brackets."""
    out = _SPACE.sub("", str(text)).translate({ord(ch): None for ch in _QUOTES.lines})
    for full, half in _BRACKETS.rows:
        out = out.replace(full, half)
    return out


def norm_quantity(value: float | str, unit: str) -> tuple[float, str]:
    """A quantity in base units: ``(5.12, "亿元")`` -> ``(512000000.0, "元")``."""
    u = _SPACE.sub("", str(unit))
    for word in _UNIT_DROPPED.lines:
        u = u.replace(word, "")
    for old, new in _UNIT_REWRITES.rows:
        u = u.replace(old, new)
    multipliers = {prefix: float(factor) for prefix, factor in _MULTIPLIERS.rows}
    whole = set(_WHOLE_UNITS.lines)
    q = float(value)
    while u and u[0] in multipliers and len(u) > 1 and u not in whole:
        q *= multipliers[u[0]]
        u = u[1:]
    for prefix, base, factor in _EXPANSIONS.rows:
        if u.startswith(prefix):
            q *= float(factor)
            u = base + u[len(prefix):]
    return q, u


def overlap(a: str, b: str) -> float:
    """How many characters two names share, as a share of the shorter one's distinct characters (0..1)."""
    sa, sb = set(norm_name(a)), set(norm_name(b))
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def names_match(predicted: str, gold_names: Iterable[str], partial: bool) -> bool:
    """Whether a predicted name is one of the gold names (or, ``partial``, holds or is held by one at half its length)."""
    p = norm_name(predicted)
    for g in map(norm_name, gold_names):
        if p == g:
            return True
        if partial and p and g:
            short, long_ = sorted((p, g), key=len)
            if short in long_ and len(short) / len(long_) >= 0.5:
                return True
    return False


def _area_matches(gold_area: str, labels: Sequence[str], opening: bool) -> bool:
    if gold_area == _overall():
        return opening
    return any(gold_area in a or a in gold_area for a in labels if a)


# --------------------------------------------------------------------------- counts


@dataclass
class Counts:
    """True positives, false positives, false negatives, and what follows from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall, F1 (0 where undefined)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def seen(self) -> bool:
        """Whether the type occurs in the gold or the output at all."""
        return bool(self.tp or self.fp or self.fn)

    def add(self, other: Counts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


@dataclass
class IndicatorCounts(Counts):
    """Indicator counts, with how many matched ones have the right work area and the exact metric."""

    area_ok: int = 0
    metric_exact: int = 0

    @property
    def area_accuracy(self) -> float:
        return self.area_ok / self.tp if self.tp else 0.0

    @property
    def metric_exact_rate(self) -> float:
        return self.metric_exact / self.tp if self.tp else 0.0


def _by_type() -> dict[str, Counts]:
    return {t: Counts() for t in vocab.ENTITY_TYPES}


@dataclass
class Score:
    """How a graph compares with a gold file (or, summed, a set of them)."""

    entities: dict[str, Counts] = field(default_factory=_by_type)
    entities_strict: dict[str, Counts] = field(default_factory=_by_type)
    indicators: IndicatorCounts = field(default_factory=IndicatorCounts)
    areas_found: int = 0
    areas_wanted: int = 0
    problems_found: int = 0
    problems_wanted: int = 0
    #: the misses behind the counts (``Type:name``); with exact names only, those the strict F1 counts
    missed_entities: list[str] = field(default_factory=list)
    spurious_entities: list[str] = field(default_factory=list)
    missed_entities_strict: list[str] = field(default_factory=list)
    spurious_entities_strict: list[str] = field(default_factory=list)
    missed_indicators: list[str] = field(default_factory=list)
    spurious_indicators: list[str] = field(default_factory=list)
    #: a set's sum: macro-F1 then averages all headline types, not only those that occur
    summed: bool = False

    def macro_f1(self, strict: bool = False) -> float:
        """Mean F1 over the headline types (a report: those in its gold or output; a set: all four)."""
        counts = self.entities_strict if strict else self.entities
        types = HEADLINE_TYPES if self.summed else [t for t in HEADLINE_TYPES if counts[t].seen]
        return sum(counts[t].prf()[2] for t in types) / len(types) if types else 0.0

    def add(self, other: Score, name: str = "") -> None:
        """Add another report's counts (its misses are listed under ``name``)."""
        for mine, theirs in ((self.entities, other.entities), (self.entities_strict, other.entities_strict)):
            for t in mine:
                mine[t].add(theirs[t])
        self.indicators.add(other.indicators)
        self.areas_found += other.areas_found
        self.areas_wanted += other.areas_wanted
        self.problems_found += other.problems_found
        self.problems_wanted += other.problems_wanted
        where = f"{name}: " if name else ""
        for kind in _MISSES:
            getattr(self, kind).extend(where + item for item in getattr(other, kind))

    def as_dict(self) -> dict[str, Any]:
        """The figures and counts for a script, rounded as the shared scorer rounds them."""

        def figures(c: Counts) -> dict[str, Any]:
            p, r, f1 = c.prf()
            return {"tp": c.tp, "fp": c.fp, "fn": c.fn, "p": round(p, 3), "r": round(r, 3), "f1": round(f1, 3)}

        ind = self.indicators
        return {
            "entities": {t: {**figures(self.entities[t]), "strict_f1": round(self.entities_strict[t].prf()[2], 3)}
                         for t in vocab.ENTITY_TYPES},
            "entity_macro_f1": round(self.macro_f1(), 3),
            "entity_macro_f1_strict": round(self.macro_f1(strict=True), 3),
            "indicators": {**figures(ind), "area_ok": ind.area_ok, "metric_exact": ind.metric_exact},
            "indicator_area_acc": round(ind.area_accuracy, 3),
            "indicator_metric_exact": round(ind.metric_exact_rate, 3),
            "areas_found": [self.areas_found, self.areas_wanted],
            "problems_found": [self.problems_found, self.problems_wanted],
            **{kind: getattr(self, kind) for kind in _MISSES},
        }


#: The lists of misses a score keeps, in the order they are reported.
_MISSES = ("missed_entities", "spurious_entities", "missed_entities_strict", "spurious_entities_strict",
           "missed_indicators", "spurious_indicators")


# --------------------------------------------------------------------------- gold files


def load_gold(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A gold file, checked: one JSON object with ``entities`` and ``indicators``; GoldError says what is wrong."""
    where = str(path)
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise GoldError(where, "no such gold file") from None
    except IsADirectoryError:
        raise GoldError(where, "is a folder, not a gold file") from None
    except UnicodeDecodeError:
        raise GoldError(where, "is not UTF-8 text") from None
    except json.JSONDecodeError as err:
        raise GoldError(where, f"not valid JSON at line {err.lineno}, column {err.colno}: {err.msg}") from None
    if not isinstance(gold, dict):
        raise GoldError(where, "a gold file is one JSON object with 'entities' and 'indicators'")
    for key in ("entities", "indicators"):
        if not isinstance(gold.get(key), list):
            raise GoldError(where, f"'{key}' must be a list")
    for n, ent in enumerate(gold["entities"], 1):
        _check_entity(where, n, ent)
    for n, ind in enumerate(gold["indicators"], 1):
        _check_indicator(where, n, ind)
    areas = gold.get("areas", {})
    if not isinstance(areas, dict) or not all(_strings(areas.get(k, [])) for k in ("summary", "plan")):
        raise GoldError(where, "'areas' must be {\"summary\": [labels], \"plan\": [labels]}")
    if not _strings(gold.get("problems", [])):
        raise GoldError(where, "'problems' must be a list of labels")
    return gold


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _check_entity(where: str, n: int, ent: object) -> None:
    if not isinstance(ent, dict):
        raise GoldError(where, f"entity {n} is not an object")
    if ent.get("type") not in vocab.ENTITY_TYPES or not all(t in vocab.ENTITY_TYPES for t in ent.get("alt_types", [])):
        raise GoldError(where, f"entity {n}: type must be one of {', '.join(vocab.ENTITY_TYPES)}; got {ent.get('type')!r}")
    if not _strings(ent.get("names")) or not ent["names"]:
        raise GoldError(where, f"entity {n}: 'names' must be a non-empty list of names")


def _check_indicator(where: str, n: int, ind: object) -> None:
    if not isinstance(ind, dict):
        raise GoldError(where, f"indicator {n} is not an object")
    if ind.get("kind") not in INDICATOR_KINDS:
        raise GoldError(where, f"indicator {n}: kind must be one of {', '.join(INDICATOR_KINDS)}; got {ind.get('kind')!r}")
    try:
        float(ind.get("value"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise GoldError(where, f"indicator {n}: value must be a number; got {ind.get('value')!r}") from None
    for key in ("metric", "unit") + (() if ind.get("optional") else ("area",)):
        if not isinstance(ind.get(key), str):
            raise GoldError(where, f"indicator {n}: '{key}' must be text")


# --------------------------------------------------------------------------- what the graph says


class _Union:
    """The built graph and the package's ontology read as one, as the shared scorer reads them.

    The ontology contributes its class hierarchy (``rdfs:subClassOf``); nothing
    is copied, each lookup asks both graphs.
    """

    def __init__(self, graphs: Sequence[Graph]) -> None:
        self.graphs = graphs

    def objects(self, s: Node, p: Node) -> Iterator[Node]:
        for g in self.graphs:
            yield from g.objects(s, p)

    def subjects(self, p: Node, o: Node | None) -> Iterator[Node]:
        for g in self.graphs:
            yield from g.subjects(p, o)

    def value(self, s: Node, p: Node) -> Node | None:
        return next(self.objects(s, p), None)

    def subclasses(self, cls: Node) -> set[Node]:
        """``cls`` and every class below it."""
        found, todo = {cls}, [cls]
        while todo:
            for sub in self.subjects(RDFS.subClassOf, todo.pop()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return found

    def instances(self, cls: Node) -> set[Node]:
        return {s for c in self.subclasses(cls) for s in self.subjects(RDF.type, c)}

    def label(self, node: Node) -> str | None:
        """The first rdfs:label or skos:prefLabel of an IRI; a literal is its own label."""
        if not isinstance(node, URIRef):
            return str(node)
        for p in (RDFS.label, SKOS.prefLabel):
            for o in self.objects(node, p):
                return str(o)
        return None

    def all_labels(self, node: Node) -> list[str]:
        if not isinstance(node, URIRef):
            return [str(node)]
        return [str(o) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel) for o in self.objects(node, p)]

    def opening_areas(self) -> set[Node]:
        """Work areas that no numbered section names: the openings of parts."""
        numbered = {self.value(s, RG.workArea) for s in self.subjects(RG.sectionNumber, None)}
        return self.instances(RG.WorkArea) - numbered

    def labels_found(self, cls: str, wanted: Sequence[str]) -> int:
        labels = [lab for x in self.instances(RG[cls]) for lab in self.all_labels(x)]
        has_opening = cls == "WorkArea" and bool(self.opening_areas())
        return sum((has_opening if w == _overall() else any(w in lab for lab in labels)) for w in wanted)


def _predicted_entities(g: _Union) -> list[tuple[str, list[str]]]:
    """(type, [names]) for every entity, canonical name first, in a fixed order."""
    out = []
    for t in vocab.ENTITY_TYPES:
        for e in g.instances(RG[t]):
            names = sorted({str(o) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel) for o in g.objects(e, p)})
            label = g.label(e)
            if label in names:
                names.remove(label)
                names.insert(0, label)
            if names:
                out.append((t, names))
    return sorted(out)  # the greedy matching below then gives the same figures every run


def _predicted_indicators(g: _Union) -> list[dict[str, Any]]:
    openings = g.opening_areas()
    out = []
    for kind, cls in vocab.INDICATOR_CLASSES.items():
        # rdflib orders its terms (IRIs by text), as the shared scorer sorts them
        for i in sorted(g.instances(RG[cls])):  # type: ignore[type-var]
            v, u = g.value(i, RG.value), g.value(i, RG.unit)
            if v is None or u is None:
                continue
            try:
                value = float(v)  # type: ignore[arg-type]
            except ValueError:
                continue
            metric, area = g.value(i, RG.metric), g.value(i, RG.workArea)
            out.append({"kind": kind, "value": value, "unit": g.label(u) or "",
                        "metric": g.label(metric) if metric is not None else "",
                        "area": g.all_labels(area) if area is not None else [],
                        "opening": area in openings})
    return out


def _score_entities(pred: list[tuple[str, list[str]]], gold: list[dict[str, Any]], partial: bool,
                    ) -> tuple[dict[str, Counts], list[str], list[str]]:
    """Greedy one-to-one matching, exact names first: per-type counts, missed and spurious entities."""
    stats = _by_type()
    used: set[int] = set()
    hits: dict[int, int] = {}
    for exact_pass in ((True, False) if partial else (True,)):
        for pi, (ptype, pnames) in enumerate(pred):
            if pi in hits:
                continue
            for gi, ge in enumerate(gold):
                if gi in used or ptype not in [ge["type"], *ge.get("alt_types", [])]:
                    continue
                if any(names_match(n, ge["names"], not exact_pass) for n in pnames):
                    hits[pi] = gi
                    used.add(gi)
                    break
    spurious = []
    for pi, (ptype, pnames) in enumerate(pred):
        hit = hits.get(pi)
        if hit is None:
            stats[ptype].fp += 1
            spurious.append(f"{ptype}:{pnames[0]}")
        elif not gold[hit].get("optional"):
            stats[gold[hit]["type"]].tp += 1
    missed = []
    for gi, ge in enumerate(gold):
        if gi not in used and not ge.get("optional"):
            stats[ge["type"]].fn += 1
            missed.append(f"{ge['type']}:{ge['names'][0]}")
    return stats, missed, spurious


def _score_indicators(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> tuple[IndicatorCounts, list[str], list[str]]:
    """Each prediction takes the unused gold indicator of its kind and quantity whose metric it shares most with."""
    gold_q = [norm_quantity(x["value"], x["unit"]) for x in gold]
    used: set[int] = set()
    counts = IndicatorCounts()
    spurious = []
    for p in pred:
        pq, pu = norm_quantity(p["value"], p["unit"])
        best, best_sim = None, 0.5
        for gi, gx in enumerate(gold):
            if gi in used or gx["kind"] != p["kind"]:
                continue
            gq, gu = gold_q[gi]
            if gu != pu or abs(gq - pq) > _TOLERANCE * max(abs(gq), 1.0):
                continue
            sim = overlap(p["metric"], gx["metric"])
            if sim >= best_sim:
                best, best_sim = gi, sim
        if best is None:
            counts.fp += 1
            spurious.append(f"{p['kind']}:{p['metric']}={p['value']}{p['unit']}")
            continue
        used.add(best)
        gx = gold[best]
        if gx.get("optional"):
            continue
        counts.tp += 1
        if _area_matches(gx["area"], p["area"], p["opening"]):
            counts.area_ok += 1
        if norm_name(p["metric"]) == norm_name(gx["metric"]):
            counts.metric_exact += 1
    missed = [f"{x['kind']}:{x['metric']}={x['value']}{x['unit']}"
              for gi, x in enumerate(gold) if gi not in used and not x.get("optional")]
    counts.fn = len(missed)
    return counts, missed, spurious


def _ontology() -> Graph:
    from reportgraph.validate import ONTOLOGY_FILE, packaged

    return Graph().parse(data=packaged(ONTOLOGY_FILE), format="turtle")


def score_graph(graph: Graph, gold: Mapping[str, Any], ontology: Graph | None = None) -> Score:
    """Compare one report's graph with its gold annotation (a dict as :func:`load_gold` gives it).

    ``ontology`` supplies the class hierarchy (default: the package's ontology);
    pass it when scoring many graphs, so it is parsed once.
    """
    g = _Union([graph, ontology if ontology is not None else _ontology()])
    entities = _predicted_entities(g)
    strict, missed_strict, spurious_strict = _score_entities(entities, gold["entities"], partial=False)
    partial, missed, spurious = _score_entities(entities, gold["entities"], partial=True)
    indicators, ind_missed, ind_spurious = _score_indicators(_predicted_indicators(g), gold["indicators"])
    areas = gold.get("areas", {})
    area_words = [*areas.get("summary", []), *areas.get("plan", [])]
    problems = gold.get("problems", [])
    return Score(
        entities=partial, entities_strict=strict, indicators=indicators,
        areas_found=g.labels_found("WorkArea", area_words), areas_wanted=len(area_words),
        problems_found=g.labels_found("Problem", problems), problems_wanted=len(problems),
        missed_entities=missed, spurious_entities=spurious,
        missed_entities_strict=missed_strict, spurious_entities_strict=spurious_strict,
        missed_indicators=ind_missed, spurious_indicators=ind_spurious,
    )


# --------------------------------------------------------------------------- a set of annotated reports


@dataclass
class SetScore:
    """A set's figures: the summed score, each report's own, and the reports that could not be built."""

    name: str
    total: Score = field(default_factory=lambda: Score(summed=True))
    reports: list[tuple[str, Score]] = field(default_factory=list)
    failed: list[ReportError] = field(default_factory=list)
    #: gold files with no report text beside them: not scored
    skipped: list[str] = field(default_factory=list)


def set_members(folder: str | os.PathLike[str]) -> list[tuple[str, Path, Path | None]]:
    """(name, gold file, report text or None) for each ``gold/NAME.json`` of a set folder, by name.

    The text is ``corpus/NAME.txt``, or else the one ``corpus/NAME.*`` there is.
    """
    root = Path(folder)
    gold_dir, corpus = root / "gold", root / "corpus"
    if not gold_dir.is_dir() or not corpus.is_dir():
        raise ReportError(str(folder), "is not an evaluation set: it needs gold/NAME.json files and their texts in corpus/")
    members: list[tuple[str, Path, Path | None]] = []
    for gold in sorted(gold_dir.glob("*.json")):
        name = gold.stem
        text = corpus / f"{name}.txt"
        if text.is_file():
            members.append((name, gold, text))
            continue
        others = sorted(p for p in corpus.glob(f"{glob.escape(name)}.*") if p.is_file())
        members.append((name, gold, others[0] if len(others) == 1 else None))
    if not members:
        raise ReportError(str(gold_dir), "has no gold files (NAME.json)")
    return members


def score_set(
    folder: str | os.PathLike[str],
    *,
    lexicon: Lexicon | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> SetScore:
    """Build each report of a set folder alone, as ``reportgraph build`` would, and score it against its gold.

    ``progress(n, total, name)`` is called before each report.
    """
    from reportgraph import pipeline
    from reportgraph.lexicon import Lexicon

    members = set_members(folder)
    lex = lexicon if lexicon is not None else Lexicon.load()
    ontology = _ontology()
    result = SetScore(name=Path(folder).resolve().name)
    for n, (name, gold_path, text) in enumerate(members, 1):
        if progress is not None:
            progress(n, len(members), name)
        gold = load_gold(gold_path)
        if text is None:
            result.skipped.append(name)
            continue
        built = pipeline.build([text], lexicon=lex)
        if not built.reports:
            result.failed.extend(built.errors or [ReportError(str(text), "nothing was built")])
            continue
        score = score_graph(built.graph, gold, ontology)
        result.reports.append((name, score))
        result.total.add(score, name)
    return result
