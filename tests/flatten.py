"""Reports with their line breaks flattened, and what must not change when they are.

Web pages and crawls hand over a report as one long line, or a few: every
line break turned into a space, or removed. The tests build a report as
written and flattened both ways and compare what :func:`signature` keeps —
sections, sentences, entities, indicators, problems, metadata — which leaves
out the offsets (a removed line break shifts every offset after it).
"""
from __future__ import annotations

from reportgraph.model import LinkedReport

#: the flattened variants: name -> what a line break becomes
VARIANTS: dict[str, str] = {"space": " ", "removed": ""}


def flatten(text: str, joiner: str) -> str:
    """``text`` with every line break (of any kind) replaced by ``joiner``."""
    return joiner.join(text.splitlines())


def signature(linked: LinkedReport) -> dict[str, object]:
    """What a report gives, without offsets: equal for a report and its flattened twins."""
    report = linked.report
    return {
        "meta": (report.title, report.issuer, report.date, report.period, report.plan_period,
                 report.level, tuple(report.region)),
        "sections": [(s.part, s.number, s.label) for s in report.sections],
        "sentences": [s.text for s in report.sentences()],
        "entities": sorted((e.type, e.name, len(e.mentions)) for e in linked.entities),
        "indicators": [(i.metric, str(i.value), i.unit, i.kind, report.section(i.section_id).label)
                       for i in linked.indicators],
        "problems": [p.label for p in linked.problems],
    }


def differences(a: dict[str, object], b: dict[str, object]) -> dict[str, tuple[object, object]]:
    """The keys of two signatures that differ, with the first differing item of each list."""
    out: dict[str, tuple[object, object]] = {}
    for key in a:
        x, y = a[key], b[key]
        if x == y:
            continue
        if isinstance(x, list) and isinstance(y, list):
            at = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
            out[key] = (x[at] if at < len(x) else f"<{len(x)} items>", y[at] if at < len(y) else f"<{len(y)} items>")
        else:
            out[key] = (x, y)
    return out
