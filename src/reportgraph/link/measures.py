"""Measures as concepts: 地区生产总值, 生产总值, GDP and 经济增长 are one measure.

The metric concept scheme (``data/link/measures.tsv``, extended by a user's own
file) gives each measure its synonyms and the direction that counts as better.
An indicator names a measure when its metric, without the scope and change
words around it (全省…增长), is one of the measure's synonyms; or, where the
metric read from the text is no measure's name (``迈上14万亿元新台阶``), when
the figure's clause names the measure right before it. A narrower or broader
metric (工业投资 is not 固定资产投资) names no measure.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from reportgraph.datafiles import datafile
from reportgraph.errors import ReportError
from reportgraph.link.names import norm
from reportgraph.model import Indicator
from reportgraph.text import CLAUSE_REACH, clause_bounds, fold

_SCHEME = datafile("link/measures.tsv")
_WORDS = datafile("link/measure_words.tsv").grouped
#: Words of the speaker's scope or time before a metric (全省, 预计 …), longest first.
OPENINGS = tuple(sorted(_WORDS.get("opening", ()), key=len, reverse=True))
_CLOSINGS = tuple(sorted(_WORDS.get("closing", ()), key=len, reverse=True))
_LINKS = tuple(sorted(_WORDS.get("link", ()), key=len, reverse=True))

#: The directions a measure can be better in.
BETTER = ("higher", "lower", "closer")


@dataclass(frozen=True)
class Measure:
    """One metric concept."""

    name: str
    better: str
    synonyms: tuple[str, ...]
    #: words that speak of the measure without naming a figure (粮食生产 of 粮食产量)
    topics: tuple[str, ...] = ()


@dataclass
class Measures:
    """The scheme: measures by name, and a lookup from every synonym."""

    measures: dict[str, Measure] = field(default_factory=dict)

    @classmethod
    def load(cls, user_file: str | Path | None = None) -> "Measures":
        """The packaged scheme and, if given, a user's file of more measures (the same columns)."""
        out = cls()
        for n, row in enumerate(_SCHEME.rows, 1):
            out._add(row, f"reportgraph/data/{_SCHEME.path}", n)
        if user_file is not None:
            path = Path(user_file)
            try:
                text = path.read_text(encoding="utf-8-sig")
            except FileNotFoundError:
                raise ReportError(str(path), "measures file not found") from None
            except (OSError, UnicodeDecodeError) as err:
                raise ReportError(str(path), f"cannot read measures file: {err}") from None
            for n, line in enumerate(text.splitlines(), 1):
                if line.strip() and not line.lstrip().startswith("#"):
                    out._add(tuple(c.strip() for c in line.split("\t")), str(path), n)
        return out

    def _add(self, row: tuple[str, ...], where: str, n: int) -> None:
        if len(row) < 3 or not row[0] or row[1] not in BETTER:
            raise ReportError(where, f"line {n}: expected MEASURE<TAB>BETTER<TAB>SYNONYMS[<TAB>TOPIC WORDS], "
                                     f"BETTER one of {', '.join(BETTER)}")
        synonyms = tuple(dict.fromkeys(s for s in (row[0], *row[2].split("|")) if s))
        topics = tuple(t for t in (row[3].split("|") if len(row) > 3 else ()) if t)
        self.measures[row[0]] = Measure(row[0], row[1], synonyms, topics)
        self.__dict__.pop("_by_synonym", None)

    @property
    def _lookup(self) -> dict[str, str]:
        table = self.__dict__.get("_by_synonym")
        if table is None:
            table = {norm(s): m.name for m in self.measures.values() for s in m.synonyms}
            self.__dict__["_by_synonym"] = table
        return table

    def named_by(self, metric: str) -> str:
        """The measure a metric names, or "": 全省地区生产总值增长 names 地区生产总值."""
        for form in metric_forms(norm(metric)):
            hit = self._lookup.get(form)
            if hit:
                return hit
        return ""

    def in_clause(self, text: str, start: int, metric: str = "") -> str:
        """The measure that the clause of ``text`` before position ``start`` (a figure) consists of, or "".

        For a figure whose metric was read from elsewhere (迈上14万亿元新台阶): the clause
        before it, without its opening and linking words, must be the measure's name.
        """
        lo, _ = clause_bounds(text, start, start)
        before = norm(text[lo:start])
        if metric and before.endswith(norm(metric)):
            return ""  # the metric stands right before its figure: it is what the figure measures
        for word in _LINKS:
            if before.endswith(word):
                before = before[: -len(word)]
                break
        return self._lookup.get(strip_openings(before), "")

    def topic_words(self, name: str) -> tuple[str, ...]:
        """Every word that names or speaks of the measure: its synonyms and topic words."""
        m = self.measures.get(name)
        return (*m.synonyms, *m.topics) if m else ()


def strip_openings(clause: str) -> str:
    """``clause`` without the opening words it starts with (全省, 全年 …), as many as there are."""
    stripped = True
    while stripped:
        stripped = False
        for word in OPENINGS:
            if clause.startswith(word) and len(clause) > len(word):
                clause = clause[len(word):]
                stripped = True
                break
    return clause


def metric_forms(metric: str) -> list[str]:
    """The metric and its forms without opening and closing words, longest first (全省…实际增长)."""
    out = [metric]
    core = metric
    for word in OPENINGS:
        if core.startswith(word) and len(core) > len(word):
            core = core[len(word):]
            out.append(core)
            break
    stripped = True
    while stripped:
        stripped = False
        for word in _CLOSINGS:
            if core.endswith(word) and len(core) > len(word):
                core = core[: -len(word)]
                out.append(core)
                stripped = True
                break
    return out


def with_measures(indicators: list[Indicator], scheme: Measures) -> list[Indicator]:
    """The indicators, each with the measure its metric (or its clause) names."""
    out = []
    for ind in indicators:
        measure = scheme.named_by(ind.metric) if ind.metric else ""
        if not measure:
            at = ind.start - ind.sentence.start
            lo = max(0, at - CLAUSE_REACH)  # the clause before the figure reaches no further
            measure = scheme.in_clause(fold(ind.sentence.text[lo:at]), at - lo, ind.metric)
        out.append(dataclasses.replace(ind, measure=measure) if measure != ind.measure else ind)
    return out
