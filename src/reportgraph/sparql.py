"""SPARQL over report graphs: load a graph once, ask it questions, get rows back.

The engine is `pyoxigraph <https://pyoxigraph.readthedocs.io/>`_, an embedded
SPARQL 1.1 engine that runs in this process. rdflib's own engine answers the
same queries, but on a graph of a million triples it takes tens of seconds to
parse and seconds per join (see ``benchmarks/bench_query.py``); pyoxigraph
loads it in seconds and answers in milliseconds. rdflib graphs stay the
project's currency: :func:`query` takes one (or a file, or a
:class:`QueryGraph`) and gives rows of rdflib terms.

Every prefix a graph file of reportgraph declares (:data:`PREFIXES`, the
instance kinds' ``community:`` … among them) is declared for every query, so
a user never has to write ``PREFIX rg: <...>`` and a name read in a file or a
table pastes in as it is. Named queries are ``.rq`` files in
``reportgraph/queries/``. Parameters, theirs and a user's, are bound as
values: each one escaped into a ``VALUES`` constant (:meth:`QueryGraph.bind`),
in the form the graph's literals take, never read as query syntax.

This module does not import rdflib unless a caller hands it an rdflib graph
or asks for rdflib terms, so ``reportgraph query`` starts fast.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Union

import pyoxigraph as ox

from reportgraph import graphfile, vocab
from reportgraph.gcpause import gc_paused
from reportgraph.pname import Shortener, escaped_local
from reportgraph.safetext import terminal_safe
from reportgraph.termwidth import display_width

if TYPE_CHECKING:  # only for annotations: importing rdflib costs start-up time
    from rdflib import Graph
    from rdflib.term import Node

__all__ = [
    "PREFIXES", "EngineResult", "GraphSource", "NamedQuery", "Param", "QueryError", "QueryGraph", "QueryResult",
    "QuerySyntaxError", "UnknownQueryError", "bind_values", "complete_query", "load", "named_queries", "named_query",
    "parse_param", "query", "similar_names", "sparql_string",
]

#: Prefixes declared for every query (a query's own PREFIX lines override them): all that a
#: graph file written by reportgraph declares, the instance kinds' (``community:``) among them.
PREFIXES: dict[str, str] = dict(vocab.PREFIXES)

#: IRIs in the form that pastes into a query (``community:沙头社区``), for messages.
_shorten = Shortener(PREFIXES)

#: One term of a result as the engine gives it.
OxTerm = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]
#: What the engine gives for a query, its rows read lazily.
EngineResult = Union[ox.QuerySolutions, ox.QueryBoolean, ox.QueryTriples]
#: What :func:`query` accepts as the graph.
GraphSource = Union["Graph", "QueryGraph", str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]]

QueryKind = Literal["select", "ask", "graph"]


# --------------------------------------------------------------------------- errors


class QueryError(Exception):
    """A query could not be run; ``str()`` is one message for the user (no traceback)."""


class QuerySyntaxError(QueryError):
    """The query text is not SPARQL: says where (1-based line and column) and what was expected."""

    def __init__(self, message: str, line: int, column: int, source_line: str = "") -> None:
        super().__init__(f"SPARQL syntax error at line {line}, column {column}: {message}")
        self.line = line
        self.column = column
        self.source_line = source_line
        self.reason = message

    def pointer(self) -> str:
        """The offending line with a caret under the column, for a terminal."""
        if not self.source_line:
            return ""
        text = self.source_line.replace("\t", " ")
        col = max(1, min(self.column, len(text) + 1))
        # control characters are shown as escapes, and the caret counts them as shown
        return f"  {terminal_safe(text)}\n  {' ' * display_width(terminal_safe(text[: col - 1]))}^"


class UnknownQueryError(QueryError):
    """A named query that does not exist; the message lists the ones that do."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known = sorted(known)
        super().__init__(f"no named query {name!r}; the named queries are: {', '.join(self.known)}")


_ERROR_AT = re.compile(r"^error at (\d+):(\d+): (.*)$", re.S)
_CHAR_CLASS = re.compile(r"\[(?:'(?:[^'\\]|\\.)*'|[^\]'])*\]")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_PREFIXED_NAME = re.compile(r"(?<![\w?$:<\"'.-])([A-Za-z][\w.-]*)?:(?=[\w%\\])")
_SLASHED_NAME = re.compile(r"(?<![\w?$:<\"'.\\-])[A-Za-z][\w.-]*:[^\s/<>\"{}()\\]*/[^\s<>\"{}()]*")
_QUERY_FORM = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.I)
_DECLARED_PREFIX = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:", re.I)


