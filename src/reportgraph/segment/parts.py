"""A report's body as parts (summary, problems, plan …), numbered sections and sentences.

A part opens with a top-level heading (``一、…``, ``第一部分``) whose words say
which part it is (``data/segment/part_keywords.tsv``); inside a part, the
sections are numbered in the first style its paragraphs use. A part's text
before its first numbered heading is its opening, a work area of its own.
"""
from __future__ import annotations

import re

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.model import Report, Section, Sentence
from reportgraph.segment.clean import Paragraph
from reportgraph.segment.headings import (
    CHAPTER_HEADING, DASH_HEADING, HEADING_EDGES, LEAD_HEADING, NUMERAL_HEADING, PAIR_HEADING, PAREN_HEADING,
    PART_HEADING, REVIEW_LEAD, SECTION_STYLES,
    heading_words, is_bare_part_heading, numbers_section, section_number, short_label,
)
from reportgraph.text import SENTENCE_END, chinese_to_int, fold, year_of

_PART_KEYWORDS = datafile("segment/part_keywords.tsv")
_APPENDIX = datafile("segment/appendix_markers.txt")
_APPENDIX_ANY = regexcache.compile("|".join(f"(?:{source})" for source in _APPENDIX.lines))
_TARGET_LISTS = datafile("segment/target_list_headings.txt")
_TITLE_PARTS = datafile("segment/title_parts.tsv")
_PART_LABELS = datafile("segment/part_labels.tsv")
_LAYOUT = datafile("segment/layout.tsv")
_PERIODS_TABLE = datafile("segment/heading_periods.tsv")
_PERIODS = _PERIODS_TABLE.named_patterns
_PLAN_LEADS = datafile("segment/plan_leads.txt")
_PROBLEM_LEADS = datafile("segment/problem_leads.txt")
#: Openings of a paragraph that speaks for a whole part (刚刚过去的2025年，…; 各位代表！…).
_CLOSING_LEADS = datafile("segment/closing_leads.txt")
#: A plan's or the problems' lead-in sentence is looked for in this many last (or, for a plan's lead
#: that opens its list, first) characters of a paragraph.
_PLAN_LEAD_CHARS = 60
#: The mark that ends a plan's lead (…重点抓好以下工作：).
_LEAD_COLON = _LAYOUT.pairs["lead_colon"]
_PERIOD_WORDS = datafile("segment/period_words.tsv").pairs
#: A part heading longer than this is a sentence that happens to start with 一、.
_PART_HEADING_CHARS = 80


def part_of(heading: str, previous: str, in_appendix: bool, periods: tuple[str, str] = ("", "")) -> str:
    """The part a top-level heading opens.

    Problems words win (存在的问题和下一步打算 opens the problems, its plan
    section is split off later); between a summary and a plan word the one the
    heading ends with wins (工作计划完成情况 is a summary). Where the words say
    neither, or a word both use (2026年主要工作), the period the heading names
    decides when it is the report's summary or plan period, and a five-year
    period (“十五五”) the plan year falls in marks a plan. A part that says none
    of it, after a summary, problems or plan of a report that plans something,
    is its plan (四、全面加强政府自身建设).
    """
    if in_appendix:
        return "other"
    kinds = _kinds_named(heading)
    if "problems" in kinds:
        return "problems"
    part, either = _words_decide(heading, kinds)
    if part is None or either:
        by_period = _period_part(heading, periods)
        part = by_period or part
    if part is not None:
        return part
    if previous == "plan" or (periods[1] and previous in ("summary", "problems")):
        return "plan"
    return "other"


def _kinds_named(heading: str) -> dict[str, int]:
    """The parts whose words ``heading`` holds, each with where its last word ends."""
    kinds: dict[str, int] = {}
    for part, word, *_ in _PART_KEYWORDS.rows:
        at = heading.rfind(word)
        if at >= 0:
            kinds[part] = max(kinds.get(part, 0), at + len(word))
    return kinds


def _words_decide(heading: str, kinds: dict[str, int]) -> tuple[str | None, bool]:
    """The part of the word the heading ends with, and whether summaries and plans both use it."""
    if not kinds:
        return None, False
    part = max(kinds, key=kinds.__getitem__)
    end = kinds[part]
    either = any(row[2:] == ("either",) and row[0] == part and heading.rfind(row[1]) + len(row[1]) == end
                 for row in _PART_KEYWORDS.rows)
    return part, either


