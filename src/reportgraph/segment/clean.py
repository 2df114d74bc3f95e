"""From a report's raw text to its title and body paragraphs.

Web pages and archives leave furniture in copied text (breadcrumbs, toolbars,
share bars, photo captions); pages state the source and date on metadata
lines; PDFs and careless copies break paragraphs across lines, and copies of
web pages run them together on one line. This module cuts long lines where
paragraphs and headings start (:mod:`.inline`), drops the furniture, reads the
metadata and joins what a stray break cut, in one pass over the lines: no line
costs more than its own length, however long the paragraph it joins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.segment.headings import (
    DASH_HEADING, DASH_SENTENCE, HEADING_END, PART_HEADING, is_bare_part_heading, is_heading, opens_numbered_section,
)
from reportgraph.segment.inline import HEAD_CHARS, openers, split_line
from reportgraph.segment.meta import title_without_lead
from reportgraph.text import fold

_FURNITURE = datafile("segment/furniture.txt")
_METADATA_FIELDS = datafile("segment/metadata_fields.tsv")
_METADATA_LINE = datafile("segment/metadata_line.tsv")
_TITLE_WORDS = datafile("segment/title_words.txt")
_APPENDIX = datafile("segment/appendix_markers.txt")
_LAYOUT = datafile("segment/layout.tsv")
_TAIL = datafile("segment/page_tail.txt")
_CAPTION = datafile("segment/captions.txt")
_PAGE_HEAD = datafile("segment/page_head.tsv").named_patterns
_FIELDS = _METADATA_FIELDS.pairs
_METADATA_PATTERNS = _METADATA_LINE.named_patterns
_LABELS = regexcache.compile("({})".format("|".join(sorted(map(re.escape, _FIELDS), key=len, reverse=True)))
                     + _METADATA_LINE.pairs["value"])


def _any_of(sources: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern that finds what any of the patterns ``sources`` finds: a single scan of a long line
    (and one compilation, not one per pattern as well)."""
    return regexcache.compile("|".join(f"(?:{source})" for source in sources))


class _AnyOf:
    """Does any of the patterns ``sources`` find something in a line? Two scans, not one: the patterns that open
    with ``^`` together, which the engine tries at the line's start only, then the few others. One alternation
    of both kinds tries every pattern at every position of a long line (forty times slower on reports' lines)."""

    def __init__(self, sources: tuple[str, ...]) -> None:
        at_start = tuple(source for source in sources if source.startswith("^"))
        anywhere = tuple(source for source in sources if not source.startswith("^"))
        self._patterns = [_any_of(group) for group in (at_start, anywhere) if group]

    def search(self, line: str) -> bool:
        return any(pattern.search(line) for pattern in self._patterns)


_FURNITURE_ANY = _AnyOf(_FURNITURE.lines)
_CAPTION_ANY = _any_of(_CAPTION.lines)
_TAIL_ANY = _any_of(_TAIL.lines)
_APPENDIX_ANY = _any_of(_APPENDIX.lines)

_LAYOUT_CHARS = _LAYOUT.pairs
_TERMINAL = frozenset(_LAYOUT_CHARS["terminal"])
_TITLE_BREAKER = _LAYOUT_CHARS["title_breaker"]
_EDGE_SPACE = "".join(chr(int(c[2:], 16)) for c in _LAYOUT_CHARS["edge_space"].split())
_CJK_SPACE = regexcache.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")
_YEAR = regexcache.compile(r"\d{4}")
#: A title is a short line: the first this many lines are looked at, each at most this long.
_TITLE_LINES = 12
_TITLE_CHARS = 80
#: Bylines (上海市市长 龚 正) are short; appendix markers are looked for in a paragraph's start.
_BYLINE_CHARS = 30
_APPENDIX_WINDOW = 200
#: A value on the line after its label (来源：/某某日报) is short.
_VALUE_CHARS = 40


@dataclass
class Paragraph:
    """A paragraph of the cleaned text and its offset in :attr:`Report.text`."""

    text: str
    start: int = 0
    #: the text folded to one width (:func:`reportgraph.text.fold`), which every rule reads
    folded: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if len(self.folded) != len(self.text):
            self.folded = fold(self.text)


@dataclass
class _Line:
    """A line of the text as the page would have broken it, and its folded form."""

    text: str
    folded: str
    #: it lies in the text's head (furniture, title, dateline, byline)
    head: bool = False


