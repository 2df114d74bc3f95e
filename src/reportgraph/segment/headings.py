"""The shapes headings take: ``一、`` parts, ``（一）`` ``一是`` ``——`` ``1.`` sections.

Every style this genre uses is recognised with half-width and full-width
punctuation alike, because the patterns (``data/segment/headings.tsv``) are
matched against folded text.
"""
from __future__ import annotations

import re

from reportgraph.datafiles import datafile
from reportgraph.text import fold

_HEADINGS = datafile("segment/headings.tsv")
_PATTERNS = _HEADINGS.named_patterns

PART_HEADING: re.Pattern[str] = _PATTERNS["part_heading"]
PAREN_HEADING: re.Pattern[str] = _PATTERNS["paren_heading"]
SHI_HEADING: re.Pattern[str] = _PATTERNS["shi_heading"]
DASH_HEADING: re.Pattern[str] = _PATTERNS["dash_heading"]
DIGIT_HEADING: re.Pattern[str] = _PATTERNS["digit_heading"]
#: Section heading styles, in the order a part's numbering style is looked for.
SECTION_STYLES: tuple[re.Pattern[str], ...] = (PAREN_HEADING, SHI_HEADING, DASH_HEADING, DIGIT_HEADING)
#: A sentence mark that makes a dash lead-in a heading (——经济增长快速稳健。).
DASH_SENTENCE: re.Pattern[str] = _PATTERNS["dash_sentence"]
HEADING_END: re.Pattern[str] = _PATTERNS["heading_end"]
_LABEL_END = _PATTERNS["label_end"]


def is_heading(line: str) -> bool:
    """Does ``line`` open a part or a numbered section?"""
    f = fold(line)
    # a dash lead-in is a heading only as a sentence (——经济增长快速稳健。), not as a
    # speech's dateline (——2026年1月26日在…会议上), which a line break may cut
    dash = DASH_HEADING.match(f) and DASH_SENTENCE.search(f)
    return bool(PART_HEADING.match(f) or PAREN_HEADING.match(f) or SHI_HEADING.match(f)
                or dash or DIGIT_HEADING.match(f))


def heading_words(body: str) -> str:
    """The heading of a numbered paragraph: its first sentence, without the end mark."""
    m = HEADING_END.search(fold(body))
    head = body[: m.start()] if m else body
    return head.strip(_HEADING_EDGES)


#: What a heading's words are trimmed of: spaces and colons of either width.
_HEADING_EDGES = " " + fold(":") + ":"


def short_label(heading: str) -> str:
    """A work area's short label: the heading's first clause."""
    first = _LABEL_END.split(heading, maxsplit=1)[0].strip()
    return first or heading
