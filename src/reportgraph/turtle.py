"""A fast, deterministic writer for Turtle and its family (TriG, N-Triples, N-Quads).

rdflib's Turtle serializer spends most of its time deciding how to nest and
order nodes, and about as long as the whole extraction on a large build. Our
graphs need none of that: every node is an IRI, so the writer only has to
group triples by subject, sort, and print each term once. It is also
*canonical* for graphs without blank nodes: the same triples always give the
same bytes, whatever order they were added in, which makes ``graph.ttl`` easy
to diff and to cache.

Layout: ``@prefix`` lines for the bound namespaces that are used, then one
block per subject (IRIs in natural order, then blank nodes), predicates
sorted with ``rdf:type`` first as ``a``, objects sorted, grouped with ``;``
and ``,``. Numbers and booleans use Turtle's short forms only when the
lexical form is exactly such a token, so every literal reads back with the
same lexical form; other literals are quoted and typed. Blank nodes (the
ontology has some, the data none) are written as ``_:bN`` labels, numbered
by a content-based order so that a graph's output does not depend on the
random labels a parser gave them.
"""
from __future__ import annotations

import functools
import hashlib
import re
import sys
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from reportgraph.pname import PN_LOCAL as _PN_LOCAL
from reportgraph.pname import PN_PREFIX as _PN_PREFIX
from reportgraph.terms import XSD_DECIMAL, XSD_DOUBLE, XSD_INTEGER, Lit

if TYPE_CHECKING:  # rdflib is imported only where one of its graphs is written: the build never makes one
    from rdflib import BNode, Graph, URIRef
    from rdflib.term import Node

__all__ = [
    "TurtleWriter", "blank_node_labels", "group_graph", "instance_kinds", "natural_key", "nquad_lines",
    "readable_kinds", "write_nquads",
    "write_ntriples", "write_trig", "write_turtle",
]

_Triple = tuple["Node", "Node", "Node"]

# --------------------------------------------------------------------------- grammar (Turtle 1.1)

#: Datatypes with a short form, and the token that reads back as exactly that lexical form.
_SHORT_FORMS: dict[str, re.Pattern[str]] = {
    XSD_INTEGER: re.compile(r"[+-]?[0-9]+"),
    XSD_DECIMAL: re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD_DOUBLE: re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+"),
    "http://www.w3.org/2001/XMLSchema#boolean": re.compile(r"true|false"),
}

#: String escapes: backslash, quote, the named control escapes, every other
#: control character as \\uXXXX (legal, and safe for any reader).
_STRING_ESCAPES: dict[int, str] = {c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F)}
_STRING_ESCAPES.update({
    ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r",
    ord("\t"): "\\t", ord("\b"): "\\b", ord("\f"): "\\f",
})
_NEEDS_STRING_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f]')
#: Characters IRIREF does not allow as they are.
_IRI_ESCAPES: dict[int, str] = {c: f"\\u{c:04X}" for c in (*range(0x21), *map(ord, '<>"{}|^`\\'))}
_NEEDS_IRI_ESCAPE = re.compile('[\x00-\x20<>"{}|^`\\\\]')

#: A run of digits; spelled ``\d\d*``, not ``\d+``: a pattern opening with a class lets the engine skip to the next
#: digit, one opening with a repeat is tried at every character (natural keys split every subject and object).
_DIGITS = re.compile(r"(\d\d*)")
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@functools.cache
def _rdflib() -> Any:
    """rdflib's term classes, imported on first need: only a term that is one of them needs them."""
    import rdflib

    return rdflib


def _is_rdflib(node: object, kind: str) -> bool:
    """Is ``node`` an rdflib ``kind`` (URIRef, Literal, BNode)? Never, without rdflib loaded."""
    return "rdflib" in sys.modules and isinstance(node, getattr(_rdflib(), kind))


def _is_blank(node: object) -> bool:
    # type() first: the build's plain terms are never blank, and isinstance on rdflib terms is slow
    kind = type(node)
    if kind is str or kind is Lit:
        return False
    return _is_rdflib(node, "BNode")