def _syntax_error(err: SyntaxError, sparql: str) -> QuerySyntaxError:
    """Turn the engine's message (a parser's ``expected one of ...`` list) into a readable one."""
    raw = str(err)
    m = _ERROR_AT.match(raw)
    if not m:
        return QuerySyntaxError(raw.splitlines()[0] if raw else "invalid query", 1, 1, _line(sparql, 1))
    line, column, detail = _past_the_end(sparql, int(m.group(1)), int(m.group(2))) + (m.group(3),)
    if not _QUERY_FORM.search(_strip_strings_and_comments(sparql)):
        message = "a query must have a SELECT, CONSTRUCT, ASK or DESCRIBE clause (after any PREFIX lines)"
        return QuerySyntaxError(message, line, column, _line(sparql, line))
    unknown = _unknown_prefix(sparql) if "Prefix not found" in detail else None
    if unknown is not None:
        prefix, line, column = unknown
        known = ", ".join(sorted(PREFIXES))
        message = f"unknown prefix '{prefix}:' (declared for you: {known}; add a PREFIX line for others)"
        return QuerySyntaxError(message, line, column, _line(sparql, line))
    message = _expected(detail)
    slashed = _SLASHED_NAME.search(_line(_strip_strings_and_comments(sparql), line))
    if slashed:  # inst:community/沙头社区, as older versions printed it, is not SPARQL as it is
        prefix, _, local = slashed.group(0).partition(":")
        if prefix in PREFIXES:
            iri = PREFIXES[prefix] + local
            message += f"; a prefixed name cannot contain '/': write {_shorten(iri)} or the full IRI <{iri}>"
        else:
            message += f"; a prefixed name cannot contain '/': write {prefix}:{local.replace('/', chr(92) + '/')}"
    return QuerySyntaxError(message, line, column, _line(sparql, line))


#: The engine's own explanations, said in terms a user can act on.
_NOTES: dict[str, str] = {
    "The SELECT contains a variable that is unbound": (
        "a variable in SELECT is neither grouped nor aggregated: with COUNT, SUM, GROUP_CONCAT …, "
        "every other selected variable must be in GROUP BY"
    ),
}


def _past_the_end(sparql: str, line: int, column: int) -> tuple[int, int]:
    """An error reported after the last word (the query ends too soon) points just after that word."""
    lines = sparql.splitlines()
    offset = sum(len(text) + 1 for text in lines[: line - 1]) + column - 1
    stripped = sparql.rstrip()
    if offset < len(stripped) or not stripped:
        return line, column
    last_line = stripped.count("\n") + 1
    return last_line, len(stripped) - (stripped.rfind("\n") + 1) + 1


def _expected(detail: str) -> str:
    """``expected one of A, B, [char class], "x"`` -> the words a person can act on."""
    detail = " ".join(detail.split())
    lead = "expected one of "
    if not detail.startswith(lead):
        return detail
    body = _CHAR_CLASS.sub(" ", detail[len(lead):])
    items: list[str] = []
    notes: list[str] = []
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"|[^,]+', body):
        item = m.group(0).strip()
        if not item:
            continue
        quoted = _QUOTED.fullmatch(item)
        if quoted:
            token = quoted.group(1).replace('\\"', '"').replace("\\\\", "\\")
            items.append(f"'{token}'")
        elif " " in item:
            notes.append(item.rstrip("."))  # the engine's own words, e.g. "The SELECT contains ..."
        elif item not in ("_", "[_]"):
            items.append(item)
    if notes:
        return "; ".join(_NOTES.get(n, n) for n in notes)
    if not items:
        return "unexpected text here"
    shown = items[:12]
    more = ", …" if len(items) > len(shown) else ""
    if len(items) == 1:
        return f"expected {shown[0]}"
    return "expected one of " + ", ".join(shown) + more


def _line(text: str, number: int) -> str:
    lines = text.splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else ""


_STRINGS_AND_COMMENTS = (
    r'"""(?:[^\\]|\\.)*?"""|\'\'\'(?:[^\\]|\\.)*?\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
)
_IRI_REF = r'<[^<>"{}|^`\\\x00-\x20]*>'
_BLANKED = re.compile(f"{_STRINGS_AND_COMMENTS}|{_IRI_REF}|#[^\\n]*", re.S)
#: Strings and comments, with IRIs matched (and kept) so that a ``#`` inside one is not a comment.
_BLANKED_BUT_IRIS = re.compile(f"({_IRI_REF})|{_STRINGS_AND_COMMENTS}|#[^\\n]*", re.S)


def _strip_strings_and_comments(sparql: str, keep_iris: bool = False) -> str:
    """The query with strings, IRIs (unless kept) and comments blanked (same length), so names can be searched."""

    def blank(m: re.Match[str]) -> str:
        if keep_iris and m.group(1) is not None:
            return m.group(0)
        return re.sub(r"[^\n]", " ", m.group(0))

    return (_BLANKED_BUT_IRIS if keep_iris else _BLANKED).sub(blank, sparql)


def _unknown_prefix(sparql: str) -> tuple[str, int, int] | None:
    """The first prefixed name whose prefix nobody declared, with its line and column."""
    text = _strip_strings_and_comments(sparql)
    declared = set(PREFIXES) | {m.group(1) or "" for m in _DECLARED_PREFIX.finditer(text)}
    for m in _PREFIXED_NAME.finditer(text):
        prefix = m.group(1) or ""
        if prefix in declared:
            continue
        start = m.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        return prefix, line, column
    return None


# --------------------------------------------------------------------------- named queries


@dataclass(frozen=True)
class Param:
    """A named query's parameter: bound to the variable ``?name`` as a plain string literal."""

    name: str
    help: str


