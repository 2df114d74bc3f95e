"""RDF terms as plain Python values: what the build makes its triples of.

An rdflib ``Literal`` costs microseconds to make (it parses and normalises its
value) and an rdflib store about a kilobyte per triple; a build makes
millions. Here an IRI is a ``str`` and a literal a :class:`Lit` tuple of its
lexical form, datatype IRI and language, so a triple is a tuple of three
plain values. They convert to rdflib terms one way (:func:`to_rdflib`) for
the Python API, and the Turtle and N-Quads writers format them directly.
rdflib's own terms are accepted wherever these are (``URIRef`` is a ``str``;
a ``Literal`` converts with :func:`from_rdflib`), so code that makes a few
triples with rdflib still fits.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, Union

if TYPE_CHECKING:  # rdflib is imported only to convert: the build itself never needs it
    from rdflib import Literal, URIRef

__all__ = ["Lit", "Term", "Triple", "XSD_DATE", "XSD_DECIMAL", "XSD_DOUBLE", "XSD_INTEGER", "from_rdflib", "to_rdflib"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_INTEGER = f"{_XSD}integer"
XSD_DECIMAL = f"{_XSD}decimal"
XSD_DOUBLE = f"{_XSD}double"
XSD_DATE = f"{_XSD}date"


class Lit(NamedTuple):
    """A literal: its lexical form exactly as it is written, its datatype IRI ("" for a plain string), its language."""

    lexical: str
    datatype: str = ""
    lang: str = ""


#: An IRI (``str``) or a literal.
Term = Union[str, Lit]
#: subject, predicate, object.
Triple = tuple[str, str, Term]


def to_rdflib(term: Term) -> URIRef | Literal:
    """The rdflib term; its lexical form is this one's (every form made here is already canonical)."""
    from rdflib import Literal, URIRef

    if type(term) is Lit:
        if term.lang:
            return Literal(term.lexical, lang=term.lang)
        return Literal(term.lexical, datatype=URIRef(term.datatype) if term.datatype else None)
    return term if type(term) is URIRef else URIRef(term)


def from_rdflib(term: object) -> Term:
    """A term of this module from an rdflib IRI or literal (or one of ours, unchanged)."""
    if isinstance(term, Lit):
        return term
    if type(term) is str:
        return term
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        return Lit(str(term), str(term.datatype) if term.datatype is not None else "", term.language or "")
    if isinstance(term, BNode):
        raise TypeError(f"the build makes no blank nodes: {term!r}")
    if isinstance(term, Lit):
        return term
    if isinstance(term, str):
        return str(term)  # a URIRef as a plain str: rdflib terms are never equal to plain strings
    raise TypeError(f"not an IRI or a literal: {term!r}")