def _period_part(heading: str, periods: tuple[str, str]) -> str | None:
    """summary or plan, when the heading names the report's summary or plan period."""
    period, plan_period = periods
    named = _period_named(heading)
    if named and period != plan_period and named in periods:
        return "plan" if named == plan_period else "summary"
    return _five_year_part(heading, plan_period)


def refine_periods(report: Report, headings: list[str]) -> None:
    """The report's periods as its part headings name them (2023年工作回顾, 2024年工作安排),
    where the title said another year or nothing (某某镇2024年工作报告)."""
    named: dict[str, str] = {}
    for heading in headings:
        kinds = _kinds_named(heading)
        part, either = _words_decide(heading, kinds)
        period = _period_named(heading)
        if period and part in ("summary", "plan") and not either and "problems" not in kinds:
            named.setdefault(part, period)
    summary, plan = named.get("summary", ""), named.get("plan", "")
    if summary and summary == plan:
        return
    if summary and report.period[:4] != summary[:4]:
        report.period = summary
    if plan and report.plan_period[:4] != plan[:4]:
        report.plan_period = plan


def _period_named(heading: str) -> str:
    """The year (and half) a heading names, as the report's periods are written (2024年上半年), or ""."""
    m = _PERIODS["year"].search(heading)
    year = year_of(m.group(1)) if m else None
    return f"{year}{_PERIOD_WORDS['year']}{m.group(2) or ''}" if m and year else ""


def _five_year_part(heading: str, plan_period: str) -> str | None:
    """Plan for a five-year period the plan year falls in (“十五五”), summary for one before it."""
    plan_year = year_of(plan_period[:4]) if plan_period else None
    marks = [chinese_to_int(m.group(1)) for m in _PERIODS["five_year"].finditer(heading)]
    if not plan_year or not marks or marks[-1] is None:
        return None
    first, ordinal = (int(x) for x in _PERIODS_TABLE.pairs["five_year_epoch"].split("/"))
    start = first + _FIVE_YEARS * (marks[-1] - ordinal)
    if start <= plan_year < start + _FIVE_YEARS:
        return "plan"
    return "summary" if start + _FIVE_YEARS <= plan_year else None


#: A five-year plan is five years long.
_FIVE_YEARS = 5


def sections(report: Report, paragraphs: list[Paragraph]) -> None:
    """Group paragraphs into parts, then into numbered sections, then sentences, on ``report``."""
    groups: list[tuple[str | None, list[Paragraph]]] = [(None, [])]  # (part heading, or None; paragraphs)
    appendix_from: int | None = None
    chapters = any(CHAPTER_HEADING.match(p.folded) for p in paragraphs)
    for p in paragraphs:
        f = p.folded
        if _APPENDIX_ANY.search(p.text):
            appendix_from = len(groups) if appendix_from is None else appendix_from
            groups.append((p.text, [p]))
            continue
        m = PART_HEADING.match(f)
        if m and chapters and not CHAPTER_HEADING.match(f):
            m = None  # in a text of chapters, 一、 numbers sections
        if appendix_from is None and m and len(p.text) <= _PART_HEADING_CHARS:
            groups.append((m.group(3).strip(_PART_HEADING_EDGES), [p]))
        elif appendix_from is None and is_bare_part_heading(f):
            groups.append((p.text, [p]))
        else:
            groups[-1][1].append(p)
    end = len(groups) if appendix_from is None else appendix_from
    refine_periods(report, [h for h, _ in groups[1:end] if h])
    periods = (report.period, report.plan_period)
    parts: list[tuple[str, str, list[Paragraph]]] = [("preamble", "", groups[0][1])]
    for i, (heading, paras) in enumerate(groups[1:], 1):
        in_appendix = appendix_from is not None and i >= appendix_from
        part = _appendix_part(paras, periods) if in_appendix else part_of(heading or "", parts[-1][0], False, periods)
        if part == "other" and not in_appendix and not _kinds_named(heading or ""):
            part = _title_part(report.title) or part  # 一、聚力产业发展 of a 工作要点 is of its plan
        parts.append((part, heading or "", paras))
    if len(parts) == 1:
        parts[0] = (_part_from_title(report.title), "", parts[0][2])
    parts = [piece for part in parts for piece in _plan_after_lead(part)]
    parts = [piece for part in parts for piece in _problems_after_lead(part)]
    for part_no, (part, heading, paras) in enumerate(parts):
        if paras:
            found = _split_part(report, part, part_no, heading, paras, chapters)
            if part != "other" and len(_kinds_named(heading)) > 1:
                _split_combined(found, periods)
            report.sections.extend(found)
    sentence_no = 0
    for sec in report.sections:
        for start, end in _sentence_spans(report.text, sec.start, sec.end, _glued_heading_end(report.text, sec)):
            sec.sentences.append(Sentence(sentence_no, start, end, report.text[start:end], sec.id))
            sentence_no += 1