def natural_key(text: str) -> tuple[tuple[str | int, ...], str]:
    """``s9`` before ``s10``; the text itself breaks ties (``s01`` / ``s1``) so the order is total."""
    parts: list[str | int] = _DIGITS.split(text)  # type: ignore[assignment]
    parts[1::2] = map(int, parts[1::2])  # type: ignore[arg-type]
    return tuple(parts), text


_natural_key = natural_key


def escape_string(text: str) -> str:
    """The body of a ``"..."`` literal."""
    return text.translate(_STRING_ESCAPES) if _NEEDS_STRING_ESCAPE.search(text) else text


def _escape_iri(iri: str) -> str:
    return iri.translate(_IRI_ESCAPES) if _NEEDS_IRI_ESCAPE.search(iri) else iri


# --------------------------------------------------------------------------- blank nodes


def _blank_node_order(grouped: _Grouped) -> list[BNode]:
    """Blank nodes ordered by what surrounds them, not by their (random) labels.

    Colour refinement: a node's first colour is a digest of its non-blank
    neighbourhood, then each round folds in its blank neighbours' colours, until
    the number of distinct colours stops growing. Only nodes that are
    indistinguishable this way fall back to their labels.
    """
    edges: dict[BNode, list[tuple[str, str, Node]]] = {}
    for s, preds in grouped.items():
        if _is_blank(s):
            out = edges.setdefault(s, [])
            for p, objs in preds.items():
                out.extend(("out", str(p), o) for o in objs)
        for p, objs in preds.items():
            for o in objs:
                if _is_blank(o):
                    edges.setdefault(o, []).append(("in", str(p), s))
    if not edges:
        return []

    def digest(parts: Iterable[str]) -> str:
        return hashlib.sha1("\x1f".join(sorted(parts)).encode("utf-8", "surrogatepass")).hexdigest()

    def describe(node: Node, colours: dict[BNode, str]) -> str:
        if _is_blank(node):
            return "_:" + colours.get(node, "")  # type: ignore[call-overload]
        if _is_rdflib(node, "Literal"):
            return f"L{node!s}\x1e{node.language or ''}\x1e{node.datatype or ''}"
        return f"I{node!s}"

    colours: dict[BNode, str] = {b: "" for b in edges}
    distinct = 0
    for _ in range(len(edges) + 1):
        colours = {
            b: digest(f"{d}\x1e{p}\x1e{describe(n, colours)}" for d, p, n in es) for b, es in edges.items()
        }
        count = len(set(colours.values()))
        if count == distinct:
            break
        distinct = count
    return sorted(edges, key=lambda b: (colours[b], str(b)))


# --------------------------------------------------------------------------- the writer