@dataclass(frozen=True)
class NamedQuery:
    """A query shipped with the package: ``reportgraph query --name NAME``."""

    name: str
    summary: str
    sparql: str
    params: tuple[Param, ...] = ()

    @property
    def usage(self) -> str:
        """``entity NAME``: how the command line calls it."""
        return " ".join([self.name, *(p.name.upper() for p in self.params)])

    def bindings(self, args: Sequence[str]) -> dict[str, str]:
        """Positional arguments -> parameter values; a wrong count is a QueryError that shows the usage."""
        if len(args) != len(self.params):
            if self.params:
                want = ", ".join(f"{p.name.upper()} ({p.help})" for p in self.params)
                raise QueryError(f"the named query {self.name!r} needs {want}: reportgraph query --name {self.usage}")
            raise QueryError(f"the named query {self.name!r} takes no arguments, got: {' '.join(args)}")
        return {p.name: value for p, value in zip(self.params, args)}


_HEADER = re.compile(r"^#\s*(summary|param)\s*:\s*(.*)$")


def _parse_named(name: str, text: str) -> NamedQuery:
    summary = ""
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "summary":
            summary = value
        else:
            pname, _, phelp = value.partition(" ")
            params.append(Param(pname, phelp.strip()))
    return NamedQuery(name=name, summary=summary, sparql=text, params=tuple(params))


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every named query shipped in ``reportgraph/queries/``, by name, sorted."""
    folder = resources.files("reportgraph") / "queries"
    found: dict[str, NamedQuery] = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            found[name] = _parse_named(name, entry.read_text(encoding="utf-8"))
    return dict(sorted(found.items()))


def named_query(name: str) -> NamedQuery:
    """The named query ``name``; UnknownQueryError (listing the known ones) if there is none."""
    queries = named_queries()
    if name not in queries:
        raise UnknownQueryError(name, queries)
    return queries[name]


# --------------------------------------------------------------------------- results


@dataclass
class QueryResult:
    """What a query gave, in the engine's terms: rows for SELECT, a boolean for ASK, triples otherwise."""

    kind: QueryKind
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[OxTerm | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def __len__(self) -> int:
        if self.kind == "select":
            return len(self.rows)
        if self.kind == "graph":
            return len(self.triples)
        return 1 if self.boolean else 0

    def as_dicts(self) -> list[dict[str, Node | None]]:
        """Rows as ``{variable: rdflib term or None}``; see :func:`query` for ASK and graph results."""
        convert = _rdflib_terms()
        if self.kind == "select":
            names = self.variables
            return [{v: convert(t) for v, t in zip(names, row)} for row in self.rows]
        if self.kind == "ask":
            return [{}] if self.boolean else []
        return [
            {"subject": convert(t.subject), "predicate": convert(t.predicate), "object": convert(t.object)}
            for t in self.triples
        ]


def _rdflib_terms() -> Callable[[OxTerm | None], Node | None]:
    """Engine term (or an unbound None) -> rdflib term, each distinct term converted once."""
    convert = graphfile.ToRdflib()
    return lambda term: None if term is None else convert(term)


# --------------------------------------------------------------------------- the graph


class QueryGraph:
    """A graph loaded into the SPARQL engine, ready for many queries.

    Loading is the slow part on a large graph, so load once and query often::

        g = QueryGraph.load(["output/graph.ttl"])
        rows = g.query("SELECT ?c WHERE { ?c a rg:Community }")
    """

    def __init__(self, store: ox.Store | None = None, *, union: bool = False) -> None:
        self.store = store if store is not None else ox.Store()
        #: query the union of named graphs (set when an N-Quads or TriG file was loaded)
        self.union = union
        #: an object of each property a parameter was matched with, which decides a string's form
        self._samples: dict[str, OxTerm | None] = {}

    # -- loading ----------------------------------------------------------

    @classmethod
    def load(cls, paths: Iterable[str | os.PathLike[str]]) -> QueryGraph:
        """Load graph files (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD) into one graph.

        A folder stands for the ``graph.ttl`` in it. A missing or unreadable
        file raises ReportError naming the file, never a traceback.
        """
        graph = cls()
        for path in paths:
            graph.add_file(path)
        return graph

    def add_file(self, path: str | os.PathLike[str]) -> None:
        """Add one graph file (or the folder build wrote); its format comes from the suffix."""
        if graphfile.load_into(self.store, path):
            self.union = True
        self._samples.clear()

    @classmethod
    def from_rdflib(cls, graph: Graph) -> QueryGraph:
        """Copy an rdflib graph (or dataset) into the engine; each triple once, named graphs merged."""
        qg = cls()
        qg.store.bulk_extend(graphfile.oxigraph_quads(graph))
        return qg

    def __len__(self) -> int:
        return len(self.store)

    # -- querying ---------------------------------------------------------

    def run(self, sparql: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        """Run a SPARQL query (or a named query's name) and collect all of its results.

        ``params`` binds variables to values before evaluation, as
        :meth:`bind` says; this is how named queries take arguments, safely.
        A ``SERVICE`` clause is refused (QueryRefused) before anything runs.
        """
        result = self.solutions(sparql, params)
        try:
            return _collect(result)
        except (OSError, RuntimeError, ValueError, TypeError) as err:
            raise QueryError(f"the query failed: {graphfile.first_line(err)}") from None

    def solutions(self, sparql: str, params: Mapping[str, Any] | None = None) -> EngineResult:
        """The engine's own result, rows not yet read: for output that streams them as they come.

        Binds ``params`` and refuses federation as :meth:`run` does; reading
        the rows may still raise the engine's OSError or RuntimeError.
        """
        sparql, rest = self.bind(sparql, params)
        refuse_federation(sparql)
        subs = {ox.Variable(name): value for name, value in rest.items()}
        try:
            return self.store.query(
                sparql, prefixes=PREFIXES, substitutions=subs or None, use_default_graph_as_union=self.union,
            )
        except SyntaxError as err:
            raise _syntax_error(err, sparql) from None
        except (OSError, RuntimeError, ValueError, TypeError) as err:
            raise QueryError(f"the query failed: {graphfile.first_line(err)}") from None

    def bind(self, sparql: str, params: Mapping[str, Any] | None = None) -> tuple[str, dict[str, OxTerm]]:
        """The query's text with ``params`` bound, as :meth:`run` runs it, and what is left for the engine.

        A string takes the form of the graph's literals where the query
        matches its variable as the object of a property (``rdfs:label ?name``
        gives ``"…"@zh`` on a reportgraph graph, ``rg:value ?v`` a decimal);
        elsewhere (only in a FILTER, say) it is a plain string. Other values
        are bound as the terms they are (numbers typed). Each parameter is bound
        once, in a named query's ``VALUES ?p { UNDEF }`` blocks or in a VALUES
        block at the start of the WHERE group, so no row comes twice and any
        variable can be bound, not only those the SELECT clause names. Blank
        nodes and quoted triples, which VALUES cannot hold, are returned for
        the engine's substitution.
        """
        text = _resolve(sparql)
        searchable = _strip_strings_and_comments(text)
        terms: dict[str, OxTerm] = {}
        for name, value in (params or {}).items():
            if not re.search(rf"[?$]{re.escape(name)}(?!\w)", searchable):
                raise QueryError(f"there is no variable ?{name} in the query to bind the parameter {name} to")
            terms[name] = self._string_term(text, name, value) if isinstance(value, str) else _ox_value(value)
        text, rest = bind_values(text, terms)
        inline = {name: term for name, term in rest.items() if isinstance(term, (ox.NamedNode, ox.Literal))}
        return _inject_values(text, inline), {name: term for name, term in rest.items() if name not in inline}

    def _string_term(self, sparql: str, var: str, value: str) -> ox.Literal:
        """A string parameter in the form the graph's literals take where the query matches ``?var``."""
        for predicate in _predicates_of(sparql, var):
            sample = self._sample_object(predicate)
            if sample is not None:
                return _like(value, sample if isinstance(sample, ox.Literal) else None)
        return ox.Literal(value)

    def _sample_object(self, predicate: str) -> OxTerm | None:
        """One object of ``predicate`` in the graph (each property of a reportgraph graph holds one kind)."""
        if predicate not in self._samples:
            try:
                node = ox.NamedNode(predicate)
            except ValueError:
                return None
            first = next(iter(self.store.quads_for_pattern(None, node, None)), None)
            self._samples[predicate] = None if first is None else first.object
        return self._samples[predicate]

    def query(self, sparql: str, /, **params: Any) -> list[dict[str, Node | None]]:
        """Run a query and return its rows as dicts of rdflib terms (see :func:`query`)."""
        return self.run(sparql, params).as_dicts()


def _resolve(sparql: str) -> str:
    """A bare word naming a named query stands for its text, so ``query(g, "targets")`` works."""
    word = sparql.strip()
    if word and word.isidentifier():
        queries = named_queries()
        if word in queries:
            return queries[word].sparql
    return sparql


def _collect(result: EngineResult) -> QueryResult:
    """All results as Python objects, with the cyclic collector paused.

    A large result is many small objects and no cyclic garbage; left on, the
    collector would walk them all again and again while they are made.
    """
    with gc_paused():
        return _collect_all(result)


def _collect_all(result: EngineResult) -> QueryResult:
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        return QueryResult("graph", triples=list(result))
    variables = [v.value for v in result.variables]
    return QueryResult("select", variables=variables, rows=[tuple(s) for s in result])


_VALUES_SLOT = re.compile(r"VALUES\s+[?$]([A-Za-z_][\w]*)\s*\{\s*UNDEF\s*\}")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def sparql_string(value: str) -> str:
    """``value`` as one SPARQL string literal token, whatever it contains.

    Quotes, backslashes and line breaks are escaped, other control characters
    and anything that is not a letter, digit, mark, space or common
    punctuation is written as a ``\\uXXXX`` / ``\\UXXXXXXXX`` escape, so the text
    can never end the literal or be read as query syntax.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryError("a parameter value must be text (it has a lone surrogate)") from None
    out = ['"']
    for ch in value:
        if ch in _ECHAR:
            out.append(_ECHAR[ch])
        elif ch.isalnum() or ch in " -_.,:;!?()[]'/+*=<>@&%~^|{}#$`" or (ord(ch) > 0x7F and ch.isprintable()):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
    out.append('"')
    return "".join(out)


def bind_values(sparql: str, params: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """Fill each ``VALUES ?p { UNDEF }`` block whose variable has a parameter that is a string or an IRI or literal term.

    A term goes in as it is; a bare string, whose form only a graph could
    tell, goes in both as ``"…"@zh`` (how reportgraph writes names) and as
    plain ``"…"`` (:meth:`QueryGraph.run` decides the form first and never
    passes a bare string). Either way the engine's planner sees a constant
    and looks it up in its index. Returns the text and the parameters no
    block took.
    """
    rest = dict(params)
    taken: set[str] = set()

    def fill(m: re.Match[str]) -> str:
        var = m.group(1)
        value = params.get(var)
        if isinstance(value, str):
            literal = sparql_string(value)
            text = f"{literal}@zh {literal}"
        elif isinstance(value, (ox.NamedNode, ox.Literal)):
            text = _term_text(value)
        else:
            return m.group(0)
        taken.add(var)
        return f"VALUES ?{var} {{ {text} }}"

    # found in the text with strings and comments blanked, so a comment that shows a slot is left alone
    pieces: list[str] = []
    done = 0
    for m in _VALUES_SLOT.finditer(_strip_strings_and_comments(sparql)):
        pieces += [sparql[done:m.start()], fill(m)]
        done = m.end()
    text = "".join(pieces) + sparql[done:]
    for var in taken:
        rest.pop(var, None)
    return text, rest


def _term_text(term: ox.NamedNode | ox.Literal) -> str:
    """An IRI or a literal as SPARQL text: the IRI checked by the engine's own constructor, the text escaped."""
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    body = sparql_string(term.value)
    if term.language:
        return f"{body}@{term.language}"
    if term.datatype.value != graphfile.XSD_STRING:
        return f"{body}^^<{term.datatype.value}>"
    return body


_XSD = vocab.XSD_NS
#: Datatypes a bare value takes on from the graph when it reads as one of them (a number, a date).
_NUMBER_TYPES = frozenset(_XSD + t for t in ("integer", "decimal", "double", "float", "int", "long",
                                             "nonNegativeInteger", "positiveInteger"))
_DATE = re.compile(r"-?\d{4,}-\d{2}-\d{2}")
_LANGUAGE_TAGGED = re.compile(r"(.*)@([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)", re.S)
_DATATYPED = re.compile(r"(.*)\^\^(<[^<>\s]*>|[A-Za-z][\w.-]*:[\w.-]+)", re.S)
_LOCAL_ESCAPE = re.compile(r"\\([_~.\-!$&'()*+,;=/?#@%])")


def parse_param(text: str) -> str | ox.NamedNode | ox.Literal:
    """A parameter value as a person writes it (``--param NAME=VALUE``): a term, or a bare string.

    ``沙头社区@zh`` is a language-tagged literal, ``7^^xsd:decimal`` (or
    ``^^<IRI>``) a typed one, ``...^^xsd:string`` a plain string exactly;
    ``<https://…>`` and a prefixed name with one of :data:`PREFIXES`
    (``community:沙头社区``, as a query's table prints it) are IRIs.
    Anything else stays a bare string, whose form :meth:`QueryGraph.run`
    takes from the graph.
    """
    typed = _DATATYPED.fullmatch(text)
    if typed:
        value, datatype = typed.groups()
        return ox.Literal(value, datatype=_named_node(datatype, f"the datatype of {text!r}"))
    tagged = _LANGUAGE_TAGGED.fullmatch(text)
    if tagged:
        return ox.Literal(tagged.group(1), language=tagged.group(2))
    if text.startswith("<") and text.endswith(">"):
        return _named_node(text, repr(text))
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and local and escaped_local(_LOCAL_ESCAPE.sub(r"\1", local)) is not None:
        return _named_node(text, repr(text))
    return text


def _named_node(name: str, what: str) -> ox.NamedNode:
    """``<IRI>`` or ``prefix:local`` (a prefix of :data:`PREFIXES`) as an engine IRI; QueryError if it is none."""
    if name.startswith("<") and name.endswith(">"):
        iri = name[1:-1]
    else:
        prefix, _, local = name.partition(":")
        if prefix not in PREFIXES:
            raise QueryError(f"{what}: unknown prefix '{prefix}:' (known: {', '.join(sorted(PREFIXES))})")
        iri = PREFIXES[prefix] + _LOCAL_ESCAPE.sub(r"\1", local)
    try:
        return ox.NamedNode(iri)
    except ValueError as err:
        raise QueryError(f"{what} is not an IRI: {graphfile.first_line(err)}") from None


def _ox_value(value: Any) -> OxTerm:
    """A parameter value that is already a term (or a number) as an engine term; strings are decided elsewhere."""
    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple)):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(_XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(_XSD + "double"))
    if isinstance(value, Decimal):
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "decimal"))
    if type(value).__module__.startswith("rdflib"):
        try:
            return graphfile.ToOxigraph()(value)
        except ValueError as err:
            raise QueryError(f"cannot bind {value!r}: {graphfile.first_line(err)}") from None
    if isinstance(value, str):
        return ox.Literal(value)
    raise QueryError(f"cannot bind a {type(value).__name__} in a query; give a string, number or RDF term")


