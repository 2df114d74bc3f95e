"""Where one line of text holds many paragraphs: reports copied from web pages as one long line.

Crawls and careless copies turn a report's line breaks into spaces, or drop
them; the paragraphs are still there, and the genre says where. A heading
opens after a sentence end, a colon or a space (``…如下：一、工作开展情况（一）抓党建…``);
a heading's words end at a space, at the first item of the next numbering,
or after the words that name a part (``一、上半年工作总结2024年以来…``); the
head of a page runs its furniture, metadata, title, dateline and byline
together. :func:`split_line` cuts a line at these places and gives back the
lines the report would have had, so that the rest of the segmentation sees
the same lines whether the breaks were kept, spaced or removed.

Every rule is a regular expression scanned once over the line, or over a
bounded window after a heading's numbering: a line costs its own length.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import chain

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.opening import with_opening_lookahead
from reportgraph.segment.headings import is_bare_part_heading, part_phrase_end, phrase_end
from reportgraph.text import QUOTE_CLOSERS, QUOTE_OPENERS, chinese_to_int, fold

_INLINE_TABLE = datafile("segment/inline.tsv")
_INLINE = _INLINE_TABLE.named_patterns
#: The sources of the patterns that are only spliced into larger ones (not compiled on their own).
_INLINE_SOURCES = _INLINE_TABLE.pairs
_HEAD = datafile("segment/page_head.tsv")
_METADATA_FIELDS = datafile("segment/metadata_fields.tsv")
_TITLE_WORDS = datafile("segment/title_words.txt")
_META_SOURCES = datafile("segment/metadata_line.tsv").pairs

#: How far after a heading's numbering its words are looked for an end.
_HEADING_WINDOW = 80
#: A title is looked for in this many first characters of a head's piece.
_TITLE_WINDOW = 80
#: The head of a text — furniture, title, dateline, byline — lies within this many characters.
HEAD_CHARS = 600

#: A heading's numbering where a paragraph starts inline: after a sentence end, a colon or a space. This and the
#: other patterns scanned over every line that open with alternatives, not a literal, are looked ahead for
#: (:mod:`reportgraph.opening`).
_OPENER_CUT = with_opening_lookahead(
    regexcache.compile(f"(?:{_INLINE_SOURCES['opener_after']})(?P<open>{_INLINE_SOURCES['opener']})"))
_OPENER_AT_START = regexcache.compile(f"(?P<open>{_INLINE_SOURCES['opener']})")
_TERMINAL_SPACE = _INLINE["terminal_space"]
#: The page's closing furniture run into the report's last line.
_TAIL = with_opening_lookahead(_INLINE["tail"])
_PART_OPEN = _INLINE["part_open"]
_SECTION_OPEN = _INLINE["section_open"]
_SECTION_OTHER = _INLINE["section_other"]
_INNER_PART = _INLINE["inner_part"]
_INNER_SECTION = _INLINE["inner_section"]
_APPENDIX_TITLE = _INLINE["appendix_title"]
_SHI_OPEN = _INLINE["shi_open"]
_PART_NUMERAL = _INLINE["part_numeral"]
_BARE_START = with_opening_lookahead(
    regexcache.compile(f"(?:{_INLINE_SOURCES['bare_after']})(?P<bare>{_INLINE_SOURCES['bare_start']})"))
_BARE_AT_START = regexcache.compile(f"(?P<bare>{_INLINE_SOURCES['bare_start']})")
_BARE_STOP = _INLINE["bare_stop"]
#: What follows an unnumbered part heading when line breaks were removed: the part's first
#: sentence, opening with a heading's numbering or with the period it speaks of.
_BARE_NEXT = regexcache.compile(f"{_INLINE_SOURCES['opener']}|{_INLINE_SOURCES['bare_next']}")
#: An unnumbered part heading is looked for in this many characters.
_BARE_WINDOW = 32
_ITEM_END = _INLINE["item_end"]
_LIST_MARKS = _INLINE_SOURCES["list_mark"]
_SENTENCE_MARKS = _INLINE_SOURCES["sentence_marks"]
_SHI_NEXT = regexcache.compile(r"\s*" + _SHI_OPEN.pattern)
#: How far an item's first sentence end is looked for.
_ITEM_WINDOW = 200
_SPACE = regexcache.compile(r"\s+")
#: Whitespace next to a Chinese character or mark: a line break a copy turned into a space.
_CJK_ADJACENT_SPACE = with_opening_lookahead(_INLINE["cjk_space"])
_CLAUSE_MARK = _INLINE["clause_mark"]
_RUNS_ON = _INLINE["part_runs_on"]
#: A quotation this short is a name or a slogan, whose spaces stay.
_QUOTE_CHARS = 40
_SHORT_QUOTE = regexcache.compile("[{0}][^{0}{1}]{{0,{2}}}[{1}]".format(
    re.escape("".join(c for c in QUOTE_OPENERS if c not in QUOTE_CLOSERS)),
    re.escape("".join(c for c in QUOTE_CLOSERS if c not in QUOTE_OPENERS)), _QUOTE_CHARS))


def _head_pattern() -> re.Pattern[str]:
    """One scan for every kind of head token, each a named group; labelled metadata among them."""
    patterns = _HEAD.pairs
    labels = "|".join(sorted(map(re.escape, _METADATA_FIELDS.pairs), key=len, reverse=True))
    meta = _META_SOURCES["inline_field"].replace("LABELS", labels)
    kinds = [("dateline", patterns["dateline"]), ("meta", meta)]
    kinds += [(name, patterns[name]) for name in
              ("toolbar", "breadcrumb", "spaced_title", "credit", "byline", "datetime", "salutation")]
    return regexcache.compile("|".join(f"(?P<{name}>{p})" for name, p in kinds))


_HEAD_TOKENS = _head_pattern()
#: Furniture words a page may leave anywhere (its font-size box, 触碰右侧展开 at its foot).
_TOOLBAR = with_opening_lookahead(_HEAD.named_patterns["toolbar"])  # it opens with optional words and classes
#: Head tokens that keep their inner spaces (a name set as 龚 正, a time after a date).
_KEEP_SPACES = frozenset({"meta", "toolbar", "spaced_title", "credit", "byline", "datetime"})


def openers(folded: str, end: int | None = None) -> Iterator[re.Match[str]]:
    """Every heading's numbering that opens a paragraph inline in ``folded`` (group "open"),
    the line's own start included, up to ``end``."""
    stop = len(folded) if end is None else end
    first = _OPENER_AT_START.match(folded, 0, stop)
    if first:
        yield first
    yield from _OPENER_CUT.finditer(folded, 0, stop)