class TurtleWriter:
    """Formats terms and subject blocks; remembers which prefixes it used.

    One writer per output document: :meth:`prefix_lines` lists only the
    prefixes that :meth:`blocks` actually used, so call it last.
    """

    def __init__(self, namespaces: Iterable[tuple[str, str]]) -> None:
        valid = [(p, ns) for p, ns in namespaces if ns and _PN_PREFIX.fullmatch(p)]
        # one prefix per namespace (alphabetically first, so the choice is stable), longest namespace tried first
        by_ns: dict[str, str] = {}
        for prefix, ns in sorted(valid):
            by_ns.setdefault(ns, prefix)
        seen_prefixes: set[str] = set()
        self._namespaces: list[tuple[str, str]] = []
        for ns, prefix in sorted(by_ns.items(), key=lambda item: (-len(item[0]), item[0])):
            if prefix not in seen_prefixes:
                seen_prefixes.add(prefix)
                self._namespaces.append((ns, prefix))
        self._prefix_of = {ns: prefix for ns, prefix in self._namespaces}
        #: namespaces that end in neither / nor #, longest first (the XML namespace, odd user ones)
        self._odd_namespaces = [(ns, p) for ns, p in self._namespaces if not ns.endswith(("/", "#"))]
        self._used: dict[str, str] = {}
        self._iris: dict[str, str] = {}
        #: the prefix each IRI written in prefixed form used: what :meth:`block_prefixes` reads
        self._prefix_of_iri: dict[str, str] = {}
        self._terms: dict[Node, str] = {}
        #: the sort key of each object's text: objects recur (a report, a sentence, a class), subjects do not
        self._object_keys: dict[str, tuple[tuple[str | int, ...], str]] = {}
        self._predicates: dict[Node, tuple[tuple[bool, str], str]] = {}
        self._bnodes: dict[BNode, str] = {}
        self._next_bnode = 0

    # terms ---------------------------------------------------------------

    def iri(self, iri: str) -> str:
        """A prefixed name when a bound namespace gives a valid local part, else ``<...>``."""
        text = self._iris.get(iri)
        if text is None:
            text = self._iris[iri] = self._iri_text(iri)
        return text

    def _iri_text(self, iri: str) -> str:
        """The longest bound namespace whose local part is a valid PN_LOCAL, found without trying them all.

        A local part never holds ``/`` or ``#``, so only a namespace that ends at
        or after the IRI's last ``/`` or ``#`` can serve: the one ending exactly
        there (one dictionary look-up), or one of the few namespaces that end
        in another character (tried first: they are longer).
        """
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        for ns, prefix in self._odd_namespaces:
            if len(ns) > cut and iri.startswith(ns):
                local = iri[len(ns):]
                if not local or _PN_LOCAL.fullmatch(local):
                    self._used[prefix] = ns
                    self._prefix_of_iri[iri] = prefix
                    return f"{prefix}:{local}"
        prefix = self._prefix_of.get(iri[:cut]) if cut else None
        if prefix is not None:
            local = iri[cut:]
            if not local or _PN_LOCAL.fullmatch(local):
                self._used[prefix] = iri[:cut]
                self._prefix_of_iri[iri] = prefix
                return f"{prefix}:{local}"
        return f"<{_escape_iri(iri)}>"

    def _literal(self, lex: str, datatype: str | None, language: str | None) -> str:
        if language:
            return f'"{escape_string(lex)}"@{language}'
        if not datatype:
            return f'"{escape_string(lex)}"'
        short = _SHORT_FORMS.get(datatype)
        if short is not None and short.fullmatch(lex):
            return lex
        return f'"{escape_string(lex)}"^^{self.iri(datatype)}'

    def term(self, node: Node | str | Lit) -> str:
        """The term as Turtle; each distinct term is formatted once.

        rdflib terms and the build's plain ones (an IRI as ``str``, a literal as
        :class:`~reportgraph.terms.Lit`) give the same text.
        """
        text = self._terms.get(node)
        if text is None:
            kind = type(node)
            if kind is str:
                text = self.iri(node)  # type: ignore[arg-type]
            elif kind is Lit:
                text = self._literal(*node)  # type: ignore[misc]
            elif _is_rdflib(node, "Literal"):
                text = self._literal(str(node), str(node.datatype) if node.datatype is not None else None,  # type: ignore[union-attr]
                                     node.language)  # type: ignore[union-attr]
            elif _is_rdflib(node, "URIRef"):
                text = self.iri(str(node))
            elif _is_blank(node):
                text = self._bnodes[node]
            else:
                raise TypeError(f"cannot write {type(node).__name__} {node!r} in Turtle")
            # rdflib terms are equal only to terms of the same kind: Literal("x") != URIRef("x")
            self._terms[node] = text
        return text

    def forget_terms(self) -> None:
        """Drop the formatted terms kept so far (not the prefixes used): a streaming writer's memory stays flat."""
        self._terms.clear()
        self._object_keys.clear()
        self._iris.clear()
        self._prefix_of_iri.clear()

    # documents -----------------------------------------------------------

    def used_prefixes(self) -> dict[str, str]:
        """The prefixes used so far, by prefix: what a writer formatting part of a document hands the one writing it."""
        return dict(self._used)

    def block_prefixes(self, subject: str, preds: Mapping[str, Iterable[str | Lit]]) -> dict[str, str]:
        """The prefixes the block of ``subject`` uses, by prefix: its triples (plain terms), formatted by this
        writer already. What a block kept formatted from an earlier build adds to :meth:`prefix_lines`."""
        prefix_of, texts, used = self._prefix_of_iri, self._terms, {}
        iris: list[str] = [subject, *(p for p in preds if p != _RDF_TYPE)]  # rdf:type is written ``a``
        for objs in preds.values():
            for o in objs:
                if type(o) is str:
                    iris.append(o)  # type: ignore[arg-type]
                elif o.datatype and not o.lang and texts[o].startswith('"'):  # type: ignore[union-attr]
                    iris.append(o.datatype)  # type: ignore[union-attr, arg-type]  # "..."^^xsd:date, not 12
        for iri in iris:
            prefix = prefix_of.get(iri)
            if prefix is not None:
                used[prefix] = self._used[prefix]
        return used

    def note_used(self, used: dict[str, str]) -> None:
        """Count prefixes another writer used (on part of this document) as used here: :meth:`prefix_lines` lists them."""
        self._used.update(used)

    def prefix_lines(self) -> str:
        """``@prefix`` lines for the prefixes used so far, sorted by prefix."""
        return "".join(f"@prefix {p}: <{_escape_iri(ns)}> .\n" for p, ns in sorted(self._used.items()))

    def blocks(self, triples: Iterable[_Triple] | _Grouped, indent: str = "") -> Iterator[str]:
        """One ``subject p o ; p o , o .`` block per subject, in canonical order.

        ``triples`` is a flat iterable of triples or already grouped as
        ``{subject: {predicate: objects}}``.
        """
        for _, text in self.subject_blocks(triples, indent):
            yield text

    def subject_blocks(self, triples: Iterable[_Triple] | _Grouped, indent: str = "",
                       blank_nodes: bool = True) -> Iterator[tuple[Node, str]]:
        """:meth:`blocks` with each block's subject: what a writer that merges blocks of many sources needs.

        ``blank_nodes=False`` says the triples have none (the build's own never do), so none are looked for.
        """
        grouped = triples if isinstance(triples, dict) else _group(triples)
        bnodes = _blank_node_order(grouped) if blank_nodes else []
        for b in bnodes:
            if b not in self._bnodes:
                self._bnodes[b] = f"_:b{self._next_bnode}"
                self._next_bnode += 1
        iris = sorted((s for s in grouped if type(s) is str or _is_rdflib(s, "URIRef")), key=_natural_key)
        subjects: list[Node] = [*iris, *(b for b in bnodes if b in grouped)]
        if len(subjects) != len(grouped):
            odd = next(s for s in grouped if not (type(s) is str or _is_rdflib(s, "URIRef") or _is_blank(s)))
            raise TypeError(f"cannot write {type(odd).__name__} {odd!r} as a Turtle subject")

        term, predicate, known, object_key = self.term, self._predicate, self._terms.get, self._object_key
        cont = indent + "    "
        objsep = " ,\n" + cont + "    "
        predsep = " ;\n" + cont
        for s in subjects:
            preds = grouped[s]
            lines: list[tuple[tuple[bool, str], str]] = []
            for p, objs in preds.items():
                key, ptext = predicate(p)
                if len(objs) == 1:
                    for o in objs:
                        lines.append((key, f"{ptext} {known(o) or term(o)}"))
                else:
                    texts = sorted({known(o) or term(o) for o in objs}, key=object_key)
                    lines.append((key, f"{ptext} {objsep.join(texts)}"))
            lines.sort()
            yield s, f"{indent}{term(s)} {predsep.join(text for _, text in lines)} .\n"

    def _object_key(self, text: str) -> tuple[tuple[str | int, ...], str]:
        """:func:`natural_key` of an object's text, made once per text."""
        key = self._object_keys.get(text)
        if key is None:
            key = self._object_keys[text] = natural_key(text)
        return key

    def _predicate(self, p: Node) -> tuple[tuple[bool, str], str]:
        """Sort key (``rdf:type`` first, then by IRI) and text of a predicate."""
        known = self._predicates.get(p)
        if known is None:
            if not (type(p) is str or _is_rdflib(p, "URIRef")):
                raise TypeError(f"cannot write {type(p).__name__} {p!r} as a Turtle predicate")
            iri = str(p)
            is_type = iri == _RDF_TYPE
            known = self._predicates[p] = ((not is_type, iri), "a" if is_type else self.iri(iri))
        return known