#: One step of a property path before an object variable: ``rdfs:label``, ``<IRI>``, ``a``, ``^rg:x``.
_PATH_STEP = r"\^?(?:<[^<>\s]*>|[A-Za-z][\w.-]*:(?:[\w.%-]|\\.)*|:(?:[\w.%-]|\\.)*|\ba\b)"
_DECLARED_NAMESPACE = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^<>\s]*)>", re.I)


def _predicates_of(sparql: str, var: str) -> list[str]:
    """The IRIs of the properties the query matches ``?var`` as the object of (``rdfs:label ?var``).

    Of a path, the last step of each alternative (``rdfs:label|skos:altLabel``,
    ``rg:statement/rg:text``); inverse steps and unknown prefixes are skipped.
    """
    text = _strip_strings_and_comments(sparql, keep_iris=True)
    namespaces = dict(PREFIXES)
    namespaces.update({m.group(1) or "": m.group(2) for m in _DECLARED_NAMESPACE.finditer(text)})
    pattern = re.compile(rf"({_PATH_STEP}(?:\s*[|/]\s*{_PATH_STEP})*)[*+?]?\s+[?$]{re.escape(var)}(?!\w)")
    found: list[str] = []
    for m in pattern.finditer(text):
        for alternative in m.group(1).split("|"):
            step = alternative.split("/")[-1].strip()
            if step.startswith("^"):
                continue
            if step == "a":
                iri: str | None = vocab.RDF_NS + "type"
            elif step.startswith("<"):
                iri = step[1:-1]
            else:
                prefix, _, local = step.partition(":")
                iri = namespaces[prefix] + _LOCAL_ESCAPE.sub(r"\1", local) if prefix in namespaces else None
            if iri is not None and iri not in found:
                found.append(iri)
    return found