def split_line(line: str, head: int = 0) -> list[tuple[str, str, bool]]:
    """The paragraphs, headings and head lines ``line`` runs together, each stripped, with its
    folded form and whether it starts in the text's head.

    ``head`` is how many of the line's first characters lie in the text's head,
    where furniture, metadata, a title, a dateline and a byline are looked for.
    """
    folded = fold(line)
    cuts: set[int] = set()
    kept: list[tuple[int, int]] = []  # head tokens whose inner spaces stay
    if head:
        for m in _HEAD_TOKENS.finditer(folded, 0, head):
            cuts.update((m.start(), m.end()))
            if m.lastgroup in _KEEP_SPACES:
                kept.append((m.start(), m.end()))
        for m in _INLINE["head_space"].finditer(folded, 0, head):
            if not _inside(kept, m.start()):
                cuts.add(m.end())
    for m in _TOOLBAR.finditer(folded, head):
        cuts.update((m.start(), m.end()))
    for m in openers(folded):
        at = m.start("open")
        if not _inside(kept, at) and not _list_item(folded, at) and not _numeral_list(folded, at):
            cuts.add(m.start("open"))
    for m in _TERMINAL_SPACE.finditer(folded):
        if not _inside(kept, m.start(1)):
            cuts.add(m.end())
    for m in _TAIL.finditer(folded):
        cuts.add(m.start(m.lastgroup or 0))
    bare_first = _BARE_AT_START.match(folded)
    for m in chain([bare_first] if bare_first else [], _BARE_START.finditer(folded)):
        end = _bare_heading_end(folded, m.start("bare"))
        if end is not None:
            cuts.update((m.start("bare"), end))
    pieces: list[tuple[str, str, bool]] = []
    for start, end in _spans(sorted(cuts), len(line)):
        piece, fpiece = line[start:end], folded[start:end]
        keep, in_head = _inside(kept, start), start < head
        title = _title_end(fpiece) if in_head and not keep else None
        if title is not None:
            pieces.append((piece[:title].strip(), fpiece[:title].strip(), in_head))
            piece, fpiece = piece[title:], fpiece[title:]
        for sub, fsub in _heading_pieces(piece, fpiece):
            joined = sub if keep else _join_spaces(sub)
            if joined is not sub:
                fsub = fold(joined)
            if joined.strip():
                pieces.append((joined.strip(), fsub.strip(), in_head))
    return pieces


def _list_item(folded: str, at: int) -> bool:
    """Is the 一是 at ``at`` an item of a list (…：一是A；二是B；三是C。四是D。), not a lead-in?

    Lead-in paragraphs (一是扩大有效需求。新建…) hold more than their first
    sentence; a list's items end in a semicolon, or are one sentence each.
    """
    if not _SHI_OPEN.match(folded, at):
        return False
    end = _ITEM_END.search(folded, at, at + _ITEM_WINDOW)
    if end and (end.group() in _LIST_MARKS or _SHI_NEXT.match(folded, end.end())):
        return True
    before = at
    while before > 0 and folded[before - 1].isspace():
        before -= 1
    if before == 0:
        return False
    if folded[before - 1] in _LIST_MARKS:
        return True
    lo = max(0, before - _ITEM_WINDOW)
    sentence = max(folded.rfind(mark, lo, before - 1) for mark in _SENTENCE_MARKS) + 1 or lo
    while sentence < before and folded[sentence].isspace():
        sentence += 1
    return bool(_SHI_OPEN.match(folded, sentence, before))