#: ``{subject: {predicate: objects}}``: what the writer prints, one block per subject.
_Grouped = dict["Node", dict["Node", Collection["Node"]]]


def _group(triples: Iterable[_Triple]) -> _Grouped:
    grouped: dict[Node, dict[Node, list[Node]]] = {}
    for s, p, o in triples:
        preds = grouped.get(s)
        if preds is None:
            grouped[s] = {p: [o]}
            continue
        objs = preds.get(p)
        if objs is None:
            preds[p] = [o]
        else:
            objs.append(o)
    return grouped  # type: ignore[return-value]


def group_graph(graph: Graph) -> _Grouped:
    """The graph's triples as ``{subject: {predicate: objects}}``.

    rdflib's in-memory stores (``Memory``, ``SimpleMemory``) already keep
    exactly this index; reading it directly is several times faster than
    iterating ``graph.triples``. The index is used only when it holds this
    graph's triples and nothing else (same count), otherwise the triples are
    grouped the ordinary way.
    """
    store = graph.store
    if type(graph) is _rdflib().Graph and type(store).__module__ == "rdflib.plugins.stores.memory":
        spo = getattr(store, f"_{type(store).__name__}__spo", None)
        if isinstance(spo, dict):
            sizes = [len(objs) for preds in spo.values() for objs in preds.values()]
            if sum(sizes) == len(graph):
                if all(sizes) and all(spo.values()):
                    return spo
                # removing triples leaves empty entries behind in the index
                return {s: {p: objs for p, objs in preds.items() if objs} for s, preds in spo.items()
                        if any(preds.values())}
    return _group(graph.triples((None, None, None)))