def _like(value: str, sample: ox.Literal | None) -> ox.Literal:
    """``value`` in the form of a literal the graph holds: its language tag, or its datatype when it fits."""
    if sample is None:
        return ox.Literal(value)
    if sample.language:
        return ox.Literal(value, language=sample.language)
    datatype = sample.datatype.value
    if datatype in _NUMBER_TYPES:
        try:
            Decimal(value)
        except InvalidOperation:
            return ox.Literal(value)
        return ox.Literal(value, datatype=sample.datatype)
    if datatype == _XSD + "date" and _DATE.fullmatch(value):
        return ox.Literal(value, datatype=sample.datatype)
    return ox.Literal(value)


def _where_group(text: str) -> int | None:
    """Where the query's WHERE group opens (just after its ``{``), in text with strings and IRIs blanked.

    The first ``{`` outside parentheses after the query form, or after a
    CONSTRUCT's template; None when there is none (``DESCRIBE <x>``) or the
    form cannot take more (``CONSTRUCT WHERE { … }``, whose group is its template).
    """
    form = _QUERY_FORM.search(text)
    if form is None:
        return None
    at = form.end()
    if form.group(1).upper() == "CONSTRUCT":
        template = re.compile(r"\s*\{").match(text, at)
        if template is None:
            return None
        depth = 0
        for at in range(template.end() - 1, len(text)):
            depth += {"{": 1, "}": -1}.get(text[at], 0)
            if depth == 0:
                break
        at += 1
    depth = 0
    for i in range(at, len(text)):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "{" and depth <= 0:
            return i + 1
    return None