def _appendix_part(paras: list[Paragraph], periods: tuple[str, str]) -> str:
    """An appendix is of no part, unless its title names the plan's period
    (附件 / 2026年某某民生实事清单, 附件：2026年…): then it lists what the plan will do."""
    # the title stands on the marker's line (附件：2026年…) or on the next
    heads = [_APPENDIX_ANY.sub("", p.folded, count=1).lstrip() for p in paras[:2]]
    title = next((head[:_APPENDIX_TITLE_CHARS] for head in heads if _PERIODS["year"].match(head)), "")
    kinds = _kinds_named(title)
    # a plan's own year (某某局2026年工作计划 / 附件：2026年民生实事) is its period and its plan period both
    plans_own_year = periods[0] == periods[1] != "" and _period_named(title) == periods[1]
    if title and "problems" not in kinds and _words_decide(title, kinds)[0] != "summary" \
            and (_period_part(title, periods) == "plan" or plans_own_year):
        return "plan"
    return "other"


#: An appendix's title (2026年某某民生实事) is read in this many first characters.
_APPENDIX_TITLE_CHARS = 40


def _plan_after_lead(part: tuple[str, str, list[Paragraph]]) -> list[tuple[str, str, list[Paragraph]]]:
    """A part that is not the plan, cut where a paragraph leads into the plan's sections
    (…今年重点抓好以下工作：): the paragraphs after it are a plan part."""
    kind, heading, paras = part
    if kind in ("plan", "problems"):
        return [part]
    for i, p in enumerate(paras):
        tail = p.folded[-_PLAN_LEAD_CHARS:]
        if i < len(paras) - 1 and any(lead.search(tail) for lead in _PLAN_LEADS.patterns):
            return [(kind, heading, paras[:i + 1]), ("plan", "", paras[i + 1:])]
        colon = p.folded.find(_LEAD_COLON, 0, _PLAN_LEAD_CHARS)
        if i > 0 and colon > 0 and any(lead.search(p.folded[:colon + 1]) for lead in _PLAN_LEADS.patterns):
            # 2026年，我镇将重点抓好以下工作：一是…；二是…: the lead opens a paragraph that lists the plan
            return [(kind, heading, paras[:i]), ("plan", "", paras[i:])]
    return [part]


def _problems_after_lead(part: tuple[str, str, list[Paragraph]]) -> list[tuple[str, str, list[Paragraph]]]:
    """A summary cut where a paragraph ends leading into the problems it admits (…还存在一些困难和问题：):
    from that paragraph on, the part is the problems (the plan was cut off already)."""
    kind, heading, paras = part
    if kind != "summary":
        return [part]
    for i, p in enumerate(paras[1:-1], 1):
        if any(lead.search(p.folded[-_PLAN_LEAD_CHARS:]) for lead in _PROBLEM_LEADS.patterns):
            return [(kind, heading, paras[:i]), ("problems", "", paras[i:])]
    return [part]


def _split_combined(found: list[Section], periods: tuple[str, str]) -> None:
    """A part whose heading names two parts (存在的问题和下一步打算) holds both: from the
    numbered section whose heading names the other part (（二）下一步工作打算), it is that part."""
    part = found[0].part
    for sec in found:
        if sec.number is not None:
            named = part_of(sec.heading, part, False, periods) if _kinds_named(sec.heading) else part
            if named in ("summary", "problems", "plan"):
                part = named
        sec.part = part