def _namespaces(graph: Graph) -> list[tuple[str, str]]:
    return [(prefix, str(ns)) for prefix, ns in graph.namespaces()]


def write_turtle(graph: Graph) -> bytes:
    """The graph as UTF-8 Turtle; the same triples always give the same bytes (blank nodes aside)."""
    writer = TurtleWriter(_namespaces(graph))
    body = "\n".join(writer.blocks(group_graph(graph)))
    prefixes = writer.prefix_lines()
    return (prefixes + ("\n" if prefixes and body else "") + body).encode("utf-8")


def write_trig(
    default: Iterable[_Triple],
    named: Iterable[tuple[URIRef, Iterable[_Triple]]],
    namespaces: Iterable[tuple[str, str]],
) -> bytes:
    """TriG: the default graph's triples, then each named graph in a ``<name> { ... }`` block, sorted by name.

    Blank node labels are shared across the document, as TriG requires for a
    node that appears in several graphs.
    """
    writer = TurtleWriter(namespaces)
    parts = ["\n".join(writer.blocks(default))]
    for name, triples in sorted(named, key=lambda item: _natural_key(str(item[0]))):
        body = "\n".join(writer.blocks(triples, indent="    "))
        parts.append(f"{writer.iri(name)} {{\n{body}}}\n")
    body = "\n".join(part for part in parts if part)
    prefixes = writer.prefix_lines()
    return (prefixes + ("\n" if prefixes and body else "") + body).encode("utf-8")


# --------------------------------------------------------------------------- instance prefixes

def instance_kinds(subjects: Iterable[object], base: str, kinds: Collection[str]) -> set[str]:
    """Which of ``kinds`` some subject is of: IRIs ``BASE KIND/...`` (``inst:community/沙头社区``)."""
    found: set[str] = set()
    for s in subjects:
        if type(s) is str or _is_rdflib(s, "URIRef"):
            text = str(s)
            if text.startswith(base):
                segment, slash, rest = text[len(base):].partition("/")
                if slash and rest and segment in kinds:
                    found.add(segment)
    return found


