"""The merge table: every name a node was given by merging, and the rule that says why.

``reportgraph build --merges FILE`` writes it for a person to review: one row per
node and name, for every node that holds more than one name or is named in more
than one report, or whose name was resolved from the report's words (区委 in a
宝安区 report is 宝安区委). A wrong row is fixed with a ``different`` line in the
identity file (``build --identities``), a missing join with a ``same`` line.
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportgraph.link.names import norm
from reportgraph.model import LinkedReport
from reportgraph.vocab import SCOPE_RULES

#: The table's columns, in order.
COLUMNS = ("node", "type", "scope", "name", "rule", "reports", "why", "files")


@dataclass(frozen=True)
class MergeRow:
    """One name of one merged node."""

    node: str
    type: str
    scope: str
    name: str
    rule: str
    reports: int
    why: str
    files: str

    def cells(self) -> tuple[str, ...]:
        return (self.node, self.type, self.scope, self.name, self.rule, str(self.reports), self.why, self.files)


def merge_rows(reports: Iterable[LinkedReport]) -> list[MergeRow]:
    """The rows of every node with a merge to review, sorted by type, node and name."""
    names: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, tuple[str, str]] = {}
    uses: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    why: dict[tuple[str, str, str], str] = {}
    files: dict[str, set[str]] = defaultdict(set)
    for lr in reports:
        for e in lr.entities:
            names[e.key].add(e.name)
            kinds[e.key] = (e.type, e.scope)
            if e.mentions:
                files[e.key].add(lr.report.path)
            for form in e.forms:
                uses[(e.key, form.name)][form.rule].add(lr.report.path)
                why.setdefault((e.key, form.name, form.rule), form.detail)
    rows = []
    for key in sorted(kinds, key=lambda k: (kinds[k][0], k)):
        forms = {name: rules for (k, name), rules in uses.items() if k == key}
        resolved = any(rule not in SCOPE_RULES for rules in forms.values() for rule in rules)
        if len(forms) < 2 and len(files[key]) < 2 and not resolved:
            continue
        label = min(names[key], key=lambda n: (-len(n), n))
        etype, scope = kinds[key]
        for name in sorted(forms, key=lambda n: (norm(n) != norm(label), n)):
            for rule in sorted(forms[name]):
                paths = sorted(forms[name][rule])
                rows.append(MergeRow(label, etype, scope if not scope.endswith(":") else "", name, rule,
                                     len(paths), why[(key, name, rule)],
                                     " ".join(Path(p).name for p in paths)))
    return rows


def table_text(rows: list[MergeRow], fmt: str) -> str:
    """The rows as ``tsv``, ``csv`` or ``md`` (a Markdown table)."""
    if fmt == "md":
        escape = str.maketrans({"|": "\\|", "\n": " "})
        lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
        lines += ["| " + " | ".join(c.translate(escape) for c in row.cells()) + " |" for row in rows]
        return "\n".join(lines) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(row.cells() for row in rows)
    return buffer.getvalue()


def format_of(path: str | Path) -> str:
    """The table format a file name asks for: ``.csv``, ``.md``; anything else is tab-separated."""
    suffix = Path(path).suffix.lower()
    return {".csv": "csv", ".md": "md", ".markdown": "md"}.get(suffix, "tsv")
