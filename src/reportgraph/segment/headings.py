"""The shapes headings take: ``一、`` parts, ``（一）`` ``一是`` ``——`` ``1.`` sections.

Every style this genre uses is recognised with half-width and full-width
punctuation alike, because the patterns (``data/segment/headings.tsv``) are
matched against folded text.
"""
from __future__ import annotations

import re
from functools import lru_cache

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.text import chinese_to_int, fold

_HEADINGS = datafile("segment/headings.tsv")
_PATTERNS = _HEADINGS.named_patterns
_PART_KEYWORDS = datafile("segment/part_keywords.tsv")
_GLUED = datafile("segment/glued_headings.tsv").pairs
_GLUED_OPENERS = regexcache.compile("|".join(sorted(map(re.escape, _GLUED["openers"].split()), key=len, reverse=True)))
_MIN_HEADING, _GLUED_CHARS = int(_GLUED["min_heading"]), int(_GLUED["glued"])
_FIGURE = regexcache.compile(_GLUED["figure"])
_CLAUSE_MARK = regexcache.compile(_GLUED["clause_mark"])

PART_HEADING: re.Pattern[str] = _PATTERNS["part_heading"]
PAREN_HEADING: re.Pattern[str] = _PATTERNS["paren_heading"]
SHI_HEADING: re.Pattern[str] = _PATTERNS["shi_heading"]
DASH_HEADING: re.Pattern[str] = _PATTERNS["dash_heading"]
DIGIT_HEADING: re.Pattern[str] = _PATTERNS["digit_heading"]
#: Sections numbered (1) ① 第一， where a part has no (一) 一是 1. of its own.
PAREN_DIGIT_HEADING: re.Pattern[str] = _PATTERNS["paren_digit_heading"]
CIRCLED_HEADING: re.Pattern[str] = _PATTERNS["circled_heading"]
ORDINAL_HEADING: re.Pattern[str] = _PATTERNS["ordinal_heading"]
#: A chapter (第一部分): where a text has them, they are its parts and 一、 numbers sections.
CHAPTER_HEADING: re.Pattern[str] = _PATTERNS["chapter_heading"]
NUMERAL_HEADING: re.Pattern[str] = _PATTERNS["numeral_heading"]
#: A review's paragraphs that open with the year they speak of (这一年，我们…): sections in order.
LEAD_HEADING: re.Pattern[str] = _PATTERNS["lead_heading"]
#: A review's paragraphs that open with two short phrases (加强科技创新，驱动能源转型。): sections in order.
PAIR_HEADING: re.Pattern[str] = _PATTERNS["pair_heading"]
#: A five years' review after a part's last (一) section (这五年，… ——这五年，… 五年来，…): sections in order.
REVIEW_LEAD: re.Pattern[str] = _PATTERNS["review_lead"]
#: Section heading styles, in the order a part's numbering style is looked for.
SECTION_STYLES: tuple[re.Pattern[str], ...] = (PAREN_HEADING, SHI_HEADING, DASH_HEADING, DIGIT_HEADING, LEAD_HEADING,
                                               PAREN_DIGIT_HEADING, CIRCLED_HEADING, ORDINAL_HEADING, PAIR_HEADING)
#: A sentence mark that makes a dash lead-in a heading (——经济增长快速稳健。).
DASH_SENTENCE: re.Pattern[str] = _PATTERNS["dash_sentence"]
HEADING_END: re.Pattern[str] = _PATTERNS["heading_end"]
_LABEL_END = _PATTERNS["label_end"]
_PART_JOINER = _PATTERNS["part_joiner"]
_PERIOD_MARK = _PATTERNS["period_mark"]
_BARE_PART_BREAKS = _PATTERNS["bare_part_breaks"]
_LIST_ITEM_END = _PATTERNS["list_item_end"]
#: Styles that number the items of a list as well as sections (1.…；2.…；).
_ITEM_STYLES = (DIGIT_HEADING, PAREN_DIGIT_HEADING, CIRCLED_HEADING)


def is_heading(line: str, folded: str | None = None) -> bool:
    """Does ``line`` (``folded``, if given, is its folded form) open a part or a numbered section?"""
    f = fold(line) if folded is None else folded
    # a dash lead-in is a heading only as a sentence (——经济增长快速稳健。), not as a
    # speech's dateline (——2026年1月26日在…会议上), which a line break may cut
    dash = DASH_HEADING.match(f) and DASH_SENTENCE.search(f)
    return bool(PART_HEADING.match(f) or dash or opens_numbered_section(f))


def opens_numbered_section(folded: str) -> bool:
    """Does ``folded`` open with a section's numbering ((一) 一是 1. (1) ① 第一， 这一年，), a dash
    lead-in aside (that is a heading only as a sentence: :func:`is_heading`)?"""
    return any(style.match(folded) for style in SECTION_STYLES if style is not DASH_HEADING)