def _inject_values(sparql: str, values: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """A ``VALUES ?p { term }`` for each parameter at the start of the WHERE group.

    Unlike the engine's own substitution, which only takes variables the
    SELECT clause names, this binds a variable wherever the group uses it
    (in a FILTER, an OPTIONAL, a BIND), and the planner sees a constant.
    """
    if not values:
        return sparql
    at = _where_group(_strip_strings_and_comments(sparql))
    if at is None:
        raise QueryError(
            "cannot bind parameters in this query: it has no WHERE { … } group to bind them in"
            " (a short CONSTRUCT WHERE { … } needs its template written out: CONSTRUCT { … } WHERE { … })"
        )
    block = " ".join(f"VALUES ?{var} {{ {_term_text(term)} }}" for var, term in values.items())
    return f"{sparql[:at]} {block}{sparql[at:]}"


def complete_query(sparql: str) -> str:
    """The query with a PREFIX line for each predeclared prefix it uses and does not declare itself.

    What ``reportgraph query --show`` prints: a query that runs as it is in
    any SPARQL tool. The lines go after the comments the query opens with.
    """
    text = _strip_strings_and_comments(sparql)
    declared = {m.group(1) or "" for m in _DECLARED_PREFIX.finditer(text)}
    used = {m.group(1) or "" for m in _PREFIXED_NAME.finditer(text)}
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p in used and p not in declared]
    if not lines:
        return sparql
    head = re.match(r"(?:[ \t]*(?:#[^\n]*)?\n)*", sparql)
    at = head.end() if head else 0
    return sparql[:at] + "\n".join(lines) + "\n\n" + sparql[at:].lstrip("\n")


# --------------------------------------------------------------------------- the one-call API


def load(source: GraphSource) -> QueryGraph:
    """Whatever names a graph -> a loaded QueryGraph: a path, several paths, an rdflib graph, a BuildResult."""
    if isinstance(source, QueryGraph):
        return source
    if isinstance(source, (str, os.PathLike)):
        return QueryGraph.load([source])
    inner = getattr(source, "graph", None)  # a pipeline.BuildResult
    if inner is not None and not isinstance(source, (list, tuple)):
        source = inner
    if hasattr(source, "triples") and hasattr(source, "serialize"):
        return QueryGraph.from_rdflib(source)  # type: ignore[arg-type]
    if isinstance(source, (list, tuple)) and all(isinstance(p, (str, os.PathLike)) for p in source):
        return QueryGraph.load(source)
    raise TypeError(f"query() needs an rdflib Graph, a QueryGraph or graph file paths, not {type(source).__name__}")


