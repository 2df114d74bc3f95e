"""A report's body as parts (summary, problems, plan …), numbered sections and sentences.

A part opens with a top-level heading (``一、…``, ``第一部分``) whose words say
which part it is (``data/segment/part_keywords.tsv``); inside a part, the
sections are numbered in the first style its paragraphs use. A part's text
before its first numbered heading is its opening, a work area of its own.
"""
from __future__ import annotations

import re

from reportgraph.datafiles import datafile
from reportgraph.model import Report, Section, Sentence
from reportgraph.segment.clean import Paragraph
from reportgraph.segment.headings import (
    DASH_HEADING, DIGIT_HEADING, PAREN_HEADING, PART_HEADING, SECTION_STYLES, heading_words, short_label,
)
from reportgraph.text import SENTENCE_END, chinese_to_int, fold

_PART_KEYWORDS = datafile("segment/part_keywords.tsv")
_APPENDIX = datafile("segment/appendix_markers.txt")
_TARGET_LISTS = datafile("segment/target_list_headings.txt")
_TITLE_PARTS = datafile("segment/title_parts.tsv")
_PART_LABELS = datafile("segment/part_labels.tsv")
_LAYOUT = datafile("segment/layout.tsv")
#: A part heading longer than this is a sentence that happens to start with 一、.
_PART_HEADING_CHARS = 80


def part_of(heading: str, previous: str, in_appendix: bool) -> str:
    """The part a top-level heading opens, by its words; after a plan, a part with no such word is plan too."""
    if in_appendix:
        return "other"
    for part, word in _PART_KEYWORDS.rows:
        if word in heading:
            return part
    return "plan" if previous == "plan" else "other"


def sections(report: Report, paragraphs: list[Paragraph]) -> None:
    """Group paragraphs into parts, then into numbered sections, then sentences, on ``report``."""
    parts: list[tuple[str, str, list[Paragraph]]] = [("preamble", "", [])]
    in_appendix = False
    appendix = _APPENDIX.patterns
    for p in paragraphs:
        f = fold(p.text)
        if any(pat.search(p.text) for pat in appendix):
            in_appendix = True
            parts.append(("other", p.text, [p]))
            continue
        m = PART_HEADING.match(f)
        if m and len(p.text) <= _PART_HEADING_CHARS and not in_appendix:
            heading = m.group(3).strip(_PART_HEADING_EDGES)
            parts.append((part_of(heading, parts[-1][0], in_appendix), heading, [p]))
        else:
            parts[-1][2].append(p)
    if len(parts) == 1:
        parts[0] = (_part_from_title(report.title), "", parts[0][2])
    for part_no, (part, heading, paras) in enumerate(parts):
        if paras:
            report.sections.extend(_split_part(report, part, part_no, heading, paras))
    for sec in report.sections:
        # 二、存在的问题和下一步打算 → （二）下一步工作打算: that section is the plan
        if sec.part == "problems" and sec.number is not None and part_of(sec.heading, "problems", False) == "plan":
            sec.part = "plan"
    sentence_no = 0
    for sec in report.sections:
        for start, end in _sentence_spans(report.text, sec.start, sec.end):
            sec.sentences.append(Sentence(sentence_no, start, end, report.text[start:end], sec.id))
            sentence_no += 1


#: What a part heading's words are trimmed of: spaces and the full stop.
_PART_HEADING_EDGES = " " + _LAYOUT.pairs["full_stop"]


def _part_from_title(title: str) -> str:
    for part, word in _TITLE_PARTS.rows:
        if word in title:
            return part
    return "other"


def _opening_label(part: str) -> str:
    labels = _PART_LABELS.pairs
    return labels.get(part, labels["*"])


def _split_part(report: Report, part: str, part_no: int, heading: str,
                paras: list[Paragraph]) -> list[Section]:
    """Sections of one part: by the first numbering style its paragraphs use."""
    folded = [fold(p.text) for p in paras]
    style = None
    for pattern in SECTION_STYLES:
        hits = [i for i, f in enumerate(folded) if pattern.match(f)]
        if len(hits) >= 2 or (hits and pattern is PAREN_HEADING):
            style = pattern
            break
    if part == "problems":
        style = PAREN_HEADING if style is PAREN_HEADING else None
    pid = f"{part_no}{part[0]}"
    found: list[Section] = []
    part_label = short_label(heading) if heading else _opening_label(part)
    opening = Section(f"{pid}-0", part, None, heading or part_label, part_label,
                      paras[0].start, paras[0].start)
    current = opening
    for p, f in zip(paras, folded):
        m = style.match(f) if style else None
        if m:
            if style is DASH_HEADING:
                number = len(found) + 1  # ——…。 lead-ins are numbered by their order
            elif style is DIGIT_HEADING:
                number = int(m.group(1))
            else:
                number = chinese_to_int(m.group(1)) or len(found) + 1
            body = m.group(m.lastindex or 0)
            head = heading_words(p.text[len(p.text) - len(body):])
            current = Section(f"{pid}-{len(found) + 1}", part, number, head, short_label(head),
                              p.start, p.start)
            found.append(current)
        current.end = p.start + len(p.text)
    if opening.end > opening.start or not found:
        opening.end = max(opening.end, opening.start)
        if part == "plan":
            _name_opening(report, opening)
        found.insert(0, opening)
    return found


def _name_opening(report: Report, opening: Section) -> None:
    """A plan part's opening that lists the main targets becomes that work area."""
    body = report.text[opening.start:opening.end]
    for phrase in _TARGET_LISTS.words:
        if phrase in body:
            opening.label = phrase
            opening.heading = f"{opening.heading}·{phrase}" if opening.heading != phrase else phrase
            return


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    for m in SENTENCE_END.finditer(text, start, end):
        stop = m.end() if m.group() != "\n" else m.start()
        if text[pos:stop].strip():
            spans.append(_trim(text, pos, stop))
        pos = m.end()
    if text[pos:end].strip():
        spans.append(_trim(text, pos, end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
