"""Query results as text: a terminal table, CSV, TSV, SPARQL JSON, Turtle.

The table is for people reading Chinese in a terminal: CJK characters take
two columns, so widths are counted in display columns, not characters, and
long cells are cut with ``…`` so that each row stays on one line. The other
formats are for programs and keep every value whole.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import islice
from typing import Any, TextIO, Union

import pyoxigraph as ox

from reportgraph.graphfile import XSD_STRING
from reportgraph.pname import Shortener
from reportgraph.safetext import spreadsheet_cell, terminal_safe
from reportgraph.sparql import PREFIXES, EngineResult, OxTerm, QueryError, QueryResult
from reportgraph.termwidth import display_width, pad, truncate

__all__ = ["DEFAULT_TABLE_ROWS", "FORMATS", "Written", "display_width", "fit_widths", "json_term", "render", "truncate", "write"]

#: The output formats of ``reportgraph query --format``.
FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json", "ttl")

_XSD = PREFIXES["xsd"]
_NUMERIC = frozenset(_XSD + t for t in (
    "integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
    "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
))
_GAP = "  "
#: One result row: a SELECT's values, or a triple's subject, predicate and object.
Row = Sequence[Union[OxTerm, None]]
#: A column is never cut narrower than this (unless its content is narrower).
_MIN_COLUMN = 6
#: Namespaces longest first, so ``community:`` wins over ``inst:``, a shorter prefix of it.
_NAMESPACES = sorted(((ns, p) for p, ns in PREFIXES.items()), key=lambda item: -len(item[0]))


# --------------------------------------------------------------------------- column widths


def fit_widths(natural: Sequence[int], available: int | None, minimum: int = _MIN_COLUMN) -> list[int]:
    """Column widths that fit ``available`` columns in all: the widest columns give way first.

    Every column keeps ``min(natural, minimum)``; above that, a common cap is
    lowered until the sum fits (water-filling), and leftover columns go to the
    capped columns from the left. With no limit, or enough room, widths are natural.
    """
    widths = list(natural)
    if available is None or sum(widths) <= available:
        return widths
    floors = [min(w, minimum) for w in widths]
    if sum(floors) >= available:
        return floors

    def total(cap: int) -> int:
        return sum(max(f, min(w, cap)) for w, f in zip(widths, floors))

    lo, hi = 0, max(widths)
    while lo < hi:  # the largest cap whose total still fits
        mid = (lo + hi + 1) // 2
        if total(mid) <= available:
            lo = mid
        else:
            hi = mid - 1
    fitted = [max(f, min(w, lo)) for w, f in zip(widths, floors)]
    spare = available - sum(fitted)
    for i, w in enumerate(widths):
        if spare <= 0:
            break
        if fitted[i] < w:
            fitted[i] += 1
            spare -= 1
    return fitted


# --------------------------------------------------------------------------- terms as text


#: IRIs as the table shows them: in a form that pastes back into a query (``community:沙头社区``,
#: ``report:dc78e3b12d40\\/s21``, ``<http://example.org/x>``).
compact_iri = Shortener(PREFIXES)


def _number_text(term: ox.Literal) -> str:
    """Numbers as a person writes them: ``7.0`` -> ``7``, ``5.12e8`` -> ``512000000``."""
    text = term.value
    datatype = term.datatype.value
    try:
        if datatype == _XSD + "decimal":
            return text[:-2] if text.endswith(".0") else text
        if datatype in (_XSD + "double", _XSD + "float"):
            number = float(text)
            if number.is_integer() and abs(number) < 1e15:
                return str(int(number))
            return repr(number)
    except ValueError:
        pass
    return text


def _table_text(term: OxTerm | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        text = _number_text(term) if term.datatype.value in _NUMERIC else term.value
    elif isinstance(term, ox.NamedNode):
        text = compact_iri(term.value)
    elif isinstance(term, ox.BlankNode):
        text = f"_:{term.value}"
    else:
        text = str(term)
    # one row, one line: line breaks and tabs become spaces; other control characters are shown as
    # escapes, so that report text can never drive the terminal
    if any(ch in text for ch in "\n\r\t"):
        text = " ".join(text.split())
    return terminal_safe(text)


def _plain_text(term: OxTerm | None) -> str:
    """The value as the W3C SPARQL CSV format writes it: IRIs and literals without markup.

    Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) gets a
    leading ``'``, as in ``reportgraph export --format csv``; numbers stay numbers.
    """
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        if term.datatype.value in _NUMERIC and _is_number(term.value):
            return term.value
        return spreadsheet_cell(term.value)
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def _is_number(text: str) -> bool:
    """A numeric literal's lexical form is a number (``-5``, ``1E3``, ``-INF``), not text posing as one."""
    try:
        Decimal(text)
    except InvalidOperation:
        return False
    return True