def _bare_heading_end(folded: str, at: int) -> int | None:
    """Where an unnumbered part heading starting at ``at`` ends (2020年工作回顾2020年是…), if one does."""
    window = folded[at:at + _BARE_WINDOW]
    stop = _BARE_STOP.search(window)
    words = window[:stop.start()] if stop else window
    end = part_phrase_end(words)
    if end is None or not is_bare_part_heading(words[:end]):
        return None
    rest = folded[at + end:at + end + 1]
    if rest and not (rest.isspace() or _BARE_NEXT.match(folded, at + end)):
        return None  # the part's words run on in a sentence (2024年工作总结如下：…)
    return at + end


def _numeral_list(folded: str, at: int) -> bool:
    """Is the 一、 at ``at`` the start of a list of numerals (一、二级医院), not a heading?"""
    m = _PART_NUMERAL.match(folded, at)
    if not m:
        return False
    after = chinese_to_int(folded[m.end():m.end() + 1])
    return after is not None and after == (chinese_to_int(m.group(1)) or 0) + 1


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    """Is ``at`` inside one of ``spans`` (sorted, not overlapping) or at its start?"""
    i = bisect_right(spans, (at, _NO_END)) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


#: Larger than any offset: sorts a probe after every span that starts at the same place.
_NO_END = 1 << 62


def _spans(cuts: list[int], length: int) -> Iterable[tuple[int, int]]:
    start = 0
    for cut in cuts:
        if 0 < cut < length and cut > start:
            yield start, cut
            start = cut
    yield start, length


def _title_end(folded: str) -> int | None:
    """Where a title that runs into what follows ends (某某镇2020年工作计划2019年，我镇…)."""
    if _SECTION_OPEN.match(folded) or _PART_OPEN.match(folded) or _SECTION_OTHER.match(folded):
        return None
    window = folded[:_TITLE_WINDOW]
    stop = _INLINE["title_stop"].search(window)
    end = phrase_end(window[:stop.start()] if stop else window, _TITLE_WORDS.words, touching=False)
    if end is None or end >= len(folded) or _INLINE["title_continues"].match(folded, end):
        return None
    if folded[end:stop.start() if stop else len(window)] in _TITLE_WORDS.word_set:
        return None  # 计划总结: a column's name of two title words, no title running into a sentence
    return end


def _heading_pieces(piece: str, folded: str) -> Iterable[tuple[str, str]]:
    """A piece that opens with a heading's numbering, cut where the heading's words end."""
    start = 0
    while True:
        cut = _heading_end(folded, start)
        if cut is None:
            yield piece[start:], folded[start:]
            return
        yield piece[start:cut], folded[start:cut]
        start = cut
        while start < len(folded) and folded[start].isspace():
            start += 1


def _heading_end(folded: str, at: int) -> int | None:
    """Where the words of the heading ``folded`` opens with at ``at`` end, if more than the heading follows."""
    m = _PART_OPEN.match(folded, at)
    inner = _INNER_PART
    if not m:
        m = _SECTION_OPEN.match(folded, at) or _SECTION_OTHER.match(folded, at)
        inner = _INNER_SECTION
    if not m:
        m = _APPENDIX_TITLE.match(folded, at)  # 附件1《某某清单》: the marker is a line of its own
        if m:
            return m.end() if m.end() < len(folded) else None
        end = _bare_heading_end(folded, at)
        return end if end is not None and end < len(folded) else None
    start = m.end()
    window = folded[start:start + _HEADING_WINDOW]
    words = window[:_first_stop(window)]
    ends: list[int] = []
    item = inner.search(words, 1)
    if item:
        ends.append(item.start())
    space = _SPACE.search(words, 1)
    if space:
        ends.append(space.start())  # a line break made a space: the heading ends there
    elif inner is _INNER_PART:
        phrase = part_phrase_end(words)
        if phrase is not None and phrase < len(words) and not _RUNS_ON.match(words, phrase):
            clause = _CLAUSE_MARK.search(window, phrase)
            # a sentence runs on after the part's words (总结2024年以来，…), not a predicate (成效显著，…)
            if clause and clause.start() - phrase > _PREDICATE_CHARS:
                ends.append(phrase)
    return start + min(ends) if ends else None


#: A part's words followed by this few characters and a clause mark end a sentence (一、工作成效显著，…).
_PREDICATE_CHARS = 2


def _first_stop(window: str) -> int:
    """The first mark that ends a heading's words (。！？；：) in ``window``, or its length."""
    m = _INLINE["heading_stop"].search(window)
    return m.start() if m else len(window)


def _join_spaces(text: str) -> str:
    """``text`` without the spaces a copy left next to Chinese characters, except inside a short
    quotation (“好客山东 好品山东”), whose spaces are the text's own."""
    if not _SPACE.search(text):
        return text
    out: list[str] = []
    pos = 0
    for m in _SHORT_QUOTE.finditer(text):
        if _SPACE.search(text, m.start(), m.end()):
            out.append(_CJK_ADJACENT_SPACE.sub("", text[pos:m.start()]))
            out.append(m.group())
            pos = m.end()
    out.append(_CJK_ADJACENT_SPACE.sub("", text[pos:]))
    return "".join(out)