def numbers_section(style: re.Pattern[str], folded: str) -> bool:
    """Does the paragraph ``folded`` open a section numbered in ``style``? Not a list's item that
    ends with a semicolon (1.粮食播种面积稳定在45万亩以上；2.…): a heading never does."""
    return bool(style.match(folded)) and not (style in _ITEM_STYLES and _LIST_ITEM_END.search(folded))


def section_number(style: re.Pattern[str], m: re.Match[str]) -> int | None:
    """The number a section heading of ``style`` gives (（三） 3, ③ 3, 第三， 3, 12. 12), or None."""
    if style is DIGIT_HEADING or style is PAREN_DIGIT_HEADING:
        return int(m.group(1))
    if style is CIRCLED_HEADING:
        return ord(m.group(1)) - _FIRST_CIRCLED + 1
    return chinese_to_int(m.group(1))


#: The code point of ①, the first circled number.
_FIRST_CIRCLED = 0x2460


def is_bare_part_heading(folded: str) -> bool:
    """Is ``folded`` a part's heading without numbering (2020年工作回顾, “十五五”时期主要目标任务)?

    Such a line is short, has no clause marks, starts with the period it
    covers and ends with the words that name a part.
    """
    if len(folded) > _BARE_PART_CHARS or _BARE_PART_BREAKS.search(folded) or not _PERIOD_MARK.match(folded):
        return False
    return part_phrase_end(folded) == len(folded)


#: An unnumbered part heading is at most this long.
_BARE_PART_CHARS = 30


def heading_words(body: str) -> str:
    """The heading of a numbered paragraph: its first sentence, without the end mark (or, where the line
    break after it was lost, its words before the sentence glued to it)."""
    folded = fold(body)
    m = HEADING_END.search(folded)
    end = m.start() if m else len(body)
    return body[:glued_heading_end(folded[:end])].strip(HEADING_EDGES)


def glued_heading_end(first: str) -> int:
    """Where a heading ends in ``first``, a numbered paragraph's folded first sentence: before the sentence of
    figures glued to it (产业发展势头良好全年新签约项目12个: after 良好), else at its end."""
    if len(first) <= _GLUED_CHARS or _GLUED_OPENERS.match(first):
        return len(first)  # short, or a sentence of figures itself (实现城镇新增就业18万人以上): no heading glued
    for m in _GLUED_OPENERS.finditer(first, _MIN_HEADING):
        if _CLAUSE_MARK.search(first, 0, m.start()) or _FIGURE.search(first, 0, m.start()):
            break  # a heading holds no clause mark and no figure
        if _FIGURE.search(first, m.start()):
            return m.start()
    return len(first)


#: What a heading's words are trimmed of: spaces and colons of either width.
HEADING_EDGES: str = " " + fold(":") + ":"


def short_label(heading: str) -> str:
    """A work area's short label: the heading's first clause."""
    first = _LABEL_END.split(heading, maxsplit=1)[0].strip()
    return first or heading


def part_phrase_end(words: str) -> int | None:
    """Where the words that name parts end in a heading's words, if they hold any.

    ``上半年工作总结2024年以来…`` ends after 总结; words joined by 和/及/与
    run on (``存在的问题和下一步打算``), and overlapping ones merge
    (``主要工作完成情况``).
    """
    return phrase_end(words, _part_words())


def phrase_end(words: str, vocabulary: tuple[str, ...], touching: bool = True) -> int | None:
    """Where a run of ``vocabulary`` words, overlapping or joined by 和/及/与, ends in ``words``.

    With ``touching``, words that follow each other run on too (目标任务);
    a title's do not (某某政府工作报告政府工作报告 repeats it). ``words`` is a
    bounded window (a heading's, a title's).
    """
    end: int | None = None
    for m in _vocabulary_pattern(vocabulary).finditer(words):
        start, stop = m.start(), m.start() + len(m.group(1))
        if end is None or start < end or (touching and start == end) or _PART_JOINER.match(words[end:start]):
            end = stop if end is None else max(end, stop)
        else:
            break
    return end


@lru_cache(maxsize=None)
def _vocabulary_pattern(vocabulary: tuple[str, ...]) -> re.Pattern[str]:
    """Every place a word of ``vocabulary`` starts, the longest word there: overlapping ones too."""
    return regexcache.compile("(?=({}))".format("|".join(sorted(map(re.escape, vocabulary), key=len, reverse=True))))


@lru_cache(maxsize=1)
def _part_words() -> tuple[str, ...]:
    return tuple(dict.fromkeys(row[1] for row in _PART_KEYWORDS.rows if row[2:] != ("opens",)))