def _is_numeric(term: OxTerm | None) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC


# --------------------------------------------------------------------------- formats


def _columns(result: QueryResult) -> tuple[list[str], list[tuple[OxTerm | None, ...]]]:
    if result.kind == "graph":
        return ["subject", "predicate", "object"], [(t.subject, t.predicate, t.object) for t in result.triples]
    return result.variables, result.rows


def format_table(result: QueryResult, width: int | None = None, more: str = "") -> str:
    """An aligned table, cut to ``width`` display columns when given, with a row count at the end.

    ``more`` is said in the count's line when the rows shown are not all of them.
    """
    headers, rows = _columns(result)
    footer = f"({_count(len(rows))}{more})"
    if not headers:
        return footer + "\n"
    cells = [[_table_text(t) for t in row] for row in rows]
    numeric = [
        bool(rows) and all(row[i] is None or _is_numeric(row[i]) for row in rows) and any(row[i] is not None for row in rows)
        for i in range(len(headers))
    ]
    natural = [max([display_width(h), *(display_width(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    available = None if width is None else max(1, width - len(_GAP) * (len(headers) - 1))
    widths = fit_widths(natural, available)

    def line(values: Sequence[str], align: Sequence[bool]) -> str:
        parts = [pad(truncate(v, w), w, right) for v, w, right in zip(values, widths, align)]
        return _GAP.join(parts).rstrip()

    out = [line(headers, [False] * len(headers)), _GAP.join("-" * w for w in widths)]
    out.extend(line(r, numeric) for r in cells)
    out.append(footer)
    return "\n".join(out) + "\n"


def _count(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


def format_csv(result: QueryResult) -> str:
    """W3C SPARQL 1.1 CSV: a header of variable names, then plain values (RFC 4180 quoting, CRLF)."""
    buf = io.StringIO()
    _write_csv(buf, *_columns(result))
    return buf.getvalue()


def _write_csv(out: TextIO, headers: Sequence[str], rows: Iterable[Row]) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_plain_text(t) for t in row])


def _tsv_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def format_tsv(result: QueryResult) -> str:
    """The plain values of CSV, tab-separated; a tab, newline or backslash in a value is written ``\\t``, ``\\n``, ``\\\\``."""
    buf = io.StringIO()
    _write_tsv(buf, *_columns(result))
    return buf.getvalue()


def _write_tsv(out: TextIO, headers: Sequence[str], rows: Iterable[Row]) -> None:
    out.write("\t".join(headers) + "\n")
    for row in rows:
        out.write("\t".join(_tsv_cell(_plain_text(t)) for t in row) + "\n")


def json_term(term: OxTerm) -> dict[str, Any]:
    """A term as SPARQL 1.1 Query Results JSON writes it (RDF-star triples as SPARQL 1.2 does)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {  # SPARQL 1.2 / RDF-star quoted triple
        "type": "triple",
        "value": {"subject": json_term(term.subject), "predicate": json_term(term.predicate),
                  "object": json_term(term.object)},
    }


def format_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON for SELECT and ASK; JSON-LD for CONSTRUCT and DESCRIBE."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
    if result.kind == "graph":
        return _serialize(result.triples, ox.RdfFormat.JSON_LD) + "\n"
    buf = io.StringIO()
    _write_json_rows(buf, result.variables, result.rows)
    return buf.getvalue()


def _write_json_rows(out: TextIO, variables: list[str], rows: Iterable[Row]) -> None:
    """SPARQL JSON results, one binding at a time: the text ``json.dumps(doc, indent=1)`` gives, streamed."""
    head = json.dumps({"head": {"vars": variables}, "results": {"bindings": []}}, ensure_ascii=False, indent=1)
    before, _, after = head.rpartition("[]")
    out.write(before + "[")
    separator = "\n"
    for row in rows:
        binding = {v: json_term(t) for v, t in zip(variables, row) if t is not None}
        out.write(separator + _JSON_ROW_INDENT + json.dumps(binding, ensure_ascii=False, indent=1).replace(
            "\n", "\n" + _JSON_ROW_INDENT))
        separator = ",\n"
    out.write(("]" if separator == "\n" else "\n" + _JSON_ROW_INDENT[:-1] + "]") + after + "\n")


def format_turtle(result: QueryResult) -> str:
    """Turtle for CONSTRUCT and DESCRIBE results, declaring only the prefixes it uses."""
    if result.kind != "graph":
        kind = "an ASK" if result.kind == "ask" else "a SELECT"
        raise QueryError(f"--format ttl is for CONSTRUCT and DESCRIBE queries; {kind} query gives table, csv, tsv or json")
    used: dict[str, str] = {}
    for t in result.triples:
        for term in (t.subject, t.predicate, t.object):
            iri = term.value if isinstance(term, ox.NamedNode) else (
                term.datatype.value if isinstance(term, ox.Literal) else "")
            for ns, prefix in _NAMESPACES:
                if iri.startswith(ns):
                    used[prefix] = ns
                    break
    prefixes = {p: used[p] for p in PREFIXES if p in used}
    return _serialize(result.triples, ox.RdfFormat.TURTLE, prefixes)


#: Where a binding sits in the SPARQL JSON document: inside results, inside bindings.
_JSON_ROW_INDENT = "   "


def _serialize(triples: list[ox.Triple], fmt: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> str:
    data = ox.serialize(triples, format=fmt, prefixes=prefixes)
    return data.decode("utf-8") if data is not None else ""


def render(result: QueryResult, fmt: str | None = None, width: int | None = None) -> str:
    """The result in ``fmt`` (default: table, or Turtle for a graph); ASK prints ``true``/``false``."""
    if fmt is None:
        fmt = "ttl" if result.kind == "graph" else "table"
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if result.kind == "ask" and fmt != "json":
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "table":
        return format_table(result, width)
    if fmt == "csv":
        return format_csv(result)
    if fmt == "tsv":
        return format_tsv(result)
    if fmt == "json":
        return format_json(result)
    return format_turtle(result)


# --------------------------------------------------------------------------- streaming


#: Rows the table shows unless ``--max-rows`` says otherwise: it is read by a person, and its
#: columns are sized from every row it shows, so it holds them all in memory.
DEFAULT_TABLE_ROWS = 10_000


@dataclass(frozen=True)
class Written:
    """What :func:`write` wrote: the kind of result, its format, the rows (or triples) shown, whether more were left out."""

    kind: str
    fmt: str
    rows: int
    cut: bool = False
    boolean: bool | None = None


def write(result: EngineResult, out: TextIO, fmt: str | None = None, width: int | None = None,
          max_rows: int | None = None) -> Written:
    """Write the engine's result as :func:`render` would, rows as they come where the format allows.

    CSV, TSV and SPARQL JSON are written row by row, so a large result is
    never gathered; the table shows at most ``max_rows`` rows (default
    :data:`DEFAULT_TABLE_ROWS`, 0: all) and says in its footer when there
    are more; Turtle and JSON-LD gather their triples first (Turtle to
    declare the prefixes it uses). ``max_rows`` cuts the other formats too
    when it is given; :attr:`Written.cut` then tells the caller to say so.
    """
    if isinstance(result, ox.QueryBoolean):
        collected = QueryResult("ask", boolean=bool(result))
        out.write(render(collected, fmt, width))
        return Written("ask", fmt or "table", 1 if collected.boolean else 0, boolean=collected.boolean)
    graph = isinstance(result, ox.QueryTriples)
    fmt = fmt or ("ttl" if graph else "table")
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "table" and max_rows is None:
        max_rows = DEFAULT_TABLE_ROWS
    limit = max_rows or None
    if graph:
        headers = ["subject", "predicate", "object"]
        rows: Iterator[Row] = ((t.subject, t.predicate, t.object) for t in result)
    else:
        headers = [v.value for v in result.variables]
        rows = (tuple(solution) for solution in result)
    taken = _Counted(rows, limit)
    if fmt == "csv":
        _write_csv(out, headers, taken)
    elif fmt == "tsv":
        _write_tsv(out, headers, taken)
    elif fmt == "json" and not graph:
        _write_json_rows(out, headers, taken)
    else:
        shown = list(taken)
        collected = (QueryResult("graph", triples=[ox.Triple(*row) for row in shown]) if graph
                     else QueryResult("select", variables=headers, rows=[tuple(row) for row in shown]))
        if fmt == "table":
            more = ("; more were left out: --max-rows 0 shows them all, and --format csv, tsv or json "
                    "prints every row") if taken.cut else ""
            out.write(format_table(collected, width, more))
        else:
            out.write(render(collected, fmt, width))
    return Written("graph" if graph else "select", fmt, taken.count, taken.cut)


class _Counted:
    """The rows, at most ``limit`` of them, counted as they are read; ``cut`` once a row past the limit is seen."""

    def __init__(self, rows: Iterator[Row], limit: int | None) -> None:
        self._rows = rows
        self._limit = limit
        self.count = 0
        self.cut = False

    def __iter__(self) -> Iterator[Row]:
        for row in islice(self._rows, self._limit):
            self.count += 1
            yield row
        if self._limit is not None and self.count == self._limit:
            self.cut = next(self._rows, None) is not None