#: What a part heading's words are trimmed of: spaces and the full stop.
_PART_HEADING_EDGES = " " + _LAYOUT.pairs["full_stop"]


def _title_part(title: str) -> str | None:
    """The one part a title names (a 工作要点 plans, a 工作总结 sums up), or None when it names both or neither:
    what a part heading naming no part (一、聚力产业发展) opens."""
    named = {part for part, word in _TITLE_PARTS.rows if word in title}
    return named.pop() if len(named) == 1 else None


def _part_from_title(title: str) -> str:
    for part, word in _TITLE_PARTS.rows:
        if word in title:
            return part
    return "other"


def _opening_label(part: str) -> str:
    labels = _PART_LABELS.pairs
    return labels.get(part, labels["*"])


def _split_part(report: Report, part: str, part_no: int, heading: str,
                paras: list[Paragraph], chapters: bool = False) -> list[Section]:
    """Sections of one part: by the numbering styles its paragraphs use, in turn (一、 in a chapter)."""
    folded = [p.folded for p in paras]
    runs = [(0, NUMERAL_HEADING)] if chapters and any(NUMERAL_HEADING.match(f) for f in folded[1:]) \
        else _numbering_styles(folded, review=part == "summary")
    if part == "problems":
        runs = [run for run in runs if run[1] is PAREN_HEADING]
    pid = f"{part_no}{part[0]}"
    found: list[Section] = []
    part_label = short_label(heading) if heading else _opening_label(part)
    opening = Section(f"{pid}-0", part, None, heading or part_label, part_label,
                      paras[0].start, paras[0].start)
    headings: list[tuple[int, re.Pattern[str], re.Match[str]]] = []
    style: re.Pattern[str] | None = None
    for i, f in enumerate(folded):
        if runs and runs[0][0] == i:
            style = runs.pop(0)[1]
        m = style.match(f) if style and numbers_section(style, f) else None
        if style and m:
            headings.append((i, style, m))
    closing = _closing_paragraphs(folded, headings)
    current, closed = opening, 0
    heads = iter(headings)
    following = next(heads, None)
    for i, p in enumerate(paras):
        if following is not None and following[0] == i:
            _, style, m = following
            following = next(heads, None)
            if style in (DASH_HEADING, LEAD_HEADING, PAIR_HEADING, REVIEW_LEAD):
                number = len(found) - closed + 1  # ——…。, 这一年，… and 某某，某某。 lead-ins are numbered by their order
            else:
                number = section_number(style, m) or len(found) - closed + 1
            body = m.group(m.lastindex or 0)
            head = heading_words(p.text[len(p.text) - len(body):])
            current = Section(f"{pid}-{len(found) + 1}", part, number, head, short_label(head),
                              p.start, p.start)
            found.append(current)
        elif i in closing:
            # 刚刚过去的2025年，… after the last section of a run: the part's own words, not that section's
            current = Section(f"{pid}-{len(found) + 1}", part, None, opening.heading, opening.label, p.start, p.start)
            found.append(current)
            closed += 1
        current.end = p.start + len(p.text)
    if opening.end > opening.start or not found:
        opening.end = max(opening.end, opening.start)
        if part == "plan":
            _name_opening(report, opening)
        found.insert(0, opening)
    return found


def _closing_paragraphs(folded: list[str], headings: list[tuple[int, re.Pattern[str], re.Match[str]]]) -> set[int]:
    """The paragraphs that speak for the whole part after the last section of a numbering run
    (刚刚过去的2025年，…, 各位代表！“十四五”以来…, 一年来，… after 五是): no more that section's body.
    Inside a run (a section's later paragraphs) such an opening stays the section's."""
    out = set()
    for k, (at, style, _) in enumerate(headings):
        after = headings[k + 1] if k + 1 < len(headings) else None
        if after is not None and after[1] is style:
            continue  # the run goes on: what lies between is this section's
        stop = after[0] if after is not None else len(folded)
        out.update(i for i in range(at + 1, stop) if folded[i].startswith(_CLOSING_LEADS.words))
    return out