def readable_kinds(kinds: Iterable[str], namespaces: Iterable[tuple[str, object]],
                   prefixes: Mapping[str, str]) -> dict[str, str]:
    """The prefix of each of ``kinds`` (``prefixes[kind]`` its namespace), unless that prefix or namespace is bound."""
    bound = list(namespaces)
    bound_prefixes = {prefix for prefix, _ in bound}
    bound_namespaces = {str(ns) for _, ns in bound}
    wanted = set(kinds)
    return {kind: ns for kind, ns in sorted(prefixes.items())
            if kind in wanted and kind not in bound_prefixes and ns not in bound_namespaces}


# --------------------------------------------------------------------------- N-Triples, N-Quads


def blank_node_labels(grouped: _Grouped) -> dict[BNode, str]:
    """``_:bN`` labels numbered in content order (see :func:`_blank_node_order`)."""
    return {b: f"_:b{n}" for n, b in enumerate(_blank_node_order(grouped))}


class _NTerms:
    """Terms in N-Triples form: full IRIs, every literal quoted and typed (no short forms, no prefixes)."""

    def __init__(self, bnodes: dict[BNode, str]) -> None:
        self._bnodes = bnodes
        self._texts: dict[Node, str] = {}

    def __call__(self, node: Node | str | Lit) -> str:
        text = self._texts.get(node)
        if text is None:
            if type(node) is Lit:
                lex, datatype, language = node  # type: ignore[misc]
                body = f'"{escape_string(lex)}"'
                text = f"{body}@{language}" if language else f"{body}^^<{_escape_iri(datatype)}>" if datatype else body
            elif type(node) is str or _is_rdflib(node, "URIRef"):
                text = f"<{_escape_iri(str(node))}>"
            elif _is_rdflib(node, "Literal"):
                body = f'"{escape_string(str(node))}"'
                if node.language:
                    text = f"{body}@{node.language}"
                elif node.datatype is None:
                    text = body
                else:
                    text = f"{body}^^<{_escape_iri(str(node.datatype))}>"
            elif _is_blank(node):
                text = self._bnodes[node]  # type: ignore[index]
            else:
                raise TypeError(f"cannot write {type(node).__name__} {node!r} in N-Triples")
            self._texts[node] = text
        return text


def _lines(grouped: _Grouped, term: _NTerms, graph_suffix: str) -> list[str]:
    end = f" {graph_suffix} .\n" if graph_suffix else " .\n"
    return [
        f"{term(s)} {term(p)} {term(o)}{end}"
        for s, preds in grouped.items()
        for p, objs in preds.items()
        for o in objs
    ]


def write_ntriples(graph: Graph) -> bytes:
    """The graph as N-Triples, lines sorted: the canonical line-per-triple form for diffs and bulk loaders."""
    grouped = group_graph(graph)
    lines = _lines(grouped, _NTerms(blank_node_labels(grouped)), "")
    lines.sort()
    return "".join(lines).encode("utf-8")


def nquad_lines(triples: Iterable[tuple[str, str, str | Lit]], graph: str) -> list[str]:
    """The build's plain triples as N-Quads lines in the named graph ``graph`` ("": the default graph), sorted, repeats dropped."""
    term = _NTerms({})
    name = f" <{_escape_iri(graph)}> .\n" if graph else " .\n"
    return sorted({f"{term(s)} {term(p)} {term(o)}{name}" for s, p, o in triples})


def write_nquads(default: Iterable[_Triple], named: Iterable[tuple[URIRef, Iterable[_Triple]]]) -> bytes:
    """N-Quads: the default graph's triples, then each named graph's, each block's lines sorted."""
    blocks: list[tuple[str, _Grouped]] = [("", _group(default))]
    blocks += sorted(((f"<{_escape_iri(str(name))}>", _group(triples)) for name, triples in named),
                     key=lambda item: _natural_key(item[0]))
    everything: _Grouped = {}
    for _, grouped in blocks:
        for s, preds in grouped.items():
            for p, objs in preds.items():
                everything.setdefault(s, {}).setdefault(p, []).extend(objs)  # type: ignore[attr-defined]
    term = _NTerms(blank_node_labels(everything))
    out: list[str] = []
    for name, grouped in blocks:
        out += sorted(_lines(grouped, term, name))
    return "".join(out).encode("utf-8")
