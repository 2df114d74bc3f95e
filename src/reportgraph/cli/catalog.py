"""The commands of ``reportgraph``, in the order ``--help`` lists them, each with its one-line summary.

Spelled apart from the commands' modules so that ``reportgraph --help`` lists
every command without importing any of them, and a run imports only the
module of the command it runs (:func:`reportgraph.cli.make_parser`).
"""
from __future__ import annotations

#: Each command's name (its module under ``reportgraph.cli``) and what it does.
SUMMARIES: dict[str, str] = {
    "build": "read work reports and write their knowledge graph as Turtle",
    "query": "ask the graph a question in SPARQL, or run a named query (--list)",
    "track": "print the scorecard: every target beside what the next report says came of it",
    "viz": "draw the graph (or part of it) as an interactive HTML page that works offline",
    "export": "write the graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML, GraphML or CSV",
    "validate": "check the graph against the SHACL shapes and list what is wrong",
    "evaluate": "score the extraction against reports annotated by hand (precision, recall, F1)",
    "serve": "a SPARQL endpoint and browsable pages of the graph, on this machine",
    "push": "write the graph to a triple store (Graph Store Protocol), one named graph per report",
}