def query(graph_or_path: GraphSource, sparql: str, /, **params: Any) -> list[dict[str, Node | None]]:
    """Run one SPARQL query on a graph and return its rows.

    ``graph_or_path`` is an rdflib Graph (``pipeline.build(...).graph``), a
    BuildResult, a path to a graph file (``output/graph.ttl``), a list of
    paths, or a :class:`QueryGraph` (load a big graph once with
    :func:`load` and pass that to skip re-loading). ``sparql`` is the query
    text, with :data:`PREFIXES` already declared, or the name of a named
    query (``"targets"``); ``params`` bind variables as
    :meth:`QueryGraph.bind` says (a string in the form of the literals it is
    matched with, ``"沙头社区"@zh`` for a name), e.g. ``query(g, "entity", name="沙头社区")``.

    SELECT gives one dict per row, ``{variable: rdflib term}``, with None for
    unbound variables. ASK gives ``[{}]`` when true and ``[]`` when false, so
    ``bool(query(g, "ASK {...}"))`` is the answer. CONSTRUCT and DESCRIBE give
    one dict per triple with keys ``subject``, ``predicate``, ``object``.

    Raises QuerySyntaxError (with ``line`` and ``column``) for a bad query,
    QueryRefused for a ``SERVICE`` clause (nothing leaves the machine),
    QueryError when it cannot run, ReportError for a missing or broken file.
    The query runs in this process, without a time limit: for SPARQL from
    someone else, ``reportgraph query`` runs it in a child process with one.
    """
    named = named_queries().get(sparql.strip())
    if named is not None:
        # a named query's parameters are what the command line asks for: all of them, by name
        wanted = {p.name for p in named.params}
        if set(params) != wanted:
            want = ", ".join(f"{p.name}= ({p.help})" for p in named.params) or "no parameters"
            raise QueryError(f"the named query {named.name!r} takes {want}; got {', '.join(params) or 'none'}")
    return load(graph_or_path).query(sparql, **params)


#: Every class an entity is typed with.
_ENTITY_CLASSES = " ".join(f"rg:{name}" for name in ("Entity", *vocab.ENTITY_TYPES))

_SIMILAR_NAMES = f"""
SELECT DISTINCT ?label ?name
WHERE {{
  VALUES ?class {{ {_ENTITY_CLASSES} }}
  ?entity a ?class ;
          rdfs:label|skos:altLabel ?label .
  FILTER (CONTAINS(STR(?label), STR(?name)) || CONTAINS(STR(?name), STR(?label)))
}}
ORDER BY STRLEN(STR(?label)) ?label
LIMIT 12
"""


def similar_names(graph: QueryGraph, name: str) -> list[str]:
    """Entity names that contain ``name`` or are contained in it: the hint when ``entity NAME`` finds nothing."""
    if not name:
        return []
    result = graph.run(_SIMILAR_NAMES, {"name": name})
    return [row[0].value for row in result.rows if isinstance(row[0], ox.Literal)]


# --------------------------------------------------------------------------- federation

__all__ += ["QueryRefused", "refuse_federation"]


class QueryRefused(QueryError):
    """A query this engine will not run as a matter of policy (not a syntax error)."""


#: The characters of SPARQL names (the grammar's PN_CHARS_BASE, PN_CHARS_U, PN_CHARS), exactly: a
#: name read longer or shorter than the engine reads it could hide a keyword from the check below.
_PN_BASE = (
    r"A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f"
    r"\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS = _PN_BASE + r"_\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_VAR_CHARS = _PN_BASE + r"_0-9\u00b7\u0300-\u036f\u203f-\u2040"
#: A local name's escape (``\'``, ``\#``), taken for any character: where the engine would not take
#: one it stops with a syntax error anyway, and a ``'`` or ``#`` so escaped starts no string or comment.
_PLX = r"%[0-9A-Fa-f]{2}|\\[^\n\r]"
_LONG_STRINGS = r"'''(?:[^'\\]|\\.|'(?!''))*'''" + r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
_SHORT_STRINGS = r"'(?:[^'\\\n\r]|\\.)*'" + r'|"(?:[^"\\\n\r]|\\.)*"'
_TOKEN = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<comment>#[^\n\r]*)"
    rf"|(?P<string>{_LONG_STRINGS}|{_SHORT_STRINGS})"
    r'|(?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)'
    rf"|(?P<var>[?$][{_VAR_CHARS}]+)"
    rf"|(?P<bnode>_:[{_PN_CHARS}.]*)"
    r"|(?P<langtag>@[A-Za-z0-9-]+)"
    rf"|(?P<name>(?:[{_PN_BASE}][{_PN_CHARS}.]*)?:(?:[{_PN_CHARS}.:]|{_PLX})*|[{_PN_BASE}_][{_PN_CHARS}.]*)"
    r"|(?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)"
    r"|(?P<other>.)",
    re.S,
)
#: What a ``<`` may compare with when it follows one of these inside parentheses (``?a<?b``).
_OPERANDS = frozenset({"string", "iri", "var", "bnode", "langtag", "name", "number", ")", "]"})


