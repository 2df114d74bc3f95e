"""From a report's raw text to its title and body paragraphs.

Web pages and archives leave furniture in copied text (breadcrumbs, toolbars,
share bars); pages state the source and date on metadata lines; PDFs and
careless copies break paragraphs across lines. This module drops the first,
reads the second and joins the third, in one pass over the lines: no line
costs more than its own length, however long the paragraph it joins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from reportgraph.datafiles import datafile
from reportgraph.segment.headings import (
    DASH_HEADING, DASH_SENTENCE, DIGIT_HEADING, HEADING_END, PAREN_HEADING, PART_HEADING, SHI_HEADING, is_heading,
)
from reportgraph.text import fold

_FURNITURE = datafile("segment/furniture.txt")
_METADATA_FIELDS = datafile("segment/metadata_fields.tsv")
_METADATA_LINE = datafile("segment/metadata_line.tsv")
_TITLE_WORDS = datafile("segment/title_words.txt")
_APPENDIX = datafile("segment/appendix_markers.txt")
_LAYOUT = datafile("segment/layout.tsv")

_LAYOUT_CHARS = _LAYOUT.pairs
_TERMINAL = frozenset(_LAYOUT_CHARS["terminal"])
_TITLE_BREAKER = _LAYOUT_CHARS["title_breaker"]
_EDGE_SPACE = "".join(chr(int(c[2:], 16)) for c in _LAYOUT_CHARS["edge_space"].split())
_CJK_SPACE = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")
#: A title is a short line: the first this many lines are looked at, each at most this long.
_TITLE_LINES = 12
_TITLE_CHARS = 80
#: Bylines (上海市市长 龚 正) are short; appendix markers are looked for in a paragraph's start.
_BYLINE_CHARS = 30
_APPENDIX_WINDOW = 200


@dataclass
class Paragraph:
    """A paragraph of the cleaned text and its offset in :attr:`Report.text`."""

    text: str
    start: int = 0


@dataclass
class _Growing:
    """A paragraph being joined from lines, with what the joining rules ask of it kept up to date."""

    parts: list[str]
    #: its first line opens with a heading's numbering (一、 （一） 一是 —— 1.)
    numbered: bool
    #: the first line is a dash lead-in (——…), a heading only once a sentence mark follows
    dash: bool
    #: it holds a mark that ends a heading's words (。！？；)
    has_heading_end: bool
    #: it holds a sentence mark (。！), which makes a dash lead-in a heading
    has_dash_sentence: bool
    length: int = 0
    #: the paragraph's start, as far as appendix markers and bylines can reach
    head: str = ""

    @classmethod
    def start(cls, line: str) -> "_Growing":
        f = fold(line)
        numbered = bool(PART_HEADING.match(f) or PAREN_HEADING.match(f) or SHI_HEADING.match(f)
                        or DIGIT_HEADING.match(f))
        g = cls([], numbered, bool(DASH_HEADING.match(f)), False, False)
        g.add(line, f)
        return g

    def add(self, line: str, folded: str) -> None:
        self.parts.append(line)
        self.length += len(line)
        if len(self.head) < _APPENDIX_WINDOW:
            self.head = (self.head + line)[:_APPENDIX_WINDOW]
        self.has_heading_end = self.has_heading_end or bool(HEADING_END.search(folded))
        self.has_dash_sentence = self.has_dash_sentence or bool(DASH_SENTENCE.search(folded))

    @property
    def is_heading(self) -> bool:
        return self.numbered or (self.dash and self.has_dash_sentence)

    @property
    def last(self) -> str:
        return self.parts[-1][-1]


def _read_metadata(line: str, meta: dict[str, str]) -> bool:
    """Read ``信息来源:… 发布日期:…`` style lines into ``meta``; True if the line was one."""
    f = fold(line)
    fields = _METADATA_FIELDS.pairs
    patterns = _METADATA_LINE.named_patterns
    first = patterns["line"].match(f)
    if not first or first.group(1) not in fields:
        return False
    labels = "|".join(sorted(map(re.escape, fields), key=len, reverse=True))
    for m in re.finditer(f"({labels})" + patterns["value"].pattern, f):
        kind, value = fields[m.group(1)], m.group(2).strip()
        if value and kind != "other":
            meta.setdefault(kind, value)
    return True


def _title_index(lines: list[str]) -> int | None:
    marks = _TITLE_WORDS.words
    for i, line in enumerate(lines[:_TITLE_LINES]):
        if len(line) <= _TITLE_CHARS and _TITLE_BREAKER not in line and any(w in line for w in marks) \
                and not is_heading(line):
            return i
    return None


def clean(text: str, meta: dict[str, str]) -> tuple[str, list[Paragraph]]:
    """Drop furniture, read metadata lines into ``meta``, join broken paragraphs.

    Returns the title line (or "") and the body paragraphs in order.
    """
    furniture = _FURNITURE.patterns
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip().strip(_EDGE_SPACE).strip()
        if not line or _read_metadata(line, meta) or any(p.search(line) for p in furniture):
            continue
        lines.append(line)
    title = ""
    ti = _title_index(lines)
    if ti is not None:
        # lines before the title without sentence punctuation are breadcrumbs
        kept = [ln for ln in lines[:ti] if _TITLE_BREAKER in ln]
        title = lines[ti]
        lines, ti = kept + lines[ti + 1:], len(kept)
        # a repeated title line right after it adds nothing
        while lines and ti < len(lines) and lines[ti] in title:
            lines.pop(ti)
    growing: list[_Growing] = []
    for line in lines:
        if growing and _continues(growing[-1], line):
            growing[-1].add(line, fold(line))
        else:
            growing.append(_Growing.start(line))
    return title, [Paragraph("".join(g.parts)) for g in growing]


def _continues(previous: _Growing, line: str) -> bool:
    """Is ``line`` the rest of a paragraph that a stray line break cut?"""
    if previous.last in _TERMINAL or is_heading(line):
        return False
    if previous.is_heading and not previous.has_heading_end:
        return False
    head = previous.head
    if any(p.search(head) or p.search(line) for p in _APPENDIX.patterns):
        return False
    # a short line with spaced characters is a byline (上海市市长 龚 正), never a continuation
    byline = (previous.length < _BYLINE_CHARS and _CJK_SPACE.search(head)) \
        or (len(line) < _BYLINE_CHARS and _CJK_SPACE.search(line))
    return not byline
