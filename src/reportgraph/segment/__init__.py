"""The segment stage: a report's text into metadata, parts, numbered sections and sentences.

Lines that run paragraphs together are cut where headings start
(:mod:`.inline`), page furniture is dropped and paragraphs broken by stray
line breaks are joined (:mod:`.clean`); the cleaned text becomes :attr:`Report.text`,
and every offset in the model points into it. Then the title, issuer and
periods are read (:mod:`.meta`) and the body is cut into parts, sections and
sentences (:mod:`.parts`) by the shapes headings take (:mod:`.headings`).
"""
from __future__ import annotations

from reportgraph.datafiles import datafile
from reportgraph.metadata import Metadata
from reportgraph.model import Report, SourceText
from reportgraph.segment.clean import Paragraph, clean
from reportgraph.segment.meta import apply_stated, derive, put
from reportgraph.segment.parts import sections

__all__ = ["NO_STRUCTURE", "has_structure", "segment"]

#: The warning for a text in which no report structure was found.
NO_STRUCTURE: str = datafile("segment/messages.tsv").pairs["no_structure"]


def segment(source: SourceText, stated: Metadata | None = None) -> Report:
    """Turn a report's text into a :class:`Report` with metadata, parts, sections and sentences.

    ``stated`` is what a user says of the report (sidecar file, build
    options); it overrides what the text says.
    """
    meta = dict(source.meta)
    title, paragraphs = clean(source.text, meta)
    title = title or meta.get("title", "")
    if title:
        # the title is text too: it names the issuer and the period
        paragraphs.insert(0, Paragraph(title))
    offset = 0
    for p in paragraphs:
        p.start = offset
        offset += len(p.text) + 1
    report = Report(path=source.path, text="\n".join(p.text for p in paragraphs))
    put(report, derive(title, meta, [p.text for p in paragraphs]))
    sections(report, paragraphs)
    if stated:
        apply_stated(report, stated)
    return report


def has_structure(report: Report) -> bool:
    """Does the text look like a report: a title, or at least one numbered heading?"""
    return bool(report.title) or any(sec.number is not None for sec in report.sections)