def refuse_federation(sparql: str) -> None:
    """Raise QueryRefused when the query has (or may have) a ``SERVICE`` clause.

    The engine would send ``SERVICE`` sub-queries over HTTP to any host the
    query names and mix the answers into the results; a graph on this
    machine is all a query may read. The query is read token by token as the
    engine reads it, so a word inside a string, an IRI or a comment is fine,
    while a keyword the engine would see is found however it is written: in
    any case, glued to what follows (``SERVICE:x``, ``SERVICESILENT<…>``), or
    after a local name's escaped quote (``ex:a\\'``). Where the engine's
    reading cannot be known without its parser (in ``FILTER(?a<?b)SERVICE:x#>``
    the ``<`` compares, though ``<?b)SERVICE:x#>`` has an IRI's characters),
    the query is refused too, with the fix. The engine reads no ``\\u``
    escapes outside strings and IRIs, so none can spell the keyword.
    """
    brackets: list[str] = []  # "(", "{", "[", or "data" for a VALUES block and the rows in it
    previous = ""
    values_follow = False
    for m in _TOKEN.finditer(sparql):
        kind, text = m.lastgroup or "other", m.group(0)
        if kind in ("space", "comment"):
            continue
        if kind == "iri" and previous in _OPERANDS and brackets[-1:] == ["("] and re.search(r"[#']|service", text, re.I):
            raise QueryRefused(
                f"line {_line_at(sparql, m.start())}: refused: the '<' of {text!r} could be a comparison or an IRI's start, and a query "
                "only runs when it is clear that it reads no other endpoint: put a space after a comparison's '<' "
                "(?a < ?b), or write the IRI with a prefix"
            )
        word = text.partition(":")[0] if kind == "name" else text if kind == "langtag" else ""
        if "service" in word.lower():
            if word.upper().startswith("SERVICE"):
                raise QueryRefused(
                    f"SERVICE (a federated query, line {_line_at(sparql, m.start())}) is refused: queries may only read the loaded graph, "
                    "never another endpoint"
                )
            raise QueryRefused(
                f"{word!r} (line {_line_at(sparql, m.start())}) is refused: the engine could read the SERVICE in it as a federated "
                "query's keyword, and queries may only read the loaded graph; rename it"
            )
        if kind == "other" and text in "({[":
            # a VALUES block holds only terms: a '<' in it, or in its rows, opens an IRI
            brackets.append("data" if brackets[-1:] == ["data"] or (values_follow and text == "{") else text)
            values_follow = values_follow and text != "{"
        elif kind == "other" and text in ")}]" and brackets:
            brackets.pop()
        values_follow = values_follow or (kind == "name" and text.upper() == "VALUES")
        previous = text if kind == "other" else kind


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# --------------------------------------------------------------------------- a row limit

__all__ += ["TooManyRows", "run_capped"]

_Item = TypeVar("_Item")


class TooManyRows(QueryError):
    """The result has more rows (or triples) than the caller allows."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"the result has more than {limit} rows (the row limit); add LIMIT, or narrow the query down"
        )
        self.limit = limit


def run_capped(
    graph: QueryGraph, sparql: str, max_rows: int, *,
    default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = (),
) -> QueryResult:
    """Run SPARQL text from someone else: SERVICE refused, at most ``max_rows`` results read.

    A result with more rows raises TooManyRows rather than being cut off
    silently, and stops reading as soon as the limit is passed, so a huge
    result is never gathered. ``default_graphs`` and ``named_graphs`` (IRIs)
    set the dataset, as the SPARQL protocol's ``default-graph-uri`` and
    ``named-graph-uri`` do. Named-query names are not resolved here.
    """
    refuse_federation(sparql)
    dataset: dict[str, Any] = {"use_default_graph_as_union": graph.union and not default_graphs}
    try:
        if default_graphs:
            dataset["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs]
        if named_graphs:
            dataset["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
    except ValueError as err:
        raise QueryError(f"not an IRI in the dataset: {graphfile.first_line(err)}") from None
    try:
        result = graph.store.query(sparql, prefixes=PREFIXES, **dataset)
    except SyntaxError as err:
        raise _syntax_error(err, sparql) from None
    except (OSError, RuntimeError, ValueError, TypeError) as err:
        raise QueryError(f"the query failed: {graphfile.first_line(err)}") from None
    try:
        with gc_paused():
            if isinstance(result, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(result))
            if isinstance(result, ox.QueryTriples):
                return QueryResult("graph", triples=_at_most(result, max_rows))
            variables = [v.value for v in result.variables]
            return QueryResult("select", variables=variables, rows=[tuple(s) for s in _at_most(result, max_rows)])
    except (OSError, RuntimeError, ValueError, TypeError) as err:
        raise QueryError(f"the query failed: {graphfile.first_line(err)}") from None


def _at_most(items: Iterable[_Item], limit: int) -> list[_Item]:
    taken: list[_Item] = []
    for item in items:
        if len(taken) == limit:
            raise TooManyRows(limit)
        taken.append(item)
    return taken