@dataclass
class _Growing:
    """A paragraph being joined from lines, with what the joining rules ask of it kept up to date."""

    parts: list[_Line]
    #: its first line opens with a heading's numbering (一、 （一） 一是 —— 1.) or is a part's heading
    numbered: bool
    #: the first line is a dash lead-in (——…), a heading only once a sentence mark follows
    dash: bool
    #: it holds a mark that ends a heading's words (。！？；)
    has_heading_end: bool = False
    #: it holds a sentence mark (。！), which makes a dash lead-in a heading
    has_dash_sentence: bool = False
    length: int = 0
    #: the paragraph's start, as far as appendix markers and bylines can reach, and folded
    head: str = ""
    head_folded: str = ""
    #: it is a speech's dateline (——2026年1月25日在…会议上), or an appendix's title, which
    #: nothing after continues
    closed: bool = False

    @classmethod
    def start(cls, line: _Line) -> "_Growing":
        f = line.folded
        numbered = bool(PART_HEADING.match(f) or is_bare_part_heading(f) or opens_numbered_section(f))
        g = cls([], numbered, bool(DASH_HEADING.match(f)))
        g.add(line)
        return g

    def add(self, line: _Line) -> None:
        self.parts.append(line)
        self.length += len(line.text)
        if len(self.head) < _APPENDIX_WINDOW:
            self.head = (self.head + line.text[:_APPENDIX_WINDOW])[:_APPENDIX_WINDOW]
            self.head_folded = (self.head_folded + line.folded[:_APPENDIX_WINDOW])[:_APPENDIX_WINDOW]
        self.has_heading_end = self.has_heading_end or bool(HEADING_END.search(line.folded))
        self.has_dash_sentence = self.has_dash_sentence or bool(DASH_SENTENCE.search(line.folded))
        self.closed = self.closed or (
            self.length < _APPENDIX_WINDOW and bool(_PAGE_HEAD["dateline"].fullmatch(self.head_folded)))

    @property
    def is_heading(self) -> bool:
        return self.numbered or (self.dash and self.has_dash_sentence)

    @property
    def last(self) -> str:
        return self.parts[-1].text[-1]

    def paragraph(self) -> Paragraph:
        return Paragraph("".join(p.text for p in self.parts), folded="".join(p.folded for p in self.parts))


def clean(text: str, meta: dict[str, str]) -> tuple[str, list[Paragraph]]:
    """Drop furniture, read metadata lines into ``meta``, join broken paragraphs.

    Returns the title line (or "") and the body paragraphs in order.
    """
    lines = _lines(text, meta)
    title = ""
    ti = _title_index([ln.text for ln in lines[:_TITLE_LINES]])
    if ti is not None:
        # lines before the title without sentence punctuation are breadcrumbs
        kept = [ln for ln in lines[:ti] if _TITLE_BREAKER in ln.text]
        title = title_without_lead(lines[ti].text, meta)
        lines, ti = kept + lines[ti + 1:], len(kept)
        # a repeated title line right after it adds nothing (政府工作报告, 栏目名称某某政府工作报告),
        # nor does a line of the head that repeats the title or an earlier line (a page shows both twice)
        while lines and ti < len(lines) and (lines[ti].text in title or lines[ti].text.endswith(title)):
            lines.pop(ti)
        lines = _without_repeats(lines, title)
    growing: list[_Growing] = []
    for line in lines:
        if growing and _continues(growing[-1], line):
            growing[-1].add(line)
        else:
            growing.append(_Growing.start(line))
            # the line after an appendix's marker (附件1) is its title, a line of its own
            growing[-1].closed = len(growing) > 1 and bool(_APPENDIX_ANY.fullmatch(growing[-2].head))
    return title, [g.paragraph() for g in growing]


def _without_repeats(lines: list[_Line], title: str) -> list[_Line]:
    """``lines`` without the head's lines that repeat the title or an earlier head line."""
    seen: set[str] = set()
    kept: list[_Line] = []
    for line in lines:
        if line.head:
            if line.text.endswith(title) or line.text in seen:
                continue
            seen.add(line.text)
        kept.append(line)
    return kept