def _numbering_styles(folded: list[str], review: bool = False) -> list[tuple[int, re.Pattern[str]]]:
    """The styles a part numbers its sections in, each with the paragraph it starts at.

    （一） wherever it appears, alone: what other numbering it holds is inside
    its sections. Else the style that numbers two paragraphs or more (这一年，
    one or more) and comes first; a later style whose every paragraph follows
    the last of the one before takes over (这一年，… three highlights, then
    一是…八是 the year's work). Either way a review of the five years (这五年，…
    五年来，…, two or more) before the first section, after the last or between two styles' runs is
    sections of its own, not the part's opening nor the inside of the last; in a
    ``review`` (a summary part), so are ——lead-ins after the last section
    (——经济综合实力实现新跃升。: the five years after the year's （一）…（六）).
    """
    hits: dict[re.Pattern[str], list[int]] = {}
    for i, f in enumerate(folded):
        for pattern in SECTION_STYLES:
            if numbers_section(pattern, f):
                hits.setdefault(pattern, []).append(i)
    runs: list[tuple[int, re.Pattern[str]]] = []
    #: (after, before): the paragraphs between one style's last section and the next style's first
    gaps: list[tuple[int, int]] = []
    if PAREN_HEADING in hits:
        runs, first, last = [(hits[PAREN_HEADING][0], PAREN_HEADING)], hits[PAREN_HEADING][0], hits[PAREN_HEADING][-1]
    else:
        # two styles may number the same paragraphs: the one SECTION_STYLES lists first is looked for first
        eligible = sorted((at[0], at[-1], SECTION_STYLES.index(p), p) for p, at in hits.items()
                          if len(at) >= (1 if p is LEAD_HEADING else 2))
        first, last = (eligible[0][0] if eligible else len(folded)), -1
        for start, end, _, pattern in eligible:
            if start > last:
                if runs:
                    gaps.append((last, start))
                runs.append((start, pattern))
                last = end
    leads = [i for i, f in enumerate(folded) if REVIEW_LEAD.match(f)]
    before = [i for i in leads if i < first]
    if len(before) >= 2:
        runs.insert(0, (before[0], REVIEW_LEAD))
    if not runs:
        return runs
    dashes = [i for i in hits.get(DASH_HEADING, []) if i > last and not REVIEW_LEAD.match(folded[i])] \
        if review and runs[-1][1] is not DASH_HEADING else []  # ——这五年，… is a review's lead: its words name it
    if len(dashes) >= 2:
        runs.append((dashes[0], DASH_HEADING))
        last = dashes[-1]
    after = [i for i in leads if i > last]
    if len(after) >= 2:
        runs.append((after[0], REVIEW_LEAD))
    for gap_start, gap_end in gaps:  # ——…五年 sections, 五年来，… leads, then 某某，某某。 the year's: sections in turn
        between = [i for i in leads if gap_start < i < gap_end]
        if len(between) >= 2:
            runs.append((between[0], REVIEW_LEAD))
    return sorted(runs, key=lambda run: run[0])


def _name_opening(report: Report, opening: Section) -> None:
    """A plan part's opening that lists the main targets becomes that work area."""
    body = report.text[opening.start:opening.end]
    for phrase in _TARGET_LISTS.words:
        if phrase in body:
            opening.label = phrase
            opening.heading = f"{opening.heading}·{phrase}" if opening.heading != phrase else phrase
            return


def _glued_heading_end(text: str, sec: Section) -> int | None:
    """Where a numbered section's heading ends when the sentence after it is glued to it (the line break
    between them lost: 一、产业发展势头良好全年新签约项目12个), so that the heading is a sentence of its own."""
    if sec.number is None or not sec.heading:
        return None
    at = text.find(sec.heading, sec.start, sec.end)
    end = at + len(sec.heading)
    return end if at >= 0 and end < sec.end and not SENTENCE_END.match(text, end) \
        and not text[end].isspace() and fold(text[end]) not in HEADING_EDGES else None


def _sentence_spans(text: str, start: int, end: int, heading_end: int | None = None) -> list[tuple[int, int]]:
    spans = []
    pos = start
    if heading_end is not None:
        spans.append(_trim(text, start, heading_end))
        pos = heading_end
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