def _lines(text: str, meta: dict[str, str]) -> list[_Line]:
    """The text's lines, long ones cut where they run paragraphs together, without furniture.

    Metadata lines are read into ``meta`` and dropped; a label alone on its line
    (来源：) takes the next line as its value. After the page's closing
    furniture (相关报道：) nothing is the report's.
    """
    head_end = _head_end(text)
    lines: list[_Line] = []
    offset = 0
    awaiting: str | None = None  # the field of a label that stood alone on its line
    crumb = False  # the previous line separated breadcrumbs (首页 > 栏目)
    sentences = False  # the report has had a sentence
    for raw in text.splitlines():
        head = max(0, min(len(raw), head_end - offset))
        offset += len(raw) + 1
        for piece, folded, in_head in split_line(raw, head):
            line = piece.strip(_EDGE_SPACE).strip()
            if not line:
                continue
            if len(line) != len(piece):
                folded = fold(line)
            if awaiting is not None:
                kind, awaiting = awaiting, None
                if _is_value(line, folded):
                    if kind != "other":
                        meta.setdefault(kind, line)
                    continue
            if in_head and crumb and not _YEAR.search(folded):
                crumb = False  # the next piece is a breadcrumb only after another separator
                continue  # a breadcrumb, unless a title ran into it (栏目2026年某某政府工作报告)
            crumb = in_head and bool(_PAGE_HEAD["breadcrumb"].fullmatch(folded))
            label = _read_metadata(line, folded, meta)
            if label is not None:
                awaiting = label or None
                continue
            if sentences and _TAIL_ANY.match(line):
                return lines
            if _FURNITURE_ANY.search(line) or in_head and _head_furniture(line, folded, meta):
                continue
            sentences = sentences or _TITLE_BREAKER in line
            lines.append(_Line(line, folded, in_head))
    return lines


def _head_end(text: str) -> int:
    """Where the head of the text (furniture, title, dateline, byline, salutation) ends at the latest."""
    folded = fold(text[:HEAD_CHARS])
    end = len(folded)
    for m in openers(folded):
        if _PAGE_HEAD["head_end"].match(m.group("open")):
            end = m.start("open")
            break
    salutation = _PAGE_HEAD["salutation"].search(folded, 0, end)
    return salutation.end() if salutation else end


def _head_furniture(line: str, folded: str, meta: dict[str, str]) -> bool:
    """Is ``line`` of the page's head and not of the report: a photo caption, a spaced title, a time?"""
    if _PAGE_HEAD["datetime"].fullmatch(folded):
        meta.setdefault("date", line)
        return True
    # one character alone is a spaced title's (政 府 工 作 报 告) or a font-size box's (大 中 小)
    return len(line) == 1 or bool(_PAGE_HEAD["spaced_title"].fullmatch(folded) or _CAPTION_ANY.search(folded))


def _is_value(line: str, folded: str) -> bool:
    """Can ``line`` be the value of a label that stood alone on the line before it?"""
    return len(line) <= _VALUE_CHARS and _TITLE_BREAKER not in line and not _METADATA_PATTERNS["line"].match(folded)


def _read_metadata(line: str, folded: str, meta: dict[str, str]) -> str | None:
    """Read ``信息来源:… 发布日期:…`` style lines into ``meta``.

    Returns None if the line is not one; else the field of a label that
    stands alone, waiting for its value on the next line, or "".
    """
    first = _METADATA_PATTERNS["line"].match(folded)
    if not first or first.group(1) not in _FIELDS:
        return None
    if first.end() == len(folded.rstrip()):
        return _FIELDS[first.group(1)]
    for m in _LABELS.finditer(folded):
        kind, value = _FIELDS[m.group(1)], line[m.start(2):m.end(2)].strip()
        if value and kind != "other":
            meta.setdefault(kind, value)
    return ""


def _title_index(lines: list[str]) -> int | None:
    marks = _TITLE_WORDS.words
    for i, line in enumerate(lines):
        if len(line) <= _TITLE_CHARS and _TITLE_BREAKER not in line and any(w in line for w in marks) \
                and not is_heading(line):
            return i
    return None


def _continues(previous: _Growing, line: _Line) -> bool:
    """Is ``line`` the rest of a paragraph that a stray line break cut?"""
    if previous.last in _TERMINAL or previous.closed or is_heading(line.text, line.folded):
        return False
    if previous.is_heading and not previous.has_heading_end:
        return False
    head = previous.head
    if _APPENDIX_ANY.search(head) or _APPENDIX_ANY.search(line.text):
        return False
    # a short line with spaced characters is a byline (上海市市长 龚 正), never a continuation
    byline = (previous.length < _BYLINE_CHARS and _CJK_SPACE.search(head)) \
        or (len(line.text) < _BYLINE_CHARS and _CJK_SPACE.search(line.text))
    return not byline
